import { availableParallelism } from 'node:os';
import type { Logger } from '../../monitoring/logger.ts';
import { BackgroundHealth } from '../common/background-health.ts';
import type { Shard } from '../shards/shard.ts';
import type { Tier } from '../shards/tier-layout.ts';
import { ShardIndex } from './hot-index.ts';
import { type IndexConfig, VectorIndexHost } from './vector-index.ts';

/** A shard written to this recently counts as being written to (ingest, aging). */
const WRITE_QUIET_MS = 1000;
/**
 * An index is saved only once no search asked the index workers for this long (a save holds its
 * worker: about 150 ms for 125k rows, which every search waiting behind it adds to its latency),
 * unless its turn came four intervals ago.
 */
const SEARCH_QUIET_MS = 250;

/**
 * Keeps the hot and warm shards' approximate indexes caught up, in the background: ingest (and
 * aging, into warm) is acknowledged as soon as DuckDB has the rows, and the indexer follows
 * (searches scan the unindexed tail exactly meanwhile). Saves the indexes now and then and on stop.
 */
export class Indexer {
  readonly indexes: ShardIndex[];
  private readonly host: VectorIndexHost;
  private readonly logger: Logger;
  private stopping = false;
  private paused = false;
  private loop: Promise<void> = Promise.resolve();
  /** Rounds so far: which worker's lane runs in a one-lane round. */
  private turn = 0;

  private readonly health: BackgroundHealth;

  private constructor(
    host: VectorIndexHost,
    indexes: ShardIndex[],
    logger: Logger,
    health: BackgroundHealth,
  ) {
    this.host = host;
    this.indexes = indexes;
    this.logger = logger;
    this.health = health;
  }

