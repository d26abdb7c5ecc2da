import { stat } from 'node:fs/promises';
import {
  DOUBLE,
  type DuckDBConnection,
  type DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  JSDuckDBValueConverter,
  LIST,
  listValue,
  VARCHAR,
} from '@duckdb/node-api';
import { z } from 'zod';
import { coalescing } from '../common/coalesce.ts';
import { inTransaction, sqlString } from '../common/engine.ts';
import { floatLists } from '../common/float-lists.ts';
import { storedJsonObject } from '../common/json.ts';
import { SerialQueue } from '../common/serial-queue.ts';
import { termIds } from '../keyword/analyze.ts';
import { keywordParams, keywordSql, parseKeywordHits, type TermStats } from '../keyword/keyword-sql.ts';
import { ShardTimeoutError } from '../port.ts';
import {
  type InsertOutcome,
  type KeywordQuery,
  keyOf,
  type MemoryKey,
  type MemoryRecord,
  pickKey,
  type ShardHit,
  type StoredMemory,
  type SystemSummary,
  type VectorQuery,
} from '../types.ts';
import { memoryChunks, projectOf, tagsOf } from './memory-chunk.ts';
import {
  boundQueries,
  countSql,
  MEMORY_COLUMNS,
  memoryRow,
  parseTop,
  searchSql,
  strings,
} from './search-sql.ts';
import { SHARED_COLUMNS, type TierLayout } from './tier-layout.ts';

/** A row as a shard's insert wrote it: its seq, its record and its keyword terms. */
export type InsertedRow = { seq: number; record: MemoryRecord; terms: number[] };

export type Candidate = {
  systemId: string;
  id: string;
  project: string | null;
  tags: string[] | null;
  ts: number;
};

/**
 * One shard of a tier: a DuckDB file attached under its own catalog name (hot_3, warm_3).
 * Writes go through one connection, serialised by a promise queue (one writer per shard);
 * scans and point reads have a connection each so a long scan never delays a lookup.
 */
export class Shard {
  readonly index: number;
  readonly name: string;
  readonly catalog: string;
  readonly table: string;
  readonly file: string;
  readonly layout: TierLayout;
  private readonly dimension: number;
  private readonly writer: DuckDBConnection;
  private readonly scanner: DuckDBConnection;
  private readonly reader: DuckDBConnection;
  private readonly writes = new SerialQueue();
  /** The last seq given to a row; the next insert continues from it. */
  private lastSeq = 0;
  /** Reads kept until the next write: the row count, BM25's statistics. */
  private cached: { rows?: number; terms?: TermStats } = {};
  private readonly loaders = new Map<
    string,
    (items: readonly (number | string)[]) => Promise<StoredMemory[]>
  >();
  /** Bumped when a write starts and when it ends (odd while one runs): a count read across a write is not kept. */
  private writeVersion = 0;
  /** When the last write ended (ms since the epoch; 0: none yet), so background work can yield to ingest. */
  lastWriteAt = 0;
  private readonly insertListeners: ((rows: readonly InsertedRow[]) => void)[] = [];

  private constructor(
    layout: TierLayout,
    index: number,
    file: string,
    dimension: number,
    conns: DuckDBConnection[],
  ) {
    const [writer, scanner, reader] = conns;
    if (!writer || !scanner || !reader) throw new Error('three connections expected');
    this.layout = layout;
    this.index = index;
    this.name = `${layout.tier}-${index}`;
    this.catalog = `${layout.tier}_${index}`;
    this.table = `${this.catalog}.main.memories`;
    this.file = file;
    this.dimension = dimension;
    this.writer = writer;
    this.scanner = scanner;
    this.reader = reader;
  }

