import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import { copyBounded } from '../common/bounded-copy.ts';
import { isJsonObject } from '../common/json.ts';
import {
  type SnapshotEntity,
  SnapshotError,
  type SnapshotMemory,
  SnapshotReader,
  type SnapshotRelation,
} from './snapshot-reader.ts';

// An uploaded file, decoded: saved to a scratch folder within byte limits, gunzipped when its
// magic bytes say gzip, hashed, and recognised as a Session-Buddy DuckDB file (`DUCK` at offset
// 8), Parquet (`PAR1`) or JSON Lines. Every problem with the file is a SnapshotError.

export type SnapshotFormat = 'REFLECTION_DB' | 'KNOWLEDGE_GRAPH_DB' | 'PARQUET' | 'JSON_LINES';
export type SnapshotLimits = { maxUploadBytes: number; maxUncompressedBytes: number };
export type MemoryPage = { table: string; rows: SnapshotMemory[] };

export type SnapshotFile = {
  format: SnapshotFormat;
  compressed: boolean;
  /** SHA-256 of the (decompressed) file, hex. */
  sha256: string;
  /** Memory rows in pages, table by table (reflection DB, Parquet, JSON Lines). */
  memoryPages(timeZone: string): AsyncGenerator<MemoryPage>;
  /** Entities and relations (knowledge-graph DB); empty for any other format. */
  graph(timeZone: string): Promise<{ entities: SnapshotEntity[]; relations: SnapshotRelation[] }>;
  /** Closes readers and deletes the scratch folder. */
  close(): Promise<void>;
};

const PAGE_ROWS = 1000;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Copies a stream to a file, failing once more than `limit` bytes passed. */
const saveBounded = (source: Readable, target: string, limit: number, what: string) =>
  copyBounded(source, target, limit, () => new SnapshotError(`${what} is larger than ${limit} bytes`));

async function head(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Saves and recognises an uploaded file; the caller closes what it gets. */
export async function openSnapshotFile(stream: Readable, limits: SnapshotLimits): Promise<SnapshotFile> {
  const scratch = await mkdtemp(join(tmpdir(), 'akosha-upload-'));
  const removeScratch = () => rm(scratch, { recursive: true, force: true });
  try {
    const raw = join(scratch, 'upload');
    await saveBounded(stream, raw, limits.maxUploadBytes, 'the upload');
    const compressed = (await head(raw, 2)).equals(Buffer.from([0x1f, 0x8b]));
    const file = compressed ? join(scratch, 'upload.unzipped') : raw;
    if (compressed) {
      await saveBounded(
        createReadStream(raw).pipe(createGunzip()),
        file,
        limits.maxUncompressedBytes,
        'the decompressed upload',
      ).catch((err: unknown) => {
        throw err instanceof SnapshotError
          ? err
          : new SnapshotError(`the gzip stream is corrupt: ${String(err)}`);
      });
    }
    const magic = await head(file, 12);
    const digest = await sha256(file);
    const base = { compressed, sha256: digest };
    if (magic.subarray(8, 12).toString('latin1') === 'DUCK') {
      return { ...base, ...(await duckDbFile(file)), close: removeScratch };
    }
    if (magic.subarray(0, 4).toString('latin1') === 'PAR1') {
      return { ...base, ...tableFile(file, 'PARQUET'), close: removeScratch };
    }
    if (magic.toString('utf8').trimStart().startsWith('{')) {
      return { ...base, ...tableFile(file, 'JSON_LINES'), close: removeScratch };
    }
    throw new SnapshotError(
      'unknown file: expected a DuckDB database, Parquet or JSON Lines (optionally gzip-compressed)',
    );
  } catch (err) {
    await removeScratch();
    throw err;
  }
}

type Decoded = Pick<SnapshotFile, 'format' | 'memoryPages' | 'graph'>;

/** A Session-Buddy reflection.duckdb or knowledge_graph.duckdb, read on demand. */
async function duckDbFile(file: string): Promise<Decoded> {
  let reader: SnapshotReader;
  try {
    reader = await SnapshotReader.open(file);
  } catch (err) {
    throw err instanceof SnapshotError ? err : new SnapshotError('the database could not be opened');
  }
  const reading = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw new SnapshotError(`the database could not be read: ${message(err)}`);
    }
  };
  if (reader.kind !== 'knowledge_graph' && reader.kind !== 'reflection') {
    reader.close();
    throw new SnapshotError('the database holds no Session-Buddy memory or knowledge-graph tables');
  }
  const kind = reader.kind;
  return {
    format: kind === 'knowledge_graph' ? 'KNOWLEDGE_GRAPH_DB' : 'REFLECTION_DB',
    async *memoryPages(zone) {
      try {
        if (kind !== 'reflection') return;
        for (const { table, kind: memoryKind } of reader.memoryTables()) {
          const pages = reader.memories(table, memoryKind, zone, PAGE_ROWS);
          for (;;) {
            const next = await reading(() => pages.next());
            if (next.done) break;
            yield { table, rows: next.value };
          }
        }
      } finally {
        reader.close();
      }
    },
    async graph(zone) {
      try {
        if (kind !== 'knowledge_graph') return { entities: [], relations: [] };
        return {
          entities: await reading(() => reader.entities(zone)),
          relations: await reading(() => reader.relations(zone)),
        };
      } finally {
        reader.close();
      }
    },
  };
}

