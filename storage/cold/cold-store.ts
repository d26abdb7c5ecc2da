import { stat } from 'node:fs/promises';
import {
  DOUBLE,
  type DuckDBConnection,
  type DuckDBInstance,
  LIST,
  listValue,
  TIMESTAMP,
  VARCHAR,
} from '@duckdb/node-api';
import { z } from 'zod';
import { micros, sqlString } from '../common/engine.ts';
import { keywordParams, keywordSql, parseKeywordHits } from '../keyword/keyword-sql.ts';
import { ColdTierError } from '../port.ts';
import { boundQueries, MEMORY_COLUMNS, memoryRow, parseTop, searchSql } from '../shards/search-sql.ts';
import { toStoredMemory } from '../shards/shard.ts';
import { WARM } from '../shards/tier-layout.ts';
import {
  keyOf,
  type MemoryKey,
  type ShardHit,
  type ShardQuery,
  type StoredMemory,
  type SystemSummary,
} from '../types.ts';
import type { ObjectStore } from './object-store.ts';
import { parseObjectKey, summarize } from './object-summary.ts';

/**
 * How cold objects are written (COPY options): zstd, Parquet 2 encodings (the int8 codes
 * delta-packed instead of plain). A warm → cold move of the bench's 110k memories runs about 15 %
 * faster (17.6–19.2k against 14.7–17.5k memories/s) for 8 % more bytes (90.1 against 83.7 MiB);
 * objects written before are read the same.
 */
export const COLD_PARQUET = 'FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION V2';

export type ColdObject = {
  key: string;
  systemId: string;
  day: string;
  minTs: Date;
  maxTs: Date;
  rows: number;
  checksum: string;
  bytes: number;
  jobId: string;
};

const objectRow = z.object({
  key: z.string(),
  system_id: z.string(),
  day: z.string(),
  min_ts: z.date(),
  max_ts: z.date(),
  rows: z.number(),
  checksum: z.string(),
  bytes: z.number(),
  job_id: z.string(),
});

/**
 * The cold tier: Parquet objects (one system-day partition each) in an object store, found
 * through a catalog table in the metadata database. Searched in place: the catalog prunes by
 * system and time, the objects are read with read_parquet (downloaded into a bounded local
 * cache first when they live in S3), and nothing is rehydrated into hot or warm.
 */
export class ColdStore {
  readonly objects: ObjectStore;
  private readonly conn: DuckDBConnection;
  private readonly dimension: number;
  private readonly holds: (systemId: string) => boolean;

  private constructor(
    conn: DuckDBConnection,
    objects: ObjectStore,
    dimension: number,
    holds: (systemId: string) => boolean,
  ) {
    this.holds = holds;
    this.conn = conn;
    this.objects = objects;
    this.dimension = dimension;
  }

