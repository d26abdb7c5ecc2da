import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from '../monitoring/logger.ts';
import { AuditRepo } from './audit/audit-repo.ts';
import type { BackupManifest } from './backup/backup.ts';
import { type BackupRunner, createBackupRunner } from './backup/backup-runner.ts';
import { checkRestored } from './backup/restore.ts';
import {
  addColdKeys,
  coldKeysTable,
  findColdKeys,
  markColdKeysFilled,
  openColdKeys,
} from './cold/cold-keys.ts';
import { ColdStore } from './cold/cold-store.ts';
import type { ObjectStore } from './cold/object-store.ts';
import { BackgroundHealth } from './common/background-health.ts';
import { createEngine, sqlString } from './common/engine.ts';
import { LostPartsError, lostParts } from './data-dir.ts';
import { KnowledgeGraphRepo } from './graph/kg-repo.ts';
import { Indexer } from './hot/hot-indexer.ts';
import { indexedSearchBatch, keywordSearch } from './hot/hot-search.ts';
import { SeqHints } from './hot/seq-hints.ts';
import type { IndexConfig } from './hot/vector-index.ts';
import type { StepMove } from './migration/ledger.ts';
import { Migrator } from './migration/migrator.ts';
import type { ShareProgress } from './migration/progress.ts';
import type { RetentionRules } from './migration/retention.ts';
import type { BackupJob, PartHealth, ShardAnswer, ShardPort, ShardTier } from './port.ts';
import { createKeyFilters } from './shards/key-filter.ts';
import { mergedInserts } from './shards/merged-inserts.ts';
import type { Shard } from './shards/shard.ts';
import { shardOf } from './shards/shard-hash.ts';
import { ShardSet } from './shards/shard-set.ts';
import { HOT, WARM } from './shards/tier-layout.ts';
import { UploadLedger } from './sources/upload-ledger.ts';
import { exportAcrossTiers, loadAcrossTiers, systemsAcrossTiers, tierStats } from './tier-reads.ts';
import type { InsertOutcome, Job, MemoryRecord, ProgressEvent, VectorQuery } from './types.ts';
import { verifyStores } from './verify.ts';

export type LocalStoresOptions = {
  hotPath: string;
  warmPath: string;
  metaPath: string;
  shards: number;
  /** The shards this process holds (AKOSHA_ROLE=store: its share); every shard when unset. */
  owned?: readonly number[] | undefined;
  dimension: number;
  checkpointThreshold: string;
  memoryLimit?: string | undefined;
  threads?: number | undefined;
  objects: ObjectStore;
  logger: Logger;
  queryTimeoutMs: number;
  /** Start although parts of the data directory are missing: recreate them empty, rebuild the cold catalog. */
  recover?: boolean | undefined;
  /** The hot and warm shards' approximate indexes; null when AKOSHA_ANN_ENABLED is false. */
  ann:
    | (Omit<IndexConfig, 'dimensions'> & {
        /** The warm indexes' expansions (their graphs are larger: more for the same recall). */
        warmExpansionAdd: number;
        warmExpansionSearch: number;
        exactThreshold: number;
        oversample: number;
        saveEveryMs: number;
        /** Index worker threads (unset: one a core), at most one a shard held. */
        workers?: number | undefined;
      })
    | null;
  backups: {
    retention: number;
    onDone?: (manifest: BackupManifest) => void;
    onProgress?: (job: BackupJob) => void;
  };
  aging: {
    hotDays: number;
    warmDays: number;
    clock: () => Date;
    /** Test aid: `<move>:<point>` makes a job hang there so a test can kill the process. */
    failpoint?: string | undefined;
    stepPauseMs?: number;
    hotStepRows?: number;
    retention?: RetentionRules;
    hotMaxBytes?: number;
    onMoved?(move: StepMove, rows: number): void;
    onJobEnd?(job: Job, seconds: number): void;
    onEvent?(event: ProgressEvent): void;
    shareProgress?: ShareProgress | undefined;
  };
};

