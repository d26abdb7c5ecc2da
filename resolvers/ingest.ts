import { createHash } from 'node:crypto';
import type { Logger } from '../monitoring/logger.ts';
import type { Metrics } from '../monitoring/metrics.ts';
import type { ShardPort } from '../storage/port.ts';
import { type InsertOutcome, keyOf, type MemoryKind, type MemoryRecord } from '../storage/types.ts';
import type { Admission } from './admission.ts';
import { AkoshaError } from './errors.ts';
import { type EventBus, filtered, type IngestEvent } from './event-bus.ts';
import { checkWritable, type Scope, UNRESTRICTED } from './scope.ts';
import type { Generations } from './search-cache.ts';
import {
  CONTROL_CHARACTERS,
  hasControlCharacters,
  isSaneDate,
  isSystemId,
  metadataProblem,
  SYSTEM_ID_RULE,
  YEAR_RANGE,
} from './validation.ts';
import { firstNonFinite, l2norm } from './vectors.ts';

export type MemoryInput = {
  id: string;
  systemId: string;
  kind: MemoryKind;
  content: string;
  embedding: Float32Array;
  timestamp: Date;
  metadata?: unknown;
  /** The model that made the embedding, if the client says. */
  embeddingModel?: string | null;
};

export type Rejection = { index: number; id: string; systemId: string; reason: string };
export type IngestResult = { accepted: number; duplicates: number; rejected: Rejection[] };

/** What the one write path needs. */
export type StoreDeps = {
  stores: Pick<ShardPort, 'shardOf' | 'shardName' | 'insert'>;
  /** Bumped for every system that received memories, before the write is acknowledged. */
  generations: Pick<Generations, 'bumpSystems'>;
  logger: Logger;
  events: Pick<EventBus, 'publish'>;
  metrics: Pick<Metrics, 'ingestionRecords'>;
  limits: { dimension: number; maxBatchSize: number };
};
export type IngestDeps = StoreDeps & {
  metrics: Pick<Metrics, 'ingestionDuration' | 'ingestionRequests'>;
  admission: Pick<Admission, 'run'>;
};

/** Counts an ingestion by path and outcome, with its duration (admission wait included). */
export async function counted<T>(
  deps: Pick<IngestDeps, 'metrics'>,
  path: 'mutation' | 'upload' | 'graph',
  fn: () => Promise<T>,
): Promise<T> {
  const stop = deps.metrics.ingestionDuration.startTimer({ path });
  try {
    const result = await fn();
    deps.metrics.ingestionRequests.inc({ outcome: 'ok', path });
    return result;
  } catch (err) {
    const outcome = err instanceof AkoshaError && err.code === 'OVERLOADED' ? 'overloaded' : 'error';
    deps.metrics.ingestionRequests.inc({ outcome, path });
    throw err;
  } finally {
    stop();
  }
}

const MAX_ID_LENGTH = 256;
const MAX_CONTENT_CHARS = 1_000_000;
const MAX_MODEL_LENGTH = 200;

/** Why this item cannot be stored, or null when it can. */
function problemWith(m: MemoryInput, dimension: number): string | null {
  if (m.id.trim() === '') return 'id must not be empty';
  if (m.id.length > MAX_ID_LENGTH) return `id is longer than ${MAX_ID_LENGTH} characters`;
  if (hasControlCharacters(m.id)) return `id must not contain ${CONTROL_CHARACTERS}`;
  if (!isSystemId(m.systemId)) return SYSTEM_ID_RULE;
  if (m.embedding.length !== dimension) {
    return `embedding has ${m.embedding.length} values, expected ${dimension}`;
  }
  const bad = firstNonFinite(m.embedding);
  if (bad >= 0) return `embedding[${bad}] is not a finite float32 number`;
  if (l2norm(m.embedding) === 0) return 'embedding is all zeros (cosine similarity is undefined)';
  if (m.content.length > MAX_CONTENT_CHARS) return `content is longer than ${MAX_CONTENT_CHARS} characters`;
  if (!isSaneDate(m.timestamp))
    return `timestamp must be a date-time in the years ${YEAR_RANGE.min}-${YEAR_RANGE.max}`;
  const model = m.embeddingModel;
  if (
    model != null &&
    (model.trim() === '' || model.length > MAX_MODEL_LENGTH || hasControlCharacters(model))
  )
    return `embeddingModel must be 1 to ${MAX_MODEL_LENGTH} characters without ${CONTROL_CHARACTERS}`;
  return metadataProblem(m.metadata ?? {});
}

/**
 * The ingestMemories mutation: a batch over the limit is refused whole before anything is
 * written; otherwise the one write path below.
 */
export async function ingestMemories(
  deps: IngestDeps,
  input: readonly MemoryInput[],
  warn: (e: Error) => void = () => {},
  scope: Scope = UNRESTRICTED,
): Promise<IngestResult> {
  const { limits } = deps;
  return counted(deps, 'mutation', async () => {
    checkWritable(
      scope,
      input.map((m) => m.systemId),
    );
    if (input.length > limits.maxBatchSize) {
      throw new AkoshaError(
        'BATCH_TOO_LARGE',
        `a batch holds at most ${limits.maxBatchSize} memories (AKOSHA_MAX_BATCH_SIZE); this one has ${input.length}`,
        { limit: limits.maxBatchSize, received: input.length },
      );
    }
    return deps.admission.run(() => storeMemories(deps, input, warn));
  });
}

