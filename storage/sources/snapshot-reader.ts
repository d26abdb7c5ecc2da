import { DuckDBInstance, JsonDuckDBValueConverter, VARCHAR } from '@duckdb/node-api';
import { z } from 'zod';
import { floatLists } from '../common/float-lists.ts';
import { parseJsonObject } from '../common/json.ts';
import type { Entity, Relation } from '../types.ts';

// Reads a Session-Buddy reflection.duckdb or knowledge_graph.duckdb (see
// shared/session-buddy/FORMAT.md): opened read-only, with extension loading and external access
// off, never attached to our stores; every table read by column name, so both reflections_v2
// layouts, the v1 tables and older files with appended columns all read the same way.

export type SnapshotMemory = {
  id: string;
  kind: 'CONVERSATION' | 'REFLECTION';
  content: string;
  embedding: Float32Array | null;
  timestamp: Date | null;
  metadata: Record<string, unknown>;
};

/** Knowledge-graph rows as the file holds them; the uploader's system is added on storing. */
export type SnapshotEntity = Omit<Entity, 'systemId'>;
export type SnapshotRelation = Omit<Relation, 'systemId'>;

/** Memory tables, newest layout first; `kind` is what each row becomes. */
const MEMORY_TABLES = [
  { table: 'conversations_v2', kind: 'CONVERSATION' },
  { table: 'reflections_v2', kind: 'REFLECTION' },
  { table: 'conversations', kind: 'CONVERSATION' },
  { table: 'reflections', kind: 'REFLECTION' },
] as const;

export class SnapshotError extends Error {}

/**
 * Rows of a page of memories: what one write stores. A write's fixed costs (the duplicate lookups,
 * a transaction per shard) are paid per page: at 1,000 rows a write a 100k upload ran at 6.4k
 * memories/s, at 10,000 at 9.7k.
 */
export const PAGE_ROWS = 8192;
/**
 * …or fewer: a page goes as soon as its contents reach this many characters (a hostile file of
 * megabyte contents must not pile up 8,192 of them in memory, twice with the read-ahead).
 */
const PAGE_CHARS = 32 * 2 ** 20;

/** Memories gathered into pages of PAGE_ROWS rows or PAGE_CHARS characters of content. */
export class Pages {
  private rows: SnapshotMemory[] = [];
  private chars = 0;

  /** Adds the memories; the pages they fill, if any. */
  add(memories: readonly SnapshotMemory[]): SnapshotMemory[][] {
    const full: SnapshotMemory[][] = [];
    for (const m of memories) {
      this.rows.push(m);
      this.chars += m.content.length;
      if (this.rows.length >= PAGE_ROWS || this.chars >= PAGE_CHARS) full.push(this.take());
    }
    return full;
  }

  /** What is left (the last page), emptied. */
  take(): SnapshotMemory[] {
    const rows = this.rows;
    this.rows = [];
    this.chars = 0;
    return rows;
  }
}

/**
 * An embedding column as a FLOAT[] list for floatLists: NULL elements become NaN, which the write
 * path refuses with the element's index (a NULL list stays NULL).
 */