  static async open(
    shards: readonly Shard[],
    configOf: (shard: Shard) => IndexConfig,
    logger: Logger,
    health: BackgroundHealth = new BackgroundHealth(),
    workers?: number,
  ): Promise<Indexer> {
    const placement = indexWorkers(
      shards.map((s) => s.index),
      workers,
    );
    const host = new VectorIndexHost(placement.count, placement.slotOf);
    // Two at a time: each index's load runs in its worker while another's rows are read here.
    const indexes: ShardIndex[] = [];
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < shards.length) {
          const i = next++;
          const shard = shards[i] as Shard;
          indexes[i] = await ShardIndex.open(shard, host, configOf(shard), logger);
        }
      }),
    );
    return new Indexer(host, indexes, logger, health);
  }

  start(opts: { batch: number; saveEveryMs: number }): void {
    this.loop = this.run(opts);
  }

  private async run(opts: { batch: number; saveEveryMs: number }): Promise<void> {
    let lastSave = Date.now();
    let lastLog = Date.now();
    /** This interval's indexes still to save, one a turn, each when searches are quiet. */
    let toSave: ShardIndex[] = [];
    let done = 0;
    while (!this.stopping) {
      // While memories are being written (ingest, or aging into warm), one lane, so the writer
      // keeps a core of its own.
      const writing = this.indexes.some((idx) => Date.now() - idx.shard.lastWriteAt < WRITE_QUIET_MS);
      // Hot first (fresh rows, searched most): a warm index catches up in rounds hot had nothing to add.
      let counts = await this.round(this.ofTier('hot'), writing, opts.batch);
      if (counts.every((n) => n === 0)) counts = await this.round(this.ofTier('warm'), writing, opts.batch);
      const added = counts.reduce((a, b) => a + b, 0);
      done += added;
      const now = Date.now();
      if (done > 0 && now - lastLog > 10_000) {
        this.logger.info('index catch-up', {
          indexed: done,
          ratePerSecond: Math.round((done * 1000) / (now - lastLog)),
          behind: await this.lagRows(),
        });
        done = 0;
        lastLog = now;
      }
      if (toSave.length === 0 && now - lastSave > opts.saveEveryMs) {
        toSave = this.indexes.filter((idx) => idx.changedSinceSave);
        lastSave = now;
      }
      const late = now - lastSave > 4 * opts.saveEveryMs;
      if (toSave.length > 0 && (late || now - this.host.lastSearchAt > SEARCH_QUIET_MS)) {
        // A failed save (disk full) is reported and retried at the next interval, never fatal.
        await this.save([toSave.shift() as ShardIndex]).catch(() => {});
      }
      if (added === 0) await new Promise((r) => setTimeout(r, 50));
    }
  }

  private ofTier(tier: Tier): ShardIndex[] {
    return this.indexes.filter((idx) => idx.shard.layout.tier === tier);
  }

  /**
   * One catch-up step of each index; rows added by each lane. A lane is one index worker's
   * shards: both workers side by side, or, while memories are being written, one of them a round
   * (in turn), so the writer keeps a core of its own.
   */
  private round(indexes: ShardIndex[], oneLane: boolean, batch: number): Promise<number[]> {
    const byWorker = [...Map.groupBy(indexes, (idx) => this.host.workerOf(idx.shard.name)).values()];
    const lanes = oneLane ? byWorker.filter((_, i) => i === this.turn % byWorker.length) : byWorker;
    this.turn++;
    return Promise.all(lanes.map((lane) => this.lane(lane, batch)));
  }

  /**
   * Catches up a lane's shards two at a time: one shard's rows are read from DuckDB (on this
   * thread and DuckDB's) while the other's are added in the worker, which otherwise waited a
   * third of the time for its next batch.
   */
  private async lane(lane: ShardIndex[], batch: number): Promise<number> {
    let n = 0;
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < lane.length && !this.stopping && !this.paused) {
          const idx = lane[next++] as ShardIndex;
          try {
            // Postings first: cheap to build, and a keyword search would otherwise build them itself.
            if (idx.shard.layout.postings) await idx.catchUpKeywords(batch);
            n += await idx.catchUp(batch);
            await idx.fillRecords(batch);
            this.health.ok('index-catch-up');
          } catch (err) {
            this.health.fail('index-catch-up', err);
            this.logger.error('indexing failed', { shard: idx.shard.name, error: String(err) });
          }
        }
      }),
    );
    return n;
  }

  /** Stops indexing new rows until resume() (operators: to give a burst of ingest all the CPU). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /**
   * Resolves once every index (vectors and, in hot, keyword postings) holds every row its shard
   * had when this was called, and none of the rows removed before.
   */
  async caughtUp(timeoutMs = 120_000): Promise<void> {
    const targets = await Promise.all(this.indexes.map((i) => i.shard.maxSeq()));
    const until = Date.now() + timeoutMs;
    while (this.indexes.some((i, n) => cursorOf(i) < (targets[n] ?? 0))) {
      if (Date.now() > until) throw new Error('index did not catch up in time');
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(this.indexes.map((i) => i.removalsDone()));
  }

  /**
   * Hot shards whose keyword postings this process has not yet built once (a start rebuilds them):
   * not ready to answer a keyword or filtered search at its usual speed.
   */
  rebuildingPostings(): string[] {
    return this.indexes
      .filter((i) => i.shard.layout.postings && !i.postingsBuilt && i.keywordSeq < i.shard.lastSeqGiven)
      .map((i) => i.shard.name);
  }

  /**
   * Rows in the shards not yet in every index of their shard (counted, so rows aging removed never
   * count): the vector index and, in hot, the keyword postings (rebuilt in memory after a restart:
   * seconds of this thread's time at a million rows, while the vector index loaded from its file
   * already reports nothing behind).
   */
  async lagRows(): Promise<number> {
    const lags = await Promise.all(this.indexes.map((i) => i.shard.countAfterSeq(cursorOf(i))));
    return lags.reduce((a, b) => a + b, 0);
  }

  get size(): number {
    return this.indexes.reduce((n, i) => n + i.size, 0);
  }

  indexFor(shardIndex: number, tier: Tier = 'hot'): ShardIndex | null {
    return this.indexes.find((i) => i.shard.index === shardIndex && i.shard.layout.tier === tier) ?? null;
  }

  private async save(indexes: readonly ShardIndex[] = this.indexes): Promise<void> {
    try {
      // Each index only when it changed since it was last saved (a large warm index that aging
      // has not touched is not written again every interval).
      for (const idx of indexes) await idx.save();
      this.health.ok('index-save');
    } catch (err) {
      this.health.fail('index-save', err);
      this.logger.error('index save failed; retrying later', { error: String(err) });
      throw err;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    // On the way out a failed save only costs a rebuild at the next start.
    await this.save().catch(() => {});
    for (const idx of this.indexes) idx.close();
    await this.host.stop();
  }
}

/**
 * How many index workers a process runs and where each shard's indexes go. At most one worker a
 * shard held, by default one a core (two a core, measured on two cores, searched 4 % faster on a
 * kept store but indexed a fresh 1M slower in a full run: bench/README.md); a shard goes to the
 * worker of its position among the held shards, so a store holding every other shard leaves none
 * idle.
 */
export function indexWorkers(
  shards: readonly number[],
  setting: number | undefined,
  cores = availableParallelism(),
): { count: number; slotOf: (shard: number) => number } {
  const held = [...new Set(shards)].sort((a, b) => a - b);
  const count = Math.max(1, Math.min(held.length, setting ?? cores));
  return { count, slotOf: (shard) => Math.max(0, held.indexOf(shard)) % count };
}

/** The seq up to which every index of a shard holds its rows: vectors and, in hot, keyword postings. */
const cursorOf = (i: ShardIndex) =>
  i.shard.layout.postings ? Math.min(i.indexedSeq, i.keywordSeq) : i.indexedSeq;