/**
 * The one write path of every ingestion (mutation, snapshot, pull worker, HTTP push): validates
 * each memory (bad ones are rejected one by one), counts those already stored in any tier (or
 * repeated) as duplicates, and writes the rest to their hot shards.
 */
export async function storeMemories(
  deps: StoreDeps,
  input: readonly MemoryInput[],
  warn: (e: Error) => void = () => {},
): Promise<IngestResult> {
  const { limits, metrics, stores } = deps;
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  const byShard = new Map<number, MemoryRecord[]>();
  const positions = new Map<MemoryRecord, number>();
  const uploadedAt = new Date();
  input.forEach((m, index) => {
    const reason = problemWith(m, limits.dimension);
    if (reason) {
      rejected.push({ index, id: m.id, systemId: m.systemId, reason });
      return;
    }
    if (seen.has(keyOf(m))) {
      repeated++;
      return;
    }
    seen.add(keyOf(m));
    const shard = stores.shardOf(m.systemId);
    const list = byShard.get(shard) ?? [];
    const record = toRecord(m, uploadedAt);
    positions.set(record, index);
    list.push(record);
    byShard.set(shard, list);
  });
  // Each shard writes its part in one transaction: a shard that fails (disk full, I/O error)
  // stores none of its part, the others all of theirs, and the result says exactly which.
  const shards = [...byShard];
  const settled = await Promise.allSettled(shards.map(([shard, records]) => stores.insert(shard, records)));
  const outcomes: InsertOutcome[] = [];
  const failures: string[] = [];
  const failedShards: string[] = [];
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') {
      outcomes.push(s.value);
      return;
    }
    const message = s.reason instanceof Error ? s.reason.message : String(s.reason);
    failures.push(message);
    failedShards.push(stores.shardName('hot', shards[i]?.[0] ?? -1));
    for (const r of shards[i]?.[1] ?? []) {
      rejected.push({
        index: positions.get(r) ?? -1,
        id: r.id,
        systemId: r.systemId,
        reason: `STORAGE_UNAVAILABLE: not written (${message}); send it again`,
      });
    }
  });
  rejected.sort((a, b) => a.index - b.index);
  if (failures.length > 0) {
    deps.logger.error('ingest: shards failed to write', { errors: failures });
    warn(
      new AkoshaError(
        'STORAGE_UNAVAILABLE',
        `${failures.length} of ${shards.length} shards could not write their part of the batch (${failedShards.join(', ')}); those memories are listed in rejected, everything else was stored; send them again`,
        { shardsFailed: failures.length, shards: failedShards, retryable: true },
      ),
    );
  }
  const written = [...new Set(outcomes.flatMap((o) => o.inserted.map((k) => k.systemId)))];
  if (written.length > 0) await deps.generations.bumpSystems(written);
  publishPerSystem(deps.events, outcomes);
  const accepted = outcomes.reduce((n, o) => n + o.inserted.length, 0);
  const duplicates = repeated + outcomes.reduce((n, o) => n + o.duplicates.length, 0);
  metrics.ingestionRecords.inc({ outcome: 'accepted' }, accepted);
  metrics.ingestionRecords.inc({ outcome: 'duplicate' }, duplicates);
  metrics.ingestionRecords.inc({ outcome: 'rejected' }, rejected.length);
  return { accepted, duplicates, rejected };
}

function publishPerSystem(events: StoreDeps['events'], outcomes: InsertOutcome[]): void {
  const per = new Map<string, { accepted: number; duplicates: number }>();
  const entry = (systemId: string) => {
    const e = per.get(systemId) ?? { accepted: 0, duplicates: 0 };
    per.set(systemId, e);
    return e;
  };
  for (const o of outcomes) {
    for (const k of o.inserted) entry(k.systemId).accepted++;
    for (const k of o.duplicates) entry(k.systemId).duplicates++;
  }
  const at = new Date();
  for (const [systemId, c] of per) events.publish('ingested', { systemId, ...c, at });
}

function toRecord(m: MemoryInput, uploadedAt: Date): MemoryRecord {
  // What storage keeps (UTF-8 turns an unpaired surrogate into U+FFFD), so the record an index
  // takes from the insert reads as the row does.
  const content = m.content.toWellFormed();
  return {
    systemId: m.systemId,
    id: m.id,
    kind: m.kind,
    content,
    contentHash: createHash('sha256').update(content).digest('hex'),
    timestamp: m.timestamp,
    uploadedAt,
    metadata: (m.metadata ?? {}) as Record<string, unknown>,
    embedding: m.embedding,
    norm: l2norm(m.embedding),
    embeddingModel: m.embeddingModel ?? null,
  };
}

/** Each ingestion as it lands, optionally for some systems only, never of a system out of scope. */
export function followIngestions(
  deps: { events: Pick<EventBus, 'subscribe'> },
  systemIds: readonly string[] | null | undefined,
  scope: Scope,
): AsyncIterableIterator<IngestEvent> {
  return filtered(
    deps.events.subscribe('ingested'),
    (e) => scope.allows(e.systemId) && (!systemIds || systemIds.includes(e.systemId)),
  );
}
