import type { Logger } from '../monitoring/logger.ts';
import type { Metrics } from '../monitoring/metrics.ts';
import type { HotStore } from '../storage/hot-store.ts';
import type { ShardSearchBatcher } from './shard-search-batcher.ts';
import type { TextEmbedder } from './text-embedder.ts';

/** Long-lived things every use case may need; built once by server/app.ts. */
export type Services = {
  limits: { dimension: number; maxBatchSize: number; maxResults: number; queryTimeoutMs: number };
  hot: HotStore;
  searchBatcher: ShardSearchBatcher;
  embedder: TextEmbedder;
  metrics: Metrics;
  logger: Logger;
  startedAt: Date;
  version: string;
};

/** Per-request GraphQL context. */
export type Context = { services: Services };
