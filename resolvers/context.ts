import type { PubSub } from 'graphql-yoga';
import type { Logger } from '../monitoring/logger.ts';
import type { Metrics } from '../monitoring/metrics.ts';
import type { AuditRepo } from '../storage/audit-repo.ts';
import type { HotIndexer } from '../storage/hot-indexer.ts';
import type { ProgressEvent } from '../storage/migration-ledger.ts';
import type { Migrator } from '../storage/migrator.ts';
import type { Storage } from '../storage/storage.ts';
import type { Principal } from './principal.ts';
import type { PullWorker } from './pull-worker.ts';
import type { ShardSearchBatcher } from './shard-search-batcher.ts';
import type { SnapshotLimits } from './snapshots.ts';
import type { TextEmbedder } from './text-embedder.ts';

/** Published after each ingestion, one per system that received memories. */
export type IngestEvent = { systemId: string; accepted: number; duplicates: number; at: Date };

/** Long-lived things every use case may need; built once by server/app.ts. */
export type Services = {
  limits: { dimension: number; maxBatchSize: number; maxResults: number; queryTimeoutMs: number };
  uploads: SnapshotLimits;
  storage: Storage;
  migrator: Migrator;
  /** The pull worker, when AKOSHA_PULL_BUCKET is set. */
  puller: PullWorker | null;
  /** The hot shards' approximate indexes, when AKOSHA_ANN_ENABLED. */
  indexer: HotIndexer | null;
  clock: () => Date;
  events: PubSub<{ ingested: [IngestEvent]; migration: [ProgressEvent] }>;
  audit: AuditRepo;
  batchers: { hot: ShardSearchBatcher; warm: ShardSearchBatcher };
  embedder: TextEmbedder;
  metrics: Metrics;
  logger: Logger;
  startedAt: Date;
  version: string;
};

/** Who is calling: a verified principal, or null with the reason (no token, expired...). */
export type Auth = { principal: Principal | null; problem: string | null; expiresAt: number | null };

/** Per-request GraphQL context. */
export type Context = {
  services: Services;
  auth: Auth;
  /** Errors to report next to the data (a tier that failed while the others answered). */
  warnings: Error[];
};