/**
 * Every store of one process behind the shard port: hot and warm shard files, the hot index,
 * the cold catalog and objects, aging, and the metadata database (knowledge graph, upload ledger),
 * plus the audit trail. `close` stops them in order.
 */
export type LocalStores = ShardPort & {
  readonly audit: AuditRepo;
  readonly uploads: UploadLedger;
  /** For operators and tests: the background index and the aging job runner of this process. */
  readonly indexer: Indexer | null;
  /** The hot shards' key filters (tests wait for them to be filled). */
  readonly keyFilters: { idle(): Promise<void> };
  readonly migrator: Migrator;
  readonly backupRunner: BackupRunner;
  close(): Promise<void>;
};

export async function openLocalStores(o: LocalStoresOptions): Promise<LocalStores> {
  const metaDir = resolve(o.metaPath);
  const metaFile = join(metaDir, 'akosha.duckdb');
  const lost = await lostParts({ ...o, metaFile });
  if (lost.length > 0 && !o.recover) {
    throw new LostPartsError(
      `the data directory lost ${lost.join(', ')}. Restore them from a backup (node server/main.ts restore), or start once with AKOSHA_RECOVER=true to recreate them empty: memories that were in them are lost, the cold catalog is rebuilt from the objects`,
    );
  }
  if (lost.length > 0) o.logger.warning('recovering: recreating lost parts empty', { lost });
  await mkdir(metaDir, { recursive: true });
  const engine = await createEngine({ ...o, tempDirectory: join(metaDir, 'duckdb-tmp') });
  const setup = await engine.connect();
  await setup.run(`ATTACH IF NOT EXISTS ${sqlString(metaFile)} AS meta`);
  setup.closeSync();
  const common = { shards: o.shards, owned: o.owned, dimension: o.dimension, logger: o.logger };
  const hot = await ShardSet.open(engine, HOT, { ...common, path: o.hotPath });
  const warm = await ShardSet.open(engine, WARM, { ...common, path: o.warmPath });
  const cold = await ColdStore.open(engine, o.objects, o.dimension, (systemId) =>
    hot.holds(shardOf(systemId, o.shards)),
  );
  if (lost.includes(metaFile)) {
    const rebuilt = await cold.rebuildCatalog();
    o.logger.warning('cold catalog rebuilt from the objects', rebuilt);
  }
  const unfilled = new Set(await openColdKeys(warm));
  // Shards whose key directory is not filled yet (cold objects written before it existed) ask
  // the cold objects themselves, as before, until a start finds the objects readable.
  for (const shard of [...unfilled]) {
    try {
      const systems = (await cold.catalogedSystems()).filter((s) => shardOf(s, o.shards) === shard.index);
      await addColdKeys(shard, systems.length > 0 ? await cold.keysOf(systems) : []);
      await markColdKeysFilled(shard);
      unfilled.delete(shard);
    } catch (err) {
      o.logger.warning('cold key directory not filled yet; ingest reads cold objects for this shard', {
        shard: shard.name,
        error: String(err),
      });
    }
  }
  const kg = await KnowledgeGraphRepo.open(engine);
  const uploads = await UploadLedger.open(engine);
  const audit = await AuditRepo.open(o.metaPath);
  o.logger.info('cold store open', { objects: o.objects.name });
  const background = new BackgroundHealth();
  const ann = o.ann;
  const indexer = ann
    ? await Indexer.open(
        [...hot.shards, ...warm.shards],
        (s) => ({
          dimensions: o.dimension,
          connectivity: ann.connectivity,
          expansionAdd: s.layout.tier === 'warm' ? ann.warmExpansionAdd : ann.expansionAdd,
          expansionSearch: s.layout.tier === 'warm' ? ann.warmExpansionSearch : ann.expansionSearch,
          quantization: ann.quantization,
        }),
        o.logger,
        background,
        ann.workers,
      )
    : null;
  const migrator = await Migrator.open({
    engine,
    hot,
    warm,
    cold,
    dimension: o.dimension,
    ...o.aging,
    logger: o.logger,
    tmpDir: join(metaDir, 'tmp'),
    // Aging and forgetting tell the indexes which rows left a shard.
    onRowsDeleted: indexer
      ? (tier, shard, seqs) => void indexer.indexFor(shard, tier)?.remove(seqs)
      : undefined,
  });
  const restored = await checkRestored(engine, o.metaPath, (part) =>
    part === 'meta' ? 'meta' : part.replace('-', '_'),
  ).catch(async (err: unknown) => {
    await indexer?.stop();
    await migrator.close();
    throw err;
  });
  if (restored) o.logger.info('restored data matches its backup', { backup: restored.id });
  const backupRunner = createBackupRunner({
    engine,
    parts: [
      ...[...hot.shards, ...warm.shards].map((s) => ({ name: s.name, catalog: s.catalog })),
      { name: 'meta', catalog: 'meta' },
    ],
    objects: o.objects,
    tmpDir: join(metaDir, 'tmp'),
    shards: o.shards,
    dimension: o.dimension,
    clock: o.aging.clock,
    retention: o.backups.retention,
    logger: o.logger,
    between: (fn) => migrator.between(fn),
    onDone: o.backups.onDone,
    onProgress: o.backups.onProgress,
  });
  indexer?.start({ batch: 4096, saveEveryMs: o.ann?.saveEveryMs ?? 60_000 });
  const probe = await engine.connect();
  const sets = { hot, warm };

  const shardAt = (tier: ShardTier, index: number): Shard => sets[tier].at(index);
  const inserts = new Map<number, (records: readonly MemoryRecord[]) => Promise<InsertOutcome>>();
  /** Each hot shard's insert, concurrent calls merged (storage/shards/merged-inserts.ts). */
  const insertInto = (index: number) => {
    let insert = inserts.get(index);
    if (!insert) {
      const hotShard = shardAt('hot', index);
      const warmShard = shardAt('warm', index);
      insert = mergedInserts((records) =>
        hotShard.insert(
          records,
          // Identity spans tiers: a memory already aged to warm or cold is a duplicate too. Cold
          // identity comes from the warm shard's key directory, not from the cold objects.
          async (rs) => [
            ...(await warm.has(rs)),
            ...(await findColdKeys(warmShard, rs)),
            ...(unfilled.has(warmShard) ? await cold.has(rs) : []),
          ],
          keyFilters.of(index),
        ),
      );
      inserts.set(index, insert);
    }
    return insert;
  };
  const annOptions = o.ann && {
    exactThreshold: o.ann.exactThreshold,
    oversample: o.ann.oversample,
    timeoutMs: o.queryTimeoutMs,
    onIndexFailure: (err: unknown) => {
      o.logger.error('index search failed; answered exactly, rebuilding the index', { error: String(err) });
    },
  };

  const hints = new SeqHints();
  // Each shard's key filter, filled in the background (until then every key is looked up).
  const keyFilters = createKeyFilters(
    engine,
    o.logger,
    hot.shards.map((h) => ({
      index: h.index,
      tables: [h.table, warm.at(h.index).table, coldKeysTable(warm.at(h.index))],
      rows: async () => (await h.count()) + (await warm.at(h.index).count()),
    })),
  );
  const reads = {
    engine,
    hot,
    warm,
    cold,
    unfilled,
    hints,
    memoryAt: (shard: Shard, seq: number) =>
      indexer?.indexFor(shard.index, shard.layout.tier)?.memoryAt(seq) ?? null,
  };
  const check = async (part: string, fn: () => Promise<unknown>): Promise<PartHealth> => {
    try {
      await fn();
      return { part, kind: 'store', up: true, error: null };
    } catch (err) {
      return { part, kind: 'store', up: false, error: err instanceof Error ? err.message : String(err) };
    }
  };

  return {
    shardCount: o.shards,
    shardOf: (systemId) => shardOf(systemId, o.shards),
    shardName: (tier, index) => `${tier}-${index}`,

    async search(tier, index, queries): Promise<ShardAnswer[]> {
      const shard = shardAt(tier, index);
      const vector = queries.filter((q): q is VectorQuery => !q.keyword);
      const searchVectors = async (): Promise<ShardAnswer[]> => {
        if (vector.length === 0) return [];
        if (annOptions) {
          const answers = await indexedSearchBatch(
            shard,
            indexer?.indexFor(index, tier) ?? null,
            vector,
            annOptions,
          );
          return answers;
        }
        const found = await shard.searchBatch(vector, o.queryTimeoutMs);
        return found.map((hits) => ({ hits, strategy: 'exact' }));
      };
      const [vectorAnswers, keywordAnswers] = await Promise.all([
        searchVectors(),
        Promise.all(
          queries.flatMap((q) =>
            q.keyword
              ? [
                  keywordSearch(
                    shard,
                    shard.layout.postings ? (indexer?.indexFor(index, tier) ?? null) : null,
                    q,
                    o.queryTimeoutMs,
                  ),
                ]
              : [],
          ),
        ),
      ]);
      // Hits found with their seq (through an index or the postings) are loaded by it.
      for (const a of [...vectorAnswers, ...keywordAnswers]) hints.remember(shard.name, a.hits);
      // Back in the order asked.
      return queries.map((q) => (q.keyword ? keywordAnswers.shift() : vectorAnswers.shift()) as ShardAnswer);
    },

    coldParts: ['cold'],
    async searchCold(query) {
      return { hits: await cold.search(query), strategy: 'exact' };
    },

    // Async: a shard this process does not hold is a rejection, like every other failure here.
    async insert(index, records) {
      return insertInto(index)(records);
    },

    load: (keys, opts = {}) => loadAcrossTiers(reads, keys, opts.withEmbedding ?? false),
    systems: () => systemsAcrossTiers(reads),
    stats: () => tierStats(reads),

    async indexStats() {
      return indexer ? { size: indexer.size, lagRows: await indexer.lagRows() } : null;
    },

    async health() {
      const stores = await Promise.all([
        ...[...hot.shards, ...warm.shards].map((s) => check(s.name, () => s.probe())),
        check('meta', async () => {
          await stat(metaFile);
          await probe.runAndReadAll('SELECT count(*) FROM meta.main.cold_objects');
        }),
      ]);
      const tasks = background
        .report()
        .map(({ task, error }): PartHealth => ({ part: task, kind: 'task', up: error === null, error }));
      return [...stores, ...tasks];
    },

    migrations: {
      start: (params, opts = {}) => migrator.start(params, opts),
      forget: (filter, opts = {}) => migrator.startForget(filter, opts.id),
      ageIfHotTooLarge: () => migrator.ageIfHotTooLarge(),
      cancel: (id) => migrator.cancel(id),
      job: (id) => migrator.ledger.job(id),
      jobs: (filter) => migrator.ledger.jobs(filter),
      events: (jobId, after) => migrator.ledger.events(jobId, after),
    },
    graph: kg,
    backups: {
      start: () => backupRunner.start(),
      job: (id) => backupRunner.job(id),
      list: () => backupRunner.list(),
    },
    backupRunner,
    exportRows: (systemId, where) => exportAcrossTiers(reads, systemId, where),
    verify: ({ collectOrphans }) =>
      verifyStores({ hot, warm, cold, indexer, ledger: migrator.ledger, collectOrphans }),
    audit,
    uploads,
    indexer,
    keyFilters,
    migrator,

    async close() {
      await backupRunner.idle();
      await keyFilters.stop();
      await indexer?.stop();
      await migrator.idle();
      await migrator.close();
      await Promise.all([hot.close(), warm.close()]);
      cold.close();
      await kg.close();
      await uploads.close();
      await audit.close();
      probe.closeSync();
      const c = await engine.connect();
      await c.run('CHECKPOINT meta').catch(() => {});
      c.closeSync();
      engine.closeSync();
    },
  };
}
