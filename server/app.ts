import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { createLogger, type Logger, yogaLogging } from '../monitoring/logger.ts';
import { holderProblems, probeStores, refreshGauges } from '../resolvers/operations.ts';
import type { Principal } from '../resolvers/principal.ts';
import { createResponseBudget } from '../resolvers/response-budget.ts';
import { scopeOf } from '../resolvers/scope.ts';
import { schema } from '../schema/index.ts';
import type { LocalStores } from '../storage/local-stores.ts';
import { shardPartTier } from '../storage/port.ts';
import { bearerToken, createVerifier, tokenFromConnectionParams, type Verifier } from './auth.ts';
import type { Config } from './config.ts';
import type { AppDeps, Context } from './context.ts';
import type { RunGraphQL } from './push-tools.ts';
import { startSchedules } from './schedules.ts';
import { createServices, type Services } from './services.ts';
import type { StoreNode } from './store-node.ts';
import { useApq } from './use-apq.ts';
import { useAudit } from './use-audit.ts';
import { useCostLimits } from './use-cost-limits.ts';
import { useDashboard } from './use-dashboard.ts';
import { createMaskError } from './use-error-codes.ts';
import { useExport } from './use-export.ts';
import { useMcp } from './use-mcp.ts';
import { useOpsEndpoints } from './use-ops-endpoints.ts';
import { usePushCompat } from './use-push-compat.ts';
import {
  boundedParserCache,
  useBodyLimits,
  useNoIntrospection,
  useQuerySizeLimit,
} from './use-request-limits.ts';
import { useTokenExpiry } from './use-token-expiry.ts';
import { useWarnings } from './use-warnings.ts';
import { attachGraphqlWs } from './ws.ts';

export const VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

export type Yoga = YogaServerInstance<Record<string, unknown>, Context>;

export type Akosha = {
  yoga: Yoga;
  /** What the use cases get. */
  app: AppDeps;
  /** This process's stores, for operators and tests (index, aging runner); an error in the api role. */
  readonly stores: LocalStores;
  puller: Services['puller'];
  verifier: Verifier;
  /** Whether an HTTP server listens for this app (set by listen); /ready says 503 until then. */
  setListening(listening: boolean): void;
  close(): Promise<void>;
};

/** Opens the stores and builds the GraphQL server; does not listen (tests call yoga.fetch). */
export async function createAkosha(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
  opts: { clock?: () => Date } = {},
): Promise<Akosha> {
  let listening = false;
  let closing = false;
  const services = await createServices(config, logger, { version: VERSION, clock: opts.clock });
  const { app } = services;
  services.puller?.start(config.pull.intervalMs);
  const schedule =
    config.role === 'all'
      ? startSchedules(
          { stores: app.stores, logger },
          {
            aging: config.aging.schedule,
            backup: config.backup.schedule,
            sizeCheck: config.aging.sizeCheckSchedule,
          },
        )
      : { stop() {} };
  const verifier = await createVerifier(config, logger);
  /**
   * Runs one operation as `principal` through the whole envelop (auth, limits, cost, audit): the
   * HTTP push bridge and the MCP endpoint call GraphQL this way.
   */
  const runAs =
    (principal: Principal): RunGraphQL =>
    async (query, variables) => {
      const enveloped = yoga.getEnveloped({ asPrincipal: principal });
      const document = enveloped.parse(String(query));
      const errors = enveloped.validate(enveloped.schema, document);
      if (errors.length > 0) return { errors };
      const result = await enveloped.execute({
        schema: enveloped.schema,
        document,
        variableValues: variables,
        contextValue: await enveloped.contextFactory(),
      });
      return result as { data?: Record<string, unknown> | null; errors?: readonly { message: string }[] };
    };
  const yoga: Yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // yoga's own empty-bodied check moves aside so /health can report the version
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: config.graphiqlEnabled ? { title: 'Akosha' } : false,
    renderGraphiQL,
    maskedErrors: { maskError: createMaskError(logger) },
    logging: yogaLogging(logger),
    batching: { limit: config.requestLimits.batch },
    parserAndValidationCache: boundedParserCache(),
    // server/use-request-limits.ts: a limit per kind of request instead of yoga's one 25 MB limit
    maxRequestBodySize: false,
    context: async (initial) => {
      // Set only by runAs (server code: push bridge, MCP); HTTP requests cannot put keys here.
      const push = (initial as { asPrincipal?: Principal }).asPrincipal;
      const budget = createResponseBudget(config.requestLimits.maxResponseBytes);
      if (push)
        return {
          app,
          auth: { principal: push, problem: null, expiresAt: null },
          warnings: [],
          budget,
          scope: scopeOf(push),
          signal: undefined,
        };
      const params = (initial as { connectionParams?: Record<string, unknown> }).connectionParams;
      const token = params
        ? tokenFromConnectionParams(params)
        : bearerToken(initial.request.headers.get('authorization'));
      const auth = await verifier.verify(token);
      return {
        app,
        auth,
        warnings: [],
        budget,
        scope: scopeOf(auth.principal),
        signal: params ? undefined : initial.request.signal,
      };
    },
    plugins: [
      useApq({ maxQueryBytes: config.requestLimits.maxQueryBytes }) as Plugin<Context>,
      ...abusePlugins(config),
      useDeferStream() as Plugin<Context>,
      useCostLimits({
        maxCost: config.requestLimits.maxCost,
        budget: services.budget,
      }),
      useAudit(services.audit, logger),
      useWarnings(),
      useTokenExpiry(),
      useDashboard(),
      useExport({ app, verifier }),
      usePushCompat({
        tokens: config.pushTokens,
        maxBodyBytes: 4 * 1024 * 1024,
        zoneOf: (systemId) => config.uploads.timeZones[systemId] ?? config.uploads.defaultTimeZone,
        run: runAs,
      }),
      useMcp({
        verifier,
        run: runAs,
        maxBodyBytes: config.requestLimits.maxRequestBytes,
        version: VERSION,
      }),
      useOpsEndpoints({
        ready: async () => {
          if (closing) return { problems: ['shutting down'] };
          if (!listening) return { problems: ['not listening yet'] };
          const parts = await probeStores(app);
          if (config.role !== 'api') return { problems: holderProblems(parts, services.stores) };
          const shards = parts.filter((p) => shardPartTier(p.part) !== null);
          const reachable = shards.filter((p) => p.up).map((p) => p.part);
          return {
            problems: reachable.length === 0 ? ['no store answers: every shard is unreachable'] : [],
            shards: { reachable, unreachable: shards.filter((p) => !p.up).map((p) => p.part) },
          };
        },
        metrics: config.metricsEnabled
          ? {
              registry: app.metrics.registry,
              // An api pod's storage gauges would repeat its stores' (which export their own):
              // it exports only whether each shard answers it, so sums over all pods stay right.
              refresh: () => (config.role === 'api' ? probeStores(app).then(() => {}) : refreshGauges(app)),
              token: config.metricsToken,
            }
          : undefined,
        version: VERSION,
      }),
    ],
  });
  return {
    yoga,
    app,
    get stores(): LocalStores {
      if (!services.stores) throw new Error('an api pod holds no stores (AKOSHA_ROLE=api)');
      return services.stores;
    },
    puller: services.puller,
    verifier,
    setListening(on) {
      listening = on;
    },
    async close() {
      closing = true;
      schedule.stop();
      await services.close();
    },
  };
}

