import type { MemoryFilter } from './common/memory-filter.ts';
import type {
  Entity,
  ForgetFilter,
  InsertOutcome,
  Job,
  JobStatus,
  MemoryKey,
  MemoryRecord,
  Move,
  ProgressEvent,
  Relation,
  ShardHit,
  ShardQuery,
  StoredMemory,
  SystemSummary,
} from './types.ts';

// The shard port: everything the use cases need from the stores, and nothing else. LocalStores
// implements it over the files of this process; a remote implementation (requests to store
// processes) can take its place without a change in schema/ or resolvers/. Every call names
// shards by number and tier, never by object, so each one can cross a process boundary.

export type ShardTier = 'hot' | 'warm';

/** A shard search that ran past the query timeout (the whole search answers QUERY_TIMEOUT). */
export class ShardTimeoutError extends Error {
  constructor(name: string, ms: number) {
    super(`search of ${name} exceeded ${ms} ms`);
  }
}

/** The cold objects could not be read (the search answers partially, naming the cold tier). */
export class ColdTierError extends Error {}

/**
 * A store process did not answer (down, slow, refusing): the shards it holds are unavailable
 * until it does. Searches answer partially, naming them; writes to them can be sent again.
 */
export class StoreUnavailableError extends Error {
  readonly shards: string[];
  constructor(message: string, shards: string[]) {
    super(message);
    this.shards = shards;
  }
}
export type Strategy = 'exact' | 'ann' | 'ann+fallback' | 'bm25' | 'bm25-postings';
/** One shard's answer to one query; cold hits also name the object they came from. */
export type ShardAnswer = { hits: (ShardHit & { object?: string })[]; strategy: Strategy };

export type ShardStats = { shard: string; rows: number; bytes: number };
export type TierStats = { tier: 'HOT' | 'WARM' | 'COLD'; rows: number; bytes: number; shards: ShardStats[] };
/** The approximate index of the hot tier: rows it holds, and acknowledged rows it has not indexed yet. */
export type IndexStats = { size: number; lagRows: number };
/**
 * Whether a part of the stores answers: a shard file or the metadata database ("meta") (kind
 * store), or a background task such as saving the index (kind task).
 */
export type PartHealth = {
  part: string;
  kind: 'store' | 'task';
  up: boolean;
  error: string | null;
  /** The store process (ordinal) holding the part, in a scale-out deployment. */
  store?: number | undefined;
};

/** The tier of a part named like a shard (hot-3, warm-3); null for any other part (meta, tasks). */
export function shardPartTier(part: string): ShardTier | null {
  const m = /^(hot|warm)-\d+$/.exec(part);
  return m ? (m[1] as ShardTier) : null;
}

/** An export's conditions beyond its system (null: none). */
export type ExportFilter = Omit<MemoryFilter, 'systemIds'>;

export type StartMigrationParams = {
  move: Move;
  olderThanDays: number | null;
  systemIds: string[] | null;
  dryRun: boolean;
};

export type MigrationControl = {
  /**
   * Starts a job, or returns the one already pending or running (one at a time). With an id:
   * the job of that id, made once (a job an api pod runs on every store under one id).
   */
  start(params: StartMigrationParams, opts?: { id?: string }): Promise<Job>;
  /** Size-based aging: a HOT_TO_WARM job of the oldest memories when hot is over its limit. */
  ageIfHotTooLarge(): Promise<Job | null>;
  /** Starts a FORGET job: the memories matching the filter leave every tier. */
  forget(filter: ForgetFilter, opts?: { id?: string }): Promise<Job>;
  /** Asks a job to stop between two steps; null when there is no such job. */
  cancel(id: string): Promise<Job | null>;
  job(id: string): Promise<Job | null>;
  jobs(filter: { statuses?: JobStatus[]; limit: number }): Promise<Job[]>;
  /** The progress events of a job after `after`, from the ledger (live ones arrive on the event bus). */
  events(jobId: string, after: number): Promise<ProgressEvent[]>;
};

export type GraphStore = {
  upsertEntities(entities: readonly Entity[]): Promise<{ created: number; updated: number }>;
  upsertRelations(relations: readonly Relation[]): Promise<{ created: number; updated: number }>;
  entities(f: {
    systemId: string;
    name?: string | null;
    entityType?: string | null;
    limit: number;
  }): Promise<Entity[]>;
  relations(f: { entityId: string; systemId?: string | null; limit: number }): Promise<Relation[]>;
};

export type BackupJob = {
  id: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  partsDone: number;
  partsTotal: number;
  bytesDone: number;
  /** Memories in the backup (hot and warm rows), once done. */
  memories: number;
  /** The backup it made, once done. */
  backupId: string | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** Settles when the job ends (not part of what is returned to clients). */
  done?: Promise<void>;
};
export type BackupSummary = { id: string; createdAt: Date; parts: number; bytes: number; memories: number };

export type BackupControl = {
  /** Starts a backup of every shard and the metadata database, or returns the one running. */
  start(): BackupJob;
  job(id: string): BackupJob | null;
  /** Complete backups in the store, newest first. */
  list(): Promise<BackupSummary[]>;
};

export type StorageReport = {
  ok: boolean;
  objectsChecked: number;
  problems: { part: string; problem: string }[];
  /** Orphaned cold objects deleted (when asked to collect them). */
  orphansRemoved: string[];
};

export type ShardPort = {
  /** Shards per tier (the same numbering in hot and warm). */
  readonly shardCount: number;
  /** The shard a system's memories live on, in every tier. */
  shardOf(systemId: string): number;
  /** A shard's name in results and metrics, e.g. hot-3. */
  shardName(tier: ShardTier, shard: number): string;
  /** A batch of queries against one shard of one tier: one answer per query, in order. */
  search(tier: ShardTier, shard: number, queries: readonly ShardQuery[]): Promise<ShardAnswer[]>;
  /**
   * The parts the cold tier is searched in, by name: one here ("cold"); in a scale-out
   * deployment one per store (cold@store-1), so a store that is down leaves the others' hits.
   */
  readonly coldParts: readonly string[];
  /** One query against the cold objects of one part. */
  searchCold(query: ShardQuery, part?: number): Promise<ShardAnswer>;
  /**
   * Writes the records (already validated and de-duplicated within the batch) to a hot shard;
   * a record already stored in any tier is a duplicate.
   */
  insert(shard: number, records: readonly MemoryRecord[]): Promise<InsertOutcome>;
  /** Full records from whichever tier holds them (hot, then warm, then cold); null where none does. */
  load(keys: readonly MemoryKey[], opts?: { withEmbedding?: boolean }): Promise<(StoredMemory | null)[]>;
  /** Per-shard system summaries of every tier (a system appears once per shard or tier holding it). */
  systems(): Promise<SystemSummary[]>;
  stats(): Promise<TierStats[]>;
  /** Null when the approximate index is off. */
  indexStats(): Promise<IndexStats | null>;
  /** Probes every shard and the metadata database. */
  health(): Promise<PartHealth[]>;
  readonly migrations: MigrationControl;
  readonly graph: GraphStore;
  readonly backups: BackupControl;
  /** Every memory of a system, in every tier, with its embedding, a page at a time. */
  exportRows(systemId: string, where: ExportFilter): AsyncGenerator<StoredMemory[]>;
  /** Checks every tier against its catalog (see storage/verify.ts). */
  verify(opts: { collectOrphans: boolean }): Promise<StorageReport>;
};
