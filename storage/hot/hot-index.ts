import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Logger } from '../../monitoring/logger.ts';
import { Postings } from '../keyword/postings.ts';
import { candidateOfRecord, type InsertedRow, type Shard, storedOfRecord } from '../shards/shard.ts';
import type { StoredMemory } from '../types.ts';
import { Candidates } from './candidates.ts';
import { FreshRows } from './fresh-rows.ts';
import { RecordFile } from './record-file.ts';
import type { IndexConfig, VectorIndexHost } from './vector-index.ts';

// Version 2 records the index file's SHA-256: a file is loaded only when it matches, because
// usearch trusts what it loads (damaged bytes abort the process or answer wrongly).
const sidecarSchema = z.object({
  version: z.literal(2),
  indexedSeq: z.number(),
  size: z.number(),
  dimensions: z.number(),
  sha256: z.string(),
  /** Absent in files saved before the setting was recorded: those were f32. */
  quantization: z.enum(['f32', 'f16', 'i8']).default('f32'),
});

/**
 * How many of a shard's latest inserted rows its index keeps for its catch-up: 2–3 kB each at 384
 * dimensions, so about 11 MB a shard at most and nothing once the index has them (the server's RSS
 * after the bench's 1M ingest, the index far behind: 2.52 GiB against 2.46 before).
 */
const FRESH_ROWS = 4096;

