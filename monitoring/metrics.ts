import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

// One registry per process (not prom-client's global one), so tests can build several apps.
export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(opts: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'akosha_process_' });
  const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];
  const metrics = {
    registry,
    ingestionRequests: new Counter({
      name: 'akosha_ingestion_requests_total',
      help: 'Ingestion requests by path (mutation, upload, graph) and outcome (ok, error, overloaded)',
      labelNames: ['outcome', 'path'] as const,
      registers: [registry],
    }),
    ingestionRecords: new Counter({
      name: 'akosha_ingestion_records_total',
      help: 'Memories received by ingestion, by outcome (accepted, duplicate, rejected)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    ingestionDuration: new Histogram({
      name: 'akosha_ingestion_duration_seconds',
      help: 'Duration of an ingestion request, waiting for admission included, by path',
      labelNames: ['path'] as const,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    queryRequests: new Counter({
      name: 'akosha_query_requests_total',
      help: 'Search requests by outcome (ok, error, timeout)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    queryDuration: new Histogram({
      name: 'akosha_query_duration_seconds',
      help: 'Duration of a search request',
      buckets: latencyBuckets,
      registers: [registry],
    }),
    queryResults: new Histogram({
      name: 'akosha_query_results',
      help: 'Number of hits returned by a search',
      buckets: [0, 1, 5, 10, 25, 50, 100, 250, 1000],
      registers: [registry],
    }),
    shardScans: new Counter({
      name: 'akosha_shard_scans_total',
      help: 'Scans of a hot or warm shard (label shard: hot-3, warm-3); one scan serves a whole batch of searches',
      labelNames: ['shard'] as const,
      registers: [registry],
    }),
    shardScanQueries: new Counter({
      name: 'akosha_shard_scan_queries_total',
      help: 'Searches answered by shard scans (divide by akosha_shard_scans_total for the batch size)',
      labelNames: ['shard'] as const,
      registers: [registry],
    }),
    hotStoreSize: new Gauge({
      name: 'akosha_hot_store_size_bytes',
      help: 'Bytes on disk of the hot tier (shard files and their write-ahead logs)',
      registers: [registry],
    }),
    hotStoreRows: new Gauge({
      name: 'akosha_hot_store_memories',
      help: 'Memories held in the hot tier',
      registers: [registry],
    }),
    warmStoreSize: new Gauge({
      name: 'akosha_warm_store_size_bytes',
      help: 'Bytes on disk of the warm tier (shard files and their write-ahead logs)',
      registers: [registry],
    }),
    coldStoreSize: new Gauge({
      name: 'akosha_cold_store_size_bytes',
      help: 'Bytes of the cold tier objects in the catalog',
      registers: [registry],
    }),
    tierMemories: new Gauge({
      name: 'akosha_tier_memories',
      help: 'Memories held per tier',
      labelNames: ['tier'] as const,
      registers: [registry],
    }),
    migrationRecords: new Counter({
      name: 'akosha_migration_records_total',
      help: 'Memories moved between tiers',
      labelNames: ['source_tier', 'target_tier', 'status'] as const,
      registers: [registry],
    }),
    migrationDuration: new Histogram({
      name: 'akosha_migration_duration_seconds',
      help: 'Duration of a migration job',
      labelNames: ['status'] as const,
      buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600, 14_400],
      registers: [registry],
    }),
    tierFailures: new Counter({
      name: 'akosha_tier_failures_total',
      help: 'Searches in which a tier failed and a partial result was returned',
      labelNames: ['tier'] as const,
      registers: [registry],
    }),
    ingestionQueue: new Gauge({
      name: 'akosha_ingestion_queue_size',
      help: 'Ingestions waiting: for an admission slot (source="admission"), or dropped uploads the pull worker has not taken yet (source="pull")',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    pullUploads: new Counter({
      name: 'akosha_pull_uploads_total',
      help: 'Dropped uploads handled by the pull worker, by outcome (done, quarantined, retry)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    indexSize: new Gauge({
      name: 'akosha_index_size',
      help: 'Vectors in the approximate indexes of the hot and warm shards',
      registers: [registry],
    }),
    indexLag: new Gauge({
      name: 'akosha_index_lag_rows',
      help: 'Hot and warm rows not yet in every index of their shard: the approximate index (searched exactly meanwhile) and the hot keyword postings (a keyword search adds them first)',
      registers: [registry],
    }),
    shardUp: new Gauge({
      name: 'akosha_shard_up',
      help: '1 when a shard file (or the metadata database, shard="meta") answers a probe',
      labelNames: ['shard'] as const,
      registers: [registry],
    }),
    queryCacheHits: new Counter({
      name: 'akosha_query_cache_hits_total',
      help: 'Searches answered by the in-process cache (l1), the shared Redis cache (l2), or neither (miss)',
      labelNames: ['level'] as const,
      registers: [registry],
    }),
    redisUp: new Gauge({
      name: 'akosha_redis_up',
      help: '1 while Redis (cache, generations, events, budgets) answers; 0 while it is configured but down',
      registers: [registry],
    }),
    lastBackup: new Gauge({
      name: 'akosha_last_backup_timestamp_seconds',
      help: 'When the newest complete backup was taken (Unix seconds); 0 until one exists',
      registers: [registry],
    }),
    backgroundTaskUp: new Gauge({
      name: 'akosha_background_task_up',
      help: '0 while a background task of the stores (index save, index catch-up) is failing; it retries',
      labelNames: ['task'] as const,
      registers: [registry],
    }),
  };
  initialiseSeries(metrics);
  return metrics;
}

/**
 * Every labelled series a dashboard or alert reads exists from the start at 0, so a panel of an
 * outcome that has not happened yet shows 0 instead of "No data" and a rate over it is defined.
 */
function initialiseSeries(m: Metrics): void {
  for (const path of ['mutation', 'upload', 'graph'] as const) {
    m.ingestionDuration.zero({ path });
    for (const outcome of ['ok', 'error', 'overloaded']) m.ingestionRequests.inc({ outcome, path }, 0);
  }
  for (const outcome of ['accepted', 'duplicate', 'rejected']) m.ingestionRecords.inc({ outcome }, 0);
  for (const outcome of ['ok', 'partial', 'error', 'timeout']) m.queryRequests.inc({ outcome }, 0);
  for (const [source_tier, target_tier] of [
    ['hot', 'warm'],
    ['warm', 'cold'],
  ])
    m.migrationRecords.inc({ source_tier, target_tier, status: 'moved' }, 0);
  for (const status of ['DONE', 'FAILED', 'CANCELLED']) m.migrationDuration.zero({ status });
  for (const tier of ['HOT', 'WARM', 'COLD']) m.tierFailures.inc({ tier }, 0);
  for (const tier of ['hot', 'warm', 'cold']) m.tierMemories.set({ tier }, 0);
  for (const source of ['admission', 'pull']) m.ingestionQueue.set({ source }, 0);
  for (const outcome of ['done', 'quarantined', 'retry']) m.pullUploads.inc({ outcome }, 0);
  for (const level of ['l1', 'l2', 'miss']) m.queryCacheHits.inc({ level }, 0);
}