/** Query length, depth, alias, token and directive limits (graphql-armor), optional introspection. */
function abusePlugins(config: Config): Plugin<Context>[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: config.requestLimits.maxDepth },
    maxAliases: { n: config.requestLimits.maxAliases },
    maxTokens: { n: config.requestLimits.maxTokens },
    maxDirectives: { n: config.requestLimits.maxDirectives },
    costLimit: { enabled: false }, // cost is ours (server/cost.ts): one rule set for the limit and the budgets
    blockFieldSuggestion: { enabled: true },
  });
  return [
    useBodyLimits({
      uploadBytes: config.uploads.maxUploadBytes,
      requestBytes: config.requestLimits.maxRequestBytes,
    }) as Plugin<Context>,
    // The length check runs before armor's parser counts tokens.
    useQuerySizeLimit(config.requestLimits.maxQueryBytes) as Plugin<Context>,
    ...(armor.protect().plugins as Plugin<Context>[]),
    // No CSRF preflight check: every field but `health` needs a bearer token, which a browser
    // never attaches on its own (no cookies, no ambient credentials), so a forged cross-site
    // request reaches nothing; the check only broke standard clients' GET queries and gateways.
    ...(config.introspectionEnabled ? [] : [useNoIntrospection() as Plugin<Context>]),
  ];
}

export type Listening = { url: string; server: Server; stop(): Promise<void> };

/** How long an idle kept-alive HTTP connection stays open. */
const KEEP_ALIVE_MS = 65_000;

/** Serves a public app (HTTP and graphql-ws) or a store's internal API (HTTP only). */
export async function listen(akosha: Akosha | StoreNode, host: string, port: number): Promise<Listening> {
  const server = createServer(akosha.yoga);
  // Node closes an idle kept-alive connection after 5 s; a client (an ingress, an api pod asking
  // its stores, a client whose own work paused it) that sends on it in that instant gets "other
  // side closed" for a request the server never saw. Held longer than the usual proxy idle timeout
  // (60 s), and announced (`Keep-Alive: timeout=65`), so clients let go of it first.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  const ws = 'app' in akosha ? attachGraphqlWs(server, akosha.yoga) : null;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  akosha.setListening(true);
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/graphql`,
    server,
    async stop() {
      akosha.setListening(false);
      await ws?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
