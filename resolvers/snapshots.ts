import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import { SnapshotError, type SnapshotMemory, SnapshotReader } from '../storage/snapshot-reader.ts';
import type { Services } from './context.ts';
import { AkoshaError, badInput } from './errors.ts';
import { type MemoryInput, type Rejection, SYSTEM_ID_PATTERN, storeMemories } from './ingest.ts';

export type SnapshotFormat = 'REFLECTION_DB' | 'KNOWLEDGE_GRAPH_DB' | 'PARQUET' | 'JSON_LINES';
export type TableCounts = {
  table: string;
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
};
export type SnapshotResult = {
  format: SnapshotFormat;
  compressed: boolean;
  sha256: string;
  tables: TableCounts[];
  accepted: number;
  duplicates: number;
  rejected: number;
  rejections: Rejection[];
  entities: { created: number; updated: number };
  relations: { created: number; updated: number };
};

export type SnapshotLimits = {
  maxUploadBytes: number;
  maxUncompressedBytes: number;
  defaultTimeZone: string;
  timeZones: Record<string, string>;
};

const MAX_REPORTED_REJECTIONS = 100;

export function checkTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw badInput(`unknown time zone ${JSON.stringify(zone)} (use an IANA name such as Europe/Berlin)`);
  }
}

/** Copies a stream to a file, failing once more than `limit` bytes passed. */
async function saveBounded(source: Readable, target: string, limit: number, what: string): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limit) done(badInput(`${what} is larger than ${limit} bytes`));
      else done(null, chunk);
    },
  });
  await pipeline(source, counter, createWriteStream(target));
  return bytes;
}

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
 * Ingests one uploaded file for a system: a Session-Buddy reflection.duckdb or
 * knowledge_graph.duckdb (gzip-compressed or not, told by magic bytes), or Parquet / JSON Lines of
 * memories. The file goes to a scratch folder, is read there, and is deleted afterwards; every
 * memory goes through the same idempotent path as ingestMemories.
 */