export const EMBEDDING_LIST = (column: string) =>
  `list_transform(${column}::FLOAT[], x -> coalesce(x, 'nan'::FLOAT))`;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export class SnapshotReader {
  private readonly instance: DuckDBInstance;
  private readonly conn: Awaited<ReturnType<DuckDBInstance['connect']>>;
  readonly columns: Map<string, Map<string, string>>;

  /** Runs SQL whose only parameter, if any, is the time zone. */
  private async rows(sql: string, timeZone: string) {
    const usesZone = sql.includes('$1');
    const result = await this.conn.runAndReadAll(sql, usesZone ? [timeZone] : [], usesZone ? [VARCHAR] : []);
    return result.getRowObjectsJson();
  }

  /** Stops the statement running now (cancellation, timeout). */
  interrupt(): void {
    this.conn.interrupt();
  }

  /** Rows of a table of the file: known before anything is read, for the upload's row budget. */
  async rowCount(table: string): Promise<number> {
    const r = await this.conn.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM main.${quoted(table)}`);
    return Number(r.getRowObjectsJS()[0]?.n ?? 0);
  }

  private constructor(
    instance: DuckDBInstance,
    conn: SnapshotReader['conn'],
    columns: SnapshotReader['columns'],
  ) {
    this.instance = instance;
    this.conn = conn;
    this.columns = columns;
  }

  /**
   * Opens the file read-only in an instance of its own with a memory limit. Only plain tables are
   * read: a file that defines macros (which could stand in for the functions our queries call)
   * is refused, and views (which could run anything when read) are never read.
   */
  static async open(file: string, opts: { memoryLimit: string }): Promise<SnapshotReader> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, {
        access_mode: 'READ_ONLY',
        threads: '1',
        memory_limit: opts.memoryLimit,
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        enable_external_access: 'false',
        lock_configuration: 'true',
      });
    } catch (err) {
      throw new SnapshotError(
        `not a readable DuckDB database: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const conn = await instance.connect();
    const macros = await conn.runAndReadAll(
      `SELECT count(*)::DOUBLE AS n FROM duckdb_functions() WHERE database_name = current_database() AND NOT internal`,
    );
    if (Number(macros.getRowObjectsJS()[0]?.n ?? 0) > 0) {
      conn.closeSync();
      instance.closeSync();
      throw new SnapshotError('the database defines macros; only files of plain tables are read');
    }
    const result = await conn.runAndReadAll(
      `SELECT c.table_name, c.column_name, c.data_type FROM duckdb_columns() c
       JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
       WHERE c.database_name = current_database() AND c.schema_name = 'main' AND NOT t.temporary`,
    );
    const columns = new Map<string, Map<string, string>>();
    for (const raw of result.getRowObjectsJS()) {
      const r = z
        .object({ table_name: z.string(), column_name: z.string(), data_type: z.string() })
        .parse(raw);
      const t = columns.get(r.table_name) ?? new Map<string, string>();
      t.set(r.column_name, r.data_type);
      columns.set(r.table_name, t);
    }
    return new SnapshotReader(instance, conn, columns);
  }

  get kind(): 'reflection' | 'knowledge_graph' | 'unknown' {
    if (MEMORY_TABLES.some((t) => this.columns.has(t.table))) return 'reflection';
    if (this.columns.has('kg_entities')) return 'knowledge_graph';
    return 'unknown';
  }

  memoryTables(): { table: string; kind: 'CONVERSATION' | 'REFLECTION' }[] {
    return MEMORY_TABLES.filter((t) => {
      const cols = this.columns.get(t.table);
      return cols?.has('id') && cols.has('content');
    });
  }

  /**
   * The rows of one memory table in pages. Naive TIMESTAMP columns hold the client's local wall
   * time; `timeZone` says which zone that is. All other columns go into metadata, as they are.
   */
  async *memories(table: string, kind: 'CONVERSATION' | 'REFLECTION', timeZone: string) {
    const cols = this.columns.get(table) ?? new Map<string, string>();
    const tsType = cols.get('timestamp');
    const ts =
      tsType === 'TIMESTAMP'
        ? `epoch_ms(timezone($1, "timestamp"))`
        : tsType?.startsWith('TIMESTAMP')
          ? `epoch_ms("timestamp"::TIMESTAMPTZ)`
          : 'NULL';
    const excluded = ['embedding'].filter((c) => cols.has(c)).map(quoted);
    const replaced =
      cols.get('fingerprint') === 'BLOB' ? ` REPLACE (to_base64(fingerprint) AS fingerprint)` : '';
    const embedding = cols.get('embedding')?.startsWith('FLOAT')
      ? EMBEDDING_LIST('embedding')
      : 'NULL::FLOAT[]';
    // One streamed statement (never LIMIT … OFFSET, which rereads every earlier row per page).
    const usesZone = ts.includes('$1');
    const result = await this.conn.stream(
      `SELECT *${excluded.length ? ` EXCLUDE (${excluded.join(', ')})` : ''}${replaced},
              ${embedding} AS __embedding, ${ts} AS __ts
       FROM main.${quoted(table)}`,
      usesZone ? [timeZone] : [],
      usesZone ? [VARCHAR] : [],
    );
    const names = result.deduplicatedColumnNames();
    const at = names.indexOf('__embedding');
    const pages = new Pages();
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const columns = names.map((name, c) =>
        c === at ? null : { name, values: chunk.convertColumnValues(c, JsonDuckDBValueConverter) },
      );
      const memories = floatLists(chunk, at).map((embedding, i): SnapshotMemory => {
        const row = Object.fromEntries(columns.flatMap((col) => (col ? [[col.name, col.values[i]]] : [])));
        const { id, content, __ts, metadata, ...rest } = row;
        const meta: Record<string, unknown> = { ...rest, source_table: table, source_time_zone: timeZone };
        const parsed = parseJsonObject(metadata);
        if (parsed) meta.metadata = parsed;
        else if (metadata != null) meta.metadata = metadata;
        if (meta.project == null && typeof parsed?.project === 'string') meta.project = parsed.project;
        return {
          id: String(id),
          kind,
          content: String(content ?? ''),
          embedding: embedding && Float32Array.from(embedding),
          timestamp: __ts == null ? null : new Date(Number(__ts)),
          metadata: meta,
        };
      });
      yield* pages.add(memories);
    }
    const last = pages.take();
    if (last.length > 0) yield last;
  }

  async entities(timeZone: string): Promise<SnapshotEntity[]> {
    const cols = this.columns.get('kg_entities');
    if (!cols) return [];
    const time = (c: string) => (cols.get(c) === 'TIMESTAMP' ? `epoch_ms(timezone($1, ${c}))` : 'NULL');
    const rows = await this.rows(
      `SELECT id, name, entity_type, observations, properties::VARCHAR AS properties,
              ${cols.has('metadata') ? 'metadata::VARCHAR' : 'NULL'} AS metadata,
              ${time('created_at')} AS created_ms, ${time('updated_at')} AS updated_ms
       FROM main.kg_entities ORDER BY rowid`,
      timeZone,
    );
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      entityType: String(r.entity_type),
      observations: Array.isArray(r.observations) ? r.observations.map(String) : [],
      properties: parseJsonObject(r.properties) ?? {},
      metadata: parseJsonObject(r.metadata) ?? {},
      createdAt: r.created_ms == null ? null : new Date(Number(r.created_ms)),
      updatedAt: r.updated_ms == null ? null : new Date(Number(r.updated_ms)),
    }));
  }

  async relations(timeZone: string): Promise<SnapshotRelation[]> {
    const cols = this.columns.get('kg_relationships');
    if (!cols) return [];
    const rows = await this.rows(
      `SELECT id, from_entity, to_entity, relation_type, properties::VARCHAR AS properties,
              ${cols.has('metadata') ? 'metadata::VARCHAR' : 'NULL'} AS metadata,
              ${cols.get('created_at') === 'TIMESTAMP' ? 'epoch_ms(timezone($1, created_at))' : 'NULL'} AS created_ms
       FROM main.kg_relationships ORDER BY rowid`,
      timeZone,
    );
    return rows.map((r) => ({
      id: String(r.id),
      fromEntity: String(r.from_entity),
      toEntity: String(r.to_entity),
      relationType: String(r.relation_type),
      properties: parseJsonObject(r.properties) ?? {},
      metadata: parseJsonObject(r.metadata) ?? {},
      createdAt: r.created_ms == null ? null : new Date(Number(r.created_ms)),
    }));
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