  static async open(
    instance: DuckDBInstance,
    layout: TierLayout,
    index: number,
    file: string,
    dimension: number,
  ): Promise<Shard> {
    const catalog = `${layout.tier}_${index}`;
    const setup = await instance.connect();
    try {
      await setup.run(`ATTACH IF NOT EXISTS ${sqlString(file)} AS ${catalog}`);
      await setup.run(
        `CREATE TABLE IF NOT EXISTS ${catalog}.main.memories (${SHARED_COLUMNS}, ${layout.vectorColumns(dimension)}, ${layout.laterColumns.join(', ')})`,
      );
      for (const column of layout.laterColumns)
        await setup.run(`ALTER TABLE ${catalog}.main.memories ADD COLUMN IF NOT EXISTS ${column}`);
      // Rows without a seq (a warm file from before the warm index) are numbered after the rest.
      await setup.run(
        `UPDATE ${catalog}.main.memories SET seq = (SELECT coalesce(max(seq), 0) FROM ${catalog}.main.memories) + rowid + 1
         WHERE seq IS NULL`,
      );
      const found = await setup.runAndReadAll(
        `SELECT data_type FROM duckdb_columns() WHERE database_name = $1 AND table_name = 'memories'
         AND column_name IN ('embedding', 'embedding_q')`,
        [catalog],
      );
      const type = String(found.getRowObjectsJS()[0]?.data_type ?? '');
      if (!type.endsWith(`[${dimension}]`)) {
        throw new Error(
          `${file} stores embeddings as ${type}, but AKOSHA_EMBEDDING_DIMENSION is ${dimension}`,
        );
      }
    } finally {
      setup.closeSync();
    }
    const conns = await Promise.all([instance.connect(), instance.connect(), instance.connect()]);
    const shard = new Shard(layout, index, file, dimension, conns);
    shard.lastSeq = await shard.maxSeq();
    await shard.fillTerms();
    return shard;
  }

  /**
   * Gives rows written before keyword search existed their terms, a batch at a time (a file of
   * an older version; once done, the query finds nothing and this costs one scan at start).
   */
  private async fillTerms(): Promise<void> {
    for (;;) {
      const r = await this.writer.runAndReadAll(
        `SELECT system_id, id, content FROM ${this.table} WHERE terms IS NULL LIMIT 2048`,
      );
      const rows = r.getRowObjectsJS() as { system_id: string; id: string; content: string }[];
      if (rows.length === 0) return;
      await this.write((conn) =>
        conn.run(
          `UPDATE ${this.table} t SET terms = v.terms
           FROM (SELECT unnest($1) AS system_id, unnest($2) AS id, unnest($3) AS terms) v
           WHERE t.system_id = v.system_id AND t.id = v.id`,
          [
            strings(rows.map((x) => x.system_id)),
            strings(rows.map((x) => x.id)),
            listValue(rows.map((x) => listValue(termIds(x.content)))),
          ],
          [LIST(VARCHAR), LIST(VARCHAR), LIST(LIST(DOUBLE))],
        ),
      );
    }
  }

  /** BM25 top-k of one keyword query (storage/keyword/keyword-sql.ts). */
  async keywordSearch(query: KeywordQuery, timeoutMs: number): Promise<ShardHit[]> {
    if ((await this.count()) === 0) return [];
    const stats = await this.keywordStats();
    const { values, types } = keywordParams(query);
    return parseKeywordHits(await this.scan(keywordSql(this.table, query, stats), values, types, timeoutMs));
  }

