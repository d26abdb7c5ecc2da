import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type DuckDBDataChunk, DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import { copyBounded } from '../common/bounded-copy.ts';
import { floatLists } from '../common/float-lists.ts';
import { isJsonObject } from '../common/json.ts';
import {
  EMBEDDING_LIST,
  Pages,
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
export type SnapshotLimits = {
  maxUploadBytes: number;
  maxUncompressedBytes: number;
  /** Rows a file may hold in all (memories, or entities and relations); more is refused before reading. */
  maxRows: number;
  /** DuckDB memory limit of the instance that reads the file, e.g. 256MB. */
  readerMemory: string;
};
export type MemoryPage = { table: string; rows: SnapshotMemory[] };

export type SnapshotFile = {
  format: SnapshotFormat;
  compressed: boolean;
  /** SHA-256 of the (decompressed) file, hex. */
  sha256: string;
  /** Rows the file holds (counted before any is read). */
  rows: number;
  /** Memory rows in pages, table by table (reflection DB, Parquet, JSON Lines). */
  memoryPages(timeZone: string): AsyncGenerator<MemoryPage>;
  /** Entities and relations (knowledge-graph DB); empty for any other format. */
  graph(timeZone: string): Promise<{ entities: SnapshotEntity[]; relations: SnapshotRelation[] }>;
  /** Closes readers and deletes the scratch folder. */
  close(): Promise<void>;
};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Copies a stream to a file, failing once more than `limit` bytes passed. */
const saveBounded = (source: Readable, target: string, limit: number, what: string, signal: AbortSignal) =>
  copyBounded(
    source,
    target,
    limit,
    () => new SnapshotError(`${what} is larger than ${limit} bytes`),
    signal,
  );

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

/**
 * Saves and recognises an uploaded file; the caller closes what it gets. `signal` stops the
 * copy and, later, any statement reading the file (client gone, timeout, shutdown).
 */
export async function openSnapshotFile(
  stream: Readable,
  limits: SnapshotLimits,
  signal: AbortSignal,
): Promise<SnapshotFile> {
  signal.throwIfAborted();
  const scratch = await mkdtemp(join(tmpdir(), 'akosha-upload-'));
  const removeScratch = () => rm(scratch, { recursive: true, force: true });
  try {
    const raw = join(scratch, 'upload');
    await saveBounded(stream, raw, limits.maxUploadBytes, 'the upload', signal);
    const compressed = (await head(raw, 2)).equals(Buffer.from([0x1f, 0x8b]));
    const file = compressed ? join(scratch, 'upload.unzipped') : raw;
    if (compressed) {
      await saveBounded(
        createReadStream(raw).pipe(createGunzip()),
        file,
        limits.maxUncompressedBytes,
        'the decompressed upload',
        signal,
      ).catch((err: unknown) => {
        if (err instanceof SnapshotError || signal.aborted) throw err;
        throw new SnapshotError(`the gzip stream is corrupt: ${String(err)}`);
      });
    }
    const magic = await head(file, 12);
    const digest = await sha256(file);
    let decoded: Decoded;
    if (magic.subarray(8, 12).toString('latin1') === 'DUCK') decoded = await duckDbFile(file, limits, signal);
    else if (magic.subarray(0, 4).toString('latin1') === 'PAR1')
      decoded = await tableFile(file, 'PARQUET', limits, signal);
    else if (magic.toString('utf8').trimStart().startsWith('{'))
      decoded = await tableFile(file, 'JSON_LINES', limits, signal);
    else
      throw new SnapshotError(
        'unknown file: expected a DuckDB database, Parquet or JSON Lines (optionally gzip-compressed)',
      );
    const close = async () => {
      decoded.close();
      await removeScratch();
    };
    if (decoded.rows > limits.maxRows) {
      await close();
      throw new SnapshotError(
        `the file holds ${decoded.rows} rows; an upload may hold at most ${limits.maxRows} (AKOSHA_MAX_UPLOAD_ROWS)`,
      );
    }
    return { ...decoded, compressed, sha256: digest, close };
  } catch (err) {
    await removeScratch();
    throw err;
  }
}

type Decoded = Pick<SnapshotFile, 'format' | 'memoryPages' | 'graph' | 'rows'> & { close(): void };

/** While `signal` is not aborted, runs `fn`; an abort interrupts the statement running meanwhile. */
async function interruptible<T>(
  signal: AbortSignal,
  interrupt: () => void,
  fn: () => Promise<T>,
): Promise<T> {
  signal.throwIfAborted();
  signal.addEventListener('abort', interrupt);
  try {
    return await fn();
  } catch (err) {
    signal.throwIfAborted();
    throw err;
  } finally {
    signal.removeEventListener('abort', interrupt);
  }
}

/** A Session-Buddy reflection.duckdb or knowledge_graph.duckdb, read on demand. */
async function duckDbFile(file: string, limits: SnapshotLimits, signal: AbortSignal): Promise<Decoded> {
  let reader: SnapshotReader;
  try {
    reader = await SnapshotReader.open(file, { memoryLimit: limits.readerMemory });
  } catch (err) {
    throw err instanceof SnapshotError ? err : new SnapshotError('the database could not be opened');
  }
  let closed = false;
  const close = () => {
    if (!closed) reader.close();
    closed = true;
  };
  const reading = <T>(fn: () => Promise<T>): Promise<T> =>
    interruptible(signal, () => reader.interrupt(), fn).catch((err: unknown) => {
      if (signal.aborted || err instanceof SnapshotError) throw err;
      throw new SnapshotError(`the database could not be read: ${message(err)}`);
    });
  if (reader.kind !== 'knowledge_graph' && reader.kind !== 'reflection') {
    close();
    throw new SnapshotError('the database holds no Session-Buddy memory or knowledge-graph tables');
  }
  const kind = reader.kind;
  const tables =
    kind === 'reflection' ? reader.memoryTables().map((t) => t.table) : ['kg_entities', 'kg_relationships'];
  let rows = 0;
  try {
    for (const t of tables) if (reader.columns.has(t)) rows += await reading(() => reader.rowCount(t));
  } catch (err) {
    close();
    throw err;
  }
  return {
    format: kind === 'knowledge_graph' ? 'KNOWLEDGE_GRAPH_DB' : 'REFLECTION_DB',
    rows,
    close,
    async *memoryPages(zone) {
      if (kind !== 'reflection') return;
      for (const { table, kind: memoryKind } of reader.memoryTables()) {
        const pages = reader.memories(table, memoryKind, zone);
        for (;;) {
          const next = await reading(() => pages.next());
          if (next.done) break;
          yield { table, rows: next.value };
        }
      }
    },
    async graph(zone) {
      if (kind !== 'knowledge_graph') return { entities: [], relations: [] };
      return {
        entities: await reading(() => reader.entities(zone)),
        relations: await reading(() => reader.relations(zone)),
      };
    },
  };
}

/** Newline-terminated lines of a file, counted while streaming it. */
async function lineCount(file: string): Promise<number> {
  let n = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file)) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
    last = buf[buf.length - 1] ?? last;
  }
  return last === 0x0a ? n : n + 1;
}

