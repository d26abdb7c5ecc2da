import { Readable } from 'node:stream';
import type { ShardPort } from '../storage/port.ts';
import {
  openSnapshotFile,
  type SnapshotFile,
  type SnapshotFormat,
  type SnapshotLimits,
} from '../storage/sources/snapshot-file.ts';
import { SnapshotError, type SnapshotMemory } from '../storage/sources/snapshot-reader.ts';
import { AkoshaError, badInput } from './errors.ts';
import {
  counted,
  type IngestDeps,
  type MemoryInput,
  type Rejection,
  type StoreDeps,
  storeMemories,
} from './ingest.ts';
import { checkWritable, type Scope, UNRESTRICTED } from './scope.ts';
import { checkSystemId, checkTimeZone } from './validation.ts';
import type { WorkTracker } from './work.ts';

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

export type UploadLimits = SnapshotLimits & {
  defaultTimeZone: string;
  timeZones: Record<string, string>;
  /** AKOSHA_INGESTION_TIMEOUT, for every upload path. */
  timeoutMs: number;
};

export type SnapshotDeps = StoreDeps &
  Pick<IngestDeps, 'metrics' | 'admission'> & {
    stores: Pick<ShardPort, 'graph'>;
    uploads: UploadLimits;
    work: Pick<WorkTracker, 'run'>;
  };

const MAX_REPORTED_REJECTIONS = 100;
/** The model Session-Buddy's embeddings are made by (its settings' nominal model; FORMAT.md). */
export const SESSION_BUDDY_MODEL = 'all-MiniLM-L6-v2';

/**
 * Ingests one uploaded file for a system (storage/sources/snapshot-file.ts tells what it is):
 * memories go through the same idempotent path as ingestMemories, knowledge-graph rows replace
 * themselves. Naive timestamps are read in the given zone, else the system's, else the default.
 */
export function ingestSnapshot(
  deps: SnapshotDeps,
  input: {
    systemId: string;
    stream: Readable;
    timeZone?: string | null;
    signal?: AbortSignal | undefined;
    scope?: Scope | undefined;
  },
): Promise<SnapshotResult> {
  const systemId = checkSystemId(input.systemId);
  checkWritable(input.scope ?? UNRESTRICTED, [systemId]);
  const limits = deps.uploads;
  const zone = checkTimeZone(input.timeZone ?? limits.timeZones[systemId] ?? limits.defaultTimeZone);
  return deps.work.run((shutdown) =>
    counted(deps, 'upload', () => deps.admission.run(() => uploadJob(shutdown))),
  );
  async function uploadJob(shutdown: AbortSignal): Promise<SnapshotResult> {
    // Stopped by whichever comes first: the client going away, the timeout, or shutdown.
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const signal = AbortSignal.any([shutdown, timeout, ...(input.signal ? [input.signal] : [])]);
    let file: SnapshotFile | null = null;
    try {
      file = await openSnapshotFile(input.stream, limits, signal);
      const out: SnapshotResult = {
        format: file.format,
        compressed: file.compressed,
        sha256: file.sha256,
        tables: [],
        accepted: 0,
        duplicates: 0,
        rejected: 0,
        rejections: [],
        entities: { created: 0, updated: 0 },
        relations: { created: 0, updated: 0 },
      };
      if (file.format === 'KNOWLEDGE_GRAPH_DB') await storeGraph(deps, systemId, file, zone, out);
      else {
        // The next page is read (decoded by DuckDB on its own thread) while this one is stored.
        // A read that fails while its page waits (the upload stopped) is seen when awaited, or
        // never if storing failed first: either way it is not an unhandled rejection meanwhile.
        const pages = file.memoryPages(zone)[Symbol.asyncIterator]();
        const read = () => {
          const page = pages.next();
          page.catch(() => {});
          return page;
        };
        let next = read();
        try {
          for (let page = await next; !page.done; page = await next) {
            signal.throwIfAborted();
            next = read();
            await storePage(deps, systemId, page.value, out);
          }
        } finally {
          await pages.return?.(undefined);
        }
      }
      out.accepted = out.tables.reduce((n, t) => n + t.accepted, 0);
      out.duplicates = out.tables.reduce((n, t) => n + t.duplicates, 0);
      out.rejected = out.tables.reduce((n, t) => n + t.rejected, 0);
      return out;
    } catch (err) {
      if (timeout.aborted)
        throw new AkoshaError(
          'INGESTION_TIMEOUT',
          `the upload took longer than ${limits.timeoutMs / 1000} s (AKOSHA_INGESTION_TIMEOUT); what was stored stays, uploading again adds the rest`,
        );
      if (shutdown.aborted)
        throw new AkoshaError(
          'UNAVAILABLE',
          'the server is shutting down; upload again (uploads are idempotent)',
        );
      if (input.signal?.aborted)
        throw new AkoshaError('CANCELLED', 'the client went away; the upload stopped');
      throw err instanceof SnapshotError ? badInput(err.message) : err;
    } finally {
      await file?.close();
    }
  }
}

