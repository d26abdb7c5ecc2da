import type { MemoryFilter } from './common/memory-filter.ts';
// Shapes that cross the storage boundary. No GraphQL here.

export type MemoryKind = 'CONVERSATION' | 'REFLECTION';

/** A validated memory ready to be written. `norm` is the L2 norm of `embedding`. */
export type MemoryRecord = {
  systemId: string;
  id: string;
  kind: MemoryKind;
  content: string;
  contentHash: string;
  timestamp: Date;
  uploadedAt: Date;
  metadata: Record<string, unknown>;
  embedding: Float32Array;
  norm: number;
  /** The model that made the embedding, when the source said (Session-Buddy: all-MiniLM-L6-v2). */
  embeddingModel: string | null;
};

/** `embedding` is null when it was not read (it is read only when asked for). */
export type StoredMemory = Omit<MemoryRecord, 'embedding' | 'norm' | 'embeddingModel'> & {
  embedding: number[] | null;
};

export type MemoryKey = { systemId: string; id: string };

/** What every shard search is limited by. */
type QueryBounds = {
  limit: number;
  minScore: number | null;
  systemIds: string[] | null;
  projects: string[] | null;
  tags: string[] | null;
  from: Date | null;
  to: Date | null;
};

/** A nearest-neighbour search against one shard; `vector` is unit length. */
export type VectorQuery = QueryBounds & { vector: Float32Array; keyword?: undefined };

/**
 * One part of a keyword query (storage/keyword/query.ts): a term (by its id), a phrase (its
 * words in order, as written) or a word prefix. `text` is how the query wrote it.
 */
export type KeywordClause =
  | { kind: 'term'; text: string; id: number }
  | { kind: 'phrase'; text: string; words: string[]; ids: number[] }
  | { kind: 'prefix'; text: string; prefix: string };

/** A BM25 search against one shard; minScore is not applied by shards (scores are per shard). */
export type KeywordQuery = QueryBounds & { keyword: KeywordClause[]; vector?: undefined };

export type ShardQuery = VectorQuery | KeywordQuery;

/** A search hit; `seq` is its row number in a hot shard when the index found it (a hint for loading it). */
export type ShardHit = {
  systemId: string;
  id: string;
  score: number;
  seq?: number;
  /** Keyword hits: each clause's share of the BM25 score, in the query's order. */
  parts?: number[];
};

export type InsertOutcome = { inserted: MemoryKey[]; duplicates: MemoryKey[] };

export type SystemSummary = {
  id: string;
  memoryCount: number;
  lastUploadAt: Date | null;
  /** The models its hot and warm memories' embeddings were made by (those that were named). */
  embeddingModels: string[];
};

// The one encoding of a memory's identity as a string (map keys, DataLoader keys).
export const keyOf = (k: MemoryKey): string => `${k.systemId}\u0000${k.id}`;

/** Just the key of a record (what an insert reports back). */
export const pickKey = (r: MemoryKey): MemoryKey => ({ systemId: r.systemId, id: r.id });

export function parseKey(key: string): MemoryKey {
  const at = key.indexOf('\u0000');
  return at < 0 ? { systemId: '', id: key } : { systemId: key.slice(0, at), id: key.slice(at + 1) };
}

// Aging jobs and their progress events (the job ledger).

export type Move = 'HOT_TO_WARM' | 'WARM_TO_COLD' | 'ALL' | 'FORGET';

/** What a FORGET job deletes: memories of these systems matching every given filter. */
/** A FORGET job's filter, and who asked (for the audit trail): a principal, or the retention rule. */
export type ForgetFilter = MemoryFilter & { requestedBy: string };
export type JobStatus = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';

export type JobParams = {
  move: Move;
  systemIds: string[] | null;
  dryRun: boolean;
  hotCutoff: string;
  warmCutoff: string;
  /** FORGET jobs only. */
  forget?: ForgetFilter | null | undefined;
  /**
   * Each hot shard's last seq when the job was asked for: the hot rows it may move or delete (jobs
   * recorded before aging took it: none, every row).
   */
  hotSeqs?: number[] | null | undefined;
};

export type Job = {
  id: string;
  status: JobStatus;
  params: JobParams;
  recordsTotal: number;
  recordsDone: number;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type ProgressPhase = 'PLAN' | 'COPY' | 'VERIFY' | 'SWITCH' | 'DELETE';
export type ProgressState = 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';

/** One event of a job's progress stream; kept in the ledger so a client can resume after any seq. */
export type ProgressEvent = {
  jobId: string;
  seq: number;
  at: Date;
  phase: ProgressPhase;
  state: ProgressState;
  recordsDone: number;
  recordsTotal: number;
  bytesDone: number;
  rate: number;
  etaSeconds: number | null;
  errors: string[];
};

// Knowledge graphs of systems.

export type Entity = {
  systemId: string;
  id: string;
  name: string;
  entityType: string;
  observations: string[];
  properties: Record<string, unknown>;
  metadata: Record<string, unknown>;
  createdAt: Date | null;
  updatedAt: Date | null;
};

export type Relation = {
  systemId: string;
  id: string;
  fromEntity: string;
  toEntity: string;
  relationType: string;
  properties: Record<string, unknown>;
  metadata: Record<string, unknown>;
  createdAt: Date | null;
};