/** Parquet or JSON Lines rows with the fields of a memory (id, kind, content, embedding, timestamp, metadata). */
async function tableFile(
  file: string,
  format: 'PARQUET' | 'JSON_LINES',
  limits: SnapshotLimits,
  signal: AbortSignal,
): Promise<Decoded> {
  const table = format === 'PARQUET' ? 'parquet' : 'jsonl';
  const source = format === 'PARQUET' ? 'read_parquet($1)' : `read_json($1, format = 'newline_delimited')`;
  const what = format === 'PARQUET' ? 'Parquet' : 'JSON Lines';
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '1',
    memory_limit: limits.readerMemory,
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await instance.connect();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    conn.closeSync();
    instance.closeSync();
  };
  const reading = <T>(fn: () => Promise<T>): Promise<T> =>
    interruptible(signal, () => conn.interrupt(), fn).catch((err: unknown) => {
      if (signal.aborted) throw err;
      throw new SnapshotError(`the ${what} file could not be read: ${message(err)}`);
    });
  let rows: number;
  try {
    rows =
      format === 'PARQUET'
        ? Number(
            (
              await reading(() =>
                conn.runAndReadAll('SELECT count(*)::DOUBLE AS n FROM read_parquet($1)', [file], [VARCHAR]),
              )
            ).getRowObjectsJS()[0]?.n ?? 0,
          )
        : await lineCount(file);
  } catch (err) {
    close();
    throw err;
  }
  return {
    format,
    rows,
    close,
    async *memoryPages(zone) {
      const described = await reading(() =>
        conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`, [file], [VARCHAR]),
      );
      const columns = new Set(described.getRowObjectsJS().map((r) => String(r.column_name)));
      for (const required of ['id', 'content', 'embedding'])
        if (!columns.has(required)) throw new SnapshotError(`the ${what} file has no ${required} field`);
      // kind, timestamp and metadata may be left out.
      const optional = (name: string, expr: string) => (columns.has(name) ? expr : 'NULL');
      const result = await reading(() =>
        conn.stream(
          `SELECT id::VARCHAR AS id, ${optional('kind', 'kind::VARCHAR')} AS kind, content::VARCHAR AS content,
                  ${EMBEDDING_LIST('embedding')} AS embedding,
                  ${optional(
                    'timestamp',
                    `epoch_ms(CASE WHEN typeof("timestamp") = 'TIMESTAMP WITH TIME ZONE' THEN "timestamp"::TIMESTAMPTZ
                                   ELSE timezone($2, "timestamp"::TIMESTAMP) END)::DOUBLE`,
                  )} AS ts,
                  ${optional('metadata', 'to_json(metadata)::VARCHAR')} AS metadata
           FROM ${source}`,
          [file, zone],
          [VARCHAR, VARCHAR],
        ),
      );
      const pages = new Pages();
      for (;;) {
        const chunk = await reading(() => result.fetchChunk());
        if (!chunk || chunk.rowCount === 0) break;
        for (const rows of pages.add(memoriesOf(chunk))) yield { table, rows };
      }
      const rows = pages.take();
      if (rows.length > 0) yield { table, rows };
    },
    graph: async () => ({ entities: [], relations: [] }),
  };
}

/** The memories of a chunk of the Parquet / JSON Lines query above, embeddings copied out of it. */
function memoriesOf(chunk: DuckDBDataChunk): SnapshotMemory[] {
  const column = (c: number) => chunk.getColumnVector(c).toArray();
  const [ids, kinds, contents, times, metas] = [0, 1, 2, 4, 5].map(column);
  const embeddings = floatLists(chunk, 3);
  return embeddings.map((embedding, i) => {
    const metadata = metas?.[i];
    const meta = metadata ? (JSON.parse(String(metadata)) as unknown) : {};
    const ts = times?.[i];
    return {
      id: String(ids?.[i] ?? ''),
      kind: kinds?.[i] === 'REFLECTION' ? 'REFLECTION' : 'CONVERSATION',
      content: String(contents?.[i] ?? ''),
      embedding: embedding && Float32Array.from(embedding),
      timestamp: ts == null ? null : new Date(Number(ts)),
      metadata: isJsonObject(meta) ? meta : { value: meta },
    };
  });
}
