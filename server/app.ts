import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createLogger, type Logger } from '../monitoring/logger.ts';
import { createMetrics } from '../monitoring/metrics.ts';
import type { Context, Services } from '../resolvers/context.ts';
import { createShardSearchBatcher } from '../resolvers/shard-search-batcher.ts';
import { createHashingEmbedder } from '../resolvers/text-embedder.ts';
import { schema } from '../schema/index.ts';
import { HotStore } from '../storage/hot-store.ts';
import type { Config } from './config.ts';
import { createMaskError } from './use-error-codes.ts';
import { useOpsEndpoints } from './use-ops-endpoints.ts';

export const VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

export type Akosha = {
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  services: Services;
  close(): Promise<void>;
};

/** Opens the stores and builds the GraphQL server; does not listen (tests call yoga.fetch). */
export async function createAkosha(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<Akosha> {
  const metrics = createMetrics({ defaultMetrics: config.metricsEnabled });
  let ready = false;
  const hot = await HotStore.open({
    path: config.hotPath,
    shards: config.shards,
    dimension: config.dimension,
    checkpointThreshold: config.checkpointThreshold,
    memoryLimit: config.duckdbMemoryLimit,
    threads: config.duckdbThreads,
    logger,
  });
  for (const s of hot.shards) metrics.shardUp.set({ shard: String(s.index) }, 1);
  const services: Services = {
    limits: {
      dimension: config.dimension,
      maxBatchSize: config.maxBatchSize,
      maxResults: config.maxResults,
      queryTimeoutMs: config.queryTimeoutMs,
    },
    hot,
    searchBatcher: createShardSearchBatcher(hot, metrics, { timeoutMs: config.queryTimeoutMs }),
    embedder: createHashingEmbedder(config.dimension),
    metrics,
    logger,
    startedAt: new Date(),
    version: VERSION,
  };
  const refresh = async () => {
    metrics.hotStoreSize.set(await hot.sizeBytes());
    const counts = await Promise.all(hot.shards.map((s) => s.count()));
    metrics.hotStoreRows.set(counts.reduce((a, b) => a + b, 0));
  };
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // yoga's own empty-bodied check moves aside so /health can report the version
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: config.graphiqlEnabled ? { title: 'Akosha' } : false,
    renderGraphiQL,
    maskedErrors: { maskError: createMaskError(logger) },
    logging: {
      debug: (...a) => logger.debug(a.map(String).join(' ')),
      info: (...a) => logger.info(a.map(String).join(' ')),
      warn: (...a) => logger.warning(a.map(String).join(' ')),
      error: (...a) => logger.error(a.map(String).join(' ')),
    },
    context: () => ({ services }),
    plugins: [
      useOpsEndpoints({
        ready: () => ready,
        metrics: config.metricsEnabled ? { registry: metrics.registry, refresh } : undefined,
        version: VERSION,
      }),
    ],
  });
  ready = true;
  return {
    yoga,
    services,
    async close() {
      ready = false;
      await hot.close();
    },
  };
}

export type Listening = { url: string; server: Server; stop(): Promise<void> };

export async function listen(akosha: Akosha, host: string, port: number): Promise<Listening> {
  const server = createServer(akosha.yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/graphql`,
    server,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
