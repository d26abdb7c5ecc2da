import { join } from 'node:path';
import { createPubSub } from 'graphql-yoga';
import type { Logger } from '../monitoring/logger.ts';
import { createMetrics } from '../monitoring/metrics.ts';
import type { Services } from '../resolvers/context.ts';
import { createPullWorker } from '../resolvers/pull-worker.ts';
import { createShardSearchBatcher } from '../resolvers/shard-search-batcher.ts';
import { createHashingEmbedder } from '../resolvers/text-embedder.ts';
import { AuditRepo } from '../storage/audit-repo.ts';
import { HotIndexer } from '../storage/hot-indexer.ts';
import { hotSearchBatch } from '../storage/hot-search.ts';
import { Migrator } from '../storage/migrator.ts';
import { createLocalObjectStore, createS3ObjectStore } from '../storage/object-store.ts';
import { openStorage } from '../storage/storage.ts';
import { createS3UploadSource } from '../storage/upload-source.ts';
import type { Config } from './config.ts';

export type ServiceOptions = { clock?: () => Date; version: string };

/** Opens every store and builds the long-lived services; `close` stops them in order. */
export async function createServices(
  config: Config,
  logger: Logger,
  opts: ServiceOptions,
): Promise<Services> {
  const metrics = createMetrics({ defaultMetrics: config.metricsEnabled });
  const clock = opts.clock ?? (() => new Date());
  const objects = config.s3
    ? createS3ObjectStore({ ...config.s3, cacheDir: config.coldCachePath, cacheBytes: config.coldCacheBytes })
    : createLocalObjectStore(config.coldPath);
  const storage = await openStorage({
    hotPath: config.hotPath,
    warmPath: config.warmPath,
    metaPath: config.metaPath,
    shards: config.shards,
    dimension: config.dimension,
    checkpointThreshold: config.checkpointThreshold,
    memoryLimit: config.duckdbMemoryLimit,
    threads: config.duckdbThreads,
    objects,
    logger,
  });
  const events: Services['events'] = createPubSub();
  // The migrator is built before the indexer; aging tells the indexer through this.
  const indexerRef: { current: HotIndexer | null } = { current: null };
  const migrator = await Migrator.open({
    storage,
    hotDays: config.hotTierDays,
    warmDays: config.warmTierDays,
    clock,
    logger,
    tmpDir: join(config.metaPath, 'tmp'),
    failpoint: config.failpoint,
    stepPauseMs: config.migrationStepPauseMs,
    hooks: {
      onMoved: (move, rows) => {
        const [source_tier = '', target_tier = ''] = move.split('_to_');
        metrics.migrationRecords.inc({ source_tier, target_tier, status: 'moved' }, rows);
      },
      ...(config.ann.enabled
        ? {
            onHotRowsDeleted: (shard: number, seqs: number[]) =>
              void indexerRef.current?.indexFor(shard)?.remove(seqs),
          }
        : {}),
      onJobEnd: (job, seconds) => metrics.migrationDuration.observe({ status: job.status }, seconds),
      onEvent: (event) => events.publish('migration', event),
    },
  });
  const audit = await AuditRepo.open(config.metaPath);
  for (const s of [...storage.hot.shards, ...storage.warm.shards]) metrics.shardUp.set({ shard: s.name }, 1);
  const indexer = config.ann.enabled
    ? await HotIndexer.open(storage.hot.shards, { dimensions: config.dimension, ...config.ann }, logger)
    : null;
  indexer?.start({ batch: 4096, saveEveryMs: 60_000 });
  indexerRef.current = indexer;
  const timeoutMs = config.queryTimeoutMs;
  const annOptions = {
    exactThreshold: config.ann.exactThreshold,
    oversample: config.ann.oversample,
    timeoutMs,
  };
  const services: Services = {
    limits: {
      dimension: config.dimension,
      maxBatchSize: config.maxBatchSize,
      maxResults: config.maxResults,
      queryTimeoutMs: config.queryTimeoutMs,
    },
    uploads: config.uploads,
    storage,
    migrator,
    clock,
    audit,
    events,
    batchers: {
      hot: createShardSearchBatcher(
        storage.hot,
        metrics,
        (shard, queries) =>
          hotSearchBatch(shard, indexer?.indexFor(shard.index) ?? null, queries, annOptions),
        { maxBatchSize: config.searchBatchMax },
      ),
      warm: createShardSearchBatcher(storage.warm, metrics, async (shard, queries) =>
        (await shard.searchBatch(queries, timeoutMs)).map((hits) => ({ hits, strategy: 'exact' as const })),
      ),
    },
    embedder: createHashingEmbedder(config.dimension),
    metrics,
    logger,
    startedAt: new Date(),
    version: opts.version,
    puller: null,
    indexer,
  };
  if (config.pull.bucket) {
    services.puller = createPullWorker(
      services,
      createS3UploadSource({ bucket: config.pull.bucket, ...config.s3Connection }),
      storage.uploads,
      {
        maxConcurrent: config.pull.maxConcurrent,
        timeoutMs: config.pull.timeoutMs,
        maxObjectBytes: config.uploads.maxUploadBytes,
      },
    );
  }
  return services;
}

/** Refreshes the gauges that are read from the stores, before a scrape. */
export async function refreshGauges(services: Services): Promise<void> {
  const { storage, metrics } = services;
  const [hotBytes, warmBytes, cold, hotRows, warmRows] = await Promise.all([
    storage.hot.sizeBytes(),
    storage.warm.sizeBytes(),
    storage.cold.stats(),
    storage.hot.count(),
    storage.warm.count(),
  ]);
  metrics.hotStoreSize.set(hotBytes);
  metrics.warmStoreSize.set(warmBytes);
  metrics.coldStoreSize.set(cold.bytes);
  metrics.hotStoreRows.set(hotRows);
  metrics.tierMemories.set({ tier: 'hot' }, hotRows);
  metrics.tierMemories.set({ tier: 'warm' }, warmRows);
  metrics.tierMemories.set({ tier: 'cold' }, cold.rows);
  if (services.indexer) {
    const indexes = services.indexer.indexes;
    const lags = await Promise.all(indexes.map(async (i) => (await i.shard.maxSeq()) - i.indexedSeq));
    metrics.indexSize.set(indexes.reduce((n, i) => n + i.size, 0));
    metrics.indexLag.set(lags.reduce((a, b) => a + b, 0));
  }
}

export async function closeServices(services: Services): Promise<void> {
  await services.puller?.stop();
  await services.indexer?.stop();
  await services.migrator.idle();
  await services.migrator.close();
  await Promise.all([services.storage.close(), services.audit.close()]);
}