  /**
   * `holds` says which systems' objects are this process's (a store shares the bucket with the
   * other stores: their objects are never cataloged, verified or collected here).
   */
  static async open(
    instance: DuckDBInstance,
    objects: ObjectStore,
    dimension: number,
    holds: (systemId: string) => boolean = () => true,
  ): Promise<ColdStore> {
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE IF NOT EXISTS meta.main.cold_objects (
      key VARCHAR PRIMARY KEY, system_id VARCHAR NOT NULL, day VARCHAR NOT NULL, min_ts TIMESTAMP NOT NULL,
      max_ts TIMESTAMP NOT NULL, rows BIGINT NOT NULL, checksum VARCHAR NOT NULL, bytes BIGINT NOT NULL,
      job_id VARCHAR NOT NULL)`);
    return new ColdStore(conn, objects, dimension, holds);
  }

  /** Makes objects visible to readers (the "switch" of warm → cold), in one statement; idempotent. */
  async register(objects: readonly ColdObject[]): Promise<void> {
    if (objects.length === 0) return;
    const row = (i: number) =>
      `($${i * 9 + 1}, $${i * 9 + 2}, $${i * 9 + 3}, $${i * 9 + 4}, $${i * 9 + 5}, $${i * 9 + 6}::BIGINT, $${i * 9 + 7}, $${i * 9 + 8}::BIGINT, $${i * 9 + 9})`;
    await this.conn.run(
      `INSERT OR REPLACE INTO meta.main.cold_objects VALUES ${objects.map((_, i) => row(i)).join(', ')}`,
      objects.flatMap((o) => [
        o.key,
        o.systemId,
        o.day,
        micros(o.minTs),
        micros(o.maxTs),
        o.rows,
        o.checksum,
        o.bytes,
        o.jobId,
      ]),
      objects.flatMap(() => [
        VARCHAR,
        VARCHAR,
        VARCHAR,
        TIMESTAMP,
        TIMESTAMP,
        DOUBLE,
        VARCHAR,
        DOUBLE,
        VARCHAR,
      ]),
    );
  }

  /** Removes an object from the catalog (readers stop seeing it); idempotent. */
  async unregister(key: string): Promise<void> {
    await this.conn.run('DELETE FROM meta.main.cold_objects WHERE key = $1', [key], [VARCHAR]);
  }

  /** One catalog entry, or null. */
  async object(key: string): Promise<ColdObject | null> {
    const all = await this.candidates({ systemIds: null, from: null, to: null });
    return all.find((o) => o.key === key) ?? null;
  }

  /** Catalog entries that may hold rows matching these filters. */
  async candidates(f: {
    systemIds: readonly string[] | null;
    from: Date | null;
    to: Date | null;
  }): Promise<ColdObject[]> {
    const result = await this.conn.runAndReadAll(
      `SELECT key, system_id, day, min_ts, max_ts, rows::DOUBLE AS rows, checksum, bytes::DOUBLE AS bytes, job_id
       FROM meta.main.cold_objects
       WHERE ($1::VARCHAR[] IS NULL OR list_contains($1::VARCHAR[], system_id))
         AND ($2::TIMESTAMP IS NULL OR max_ts >= $2::TIMESTAMP)
         AND ($3::TIMESTAMP IS NULL OR min_ts <= $3::TIMESTAMP)
       ORDER BY key`,
      [
        f.systemIds ? listValue([...f.systemIds]) : null,
        f.from ? micros(f.from) : null,
        f.to ? micros(f.to) : null,
      ],
      [LIST(VARCHAR), TIMESTAMP, TIMESTAMP],
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = objectRow.parse(raw);
      return {
        key: r.key,
        systemId: r.system_id,
        day: r.day,
        minTs: r.min_ts,
        maxTs: r.max_ts,
        rows: r.rows,
        checksum: r.checksum,
        bytes: r.bytes,
        jobId: r.job_id,
      };
    });
  }

  private async files(objects: readonly Pick<ColdObject, 'key'>[]): Promise<Map<string, string>> {
    const paths = new Map<string, string>();
    try {
      for (const o of objects) paths.set(await this.objects.localPath(o.key), o.key);
    } catch (err) {
      throw new ColdTierError(`cold objects unreachable (${this.objects.name}): ${String(err)}`);
    }
    return paths;
  }

  /**
   * Exact top-k of one query over the pruned objects (cosine, or BM25 with the statistics of those
   * objects); each hit names the object it came from.
   */
  async search(query: ShardQuery): Promise<(ShardHit & { object: string })[]> {
    const objects = await this.candidates(query);
    if (objects.length === 0) return [];
    const files = await this.files(objects);
    // Objects written before keyword search have no terms column: by name, it reads as NULL.
    const source = `read_parquet($${query.keyword ? 6 : 2}, filename = true, union_by_name = true)`;
    const withFile = 'm.filename || chr(0) || m.id';
    const fileList = listValue([...files.keys()]);
    let hits: ShardHit[];
    if (query.keyword) {
      const { values, types } = keywordParams(query);
      const sql = keywordSql(source, query, null, withFile);
      try {
        const rows = await this.conn.runAndReadAll(sql, [...values, fileList], [...types, LIST(VARCHAR)]);
        hits = parseKeywordHits(rows.getRowObjectsJS());
      } catch (err) {
        // Only objects written before keyword search: none has the column, none can match.
        if (!/does not have a column named "terms"/.test(String(err))) throw err;
        hits = [];
      }
    } else {
      const bound = boundQueries([query], this.dimension);
      const sql = searchSql(source, WARM.score(this.dimension), [query]).replace(
        'SELECT q.qi, q.min_score, m.system_id, m.id,',
        `SELECT q.qi, q.min_score, m.system_id, ${withFile} AS id,`,
      );
      const rows = (
        await this.conn.runAndReadAll(sql, [bound.value, fileList], [bound.type, LIST(VARCHAR)])
      ).getRowObjectsJS();
      hits = parseTop(rows, [query])[0] ?? [];
    }
    return hits.map((h) => {
      const [file = '', id = ''] = h.id.split('\u0000');
      return { ...h, id, object: files.get(file) ?? file };
    });
  }

  async load(keys: readonly MemoryKey[]): Promise<StoredMemory[]> {
    if (keys.length === 0) return [];
    const objects = await this.candidates({
      systemIds: [...new Set(keys.map((k) => k.systemId))],
      from: null,
      to: null,
    });
    return this.readKeys(objects, keys, `${MEMORY_COLUMNS}, ${WARM.embedding} AS embedding`, (raw) =>
      toStoredMemory(memoryRow.parse(raw)),
    );
  }

  /** Which of these memories are already cold; only objects of their system and day are read. */
  async has(records: readonly (MemoryKey & { timestamp: Date })[]): Promise<MemoryKey[]> {
    if (records.length === 0) return [];
    const times = records.map((r) => r.timestamp.getTime());
    const objects = await this.candidates({
      systemIds: [...new Set(records.map((r) => r.systemId))],
      from: new Date(Math.min(...times)),
      to: new Date(Math.max(...times)),
    });
    return this.readKeys(objects, records, 'system_id, id', (raw) => {
      const r = z.object({ system_id: z.string(), id: z.string() }).parse(raw);
      return { systemId: r.system_id, id: r.id };
    });
  }

  /** Full records of keys whose objects are known (from the cold key directory). */
  async loadFrom(objectKeys: readonly string[], keys: readonly MemoryKey[]): Promise<StoredMemory[]> {
    if (keys.length === 0) return [];
    return this.readKeys(
      [...new Set(objectKeys)].map((key) => ({ key })),
      keys,
      `${MEMORY_COLUMNS}, ${WARM.embedding} AS embedding`,
      (raw) => toStoredMemory(memoryRow.parse(raw)),
    );
  }

  /** Every key the cataloged objects of these systems hold, with its object (to fill the key directory). */
  async keysOf(systemIds: readonly string[]): Promise<(MemoryKey & { objectKey: string })[]> {
    const objects = await this.candidates({ systemIds, from: null, to: null });
    if (objects.length === 0) return [];
    const files = await this.files(objects);
    const result = await this.conn.runAndReadAll(
      `SELECT system_id, id, filename FROM read_parquet($1, filename = true)`,
      [listValue([...files.keys()])],
      [LIST(VARCHAR)],
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = z.object({ system_id: z.string(), id: z.string(), filename: z.string() }).parse(raw);
      return { systemId: r.system_id, id: r.id, objectKey: files.get(r.filename) ?? r.filename };
    });
  }

  /**
   * Rebuilds the catalog from the objects alone (after the metadata database was lost): each
   * object's key names its system, day and job; its rows, checksum and time range are read from
   * it. Returns what was registered and the objects that could not be read.
   */
  async rebuildCatalog(): Promise<{ registered: number; problems: string[] }> {
    const problems: string[] = [];
    let registered = 0;
    for (const key of await this.objectKeys()) {
      const parsed = parseObjectKey(key);
      if (!parsed) {
        problems.push(`${key}: not a cold object key`);
        continue;
      }
      try {
        const file = await this.objects.localPath(key);
        const s = await summarize(this.conn, `read_parquet(${sqlString(file)})`);
        if (!s.min_ts || !s.max_ts) throw new Error('holds no rows');
        await this.register([
          {
            key,
            systemId: parsed.systemId,
            day: parsed.day,
            minTs: s.min_ts,
            maxTs: s.max_ts,
            rows: s.n,
            checksum: s.sum ?? '0',
            bytes: (await stat(file)).size,
            jobId: parsed.jobId,
          },
        ]);
        registered++;
      } catch (err) {
        problems.push(`${key}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { registered, problems };
  }