/** Parquet or JSON Lines rows with the fields of a memory (id, kind, content, embedding, timestamp, metadata). */
function tableFile(file: string, format: 'PARQUET' | 'JSON_LINES'): Decoded {
  const table = format === 'PARQUET' ? 'parquet' : 'jsonl';
  const source = format === 'PARQUET' ? 'read_parquet($1)' : `read_json($1, format = 'newline_delimited')`;
  const what = format === 'PARQUET' ? 'Parquet' : 'JSON Lines';
  return {
    format,
    async *memoryPages(zone) {
      const instance = await DuckDBInstance.create(':memory:', {
        threads: '1',
        autoinstall_known_extensions: 'false',
      });
      const conn = await instance.connect();
      try {
        for (let offset = 0; ; offset += PAGE_ROWS) {
          let rows: Record<string, unknown>[];
          try {
            rows = (
              await conn.runAndReadAll(
                `SELECT id::VARCHAR AS id, kind::VARCHAR AS kind, content::VARCHAR AS content, embedding::FLOAT[] AS embedding,
                        epoch_ms(CASE WHEN typeof("timestamp") = 'TIMESTAMP WITH TIME ZONE' THEN "timestamp"::TIMESTAMPTZ
                                      ELSE timezone($2, "timestamp"::TIMESTAMP) END) AS ts,
                        to_json(metadata)::VARCHAR AS metadata
                 FROM ${source} LIMIT ${PAGE_ROWS} OFFSET ${offset}`,
                [file, zone],
                [VARCHAR, VARCHAR],
              )
            ).getRowObjectsJson();
          } catch (err) {
            throw new SnapshotError(`the ${what} file could not be read: ${message(err)}`);
          }
          if (rows.length === 0) break;
          yield { table, rows: rows.map(memoryFromRow) };
          if (rows.length < PAGE_ROWS) break;
        }
      } finally {
        conn.closeSync();
        instance.closeSync();
      }
    },
    graph: async () => ({ entities: [], relations: [] }),
  };
}

function memoryFromRow(r: Record<string, unknown>): SnapshotMemory {
  const meta = r.metadata ? (JSON.parse(String(r.metadata)) as unknown) : {};
  return {
    id: String(r.id ?? ''),
    kind: r.kind === 'REFLECTION' ? 'REFLECTION' : 'CONVERSATION',
    content: String(r.content ?? ''),
    embedding: Array.isArray(r.embedding) ? (r.embedding as number[]) : null,
    timestamp: r.ts == null ? null : new Date(Number(r.ts)),
    metadata: isJsonObject(meta) ? meta : { value: meta },
  };
}