  /** Writes the records not already stored; identity is (systemId, id). Callers dedupe the batch. */
  insert(
    records: readonly MemoryRecord[],
    alsoStoredIn: (records: readonly MemoryRecord[]) => Promise<MemoryKey[]>,
    /**
     * A key filter, asked in turn with the other writes: records it says are surely new are not
     * looked up; it hears of every key written.
     */
    filter?: { mayExist(r: MemoryKey): boolean; written(keys: readonly MemoryKey[]): void },
  ): Promise<InsertOutcome> {
    return this.writes.run(async () => {
      const candidates = filter ? records.filter((r) => filter.mayExist(r)) : records;
      const here = candidates.length > 0 ? await this.findExisting(this.writer, candidates) : [];
      const elsewhere = candidates.length > 0 ? await alsoStoredIn(candidates) : [];
      const existing = new Set([...here, ...elsewhere].map(keyOf));
      const fresh = records.filter((r) => !existing.has(keyOf(r)));
      const duplicates = records.filter((r) => existing.has(keyOf(r)));
      const first = this.lastSeq + 1;
      const terms = fresh.map((r) => termIds(r.content));
      if (fresh.length > 0) {
        await this.transaction(async () => {
          const appender = await this.writer.createAppender('memories', 'main', this.catalog);
          for (const chunk of memoryChunks(fresh, terms, this.dimension, first))
            appender.appendDataChunk(chunk);
          appender.closeSync();
        });
        this.lastSeq += fresh.length;
        const rows = fresh.map((record, i) => ({ seq: first + i, record, terms: terms[i] as number[] }));
        for (const listener of this.insertListeners) listener(rows);
      }
      const inserted = fresh.map(pickKey);
      filter?.written(inserted);
      return { inserted, duplicates: duplicates.map(pickKey) };
    });
  }

  /**
   * Hears of the rows each insert wrote, once committed, in seq order (an index takes them from
   * here instead of reading them back).
   */
  onInserted(listener: (rows: readonly InsertedRow[]) => void): void {
    this.insertListeners.push(listener);
  }

