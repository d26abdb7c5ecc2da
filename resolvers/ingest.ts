import { createHash } from 'node:crypto';
import { type InsertOutcome, keyOf, type MemoryKind, type MemoryRecord } from '../storage/types.ts';
import type { Services } from './context.ts';
import { AkoshaError, badInput } from './errors.ts';
import { firstNonFinite, l2norm } from './vectors.ts';

export type MemoryInput = {
  id: string;
  systemId: string;
  kind: MemoryKind;
  content: string;
  embedding: Float32Array;
  timestamp: Date;
  metadata?: unknown;
};

export type Rejection = { index: number; id: string; systemId: string; reason: string };
export type IngestResult = { accepted: number; duplicates: number; rejected: Rejection[] };

export const SYSTEM_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** Refuses a system id before it reaches a query, a path or a key. */
export function checkSystemId(systemId: string): void {
  if (!SYSTEM_ID_PATTERN.test(systemId)) throw badInput('systemId is not a valid system id');
}
const MAX_ID_LENGTH = 256;
const MAX_CONTENT_CHARS = 1_000_000;

/** Why this item cannot be stored, or null when it can. */
function problemWith(m: MemoryInput, dimension: number): string | null {
  if (m.id.trim() === '') return 'id must not be empty';
  if (m.id.length > MAX_ID_LENGTH) return `id is longer than ${MAX_ID_LENGTH} characters`;
  if (!SYSTEM_ID_PATTERN.test(m.systemId)) {
    return 'systemId must be 1-100 characters of letters, digits, _ or -';
  }
  if (m.embedding.length !== dimension) {
    return `embedding has ${m.embedding.length} values, expected ${dimension}`;
  }
  const bad = firstNonFinite(m.embedding);
  if (bad >= 0) return `embedding[${bad}] is not a finite float32 number`;
  if (l2norm(m.embedding) === 0) return 'embedding is all zeros (cosine similarity is undefined)';
  if (m.content.length > MAX_CONTENT_CHARS) return `content is longer than ${MAX_CONTENT_CHARS} characters`;
  if (Number.isNaN(m.timestamp.getTime())) return 'timestamp is not a valid date-time';
  const meta = m.metadata ?? {};
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    return 'metadata must be a JSON object';
  return null;
}

/**
 * Validates each memory, drops the ones already stored (or repeated in the batch) as
 * duplicates, and writes the rest to their shards. Bad items are rejected one by one; a batch
 * over the limit is refused whole before anything is written.
 */
export async function ingestMemories(
  services: Services,
  input: readonly MemoryInput[],
): Promise<IngestResult> {
  const { limits, metrics } = services;
  const stop = metrics.ingestionDuration.startTimer();
  try {
    if (input.length > limits.maxBatchSize) {
      throw new AkoshaError(
        'BATCH_TOO_LARGE',
        `a batch holds at most ${limits.maxBatchSize} memories (AKOSHA_MAX_BATCH_SIZE); this one has ${input.length}`,
        { limit: limits.maxBatchSize, received: input.length },
      );
    }
    const result = await storeMemories(services, input);
    metrics.ingestionRequests.inc({ outcome: 'ok' });
    return result;
  } catch (err) {
    metrics.ingestionRequests.inc({ outcome: 'error' });
    throw err;
  } finally {
    stop();
  }
}

/**
 * The one write path of every ingestion (mutation, snapshot, pull worker, HTTP push): validates
 * each memory, counts those already stored in any tier (or repeated) as duplicates, and writes
 * the rest to their hot shards.
 */
export async function storeMemories(
  services: Services,
  input: readonly MemoryInput[],
): Promise<IngestResult> {
  const { limits, metrics } = services;
  const { hot, warm, cold } = services.storage;
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  const byShard = new Map<number, MemoryRecord[]>();
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
    const shard = hot.shardFor(m.systemId).index;
    const list = byShard.get(shard) ?? [];
    list.push(toRecord(m, uploadedAt));
    byShard.set(shard, list);
  });
  const outcomes = await Promise.all(
    [...byShard].map(([shard, records]) => {
      const target = hot.shards[shard];
      if (!target) throw new Error(`no hot shard ${shard}`);
      // Identity spans tiers: a memory already aged to warm or cold is a duplicate too.
      return target.insert(records, async (rs) => [...(await warm.has(rs)), ...(await cold.has(rs))]);
    }),
  );
  publishPerSystem(services, outcomes);
  const accepted = outcomes.reduce((n, o) => n + o.inserted.length, 0);
  const duplicates = repeated + outcomes.reduce((n, o) => n + o.duplicates.length, 0);
  metrics.ingestionRecords.inc({ outcome: 'accepted' }, accepted);
  metrics.ingestionRecords.inc({ outcome: 'duplicate' }, duplicates);
  metrics.ingestionRecords.inc({ outcome: 'rejected' }, rejected.length);
  return { accepted, duplicates, rejected };
}

function publishPerSystem(services: Services, outcomes: InsertOutcome[]): void {
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
  for (const [systemId, c] of per) services.events.publish('ingested', { systemId, ...c, at });
}

function toRecord(m: MemoryInput, uploadedAt: Date): MemoryRecord {
  return {
    systemId: m.systemId,
    id: m.id,
    kind: m.kind,
    content: m.content,
    contentHash: createHash('sha256').update(m.content).digest('hex'),
    timestamp: m.timestamp,
    uploadedAt,
    metadata: (m.metadata ?? {}) as Record<string, unknown>,
    embedding: m.embedding,
    norm: l2norm(m.embedding),
  };
}
