import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type Logger, yogaLogging } from '../monitoring/logger.ts';
import { createMetrics } from '../monitoring/metrics.ts';
import { holderProblems, probeStores, refreshGauges } from '../resolvers/operations.ts';
import { type InternalContext, internalSchema } from '../schema/internal.ts';
import type { LocalStores } from '../storage/local-stores.ts';
import { createExportSessions } from '../storage/remote/export-sessions.ts';
import { shardsOfStore } from '../storage/shards/shard-hash.ts';
import type { Config } from './config.ts';
import { redisJobProgress } from './redis/job-progress.ts';
import { createShared } from './redis/shared.ts';
import { startSchedules } from './schedules.ts';
import { openStores } from './services.ts';
import { sameToken, useOpsEndpoints } from './use-ops-endpoints.ts';

// A store process (AKOSHA_ROLE=store): holds the shards of its ordinal (shard s when s mod
// AKOSHA_STORE_REPLICAS is its ordinal) in every tier — hot and warm files, the approximate index,
// the catalog of its cold objects in the shared bucket — ages them on its own schedules, and
// serves them to api pods at /internal/graphql (schema/internal.ts), to callers that present
// AKOSHA_SERVICE_TOKEN and no one else. /health, /ready and /metrics as every role.

export type StoreNode = {
  yoga: YogaServerInstance<Record<string, unknown>, InternalContext>;
  stores: LocalStores;
  setListening(listening: boolean): void;
  close(): Promise<void>;
};

export async function createStoreNode(
  config: Config,
  logger: Logger,
  opts: { clock?: () => Date; version: string },
): Promise<StoreNode> {
  const metrics = createMetrics({ defaultMetrics: config.metricsEnabled });
  metrics.registry.removeSingleMetric('akosha_last_backup_timestamp_seconds');
  const clock = opts.clock ?? (() => new Date());
  const shared = createShared(config, logger, metrics);
  const { ordinal, replicas, serviceToken } = config.cluster;
  const held = shardsOfStore(ordinal, replicas, config.storage.shards);
  if (held.length === 0)
    throw new Error(
      `store ${ordinal} holds no shard: AKOSHA_STORE_REPLICAS (${replicas}) exceeds AKOSHA_SHARDS`,
    );
  const stores = await openStores(
    config,
    logger,
    { metrics, shared, clock },
    { owned: held, ...(shared.link ? { shareProgress: redisJobProgress(shared.link, ordinal).share } : {}) },
  );
  await stores.migrator.resume();
  // Backups of a scale-out deployment are not built yet: a store takes none on its own.
  const schedule = startSchedules(
    { stores, logger },
    { aging: config.aging.schedule, backup: 'off', sizeCheck: config.aging.sizeCheckSchedule },
  );
  const exports = createExportSessions(stores);
  const info = { ordinal, replicas, shards: config.storage.shards, held, version: opts.version };
  let listening = false;
  let closing = false;
  const yoga = createYoga<Record<string, unknown>, InternalContext>({
    schema: internalSchema,
    graphqlEndpoint: '/internal/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: false,
    // Only api pods call: they see the stores' messages (codes are mapped back in storage/remote).
    maskedErrors: false,
    maxRequestBodySize: 256 * 1024 * 1024,
    logging: yogaLogging(logger),
    context: () => ({ stores, exports, audit: stores.audit, uploads: stores.uploads, info }),
    plugins: [
      useOpsEndpoints({
        ready: async () => {
          if (closing) return { problems: ['shutting down'] };
          if (!listening) return { problems: ['not listening yet'] };
          return { problems: holderProblems(await probeStores({ stores, metrics }), stores) };
        },
        metrics: config.metricsEnabled
          ? {
              registry: metrics.registry,
              refresh: () => refreshGauges({ stores, metrics }),
              token: config.metricsToken,
            }
          : undefined,
        version: opts.version,
      }) as Plugin<InternalContext>,
      useServiceToken(serviceToken ?? ''),
    ],
  });
  logger.info('store serving its shards', { ordinal, replicas, held });
  return {
    yoga,
    stores,
    setListening(on) {
      listening = on;
    },
    async close() {
      closing = true;
      schedule.stop();
      exports.closeAll();
      await stores.close();
      await shared.stop();
    },
  };
}

/** Every request to the internal endpoint must carry the service token; others get 401. */
function useServiceToken(token: string): Plugin<InternalContext> {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/internal/graphql') return;
      if (token && sameToken(request.headers.get('authorization'), token)) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: 'the internal API needs the service token',
                extensions: { code: 'UNAUTHENTICATED' },
              },
            ],
          }),
          { status: 401, headers: { 'content-type': 'application/json' } },
        ),
      );
    },
  };
}