  /** Runs a read on this shard's lookup connection. */
  read<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return fn(this.reader);
  }

  /** Runs SQL that changes this shard, in one transaction, in turn with the other writes. */
  write<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.writes.run(() => this.transaction(() => fn(this.writer)));
  }

  /** Exact cosine top-k for a batch of queries in one scan of the shard. */
  async searchBatch(
    queries: readonly VectorQuery[],
    timeoutMs: number,
    afterSeq?: number,
  ): Promise<ShardHit[][]> {
    // Nothing to scan: an empty shard, or no rows beyond the index cursor.
    if ((await this.count()) === 0 || (afterSeq !== undefined && afterSeq >= this.lastSeq)) {
      return queries.map(() => []);
    }
    const bound = boundQueries(queries, this.dimension);
    // afterSeq is a number of ours (an index cursor), inlined as a literal.
    const extra = afterSeq === undefined ? 'TRUE' : `m.seq > ${Math.trunc(afterSeq)}`;
    const sql = searchSql(this.table, this.layout.score(this.dimension), queries, extra);
    return parseTop(await this.scan(sql, [bound.value], [bound.type], timeoutMs), queries);
  }

  /** A scan on the scanner connection, interrupted after `timeoutMs` (ShardTimeoutError). */
  private async scan(
    sql: string,
    values: DuckDBValue[],
    types: DuckDBType[],
    timeoutMs: number,
  ): Promise<Record<string, unknown>[]> {
    const timer = setTimeout(() => this.scanner.interrupt(), timeoutMs);
    try {
      return (await this.scanner.runAndReadAll(sql, values, types)).getRowObjectsJS();
    } catch (err) {
      if (/interrupt/i.test(String(err))) throw new ShardTimeoutError(this.name, timeoutMs);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** How many rows match each query's filters (one scan for the batch). */
  async matching(queries: readonly VectorQuery[]): Promise<number[]> {
    const bound = boundQueries(queries, this.dimension);
    const rows = (
      await this.scanner.runAndReadAll(countSql(this.table), [bound.value], [bound.type])
    ).getRowObjectsJS();
    const out = queries.map(() => 0);
    for (const raw of rows) {
      const r = z.object({ qi: z.number(), n: z.number() }).parse(raw);
      out[r.qi] = r.n;
    }
    return out;
  }

  /** Rows by seq, for candidates an index proposed; absent seqs were deleted since. */
  async bySeq(seqs: readonly number[]) {
    const out = new Map<number, Candidate>();
    const wanted = seqs.filter((x) => Number.isSafeInteger(x));
    if (wanted.length === 0) return out;
    // Inlined integers (index keys of ours), so DuckDB pushes the IN filter into the scan.
    const result = await this.reader.runAndReadAll(
      `SELECT seq::DOUBLE AS seq, system_id, id, project, tags, epoch_ms(ts)::DOUBLE AS ts
       FROM ${this.table} WHERE seq IN (${wanted.join(',')})`,
    );
    for (const raw of result.getRowObjectsJS()) {
      const r = raw as {
        seq: number;
        system_id: string;
        id: string;
        project: string | null;
        tags: string[] | null;
        ts: number;
      };
      out.set(r.seq, { systemId: r.system_id, id: r.id, project: r.project, tags: r.tags, ts: r.ts });
    }
    return out;
  }

  /**
   * Full records for the given keys, in no particular order; missing keys are absent. With the
   * rows' seqs (hints from the index), only the row groups holding them are read (seqs grow
   * with insertion, so each row group's min/max prunes it); else the id column is scanned. Loads
   * that arrive while one runs on this shard are read together by the next (concurrent requests).
   */
  async load(
    keys: readonly MemoryKey[],
    withEmbedding = false,
    seqs?: readonly number[],
  ): Promise<StoredMemory[]> {
    if (keys.length === 0) return [];
    const wanted = new Set(keys.map(keyOf));
    const bySeq = seqs?.filter((x) => Number.isSafeInteger(x));
    const rows = bySeq?.length
      ? await this.loads(withEmbedding, 'seq')(bySeq)
      : await this.loads(withEmbedding, 'id')([...new Set(keys.map((k) => k.id))]);
    return rows.filter((m) => wanted.has(keyOf(m)));
  }

  /** The shard's reads of full records, by seq or by id, each merging the calls that arrive while it runs. */
  private loads(withEmbedding: boolean, by: 'seq' | 'id') {
    const name = `${by}:${withEmbedding}`;
    const found = this.loaders.get(name);
    if (found) return found;
    const loader =
      by === 'seq'
        ? coalescing<number | string, StoredMemory[]>(async (seqs) => [
            ...(await this.bySeqRows(seqs.map(Number), withEmbedding)).values(),
          ])
        : coalescing<number | string, StoredMemory[]>(async (ids) =>
            (
              await this.reader.runAndReadAll(
                `SELECT ${this.memoryColumns(withEmbedding)} FROM ${this.table} WHERE list_contains($1, id)`,
                [strings([...new Set(ids.map(String))])],
                [LIST(VARCHAR)],
              )
            )
              .getRowObjectsJS()
              .map((raw) => toStoredMemory(memoryRow.parse(raw))),
          );
    this.loaders.set(name, loader);
    return loader;
  }

  /** A memory's columns; embeddings are 1.5 kB a row: read only when a client asks for them. */
  private memoryColumns(withEmbedding: boolean): string {
    return `${MEMORY_COLUMNS}, ${withEmbedding ? this.layout.embedding : 'NULL::FLOAT[]'} AS embedding`;
  }

  /** Full records of rows by seq, by seq; absent seqs were deleted. */
  private async bySeqRows(
    seqs: readonly number[],
    withEmbedding: boolean,
  ): Promise<Map<number, StoredMemory>> {
    const wanted = [...new Set(seqs.filter((x) => Number.isSafeInteger(x)))];
    const out = new Map<number, StoredMemory>();
    if (wanted.length === 0) return out;
    // Inlined integers of ours (index keys). The range prunes row groups; list_contains is a
    // filter on one column, evaluated before the others are read: `IN` would become a join that
    // reads every row's content first (measured: 1.4-2.1 ms against 4.2-4.7).
    const r = await this.reader.runAndReadAll(
      `SELECT seq::DOUBLE AS seq, ${this.memoryColumns(withEmbedding)} FROM ${this.table}
       WHERE seq BETWEEN ${Math.min(...wanted)} AND ${Math.max(...wanted)} AND list_contains([${wanted.join(',')}], seq)`,
    );
    for (const raw of r.getRowObjectsJS()) out.set(Number(raw.seq), toStoredMemory(memoryRow.parse(raw)));
    return out;
  }

  /** Which of these keys this shard holds. */
  async has(keys: readonly MemoryKey[]): Promise<MemoryKey[]> {
    return keys.length === 0 ? [] : this.findExisting(this.reader, keys);
  }

  async systems(): Promise<SystemSummary[]> {
    const result = await this.reader.runAndReadAll(
      `SELECT system_id, count(*)::INTEGER AS n, max(uploaded_at) AS last,
              list(DISTINCT embedding_model) FILTER (WHERE embedding_model IS NOT NULL) AS models
       FROM ${this.table} GROUP BY system_id`,
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = z
        .object({
          system_id: z.string(),
          n: z.number(),
          last: z.date().nullable(),
          models: z.array(z.string()).nullable(),
        })
        .parse(raw);
      return { id: r.system_id, memoryCount: r.n, lastUploadAt: r.last, embeddingModels: r.models ?? [] };
    });
  }

  /** Rows with seq above the given one: what an index with that cursor has not seen. */
  async countAfterSeq(seq: number): Promise<number> {
    const r = await this.reader.runAndReadAll(
      `SELECT count(*)::DOUBLE AS n FROM ${this.table} WHERE seq > $1`,
      [seq],
      [DOUBLE],
    );
    return z.object({ n: z.number() }).parse(r.getRowObjectsJS()[0]).n;
  }

  /** The last seq given to a row so far. */
  get lastSeqGiven(): number {
    return this.lastSeq;
  }

  /**
   * Seqs never go back: after aging removed the newest rows, a restarted shard would otherwise
   * hand out seqs an index cursor has already passed, and the index would never see those rows.
   */
  advanceSeq(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  /** Throws when the shard's file is gone or its table cannot be read. */
  async probe(): Promise<void> {
    await stat(this.file);
    await this.reader.runAndReadAll(`SELECT 1 FROM ${this.table} LIMIT 1`);
  }

  /** Rows with seq ≤ the given one: what an index with that cursor must hold. */
  async countUpToSeq(seq: number): Promise<number> {
    const r = await this.reader.runAndReadAll(
      `SELECT count(*)::DOUBLE AS n FROM ${this.table} WHERE seq <= $1`,
      [seq],
      [DOUBLE],
    );
    return z.object({ n: z.number() }).parse(r.getRowObjectsJS()[0]).n;
  }

  /**
   * The next rows after `seq`, in order, with their indexed vectors (the tier's `indexed` column)
   * laid end to end and their memories.
   */
  async rowsAfterSeq(
    seq: number,
    max: number,
  ): Promise<{ seqs: number[]; vectors: Float32Array; candidates: Candidate[]; memories: StoredMemory[] }> {
    const r = await this.afterSeq(seq, max, this.layout.indexed.column, `, ${MEMORY_COLUMNS}`);
    const vectors = new Float32Array(r.seqs.length * this.dimension);
    let row = 0;
    for (const chunk of r.chunks)
      for (const v of floatLists(chunk, 1)) {
        if (v) vectors.set(v, row * this.dimension);
        row++;
      }
    const names = MEMORY_COLUMNS.split(', ');
    const memories = r.seqs.map((_, i) =>
      toStoredMemory(
        memoryRow.parse({
          ...Object.fromEntries(names.map((name, c) => [name, r.cols[7 + c]?.[i]])),
          embedding: null,
        }),
      ),
    );
    return { seqs: r.seqs, vectors, candidates: r.candidates, memories };
  }

  /** The next rows after `seq`, in order, with their terms and filter columns. */
  async termsAfterSeq(
    seq: number,
    max: number,
  ): Promise<{ seqs: number[]; terms: (number[] | null)[]; candidates: Candidate[] }> {
    const r = await this.afterSeq(seq, max, 'terms');
    return { seqs: r.seqs, terms: r.values as (number[] | null)[], candidates: r.candidates };
  }

  /**
   * The next rows after `seq` in order: one column's values (an indexed vector column is read as
   * FLOAT[] and left in `chunks` for floatLists) and the filter columns.
   */
  private async afterSeq(
    seq: number,
    max: number,
    column: TierLayout['indexed']['column'] | 'terms',
    more = '',
  ) {
    const vectors = column !== 'terms';
    // The range's last seq first, from the seq column alone: asked for every column, DuckDB reads
    // (and casts) each row after `seq` before it keeps the first `max` (a 125k-row shard: 56 ms a
    // batch of 1000 at its start, against 6 ms for the bounded range).
    const last = await this.reader.runAndReadAll(
      `SELECT max(seq)::DOUBLE AS last FROM (SELECT seq FROM ${this.table} WHERE seq > $1 ORDER BY seq LIMIT $2)`,
      [seq, max],
      [DOUBLE, INTEGER],
    );
    const upTo = lastSeqRow.parse(last.getRowObjectsJS()[0]).last;
    if (upTo === null) return { seqs: [] as number[], values: [], chunks: [], candidates: [], cols: [] };
    const result = await this.reader.run(
      `SELECT seq::DOUBLE AS seq, ${vectors ? `${column}::FLOAT[]` : column}, system_id, id, project, tags, epoch_ms(ts)::DOUBLE AS ts${more}
       FROM ${this.table} WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
      [seq, upTo],
      [DOUBLE, DOUBLE],
    );
    const chunks = Array.from({ length: result.chunkCount }, (_, i) => result.getChunk(i));
    const cols = Array.from({ length: result.columnCount }, (_, c) =>
      c === 1 && vectors
        ? []
        : chunks.flatMap((chunk) => chunk.convertColumnValues(c, JSDuckDBValueConverter)),
    );
    const seqs = (cols[0] ?? []) as number[];
    return {
      seqs,
      values: cols[1] ?? [],
      chunks,
      candidates: seqs.map((_, i) => candidateOf((c) => cols[2 + c]?.[i])),
      cols,
    };
  }

  /** The memories (without embeddings) of rows by seq; absent seqs were deleted. */
  memoriesBySeq(seqs: readonly number[]): Promise<Map<number, StoredMemory>> {
    return this.bySeqRows(seqs, false);
  }

  /** Ids and filter columns of the rows up to `seq`, for an index loaded from disk. */
  async candidatesUpTo(seq: number, each: (seq: number, c: Candidate) => void): Promise<void> {
    // Streamed a chunk at a time: a warm shard of a million rows never has them all in memory twice.
    const result = await this.scanner.stream(
      `SELECT seq::DOUBLE AS seq, system_id, id, project, tags, epoch_ms(ts)::DOUBLE AS ts FROM ${this.table} WHERE seq <= $1`,
      [seq],
      [DOUBLE],
    );
    for await (const rows of result.yieldRowsJs())
      for (const r of rows)
        each(
          Number(r[0]),
          candidateOf((c) => r[1 + c]),
        );
  }

  async maxSeq(): Promise<number> {
    const r = await this.reader.runAndReadAll(`SELECT coalesce(max(seq), 0)::DOUBLE AS s FROM ${this.table}`);
    return z.object({ s: z.number() }).parse(r.getRowObjectsJS()[0]).s;
  }

  /** BM25's statistics of the shard (every memory with terms); cached between writes. */
  keywordStats(): Promise<TermStats> {
    return this.betweenWrites('terms', async () => {
      const result = await this.reader.runAndReadAll(
        `SELECT count(terms)::DOUBLE AS n, coalesce(avg(len(terms)), 1)::DOUBLE AS avgdl FROM ${this.table}`,
      );
      return z.object({ n: z.number(), avgdl: z.number() }).parse(result.getRowObjectsJS()[0]);
    });
  }

  /** Rows in the shard; cached between writes, since every search of the shard asks. */
  count(): Promise<number> {
    return this.betweenWrites('rows', async () => {
      const result = await this.reader.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${this.table}`);
      return z.object({ n: z.number() }).parse(result.getRowObjectsJS()[0]).n;
    });
  }

  /** A read kept until the next write; one read across a write is not kept. */
  private async betweenWrites<K extends keyof Shard['cached']>(
    key: K,
    read: () => Promise<NonNullable<Shard['cached'][K]>>,
  ): Promise<NonNullable<Shard['cached'][K]>> {
    const kept = this.cached[key];
    if (kept !== undefined) return kept as NonNullable<Shard['cached'][K]>;
    const version = this.writeVersion;
    const value = await read();
    if (version === this.writeVersion && version % 2 === 0) this.cached[key] = value;
    return value;
  }

  async sizeBytes(): Promise<number> {
    const sizes = await Promise.all(
      [this.file, `${this.file}.wal`].map((f) =>
        stat(f).then(
          (s) => s.size,
          () => 0,
        ),
      ),
    );
    return sizes.reduce((a, b) => a + b, 0);
  }

  /** Waits for queued writes, folds the write-ahead log into the file, and closes the connections. */
  async close(): Promise<void> {
    await this.writes.idle();
    await this.writer.run(`CHECKPOINT ${this.catalog}`).catch(() => {});
    for (const c of [this.writer, this.scanner, this.reader]) c.closeSync();
  }

  private async transaction<T>(fn: () => Promise<T>): Promise<T> {
    this.cached = {};
    this.writeVersion++;
    try {
      return await inTransaction(this.writer, fn);
    } finally {
      this.writeVersion++;
      this.cached = {};
      this.lastWriteAt = Date.now();
    }
  }

  private async findExisting(conn: DuckDBConnection, records: readonly MemoryKey[]): Promise<MemoryKey[]> {
    const wanted = new Set(records.map(keyOf));
    const result = await conn.runAndReadAll(
      `SELECT system_id, id FROM ${this.table} WHERE list_contains($1, id)`,
      [strings([...new Set(records.map((r) => r.id))])],
      [LIST(VARCHAR)],
    );
    return result
      .getRowObjectsJS()
      .map((raw) => {
        const r = z.object({ system_id: z.string(), id: z.string() }).parse(raw);
        return { systemId: r.system_id, id: r.id };
      })
      .filter((k) => wanted.has(keyOf(k)));
  }
}

