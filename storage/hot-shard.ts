import { stat } from 'node:fs/promises';
import {
  ARRAY,
  arrayValue,
  DOUBLE,
  type DuckDBConnection,
  type DuckDBInstance,
  FLOAT,
  INTEGER,
  LIST,
  listValue,
  STRUCT,
  structValue,
  TIMESTAMP,
  timestampValue,
  VARCHAR,
} from '@duckdb/node-api';
import { z } from 'zod';
import { memoryChunks, memoryTableSql } from './memory-chunk.ts';
import {
  type InsertOutcome,
  keyOf,
  type MemoryKey,
  type MemoryRecord,
  type ShardHit,
  type ShardQuery,
  type StoredMemory,
  type SystemSummary,
} from './types.ts';

export class ShardTimeoutError extends Error {
  constructor(shard: number, ms: number) {
    super(`search of hot shard ${shard} exceeded ${ms} ms`);
  }
}

const micros = (d: Date) => timestampValue(BigInt(d.getTime()) * 1000n);
const strings = (xs: readonly string[]) => listValue([...xs]);

const memoryRow = z.object({
  system_id: z.string(),
  id: z.string(),
  kind: z.enum(['CONVERSATION', 'REFLECTION']),
  content: z.string(),
  content_hash: z.string(),
  ts: z.date(),
  uploaded_at: z.date(),
  metadata: z.string(),
  embedding: z.array(z.number()),
});

/**
 * One hot shard: a DuckDB file attached under its own catalog name. Writes go through one
 * connection, serialised by a promise queue (one writer per shard); scans and point reads
 * have a connection each so a long scan never delays a memory lookup.
 */
export class HotShard {
  readonly index: number;
  readonly file: string;
  private readonly table: string;
  private readonly dimension: number;
  private readonly writer: DuckDBConnection;
  private readonly scanner: DuckDBConnection;
  private readonly reader: DuckDBConnection;
  private writeTail: Promise<unknown> = Promise.resolve();

  private constructor(index: number, file: string, dimension: number, conns: DuckDBConnection[]) {
    const [writer, scanner, reader] = conns;
    if (!writer || !scanner || !reader) throw new Error('three connections expected');
    this.index = index;
    this.file = file;
    this.table = `hot_${index}.main.memories`;
    this.dimension = dimension;
    this.writer = writer;
    this.scanner = scanner;
    this.reader = reader;
  }

  static async open(
    instance: DuckDBInstance,
    index: number,
    file: string,
    dimension: number,
  ): Promise<HotShard> {
    const setup = await instance.connect();
    try {
      // ATTACH takes no bound parameters; the path comes from operator configuration, quotes escaped.
      await setup.run(`ATTACH IF NOT EXISTS '${file.replaceAll("'", "''")}' AS hot_${index}`);
      await setup.run(memoryTableSql(`hot_${index}.main.memories`, dimension));
      const found = await setup.runAndReadAll(
        `SELECT data_type FROM duckdb_columns() WHERE database_name = $1 AND table_name = 'memories' AND column_name = 'embedding'`,
        [`hot_${index}`],
      );
      const type = String(found.getRowObjectsJS()[0]?.data_type ?? '');
      if (type !== `FLOAT[${dimension}]`) {
        throw new Error(
          `${file} stores embeddings as ${type}, but AKOSHA_EMBEDDING_DIMENSION is ${dimension}`,
        );
      }
    } finally {
      setup.closeSync();
    }
    const conns = await Promise.all([instance.connect(), instance.connect(), instance.connect()]);
    return new HotShard(index, file, dimension, conns);
  }

  /** Writes the records not already stored; identity is (systemId, id). Callers dedupe the batch. */
  insert(records: readonly MemoryRecord[]): Promise<InsertOutcome> {
    return this.serialised(async () => {
      const existing = new Set((await this.findExisting(this.writer, records)).map(keyOf));
      const fresh = records.filter((r) => !existing.has(keyOf(r)));
      const duplicates = records.filter((r) => existing.has(keyOf(r)));
      if (fresh.length > 0) {
        await this.writer.run('BEGIN TRANSACTION');
        try {
          const appender = await this.writer.createAppender('memories', 'main', `hot_${this.index}`);
          for (const chunk of memoryChunks(fresh, this.dimension)) appender.appendDataChunk(chunk);
          appender.closeSync();
          await this.writer.run('COMMIT');
        } catch (err) {
          await this.writer.run('ROLLBACK').catch(() => {});
          throw err;
        }
      }
      return { inserted: fresh.map(pickKey), duplicates: duplicates.map(pickKey) };
    });
  }