async function sha256Of(file: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/**
 * The approximate index of one hot or warm shard. DuckDB stays the source of truth: the index holds the
 * rows up to `indexedSeq` and catches up in the background; a saved index is trusted only if its
 * size matches what DuckDB holds up to its cursor, otherwise it is rebuilt.
 */
export class ShardIndex {
  readonly shard: Shard;
  private readonly host: VectorIndexHost;
  private readonly file: string;
  /**
   * How its graph is built and searched (the tier's expansions: bigger warm graphs search wider)
   * and how it keeps vectors (f32 gives exact scores, f16 and i8 candidates to rescore).
   */
  readonly config: IndexConfig;
  indexedSeq = 0;
  size = 0;
  /** Whether the saved index was verified and loaded at open (else it was rebuilt from the shard). */
  loadedFromFile = false;
  /** Ids and filter columns of the indexed rows, by seq (a search's candidates). */
  readonly rows = new Candidates();
  /** The indexed rows' memories, so loading a search's hits needs no DuckDB query. */
  readonly records: RecordFile;
  /** The shard's latest inserted rows, until both cursors passed them (read back from DuckDB otherwise). */
  readonly fresh = new FreshRows(FRESH_ROWS);
  /** The keyword postings of the rows up to `keywordSeq` (their own cursor: building them is cheap). */
  readonly postings = new Postings();
  keywordSeq = 0;
  /** A row the postings cannot hold (seq beyond 32 bits): keyword searches scan the shard instead. */
  postingsIncomplete = false;
  /**
   * Whether the postings have held every row of the shard once since this process started (they
   * are not saved: a start rebuilds them, seconds of this thread's time at a million rows).
   */
  postingsBuilt = false;
  private keywordCatchUp: Promise<number> = Promise.resolve(0);
  /** Indexed rows whose records are still to be written (computed once, at the first fill). */
  private missingRecords: number[] | null = null;
  /** The rows removed while each running catch-up was between its read and its writes. */
  private readonly removedMeanwhile = new Set<Set<number>>();
  /** Whether rows were added or removed since the index was loaded or last saved. */
  private changed = false;
  /** The removals sent to the index worker and not answered yet (`size` follows their answers). */
  private removing: Promise<unknown> = Promise.resolve();

  private constructor(shard: Shard, host: VectorIndexHost, config: IndexConfig) {
    this.shard = shard;
    this.host = host;
    this.file = shard.file.replace(/\.duckdb$/, '.usearch');
    this.config = config;
    this.records = RecordFile.open(shard.file.replace(/\.duckdb$/, '.records'));
  }

  /** Whether rows were added or removed since the index was loaded or last saved. */
  get changedSinceSave(): boolean {
    return this.changed;
  }

  static async open(
    shard: Shard,
    host: VectorIndexHost,
    config: IndexConfig,
    logger: Logger,
  ): Promise<ShardIndex> {
    const idx = new ShardIndex(shard, host, config);
    const sidecar = await readFile(`${idx.file}.json`, 'utf8')
      .then((t) => sidecarSchema.parse(JSON.parse(t)))
      .catch(() => null);
    const intact = sidecar !== null && (await sha256Of(idx.file)) === sidecar.sha256;
    const opened = await host.open(
      shard,
      {
        index: intact ? idx.file : null,
        vectors: idx.file.replace(/\.usearch$/, '.vectors'),
        vectorType: shard.layout.indexed.type,
      },
      config,
    );
    const held = sidecar ? await shard.countUpToSeq(sidecar.indexedSeq) : -1;
    if (
      opened.loaded &&
      sidecar &&
      sidecar.dimensions === config.dimensions &&
      sidecar.quantization === config.quantization &&
      sidecar.size === opened.size &&
      held === opened.size
    ) {
      idx.indexedSeq = sidecar.indexedSeq;
      idx.loadedFromFile = true;
      shard.advanceSeq(sidecar.indexedSeq);
      idx.size = opened.size;
      await shard.candidatesUpTo(sidecar.indexedSeq, (seq, c) => idx.rows.set(seq, c));
      // Records of rows added after the index was saved come again with the catch-up.
      idx.records.keepOnly(idx.rows);
      logger.info('index loaded', { shard: shard.name, size: idx.size, indexedSeq: idx.indexedSeq });
    } else {
      idx.records.clear();
      await host.reset(shard.name);
      if (opened.loaded || sidecar) {
        logger.warning('index does not match the shard or its checksum; rebuilding', {
          shard: shard.name,
          checksum: intact ? 'ok' : 'mismatch',
          saved: opened.size,
          rows: held,
        });
      }
    }
    shard.onInserted((rows) => idx.fresh.push(rows));
    return idx;
  }

  /**
   * Runs a catch-up step, telling it which rows were removed (aged, forgotten) since it began: it
   * read them before they went and must not add them back.
   */
  private async noting<T>(step: (removed: ReadonlySet<number>) => Promise<T>): Promise<T> {
    const removed = new Set<number>();
    this.removedMeanwhile.add(removed);
    try {
      return await step(removed);
    } finally {
      this.removedMeanwhile.delete(removed);
    }
  }

  /** Indexes up to `max` rows the index has not seen; returns how many. */
  catchUp(max: number): Promise<number> {
    // Every write goes through this process's shard, which numbers it: nothing beyond the last
    // seq it gave means nothing to read (the indexer asks every 50 ms; DuckDB is not asked then).
    if (this.indexedSeq >= this.shard.lastSeqGiven) return Promise.resolve(0);
    return this.noting(async (removed) => {
      const held = this.fresh.after(this.indexedSeq, max);
      const rows = held ? this.fromInserts(held) : await this.shard.rowsAfterSeq(this.indexedSeq, max);
      if (rows.seqs.length === 0) return 0;
      const keys = BigUint64Array.from(rows.seqs, (s) => BigInt(s));
      this.changed = true;
      this.size = await this.host.add(this.shard.name, keys, rows.vectors);
      const kept = rows.seqs.flatMap((seq, i) => (removed.has(seq) ? [] : [i]));
      this.records.append(
        kept.flatMap((i) =>
          rows.memories[i] ? [{ seq: rows.seqs[i] as number, memory: rows.memories[i] }] : [],
        ),
      );
      for (const i of kept) {
        const c = rows.candidates[i];
        if (c) this.rows.set(rows.seqs[i] as number, c);
      }
      this.indexedSeq = rows.seqs[rows.seqs.length - 1] ?? this.indexedSeq;
      this.passedFresh();
      // Removed between the read and the add: the worker may have removed them before adding.
      const gone = rows.seqs.filter((seq) => removed.has(seq));
      if (gone.length > 0)
        this.size = await this.host.remove(
          this.shard.name,
          BigUint64Array.from(gone, (s) => BigInt(s)),
        );
      return rows.seqs.length;
    });
  }

  /**
   * Adds the rows after the keyword cursor to the postings, `max` at a time, until none is left
   * (one catch-up at a time; a caller arriving meanwhile waits for it, then goes on).
   */
  catchUpKeywords(max = 8192): Promise<number> {
    const run = async () => {
      let added = 0;
      for (;;) {
        if (this.keywordSeq >= this.shard.lastSeqGiven) {
          this.postingsBuilt = true;
          return added;
        }
        const n = await this.noting(async (removed) => {
          const held = this.fresh.after(this.keywordSeq, max);
          const r = held
            ? {
                seqs: held.map((x) => x.seq),
                terms: held.map((x) => x.terms),
                candidates: held.map((x) => candidateOfRecord(x.record)),
              }
            : await this.shard.termsAfterSeq(this.keywordSeq, max);
          r.seqs.forEach((seq, i) => {
            if (removed.has(seq)) return;
            const c = r.candidates[i];
            if (c && !this.rows.has(seq)) this.rows.set(seq, c);
            const terms = r.terms[i];
            if (!terms) return;
            if (Postings.holds(seq)) this.postings.add(seq, terms);
            else this.postingsIncomplete = true;
          });
          this.keywordSeq = r.seqs[r.seqs.length - 1] ?? this.keywordSeq;
          this.passedFresh();
          return r.seqs.length;
        });
        if (n === 0) return added;
        added += n;
      }
    };
    this.keywordCatchUp = this.keywordCatchUp.then(run, run);
    return this.keywordCatchUp;
  }

  /** What `Shard.rowsAfterSeq` reads, from rows as their insert had them. */
  private fromInserts(rows: readonly InsertedRow[]) {
    const d = this.config.dimensions;
    const vectors = new Float32Array(rows.length * d);
    rows.forEach((r, i) => {
      vectors.set(r.record.embedding, i * d);
    });
    return {
      seqs: rows.map((r) => r.seq),
      vectors,
      candidates: rows.map((r) => candidateOfRecord(r.record)),
      memories: rows.map((r) => storedOfRecord(r.record)),
    };
  }

  /** Drops the fresh rows both cursors have passed (the postings' only in a tier that keeps them). */
  private passedFresh(): void {
    this.fresh.passed(
      this.shard.layout.postings ? Math.min(this.indexedSeq, this.keywordSeq) : this.indexedSeq,
    );
  }

  /** Nearest seqs of each unit query vector. */
  search(queries: readonly Float32Array[], k: number) {
    const flat = new Float32Array(queries.length * this.config.dimensions);
    queries.forEach((q, i) => {
      flat.set(q, i * this.config.dimensions);
    });
    return this.host.search(this.shard.name, flat, Math.max(1, k), this.config.dimensions);
  }

  /** Forgets rows that left the shard (aged, forgotten). */
  async remove(seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    for (const s of seqs) {
      this.rows.delete(s);
      for (const removed of this.removedMeanwhile) removed.add(s);
    }
    this.postings.remove(seqs);
    this.records.remove(seqs);
    this.fresh.remove(seqs);
    this.changed = true;
    const removed = this.host.remove(
      this.shard.name,
      BigUint64Array.from(seqs, (s) => BigInt(s)),
    );
    this.removing = Promise.all([this.removing, removed]).catch(() => {});
    this.size = await removed;
  }

  /** Resolves once the index worker has answered every removal sent so far. */
  removalsDone(): Promise<unknown> {
    return this.removing;
  }

  /** Forgets everything indexed (after a failure inside the index): the indexer rebuilds it from the shard. */
  async reset(): Promise<void> {
    this.rows.clear();
    this.records.clear();
    this.fresh.clear();
    this.missingRecords = [];
    this.postings.clear();
    this.postingsIncomplete = false;
    this.keywordSeq = 0;
    this.indexedSeq = 0;
    this.size = 0;
    this.changed = true;
    await this.host.reset(this.shard.name);
  }

  /**
   * Writes the records the file lacks for indexed rows (an index saved before records existed, or
   * a lost record file), `max` rows at a time in seq order; returns how many rows it read.
   */
  async fillRecords(max: number): Promise<number> {
    this.missingRecords ??= [...this.rows.keys()]
      .filter((s) => s <= this.indexedSeq && !this.records.has(s))
      .sort((a, b) => a - b);
    const next = this.missingRecords.splice(0, max);
    if (next.length === 0) return 0;
    const found = await this.shard.memoriesBySeq(next);
    // Only rows still indexed: one removed meanwhile must not come back.
    this.records.append(
      next.flatMap((seq) => {
        const memory = found.get(seq);
        return memory && this.rows.has(seq) && seq <= this.indexedSeq ? [{ seq, memory }] : [];
      }),
    );
    return next.length;
  }

  /** The memory of an indexed row from the record file, if it holds it (a removed row: null). */
  memoryAt(seq: number): StoredMemory | null {
    return this.rows.has(seq) ? this.records.read(seq) : null;
  }

  close(): void {
    this.records.close();
  }

  /**
   * Writes the index beside a temporary name, records its checksum, then moves it in place; a
   * failure (disk full) leaves the previous file and sidecar as they were. Nothing to do when no
   * row was added or removed since the index was loaded or last saved.
   */
  async save(): Promise<void> {
    if (!this.changed) return;
    this.changed = false;
    const tmp = `${this.file}.tmp`;
    const state = { indexedSeq: this.indexedSeq, size: this.size };
    try {
      await this.host.save(this.shard.name, tmp);
      const sha256 = await sha256Of(tmp);
      if (!sha256) throw new Error(`index file ${tmp} could not be read back`);
      await writeFile(
        `${this.file}.json.tmp`,
        JSON.stringify({
          version: 2,
          ...state,
          dimensions: this.config.dimensions,
          quantization: this.config.quantization,
          sha256,
        }),
      );
      await rename(tmp, this.file);
      await rename(`${this.file}.json.tmp`, `${this.file}.json`);
    } catch (err) {
      this.changed = true;
      throw err;
    } finally {
      await rm(tmp, { force: true });
      await rm(`${this.file}.json.tmp`, { force: true });
    }
  }
}
