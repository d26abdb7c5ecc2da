import type { Logger } from '../monitoring/logger.ts';
import { createMetrics, type Metrics } from '../monitoring/metrics.ts';
import { createAdmission } from '../resolvers/admission.ts';
import { createPullWorker, type PullWorker } from '../resolvers/pull-worker.ts';
import { createShardSearchBatcher } from '../resolvers/shard-search-batcher.ts';
import { createHashingEmbedder, createHttpEmbedder } from '../resolvers/text-embedder.ts';
import { createWorkTracker } from '../resolvers/work.ts';
import type { AuditRepo } from '../storage/audit/audit-repo.ts';
import { createLocalObjectStore, createS3ObjectStore } from '../storage/cold/object-store.ts';
import { type LocalStores, openLocalStores } from '../storage/local-stores.ts';
import type { ShareProgress } from '../storage/migration/progress.ts';
import { createRemoteStores } from '../storage/remote/remote-stores.ts';
import { createS3UploadSource } from '../storage/sources/upload-source.ts';
import type { Config } from './config.ts';
import type { AppDeps } from './context.ts';
import type { CostBudget } from './cost-budget.ts';
import { redisJobProgress } from './redis/job-progress.ts';
import { createShared, type Shared } from './redis/shared.ts';

/** The bucket (or folder) of cold objects and backups. */
export function createObjectStore(config: Config) {
  const { storage } = config;
  return config.s3
    ? createS3ObjectStore({
        ...config.s3,
        cacheDir: storage.coldCachePath,
        cacheBytes: storage.coldCacheBytes,
      })
    : createLocalObjectStore(storage.coldPath);
}

export type Services = {
  app: AppDeps;
  /** Cost budgets, shared through Redis when it is configured. */
  budget: CostBudget;
  /** This process's stores (role all); null in the api role, whose stores are other processes. */
  stores: LocalStores | null;
  /** Where the audit trail is written (this process's metadata, or store 0's). */
  audit: Pick<AuditRepo, 'record'>;
  /** The pull worker, when AKOSHA_PULL_BUCKET is set. */
  puller: PullWorker | null;
  close(): Promise<void>;
};

/**
 * Opens this process's stores (roles all and store) with the hooks the server wants: metrics,
 * cache invalidation when memories move, the forget audit, progress events. A store passes the
 * shards it holds and how its job progress is shared with the other stores.
 */
export async function openStores(
  config: Config,
  logger: Logger,
  deps: { metrics: Metrics; shared: Shared; clock: () => Date },
  share: { owned?: readonly number[]; shareProgress?: ShareProgress } = {},
): Promise<LocalStores> {
  const { metrics, shared, clock } = deps;
  const { events } = shared;
  const stores: LocalStores = await openLocalStores({
    ...config.storage,
    owned: share.owned,
    dimension: config.limits.dimension,
    objects: createObjectStore(config),
    logger,
    queryTimeoutMs: config.limits.queryTimeoutMs,
    ann: config.ann.enabled ? config.ann : null,
    backups: {
      retention: config.backup.retention,
      onDone: (m) => metrics.lastBackup.set(Date.parse(m.createdAt) / 1000),
      onProgress: (job) => events.publish('backup', { ...job, done: undefined }),
    },
    aging: {
      ...config.aging,
      clock,
      shareProgress: share.shareProgress,
      onMoved: (move, rows) => {
        const [source_tier = '', target_tier = ''] = move.split('_to_');
        if (target_tier) metrics.migrationRecords.inc({ source_tier, target_tier, status: 'moved' }, rows);
        // Cached results name tiers and shards: a moved memory changes them.
        void shared.generations.bumpLayout();
      },
      onJobEnd: (job, seconds) => {
        metrics.migrationDuration.observe({ status: job.status }, seconds);
        const forget = job.params.forget;
        // Each deletion is in the audit trail with its counts, whoever (or whichever rule) asked.
        if (forget)
          stores.audit
            .record({
              at: clock(),
              principal: forget.requestedBy,
              operation: `forget job ${job.id}`,
              fields: forget.systemIds,
              outcome: job.status === 'DONE' ? 'ok' : 'error',
              errorCodes: job.status === 'DONE' ? [] : [job.status],
              counts: { planned: job.recordsTotal, deleted: job.recordsDone },
            })
            .catch((err: unknown) => logger.error('audit write failed', { error: String(err) }));
      },
      onEvent: (event) => events.publish('migration', event),
    },
  });
  return stores;
}