export async function ingestSnapshot(
  services: Services,
  input: { systemId: string; stream: Readable; timeZone?: string | null },
): Promise<SnapshotResult> {
  if (!SYSTEM_ID_PATTERN.test(input.systemId)) {
    throw badInput('systemId must be 1-100 characters of letters, digits, _ or -');
  }
  const limits = services.uploads;
  const zone = checkTimeZone(input.timeZone ?? limits.timeZones[input.systemId] ?? limits.defaultTimeZone);
  const scratch = await mkdtemp(join(tmpdir(), 'akosha-upload-'));
  try {
    const raw = join(scratch, 'upload');
    await saveBounded(input.stream, raw, limits.maxUploadBytes, 'the upload');
    const compressed = (await head(raw, 2)).equals(Buffer.from([0x1f, 0x8b]));
    const file = compressed ? join(scratch, 'upload.unzipped') : raw;
    if (compressed) {
      await saveBounded(
        createReadStream(raw).pipe(createGunzip()),
        file,
        limits.maxUncompressedBytes,
        'the decompressed upload',
      ).catch((err: unknown) => {
        throw err instanceof AkoshaError ? err : badInput(`the gzip stream is corrupt: ${String(err)}`);
      });
    }
    const magic = await head(file, 12);
    const digest = await sha256(file);
    if (magic.subarray(8, 12).toString('latin1') === 'DUCK') {
      return { ...(await fromDuckDb(services, input.systemId, file, zone)), compressed, sha256: digest };
    }
    if (magic.subarray(0, 4).toString('latin1') === 'PAR1') {
      return {
        ...(await fromTable(services, input.systemId, file, 'PARQUET', zone)),
        compressed,
        sha256: digest,
      };
    }
    if (magic.toString('utf8').trimStart().startsWith('{')) {
      return {
        ...(await fromTable(services, input.systemId, file, 'JSON_LINES', zone)),
        compressed,
        sha256: digest,
      };
    }
    throw badInput(
      'unknown file: expected a DuckDB database, Parquet or JSON Lines (optionally gzip-compressed)',
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

type Counted = Omit<SnapshotResult, 'compressed' | 'sha256'>;

function empty(format: SnapshotFormat): Counted {
  return {
    format,
    tables: [],
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    rejections: [],
    entities: { created: 0, updated: 0 },
    relations: { created: 0, updated: 0 },
  };
}

/** Stores one page of rows and adds its outcome to the totals of its table. */
async function storePage(
  services: Services,
  systemId: string,
  table: string,
  rows: SnapshotMemory[],
  out: Counted,
) {
  const counts = out.tables.find((t) => t.table === table) ?? {
    table,
    rows: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
  };
  if (!out.tables.includes(counts)) out.tables.push(counts);
  const inputs: MemoryInput[] = [];
  for (const r of rows) {
    counts.rows++;
    if (!r.embedding) {
      counts.rejected++;
      if (out.rejections.length < MAX_REPORTED_REJECTIONS) {
        out.rejections.push({
          index: counts.rows - 1,
          id: r.id,
          systemId,
          reason: `${table}: embedding is NULL`,
        });
      }
      continue;
    }
    inputs.push({
      id: r.id,
      systemId,
      kind: r.kind,
      content: r.content,
      embedding: Float32Array.from(r.embedding),
      timestamp: r.timestamp ?? new Date(),
      metadata: r.metadata,
    });
  }
  for (let i = 0; i < inputs.length; i += services.limits.maxBatchSize) {
    const result = await storeMemories(services, inputs.slice(i, i + services.limits.maxBatchSize));
    counts.accepted += result.accepted;
    counts.duplicates += result.duplicates;
    counts.rejected += result.rejected.length;
    for (const r of result.rejected) {
      if (out.rejections.length < MAX_REPORTED_REJECTIONS)
        out.rejections.push({ ...r, reason: `${table}: ${r.reason}` });
    }
  }
}

function total(out: Counted): Counted {
  out.accepted = out.tables.reduce((n, t) => n + t.accepted, 0);
  out.duplicates = out.tables.reduce((n, t) => n + t.duplicates, 0);
  out.rejected = out.tables.reduce((n, t) => n + t.rejected, 0);
  return out;
}

async function fromDuckDb(
  services: Services,
  systemId: string,
  file: string,
  zone: string,
): Promise<Counted> {
  let reader: SnapshotReader;
  try {
    reader = await SnapshotReader.open(file);
  } catch (err) {
    throw badInput(err instanceof SnapshotError ? err.message : 'the database could not be opened');
  }
  try {
    if (reader.kind === 'knowledge_graph') {
      const out = empty('KNOWLEDGE_GRAPH_DB');
      const entities = await reader.entities(zone);
      const relations = await reader.relations(zone);
      out.entities = await services.storage.kg.upsertEntities(entities.map((e) => ({ ...e, systemId })));
      out.relations = await services.storage.kg.upsertRelations(relations.map((r) => ({ ...r, systemId })));
      out.tables.push(
        {
          table: 'kg_entities',
          rows: entities.length,
          accepted: out.entities.created,
          duplicates: out.entities.updated,
          rejected: 0,
        },
        {
          table: 'kg_relationships',
          rows: relations.length,
          accepted: out.relations.created,
          duplicates: out.relations.updated,
          rejected: 0,
        },
      );
      return out;
    }
    if (reader.kind !== 'reflection')
      throw badInput('the database holds no Session-Buddy memory or knowledge-graph tables');
    const out = empty('REFLECTION_DB');
    for (const { table, kind } of reader.memoryTables()) {
      for await (const page of reader.memories(table, kind, zone))
        await storePage(services, systemId, table, page, out);
    }
    return total(out);
  } catch (err) {
    if (err instanceof AkoshaError) throw err;
    throw badInput(`the database could not be read: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    reader.close();
  }
}

/** Parquet or JSON Lines rows with the fields of MemoryInput (id, kind, content, embedding, timestamp, metadata). */
async function fromTable(
  services: Services,
  systemId: string,
  file: string,
  format: 'PARQUET' | 'JSON_LINES',
  zone: string,
) {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '1',
    autoinstall_known_extensions: 'false',
  });
  const conn = await instance.connect();
  const out = empty(format);
  const table = format === 'PARQUET' ? 'parquet' : 'jsonl';
  const source = format === 'PARQUET' ? 'read_parquet($1)' : `read_json($1, format = 'newline_delimited')`;
  try {
    for (let offset = 0; ; offset += 1000) {
      const rows = (
        await conn.runAndReadAll(
          `SELECT id::VARCHAR AS id, kind::VARCHAR AS kind, content::VARCHAR AS content, embedding::FLOAT[] AS embedding,
                  epoch_ms(CASE WHEN typeof("timestamp") = 'TIMESTAMP WITH TIME ZONE' THEN "timestamp"::TIMESTAMPTZ
                                ELSE timezone($2, "timestamp"::TIMESTAMP) END) AS ts,
                  to_json(metadata)::VARCHAR AS metadata
           FROM ${source} LIMIT 1000 OFFSET ${offset}`,
          [file, zone],
          [VARCHAR, VARCHAR],
        )
      ).getRowObjectsJson();
      if (rows.length === 0) break;
      const page: SnapshotMemory[] = rows.map((r) => {
        const meta = r.metadata ? (JSON.parse(String(r.metadata)) as unknown) : {};
        return {
          id: String(r.id ?? ''),
          kind: r.kind === 'REFLECTION' ? 'REFLECTION' : 'CONVERSATION',
          content: String(r.content ?? ''),
          embedding: Array.isArray(r.embedding) ? (r.embedding as number[]) : null,
          timestamp: r.ts == null ? null : new Date(Number(r.ts)),
          metadata:
            meta && typeof meta === 'object' && !Array.isArray(meta)
              ? (meta as Record<string, unknown>)
              : { value: meta },
        };
      });
      await storePage(services, systemId, table, page, out);
      if (rows.length < 1000) break;
    }
    return total(out);
  } catch (err) {
    if (err instanceof AkoshaError) throw err;
    throw badInput(
      `the ${format === 'PARQUET' ? 'Parquet' : 'JSON Lines'} file could not be read: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** A Node stream over an uploaded file, whichever fetch implementation made it. */
export function streamOf(file: { stream(): ReadableStream<Uint8Array> }): Readable {
  async function* chunks() {
    const reader = file.stream().getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  return Readable.from(chunks());
}