  /** Keys of the memory objects in the bucket that belong to systems held here (cataloged or not). */
  async objectKeys(): Promise<string[]> {
    const keys = await this.objects.list('memories/');
    return keys.filter((k) => {
      const systemId = parseObjectKey(k)?.systemId;
      return systemId === undefined || this.holds(systemId);
    });
  }

  /** Local files of every cataloged object of a system (downloaded when they live in S3). */
  async filesOf(systemId: string): Promise<string[]> {
    const objects = await this.candidates({ systemIds: [systemId], from: null, to: null });
    return [...(await this.files(objects)).keys()];
  }

  /** Row count, checksum and time range of rows read by `source` (SQL), e.g. an object. */
  summary(source: string) {
    return summarize(this.conn, source);
  }

  /** The systems with cataloged objects. */
  async catalogedSystems(): Promise<string[]> {
    const r = await this.conn.runAndReadAll(
      'SELECT DISTINCT system_id FROM meta.main.cold_objects ORDER BY 1',
    );
    return r.getRowObjectsJS().map((x) => String(x.system_id));
  }

  private async readKeys<T extends MemoryKey>(
    objects: readonly Pick<ColdObject, 'key'>[],
    keys: readonly MemoryKey[],
    columns: string,
    map: (raw: Record<string, unknown>) => T,
  ): Promise<T[]> {
    if (objects.length === 0) return [];
    const files = await this.files(objects);
    const wanted = new Set(keys.map(keyOf));
    let result: Awaited<ReturnType<DuckDBConnection['runAndReadAll']>>;
    try {
      result = await this.conn.runAndReadAll(
        `SELECT ${columns} FROM read_parquet($1) WHERE id IN (SELECT unnest($2))`,
        [listValue([...files.keys()]), listValue([...new Set(keys.map((k) => k.id))])],
        [LIST(VARCHAR), LIST(VARCHAR)],
      );
    } catch (err) {
      throw new ColdTierError(`cold objects unreadable (${this.objects.name}): ${String(err)}`);
    }
    return result
      .getRowObjectsJS()
      .map(map)
      .filter((m) => wanted.has(keyOf(m)));
  }

  async systems(): Promise<SystemSummary[]> {
    const result = await this.conn.runAndReadAll(
      `SELECT system_id, sum(rows)::INTEGER AS n FROM meta.main.cold_objects GROUP BY system_id`,
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = z.object({ system_id: z.string(), n: z.number() }).parse(raw);
      return { id: r.system_id, memoryCount: r.n, lastUploadAt: null, embeddingModels: [] };
    });
  }

  async stats(): Promise<{ rows: number; bytes: number; objects: number }> {
    const result = await this.conn.runAndReadAll(
      `SELECT coalesce(sum(rows), 0)::DOUBLE AS rows, coalesce(sum(bytes), 0)::DOUBLE AS bytes, count(*)::DOUBLE AS objects
       FROM meta.main.cold_objects`,
    );
    return z
      .object({ rows: z.number(), bytes: z.number(), objects: z.number() })
      .parse(result.getRowObjectsJS()[0]);
  }

  close(): void {
    this.conn.closeSync();
    this.objects.close();
  }
}