/**
 * Wiring only: builds what the use cases get over this process's stores (role all) or over the
 * store processes (role api: AKOSHA_STORE_URLS); `close` stops them in order.
 */
export async function createServices(
  config: Config,
  logger: Logger,
  opts: { clock?: (() => Date) | undefined; version: string },
): Promise<Services> {
  const metrics = createMetrics({ defaultMetrics: config.metricsEnabled });
  // Backups are taken by the all role only (scale-out backups are volume snapshots): no series
  // elsewhere, so BackupStale cannot fire for a backup that no pod can take.
  if (config.role !== 'all') metrics.registry.removeSingleMetric('akosha_last_backup_timestamp_seconds');
  const clock = opts.clock ?? (() => new Date());
  const shared = createShared(config, logger, metrics);
  const local = config.role === 'api' ? null : await openStores(config, logger, { metrics, shared, clock });
  const remote =
    config.role === 'api' && shared.link
      ? createRemoteStores({
          urls: config.cluster.storeUrls,
          token: config.cluster.serviceToken ?? '',
          shards: config.storage.shards,
          timeoutMs: config.cluster.storeTimeoutMs,
          logger,
          clock,
          registerJob: redisJobProgress(shared.link, -1).register,
        })
      : null;
  const stores = local ?? remote;
  if (!stores) throw new Error('the api role needs Redis (AKOSHA_REDIS_HOST)');
  const app: AppDeps = {
    stores,
    events: shared.events,
    batcher: createShardSearchBatcher(stores, metrics, { maxBatchSize: config.limits.searchBatchMax }),
    embedder: config.limits.embedding
      ? createHttpEmbedder({ ...config.limits.embedding, dimension: config.limits.dimension })
      : createHashingEmbedder(config.limits.dimension),
    limits: config.limits,
    uploads: config.uploads,
    audit: stores.audit,
    uploadLedger: stores.uploads,
    work: createWorkTracker(),
    cache: shared.cache,
    generations: shared.generations,
    redisState: shared.redisState,
    admission: createAdmission({
      ...config.admission,
      onQueue: (n) => metrics.ingestionQueue.set({ source: 'admission' }, n),
    }),
    metrics,
    logger,
    clock,
    startedAt: new Date(),
    version: opts.version,
  };
  const puller = config.pull.bucket
    ? createPullWorker(
        app,
        createS3UploadSource({ bucket: config.pull.bucket, ...config.s3Connection }),
        stores.uploads,
        {
          maxConcurrent: config.pull.maxConcurrent,
          timeoutMs: config.pull.timeoutMs,
          maxObjectBytes: config.uploads.maxUploadBytes,
          claim: (key, ms) => shared.claim(`upload:${key}`, ms),
        },
      )
    : null;
  if (local) {
    await local.migrator.resume();
    // The newest backup's time, for akosha_last_backup_timestamp_seconds (best effort: the bucket may be away).
    void local.backups
      .list()
      .then((all) => {
        if (all[0]) metrics.lastBackup.set(all[0].createdAt.getTime() / 1000);
      })
      .catch((err: unknown) => logger.warning('backups could not be listed', { error: String(err) }));
  }
  return {
    app,
    budget: shared.budget,
    stores: local,
    audit: stores.audit,
    puller,
    async close() {
      await app.work.stop();
      await puller?.stop();
      await stores.close();
      await shared.stop();
    },
  };
}