  /**
   * Exact cosine top-k for a whole batch of queries in one scan: the queries are a bound
   * list of structs joined against the table, each with its own filters.
   */
  async searchBatch(queries: readonly ShardQuery[], timeoutMs: number): Promise<ShardHit[][]> {
    const k = Math.max(...queries.map((q) => q.limit));
    if (!Number.isInteger(k) || k < 1) throw new Error('limit must be a positive integer');
    const queryType = STRUCT({
      qi: INTEGER,
      vec: ARRAY(FLOAT, this.dimension),
      min_score: DOUBLE,
      systems: LIST(VARCHAR),
      projects: LIST(VARCHAR),
      tags: LIST(VARCHAR),
      from_ts: TIMESTAMP,
      to_ts: TIMESTAMP,
    });
    const bound = listValue(
      queries.map((q, qi) =>
        structValue({
          qi,
          vec: arrayValue(Array.from(q.vector)),
          min_score: q.minScore,
          systems: q.systemIds && strings(q.systemIds),
          projects: q.projects && strings(q.projects),
          tags: q.tags && strings(q.tags),
          from_ts: q.from && micros(q.from),
          to_ts: q.to && micros(q.to),
        }),
      ),
    );
    // k is a checked integer; max_by needs it as a constant, so it is the one inlined value.
    const sql = `
      WITH q AS (SELECT s.* FROM (SELECT unnest($1) AS s)),
      scored AS (
        SELECT q.qi, q.min_score, m.system_id, m.id,
               array_inner_product(m.embedding, q.vec) / m.norm AS score
        FROM q JOIN ${this.table} m ON
              (q.systems IS NULL OR list_contains(q.systems, m.system_id))
          AND (q.projects IS NULL OR list_contains(q.projects, m.project))
          AND (q.tags IS NULL OR list_has_any(q.tags, m.tags))
          AND (q.from_ts IS NULL OR m.ts >= q.from_ts)
          AND (q.to_ts IS NULL OR m.ts <= q.to_ts)
      )
      SELECT qi, max_by({system_id: system_id, id: id, score: score}, score, ${k}) AS top
      FROM scored WHERE min_score IS NULL OR score >= min_score
      GROUP BY qi`;
    const timer = setTimeout(() => this.scanner.interrupt(), timeoutMs);
    let rows: Record<string, unknown>[];
    try {
      rows = (await this.scanner.runAndReadAll(sql, [bound], [LIST(queryType)])).getRowObjectsJS();
    } catch (err) {
      if (/interrupt/i.test(String(err))) throw new ShardTimeoutError(this.index, timeoutMs);
      throw err;
    } finally {
      clearTimeout(timer);
    }
    const results: ShardHit[][] = queries.map(() => []);
    for (const row of rows) {
      const top = z
        .object({
          qi: z.number(),
          top: z.array(z.object({ system_id: z.string(), id: z.string(), score: z.number() })),
        })
        .parse(row);
      const limit = queries[top.qi]?.limit ?? 0;
      results[top.qi] = top.top
        .slice(0, limit)
        .map((h) => ({ systemId: h.system_id, id: h.id, score: h.score }));
    }
    return results;
  }

  /** Full records for the given keys, in no particular order; missing keys are absent. */
  async load(keys: readonly MemoryKey[]): Promise<StoredMemory[]> {
    if (keys.length === 0) return [];
    const wanted = new Set(keys.map(keyOf));
    const ids = [...new Set(keys.map((k) => k.id))];
    const result = await this.reader.runAndReadAll(
      `SELECT system_id, id, kind, content, content_hash, ts, uploaded_at, metadata, embedding
       FROM ${this.table} WHERE id IN (SELECT unnest($1))`,
      [strings(ids)],
      [LIST(VARCHAR)],
    );
    return result
      .getRowObjectsJS()
      .map((raw) => memoryRow.parse(raw))
      .filter((r) => wanted.has(keyOf({ systemId: r.system_id, id: r.id })))
      .map((r) => ({
        systemId: r.system_id,
        id: r.id,
        kind: r.kind,
        content: r.content,
        contentHash: r.content_hash,
        timestamp: r.ts,
        uploadedAt: r.uploaded_at,
        metadata: z.record(z.string(), z.unknown()).parse(JSON.parse(r.metadata)),
        embedding: r.embedding,
      }));
  }

  async systems(): Promise<SystemSummary[]> {
    const result = await this.reader.runAndReadAll(
      `SELECT system_id, count(*)::INTEGER AS n, max(uploaded_at) AS last FROM ${this.table} GROUP BY system_id`,
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = z.object({ system_id: z.string(), n: z.number(), last: z.date().nullable() }).parse(raw);
      return { id: r.system_id, memoryCount: r.n, lastUploadAt: r.last };
    });
  }

  async count(): Promise<number> {
    const result = await this.reader.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${this.table}`);
    return z.object({ n: z.number() }).parse(result.getRowObjectsJS()[0]).n;
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
    await this.writeTail;
    await this.writer.run(`CHECKPOINT hot_${this.index}`).catch(() => {});
    for (const c of [this.writer, this.scanner, this.reader]) c.closeSync();
  }

  private async findExisting(conn: DuckDBConnection, records: readonly MemoryKey[]): Promise<MemoryKey[]> {
    const ids = [...new Set(records.map((r) => r.id))];
    const result = await conn.runAndReadAll(
      `SELECT system_id, id FROM ${this.table} WHERE id IN (SELECT unnest($1))`,
      [strings(ids)],
      [LIST(VARCHAR)],
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = z.object({ system_id: z.string(), id: z.string() }).parse(raw);
      return { systemId: r.system_id, id: r.id };
    });
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writeTail.then(fn, fn);
    this.writeTail = run.catch(() => {});
    return run;
  }
}

const pickKey = (r: MemoryKey): MemoryKey => ({ systemId: r.systemId, id: r.id });