const lastSeqRow = z.object({ last: z.number().nullable() });

export function toStoredMemory(r: z.infer<typeof memoryRow>): StoredMemory {
  return {
    systemId: r.system_id,
    id: r.id,
    kind: r.kind,
    content: r.content,
    contentHash: r.content_hash,
    timestamp: r.ts,
    uploadedAt: r.uploaded_at,
    metadata: storedJsonObject(r.metadata),
    embedding: r.embedding,
  };
}

/** What a search filters a stored record by, as its row's columns give it. */
export function candidateOfRecord(r: MemoryRecord): Candidate {
  return {
    systemId: r.systemId,
    id: r.id,
    project: projectOf(r.metadata),
    tags: tagsOf(r.metadata),
    ts: r.timestamp.getTime(),
  };
}

/** A record as its row reads back without the embedding. */
export function storedOfRecord(r: MemoryRecord): StoredMemory {
  return {
    systemId: r.systemId,
    id: r.id,
    kind: r.kind,
    content: r.content,
    contentHash: r.contentHash,
    timestamp: r.timestamp,
    uploadedAt: r.uploadedAt,
    metadata: r.metadata,
    embedding: null,
  };
}

/** A candidate from the values of system_id, id, project, tags, ts (epoch ms): `value(0)` … `value(4)`. */
function candidateOf(value: (column: number) => unknown): Candidate {
  return {
    systemId: String(value(0)),
    id: String(value(1)),
    project: (value(2) ?? null) as string | null,
    tags: (value(3) ?? null) as string[] | null,
    ts: Number(value(4)),
  };
}