async function storeGraph(
  deps: SnapshotDeps,
  systemId: string,
  file: SnapshotFile,
  zone: string,
  out: SnapshotResult,
) {
  const { entities, relations } = await file.graph(zone);
  out.entities = await deps.stores.graph.upsertEntities(entities.map((e) => ({ ...e, systemId })));
  out.relations = await deps.stores.graph.upsertRelations(relations.map((r) => ({ ...r, systemId })));
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
}

/** Stores one page of rows and adds its outcome to the totals of its table. */
async function storePage(
  deps: SnapshotDeps,
  systemId: string,
  page: { table: string; rows: SnapshotMemory[] },
  out: SnapshotResult,
) {
  const { table } = page;
  let counts = out.tables.find((t) => t.table === table);
  if (!counts) {
    counts = { table, rows: 0, accepted: 0, duplicates: 0, rejected: 0 };
    out.tables.push(counts);
  }
  const report = (r: Rejection) => {
    if (out.rejections.length < MAX_REPORTED_REJECTIONS)
      out.rejections.push({ ...r, reason: `${table}: ${r.reason}` });
  };
  const inputs: MemoryInput[] = [];
  /** The table row of each input: rejections name the row of the file. */
  const rowOf: number[] = [];
  for (const r of page.rows) {
    counts.rows++;
    if (!r.embedding) {
      counts.rejected++;
      report({ index: counts.rows - 1, id: r.id, systemId, reason: 'embedding is NULL' });
      continue;
    }
    rowOf.push(counts.rows - 1);
    inputs.push({
      id: r.id,
      systemId,
      kind: r.kind,
      content: r.content,
      embedding: r.embedding,
      timestamp: r.timestamp ?? new Date(),
      metadata: r.metadata,
      embeddingModel: SESSION_BUDDY_MODEL,
    });
  }
  // A page is one write (PAGE_ROWS): the mutation's batch limit bounds requests, not this.
  const result = await storeMemories(deps, inputs);
  counts.accepted += result.accepted;
  counts.duplicates += result.duplicates;
  counts.rejected += result.rejected.length;
  for (const r of result.rejected) report({ ...r, index: rowOf[r.index] ?? r.index });
}

/** uploadSystemSnapshot: a file of a multipart request, whichever fetch implementation made it. */
export function ingestUpload(
  deps: SnapshotDeps,
  input: {
    systemId: string;
    file: { stream(): ReadableStream<Uint8Array> };
    timeZone?: string | null;
    signal?: AbortSignal | undefined;
    scope?: Scope | undefined;
  },
): Promise<SnapshotResult> {
  return ingestSnapshot(deps, { ...input, stream: streamOf(input.file) });
}

function streamOf(file: { stream(): ReadableStream<Uint8Array> }): Readable {
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
