/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Where a backup job stands. */
export type BackupStatus =
  /** Stored with its manifest. */
  | 'DONE'
  /** Stopped on an error; nothing of it is used. */
  | 'FAILED'
  /** Copying shards. */
  | 'RUNNING';

/** A knowledge-graph entity as a client sends it. */
export type EntityInput = {
  createdAt?: string | null | undefined;
  entityType: string;
  /** The client's entity id. */
  id: string;
  /** Metadata. */
  metadata?: Record<string, unknown> | null | undefined;
  name: string;
  /** Observations. */
  observations?: Array<string> | null | undefined;
  /** Properties. */
  properties?: Record<string, unknown> | null | undefined;
};

/** Which memories to forget: those of these systems that match every filter given. */
export type ForgetInput = {
  /** Only memories at or after this time. */
  from?: string | null | undefined;
  /** Only these memory ids. */
  ids?: Array<string> | null | undefined;
  /** Only memories whose metadata.project is one of these. */
  projects?: Array<string> | null | undefined;
  /** At least one system. */
  systemIds: Array<string>;
  /** Only memories whose metadata.tags holds any of these. */
  tags?: Array<string> | null | undefined;
  /** Only memories at or before this time. */
  to?: string | null | undefined;
};

/** How a HYBRID search combines its two ranked lists. */
export type Fusion =
  /** alpha / (60 + vector rank) + (1 − alpha) / (60 + keyword rank); a list without the hit adds 0. */
  | 'RECIPROCAL_RANK'
  /** Each list’s scores scaled to 0..1 (best 1, last 0), then alpha · vector + (1 − alpha) · keyword. */
  | 'RELATIVE_SCORE';

/** One memory to ingest. */
export type MemoryInput = {
  /** The text. */
  content: string;
  /** AKOSHA_EMBEDDING_DIMENSION (384) finite floats, not all zero. */
  embedding: number[] | string;
  /** The model that made the embedding (Session-Buddy: all-MiniLM-L6-v2). Text searches embedded by another model are refused for memories that name theirs. */
  embeddingModel?: string | null | undefined;
  /** The client's id; re-sending it is a duplicate, not an error. */
  id: string;
  /** Conversation or reflection. */
  kind: MemoryKind;
  /** A JSON object kept whole; `project` and `tags` are also used by search filters. */
  metadata?: Record<string, unknown> | null | undefined;
  /** Letters, digits, _ or -, at most 100. */
  systemId: string;
  /** When the memory was made. */
  timestamp: string;
};

/** What a memory records. */
export type MemoryKind =
  /** A conversation turn or summary. */
  | 'CONVERSATION'
  /** A reflection the assistant stored about its work. */
  | 'REFLECTION';

/** Which tier move a migration job makes. */
export type MigrationMove =
  /** Both, hot → warm first. */
  | 'ALL'
  /** forgetMemories: matching memories deleted from every tier. */
  | 'FORGET'
  /** Memories older than AKOSHA_HOT_TIER_DAYS, hot → warm. */
  | 'HOT_TO_WARM'
  /** Memories older than AKOSHA_WARM_TIER_DAYS, warm → cold. */
  | 'WARM_TO_COLD';

/** What a job is doing. */
export type MigrationPhase =
  /** Copying a step into the new tier. */
  | 'COPY'
  /** Removing the moved memories from the old tier. */
  | 'DELETE'
  /** Counting what is due. */
  | 'PLAN'
  /** Making the new tier the one readers see. */
  | 'SWITCH'
  /** Comparing row counts and checksums. */
  | 'VERIFY';

/** RUNNING until the final event. */
export type MigrationState =
  /** Final: stopped on request. */
  | 'CANCELLED'
  /** Final: finished. */
  | 'DONE'
  /** Final: stopped on an error. */
  | 'FAILED'
  /** More events follow. */
  | 'RUNNING';

/** Where a migration job stands. */
export type MigrationStatus =
  /** Stopped on request between two steps. */
  | 'CANCELLED'
  /** Finished; every planned memory moved. */
  | 'DONE'
  /** Stopped on an error; a later job picks up what is left. */
  | 'FAILED'
  /** Created, not started. */
  | 'PENDING'
  /** Moving memories. */
  | 'RUNNING';

/** A knowledge-graph relation as a client sends it; entities are named by their ids. */
export type RelationInput = {
  createdAt?: string | null | undefined;
  fromEntity: string;
  /** The client's relation id. */
  id: string;
  metadata?: Record<string, unknown> | null | undefined;
  properties?: Record<string, unknown> | null | undefined;
  relationType: string;
  toEntity: string;
};

/** What a search compares. */
export type SearchMode =
  /** Both, fused: the vector side is nearVector when given, else the embedding of query; alpha weighs the vector side. */
  | 'HYBRID'
  /** BM25 over the memories’ words (query): words are stemmed (English), "quoted phrases" match in order, prefix* matches word starts. */
  | 'KEYWORD'
  /** Cosine similarity of embeddings (nearVector, or nearText/query embedded). */
  | 'VECTOR';

/** What an uploaded file turned out to be. */
export type SnapshotFormat =
  /** JSON Lines of memories. */
  | 'JSON_LINES'
  /** Session-Buddy's knowledge_graph.duckdb. */
  | 'KNOWLEDGE_GRAPH_DB'
  /** Parquet rows of memories. */
  | 'PARQUET'
  /** Session-Buddy's reflection.duckdb. */
  | 'REFLECTION_DB';

/** What to age; empty means everything that is due. */
export type StartMigrationInput = {
  /** Plan and count only. */
  dryRun?: boolean | null | undefined;
  /** Default ALL. */
  move?: MigrationMove | null | undefined;
  /** Override the tier age (AKOSHA_HOT_TIER_DAYS / AKOSHA_WARM_TIER_DAYS). */
  olderThanDays?: number | null | undefined;
  /** Only these systems. */
  systemIds?: Array<string> | null | undefined;
};

/** Storage tiers, newest first. */
export type Tier =
  /** Parquet objects in S3-compatible storage. */
  | 'COLD'
  /** DuckDB shards of recent memories, float32. */
  | 'HOT'
  /** DuckDB shards of older memories, int8 vectors. */
  | 'WARM';

/** Where a dropped upload stands. */
export type UploadStatus =
  /** Ingested. */
  | 'DONE'
  /** Seen, not ingested yet (or waiting for the bucket to answer again). */
  | 'PENDING'
  /** Refused (bad manifest, missing or corrupt file, too large, timeout); not retried. */
  | 'QUARANTINED';

export type AnnSearchQueryVariables = Exact<{
  v: number[] | string;
  tiers?: Array<Tier> | Tier | null | undefined;
}>;


export type AnnSearchQuery = { search: { tookMs: number, hits: Array<{ clientId: string, memory: { content: string } | null }> } };

export type AnnHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type AnnHealthQuery = { health: { status: string } };

export type BackupBenchIngestMutationVariables = Exact<{
  input: Array<MemoryInput> | MemoryInput;
}>;


export type BackupBenchIngestMutation = { ingestMemories: { accepted: number } };

export type BackupBenchStartMutationVariables = Exact<{ [key: string]: never; }>;


export type BackupBenchStartMutation = { startBackup: { id: string } };

export type BackupBenchJobQueryVariables = Exact<{
  id: string | number;
}>;


export type BackupBenchJobQuery = { backupJob: { status: BackupStatus, memories: number, backupId: string | null, error: string | null, bytesDone: number } | null };

export type BackupBenchStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type BackupBenchStatsQuery = { storageStats: Array<{ tier: Tier, rows: number }> };

export type BenchUploadMutationVariables = Exact<{
  systemId: string;
  file: File;
}>;


export type BenchUploadMutation = { uploadSystemSnapshot: { accepted: number, rejected: number } };

export type CacheBenchIngestMutationVariables = Exact<{
  input: Array<MemoryInput> | MemoryInput;
}>;


export type CacheBenchIngestMutation = { ingestMemories: { accepted: number } };

export type CacheBenchSearchQueryVariables = Exact<{
  v: number[] | string;
}>;


export type CacheBenchSearchQuery = { search: { hits: Array<{ clientId: string, score: number }> } };

export type RunIngestMemoriesMutationVariables = Exact<{
  input: Array<MemoryInput> | MemoryInput;
}>;


export type RunIngestMemoriesMutation = { ingestMemories: { accepted: number, duplicates: number } };

export type BenchKeywordQueryVariables = Exact<{
  q: string;
}>;


export type BenchKeywordQuery = { search: { hits: Array<{ clientId: string, memory: { content: string } | null }> } };

export type BenchHybridQueryVariables = Exact<{
  q: string;
  v: number[] | string;
}>;


export type BenchHybridQuery = { search: { hits: Array<{ clientId: string, memory: { content: string } | null }> } };

export type StoreIngestMutationVariables = Exact<{
  input: Array<MemoryInput> | MemoryInput;
}>;


export type StoreIngestMutation = { ingestMemories: { accepted: number } };

export type TiersSearch2QueryVariables = Exact<{
  v: number[] | string;
  tiers?: Array<Tier> | Tier | null | undefined;
}>;


export type TiersSearch2Query = { search: { hits: Array<{ clientId: string }> } };

export type TiersStartMigrationMutationVariables = Exact<{
  m?: MigrationMove | null | undefined;
}>;


export type TiersStartMigrationMutation = { startMigration: { id: string } };

export type TiersMigrationJobQueryVariables = Exact<{
  id: string | number;
}>;


export type TiersMigrationJobQuery = { migrationJob: { status: MigrationStatus, recordsDone: number, error: string | null, createdAt: string, updatedAt: string } | null };

export type TiersSearchQueryVariables = Exact<{
  v: number[] | string;
  s?: Array<string> | string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type TiersSearchQuery = { search: { hits: Array<{ clientId: string, memory: { content: string } | null }> } };

export type ClientSearchQueryVariables = Exact<{
  nearVector?: number[] | string | null | undefined;
  nearText?: string | null | undefined;
  query?: string | null | undefined;
  mode?: SearchMode | null | undefined;
  alpha?: number | null | undefined;
  fusion?: Fusion | null | undefined;
  autocut?: number | null | undefined;
  systemIds?: Array<string> | string | null | undefined;
  projects?: Array<string> | string | null | undefined;
  tags?: Array<string> | string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  minScore?: number | null | undefined;
  limit?: number | null | undefined;
  tiers?: Array<Tier> | Tier | null | undefined;
}>;


export type ClientSearchQuery = { search: { partial: boolean, failures: Array<{ tier: Tier, shard: string, message: string }>, hits: Array<{ score: number, tier: Tier, shard: string, systemId: string, clientId: string, explain: { vectorScore: number | null, keywordScore: number | null, vectorPart: number, keywordPart: number, terms: Array<{ clause: string, score: number }> }, memory: { id: string, clientId: string, systemId: string, kind: MemoryKind, content: string, timestamp: string, metadata: Record<string, unknown> } | null }> } };

export type ClientIngestMutationVariables = Exact<{
  input: Array<MemoryInput> | MemoryInput;
}>;


export type ClientIngestMutation = { ingestMemories: { accepted: number, duplicates: number, rejected: Array<{ index: number, clientId: string, systemId: string, reason: string }> } };

export type ClientUploadMutationVariables = Exact<{
  systemId: string;
  file: File;
  timeZone?: string | null | undefined;
}>;


export type ClientUploadMutation = { uploadSystemSnapshot: { format: SnapshotFormat, accepted: number, duplicates: number, rejected: number, rejections: Array<{ clientId: string, reason: string }> } };

export type ClientStartMigrationMutationVariables = Exact<{
  input?: StartMigrationInput | null | undefined;
}>;


export type ClientStartMigrationMutation = { startMigration: { id: string, status: MigrationStatus, recordsTotal: number } };

export type ClientProgressSubscriptionVariables = Exact<{
  jobId: string | number;
  after?: number | null | undefined;
}>;


export type ClientProgressSubscription = { migrationProgress: { seq: number, phase: MigrationPhase, state: MigrationState, recordsDone: number, recordsTotal: number, bytesDone: number, rate: number, etaSeconds: number | null, errors: Array<string> } };

export type StartMutationVariables = Exact<{
  input?: StartMigrationInput | null | undefined;
}>;


export type StartMutation = { startMigration: { id: string, status: MigrationStatus } };

export type ProgressSubscriptionVariables = Exact<{
  jobId: string | number;
  after?: number | null | undefined;
}>;


export type ProgressSubscription = { migrationProgress: { seq: number, phase: MigrationPhase, state: MigrationState, recordsDone: number, recordsTotal: number, bytesDone: number, rate: number, etaSeconds: number | null, errors: Array<string> } };

export type PushIngestMutationVariables = Exact<{
  input: Array<MemoryInput> | MemoryInput;
}>;


export type PushIngestMutation = { ingestMemories: { accepted: number, duplicates: number, rejected: Array<{ index: number, clientId: string, reason: string }> } };

export type PushEntitiesMutationVariables = Exact<{
  s: string;
  input: Array<EntityInput> | EntityInput;
}>;


export type PushEntitiesMutation = { storeEntities: { created: number } };

export type PushRelationsMutationVariables = Exact<{
  s: string;
  input: Array<RelationInput> | RelationInput;
}>;


export type PushRelationsMutation = { storeRelations: { created: number } };

export type McpSearchQueryVariables = Exact<{
  v?: number[] | string | null | undefined;
  text?: string | null | undefined;
  systemIds?: Array<string> | string | null | undefined;
  projects?: Array<string> | string | null | undefined;
  tags?: Array<string> | string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  minScore?: number | null | undefined;
  limit?: number | null | undefined;
  tiers?: Array<Tier> | Tier | null | undefined;
  mode?: SearchMode | null | undefined;
  alpha?: number | null | undefined;
}>;


export type McpSearchQuery = { search: { partial: boolean, hits: Array<{ score: number, tier: Tier, systemId: string, clientId: string, memory: { kind: MemoryKind, content: string, timestamp: string, metadata: Record<string, unknown> } | null }> } };

export type McpMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type McpMemoryQuery = { memory: { id: string, systemId: string, clientId: string, kind: MemoryKind, content: string, timestamp: string, metadata: Record<string, unknown> } | null };

export type McpIngestMutationVariables = Exact<{
  input: Array<MemoryInput> | MemoryInput;
}>;


export type McpIngestMutation = { ingestMemories: { accepted: number, duplicates: number, rejected: Array<{ index: number, clientId: string, systemId: string, reason: string }> } };

export type McpSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type McpSystemsQuery = { systems: Array<{ id: string, memoryCount: number, lastUploadAt: string | null }> };

export type McpStartMigrationMutationVariables = Exact<{
  input?: StartMigrationInput | null | undefined;
}>;


export type McpStartMigrationMutation = { startMigration: { id: string, status: MigrationStatus, recordsTotal: number, recordsDone: number } };

export type McpMigrationJobQueryVariables = Exact<{
  id: string | number;
}>;


export type McpMigrationJobQuery = { migrationJob: { id: string, status: MigrationStatus, recordsTotal: number, recordsDone: number, error: string | null } | null };

export type BackupStartMutationVariables = Exact<{ [key: string]: never; }>;


export type BackupStartMutation = { startBackup: { id: string, status: BackupStatus, partsTotal: number } };

export type BackupJobStateQueryVariables = Exact<{
  id: string | number;
}>;


export type BackupJobStateQuery = { backupJob: { status: BackupStatus, partsDone: number, partsTotal: number, memories: number, backupId: string | null, error: string | null } | null };

export type BackupListQueryVariables = Exact<{ [key: string]: never; }>;


export type BackupListQuery = { backups: Array<{ id: string, memories: number, parts: number }> };

export type BackupMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type BackupMemoryQuery = { memory: { clientId: string, content: string } | null };

export type BackupSearchQueryVariables = Exact<{
  v: number[] | string;
}>;


export type BackupSearchQuery = { search: { hits: Array<{ clientId: string }> } };

export type CrashSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type CrashSystemsQuery = { systems: Array<{ id: string, memoryCount: number }> };

export type CrashMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type CrashMemoryQuery = { memory: { clientId: string, content: string } | null };

export type DiskFullSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type DiskFullSystemsQuery = { systems: Array<{ id: string, memoryCount: number }> };

export type DiskFullMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type DiskFullMemoryQuery = { memory: { clientId: string } | null };

export type ForgetCrashMutationVariables = Exact<{
  input: ForgetInput;
}>;


export type ForgetCrashMutation = { forgetMemories: { id: string } };

export type ForgetCrashMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type ForgetCrashMemoryQuery = { memory: { clientId: string, content: string, timestamp: string } | null };

export type MigrationCrashLateQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type MigrationCrashLateQuery = { memory: { clientId: string } | null };

export type MigrationCrashSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type MigrationCrashSystemsQuery = { systems: Array<{ memoryCount: number }> };

export type ScaleOutIngestMutationVariables = Exact<{
  input: Array<MemoryInput> | MemoryInput;
}>;


export type ScaleOutIngestMutation = { ingestMemories: { accepted: number, duplicates: number, rejected: Array<{ index: number, clientId: string, systemId: string, reason: string }> } };

export type ScaleOutSearchQueryVariables = Exact<{
  v?: number[] | string | null | undefined;
  tiers?: Array<Tier> | Tier | null | undefined;
  limit?: number | null | undefined;
}>;


export type ScaleOutSearchQuery = { search: { partial: boolean, failures: Array<{ tier: Tier, shard: string, message: string }>, hits: Array<{ score: number, tier: Tier, shard: string, systemId: string, clientId: string }> } };

export type ScaleOutCancelMutationVariables = Exact<{
  id: string | number;
}>;


export type ScaleOutCancelMutation = { cancelMigration: { id: string, status: MigrationStatus } | null };

export type ScaleOutForgetMutationVariables = Exact<{
  input: ForgetInput;
}>;


export type ScaleOutForgetMutation = { forgetMemories: { id: string, status: MigrationStatus } };

export type ScaleOutAuditQueryVariables = Exact<{ [key: string]: never; }>;


export type ScaleOutAuditQuery = { auditLog: Array<{ operation: string, counts: Record<string, unknown> }> };

export type ScaleOutShardHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type ScaleOutShardHealthQuery = { shardHealth: Array<{ shard: string, tier: string, store: number | null, up: boolean, error: string | null }> };

export type ShutdownUploadMutationVariables = Exact<{
  systemId: string;
  file: File;
}>;


export type ShutdownUploadMutation = { uploadSystemSnapshot: { accepted: number } };

export type ShutdownSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type ShutdownSystemsQuery = { systems: Array<{ id: string, memoryCount: number }> };

export type TokenCliSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type TokenCliSystemsQuery = { systems: Array<{ id: string }> };

export type TokenCliIngestMemoriesMutationVariables = Exact<{ [key: string]: never; }>;


export type TokenCliIngestMemoriesMutation = { ingestMemories: { accepted: number } };

export type IngestMutationVariables = Exact<{
  input: Array<MemoryInput> | MemoryInput;
}>;


export type IngestMutation = { ingestMemories: { accepted: number, duplicates: number, rejected: Array<{ index: number, clientId: string, systemId: string, reason: string }> } };

export type JobQueryVariables = Exact<{
  id: string | number;
}>;


export type JobQuery = { migrationJob: { id: string, status: MigrationStatus, recordsDone: number, recordsTotal: number, error: string | null } | null };

export type TiersStorageStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type TiersStorageStatsQuery = { storageStats: Array<{ tier: Tier, rows: number, bytes: number, shards: Array<{ shard: string, rows: number }> }> };

export type AdmissionUploadMutationVariables = Exact<{
  systemId: string;
  file: File;
}>;


export type AdmissionUploadMutation = { uploadSystemSnapshot: { accepted: number } };

export type AdmissionMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type AdmissionMemoryQuery = { memory: { clientId: string } | null };

export type AdmissionSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type AdmissionSystemsQuery = { systems: Array<{ id: string, memoryCount: number }> };

export type AgingScheduleMigrationJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type AgingScheduleMigrationJobsQuery = { migrationJobs: Array<{ status: MigrationStatus }> };

export type AnnSearch2QueryVariables = Exact<{
  v: number[] | string;
  limit?: number | null | undefined;
  s?: Array<string> | string | null | undefined;
  p?: Array<string> | string | null | undefined;
  tiers?: Array<Tier> | Tier | null | undefined;
}>;


export type AnnSearch2Query = { search: { hits: Array<{ clientId: string, systemId: string, score: number }>, strategies: Array<{ shard: string, strategy: string }> } };

export type AnnMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type AnnMemoryQuery = { memory: { clientId: string } | null };

export type AnnForgetMutationVariables = Exact<{
  input: ForgetInput;
}>;


export type AnnForgetMutation = { forgetMemories: { id: string, status: MigrationStatus } };

export type AnnKeywordLoadQueryVariables = Exact<{
  q: string;
}>;


export type AnnKeywordLoadQuery = { search: { hits: Array<{ clientId: string, memory: { clientId: string, content: string, timestamp: string, metadata: Record<string, unknown> } | null }> } };

export type AnnLoadQueryVariables = Exact<{
  v: number[] | string;
  tiers?: Array<Tier> | Tier | null | undefined;
}>;


export type AnnLoadQuery = { search: { hits: Array<{ clientId: string, memory: { clientId: string, content: string, timestamp: string, metadata: Record<string, unknown> } | null }> } };

export type AnnHintedHitsQueryVariables = Exact<{
  v: number[] | string;
}>;


export type AnnHintedHitsQuery = { search: { hits: Array<{ clientId: string, tier: Tier, memory: { clientId: string, systemId: string, content: string } | null }> } };

export type AnnHintedMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type AnnHintedMemoryQuery = { memory: { content: string } | null };

export type AuthSystems5QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSystems5Query = { systems: Array<{ id: string, memoryCount: number }> };

export type AuthAuditLog2QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthAuditLog2Query = { auditLog: Array<{ principal: string }> };

export type AuthHealth5QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthHealth5Query = { health: { status: string }, systems: Array<{ id: string }> };

export type AuthHealth4QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthHealth4Query = { health: { status: string } };

export type AuthAuditLogQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthAuditLogQuery = { auditLog: Array<{ principal: string, operation: string, fields: Array<string>, outcome: string, errorCodes: Array<string>, counts: Record<string, unknown>, at: string }> };

export type AuthSystems4QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSystems4Query = { systems: Array<{ id: string }> };

export type AuthSystems3QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSystems3Query = { systems: Array<{ id: string }> };

export type AuthSystems2QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSystems2Query = { systems: Array<{ id: string }> };

export type AuthSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSystemsQuery = { systems: Array<{ memoryCount: number }> };

export type AuthSearch5QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSearch5Query = { search: { hits: Array<{ clientId: string }> } };

export type AuthSearch4QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSearch4Query = { search: { hits: Array<{ memory: { clientId: string } | null }> } };

export type AuthMemory2QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthMemory2Query = { memory: { clientId: string } | null };

export type AuthMemoryQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthMemoryQuery = { memory: { clientId: string } | null };

export type AuthSearch3QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSearch3Query = { search: { hits: Array<{ clientId: string }> } };

export type AuthSearch2QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSearch2Query = { search: { hits: Array<{ clientId: string }> } };

export type AuthHealth3QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthHealth3Query = { health: { status: string } };

export type AuthHealth2QueryVariables = Exact<{ [key: string]: never; }>;


export type AuthHealth2Query = { health: { status: string } };

export type AuthSearchQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSearchQuery = { search: { hits: Array<{ clientId: string }> } };

export type AuthSchemaQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthSchemaQuery = { __schema: { types: Array<{ name: string | null }> } };

export type ProgressStartBackupMutationVariables = Exact<{ [key: string]: never; }>;


export type ProgressStartBackupMutation = { startBackup: { id: string } };

export type ProgressBackupSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ProgressBackupSubscription = { backupProgress: { status: BackupStatus, partsDone: number, partsTotal: number, backupId: string | null } };

export type BatchingSearchQueryVariables = Exact<{
  v: number[] | string;
}>;


export type BatchingSearchQuery = { search: { hits: Array<{ clientId: string, score: number }> } };

export type BatchingSearchContentQueryVariables = Exact<{
  v: number[] | string;
}>;


export type BatchingSearchContentQuery = { search: { hits: Array<{ clientId: string, memory: { clientId: string, content: string } | null }> } };

export type TwoQueryVariables = Exact<{ [key: string]: never; }>;


export type TwoQuery = { a: { id: string, clientId: string, systemId: string, content: string } | null, b: { id: string, clientId: string, systemId: string, content: string } | null };

export type OneQueryVariables = Exact<{
  s: string;
}>;


export type OneQuery = { memory: { id: string, clientId: string, systemId: string, content: string } | null };

export type HitsQueryVariables = Exact<{
  v: number[] | string;
}>;


export type HitsQuery = { search: { hits: Array<{ score: number, systemId: string, clientId: string, memory: { id: string, content: string } | null }> } };

export type CodegenMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type CodegenMemoryQuery = { memory: { clientId: string, systemId: string, timestamp: string, metadata: Record<string, unknown>, embedding: number[] | null } | null };

export type ExportMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type ExportMemoryQuery = { memory: { clientId: string, kind: MemoryKind, content: string, timestamp: string, metadata: Record<string, unknown>, embedding: number[] | null } | null };

export type ExportUploadMutationVariables = Exact<{
  systemId: string;
  file: File;
}>;


export type ExportUploadMutation = { uploadSystemSnapshot: { format: SnapshotFormat, accepted: number, rejected: number } };

export type ExportStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type ExportStatsQuery = { storageStats: Array<{ tier: Tier, rows: number }> };

export type ForgetMutationVariables = Exact<{
  input: ForgetInput;
}>;


export type ForgetMutation = { forgetMemories: { id: string, status: MigrationStatus } };

export type ForgetSearchQueryVariables = Exact<{
  v: number[] | string;
}>;


export type ForgetSearchQuery = { search: { hits: Array<{ systemId: string, clientId: string, tier: Tier }>, strategies: Array<{ shard: string, strategy: string }> } };

export type ForgetMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type ForgetMemoryQuery = { memory: { clientId: string } | null };

export type ForgetStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type ForgetStatsQuery = { storageStats: Array<{ tier: Tier, rows: number, bytes: number }> };

export type ForgetAuditQueryVariables = Exact<{ [key: string]: never; }>;


export type ForgetAuditQuery = { auditLog: Array<{ principal: string, operation: string, counts: Record<string, unknown> }> };

export type FreshForgetMutationVariables = Exact<{
  input: ForgetInput;
}>;


export type FreshForgetMutation = { forgetMemories: { id: string, status: MigrationStatus } };

export type FreshKeywordQueryVariables = Exact<{
  q: string;
}>;


export type FreshKeywordQuery = { search: { hits: Array<{ clientId: string }> } };

export type HardeningIndexSearchQueryVariables = Exact<{
  v: number[] | string;
}>;


export type HardeningIndexSearchQuery = { search: { hits: Array<{ clientId: string }>, strategies: Array<{ strategy: string }> } };

export type HardeningMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type HardeningMemoryQuery = { memory: { clientId: string, content: string, metadata: Record<string, unknown> } | null };

export type HardeningSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type HardeningSystemsQuery = { systems: Array<{ id: string, memoryCount: number }> };

export type HardeningTimestampQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type HardeningTimestampQuery = { memory: { timestamp: string } | null };

export type HardeningPushEntitiesQueryVariables = Exact<{
  s: string;
}>;


export type HardeningPushEntitiesQuery = { entities: Array<{ clientId: string, name: string }> };

export type HardeningPushMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type HardeningPushMemoryQuery = { memory: { clientId: string } | null };

export type HardeningSmallQueryVariables = Exact<{
  v: number[] | string;
}>;


export type HardeningSmallQuery = { search: { hits: Array<{ memory: { content: string } | null }> } };

export type HardeningUploadMutationVariables = Exact<{
  systemId: string;
  file: File;
}>;


export type HardeningUploadMutation = { uploadSystemSnapshot: { format: SnapshotFormat, accepted: number, rejected: number } };

export type HardeningUploadSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type HardeningUploadSystemsQuery = { systems: Array<{ id: string, memoryCount: number }> };

export type HotStepsMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type HotStepsMemoryQuery = { memory: { clientId: string, content: string } | null };

export type SearchQueryVariables = Exact<{
  v?: number[] | string | null | undefined;
  text?: string | null | undefined;
  systemIds?: Array<string> | string | null | undefined;
  projects?: Array<string> | string | null | undefined;
  tags?: Array<string> | string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  minScore?: number | null | undefined;
  limit?: number | null | undefined;
}>;


export type SearchQuery = { search: { shardsSearched: Array<string>, partial: boolean, tookMs: number, hits: Array<{ score: number, tier: Tier, shard: string, systemId: string, clientId: string, memory: { clientId: string, systemId: string, kind: MemoryKind, content: string, metadata: Record<string, unknown>, timestamp: string } | null }> } };

export type IngestSearchSystems2QueryVariables = Exact<{ [key: string]: never; }>;


export type IngestSearchSystems2Query = { systems: Array<{ id: string, memoryCount: number, lastUploadAt: string | null }> };

export type IngestSearchMemory3QueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type IngestSearchMemory3Query = { memory: { clientId: string } | null };

export type IngestSearchMemory2QueryVariables = Exact<{ [key: string]: never; }>;


export type IngestSearchMemory2Query = { memory: { clientId: string, content: string } | null };

export type IngestSearchMemoryQueryVariables = Exact<{
  s: string;
}>;


export type IngestSearchMemoryQuery = { memory: { clientId: string } | null };

export type IngestSearchSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type IngestSearchSystemsQuery = { systems: Array<{ id: string }> };

export type JwksSystems3QueryVariables = Exact<{ [key: string]: never; }>;


export type JwksSystems3Query = { systems: Array<{ id: string }> };

export type JwksSystems2QueryVariables = Exact<{ [key: string]: never; }>;


export type JwksSystems2Query = { systems: Array<{ id: string }> };

export type JwksSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type JwksSystemsQuery = { systems: Array<{ id: string }> };

export type KeywordSearchQueryVariables = Exact<{
  q?: string | null | undefined;
  mode?: SearchMode | null | undefined;
  v?: number[] | string | null | undefined;
  alpha?: number | null | undefined;
  fusion?: Fusion | null | undefined;
  limit?: number | null | undefined;
  tiers?: Array<Tier> | Tier | null | undefined;
  s?: Array<string> | string | null | undefined;
  p?: Array<string> | string | null | undefined;
  autocut?: number | null | undefined;
  min?: number | null | undefined;
}>;


export type KeywordSearchQuery = { search: { hits: Array<{ clientId: string, systemId: string, score: number, tier: Tier, explain: { vectorScore: number | null, vectorRank: number | null, keywordScore: number | null, keywordRank: number | null, vectorPart: number, keywordPart: number, terms: Array<{ clause: string, score: number }> } }>, strategies: Array<{ shard: string, strategy: string }> } };

export type KeywordForgetMutationVariables = Exact<{
  input: ForgetInput;
}>;


export type KeywordForgetMutation = { forgetMemories: { id: string, status: MigrationStatus } };

export type KeywordSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type KeywordSystemsQuery = { systems: Array<{ id: string, embeddingModels: Array<string> }> };

export type KeywordTextQueryVariables = Exact<{
  t?: string | null | undefined;
  q?: string | null | undefined;
  mode?: SearchMode | null | undefined;
  v?: number[] | string | null | undefined;
  alpha?: number | null | undefined;
  s?: Array<string> | string | null | undefined;
}>;


export type KeywordTextQuery = { search: { hits: Array<{ clientId: string }> } };

export type McpTestMemoryQueryVariables = Exact<{ [key: string]: never; }>;


export type McpTestMemoryQuery = { memory: { clientId: string } | null };

export type McpTestAuditQueryVariables = Exact<{ [key: string]: never; }>;


export type McpTestAuditQuery = { auditLog: Array<{ principal: string, operation: string, outcome: string }> };

export type MergedCountQueryVariables = Exact<{ [key: string]: never; }>;


export type MergedCountQuery = { systems: Array<{ id: string, memoryCount: number }> };

export type MigrationProgressMigrationProgressSubscriptionVariables = Exact<{
  id: string | number;
  after?: number | null | undefined;
}>;


export type MigrationProgressMigrationProgressSubscription = { migrationProgress: { seq: number, phase: MigrationPhase, state: MigrationState, recordsDone: number, recordsTotal: number, rate: number, etaSeconds: number | null, bytesDone: number } };

export type MigrationProgressCancelMigration2MutationVariables = Exact<{ [key: string]: never; }>;


export type MigrationProgressCancelMigration2Mutation = { cancelMigration: { id: string } | null };

export type MigrationProgressSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type MigrationProgressSystemsQuery = { systems: Array<{ memoryCount: number }> };

export type MigrationProgressCancelMigrationMutationVariables = Exact<{
  id: string | number;
}>;


export type MigrationProgressCancelMigrationMutation = { cancelMigration: { id: string, status: MigrationStatus } | null };

export type MigrationProgressMigrationJobQueryVariables = Exact<{
  id: string | number;
}>;


export type MigrationProgressMigrationJobQuery = { migrationJob: { status: MigrationStatus } | null };

export type OpsSearchQueryVariables = Exact<{
  v: number[] | string;
}>;


export type OpsSearchQuery = { search: { tookMs: number } };

export type OpsHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type OpsHealthQuery = { health: { status: string, shards: number, version: string } };

export type PullWorkerUploadsQueryVariables = Exact<{ [key: string]: never; }>;


export type PullWorkerUploadsQuery = { uploads: Array<{ key: string, systemId: string | null, uploadId: string | null, status: UploadStatus, reason: string | null, accepted: number, duplicates: number, rejected: number }> };

export type PullWorkerSystems3QueryVariables = Exact<{ [key: string]: never; }>;


export type PullWorkerSystems3Query = { systems: Array<{ id: string, memoryCount: number }> };

export type PullWorkerEntitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type PullWorkerEntitiesQuery = { entities: Array<{ id: string }> };

export type PullWorkerSystems2QueryVariables = Exact<{ [key: string]: never; }>;


export type PullWorkerSystems2Query = { systems: Array<{ id: string }> };

export type PullWorkerSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type PullWorkerSystemsQuery = { systems: Array<{ id: string, memoryCount: number }> };

export type PullWorkerSystems4QueryVariables = Exact<{ [key: string]: never; }>;


export type PullWorkerSystems4Query = { systems: Array<{ id: string, memoryCount: number }> };

export type PushCompatSystems3QueryVariables = Exact<{ [key: string]: never; }>;


export type PushCompatSystems3Query = { systems: Array<{ id: string, memoryCount: number, embeddingModels: Array<string> }> };

export type PushCompatMemoryQueryVariables = Exact<{
  id: string;
}>;


export type PushCompatMemoryQuery = { memory: { timestamp: string, metadata: Record<string, unknown> } | null };

export type PushCompatRelationsQueryVariables = Exact<{
  id: string;
}>;


export type PushCompatRelationsQuery = { relations: Array<{ fromEntity: string }> };

export type PushCompatSystems2QueryVariables = Exact<{ [key: string]: never; }>;


export type PushCompatSystems2Query = { systems: Array<{ memoryCount: number }> };

export type PushCompatSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type PushCompatSystemsQuery = { systems: Array<{ memoryCount: number }> };

export type PushCompatAuditLogQueryVariables = Exact<{ [key: string]: never; }>;


export type PushCompatAuditLogQuery = { auditLog: Array<{ operation: string, outcome: string }> };

export type RecoveryColdSearchQueryVariables = Exact<{
  v: number[] | string;
}>;


export type RecoveryColdSearchQuery = { search: { partial: boolean, hits: Array<{ clientId: string, tier: Tier }> } };

export type RedisSearchQueryVariables = Exact<{
  v: number[] | string;
}>;


export type RedisSearchQuery = { search: { hits: Array<{ clientId: string }> } };

export type RedisHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type RedisHealthQuery = { health: { redis: string } };

export type RedisStartMigrationMutationVariables = Exact<{ [key: string]: never; }>;


export type RedisStartMigrationMutation = { startMigration: { id: string } };

export type ScopeSearchQueryVariables = Exact<{
  v: number[] | string;
  s?: Array<string> | string | null | undefined;
}>;


export type ScopeSearchQuery = { search: { hits: Array<{ systemId: string, clientId: string, tier: Tier }> } };

export type ScopeMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type ScopeMemoryQuery = { memory: { clientId: string } | null };

export type ScopeSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type ScopeSystemsQuery = { systems: Array<{ id: string }> };

export type ScopeEntitiesQueryVariables = Exact<{
  s: string;
}>;


export type ScopeEntitiesQuery = { entities: Array<{ clientId: string }> };

export type ScopeRelationsQueryVariables = Exact<{
  e: string;
}>;


export type ScopeRelationsQuery = { relations: Array<{ systemId: string, id: string }> };

export type ScopeStoreEntitiesMutationVariables = Exact<{
  s: string;
}>;


export type ScopeStoreEntitiesMutation = { storeEntities: { created: number } };

export type ScopeStoreRelationsMutationVariables = Exact<{
  s: string;
}>;


export type ScopeStoreRelationsMutation = { storeRelations: { created: number } };

export type ScopeStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type ScopeStatsQuery = { storageStats: Array<{ tier: Tier, rows: number }> };

export type ScopeJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type ScopeJobsQuery = { migrationJobs: Array<{ id: string }> };

export type ScopeStartMutationVariables = Exact<{
  s?: Array<string> | string | null | undefined;
}>;


export type ScopeStartMutation = { startMigration: { id: string } };

export type ScopeUploadMutationVariables = Exact<{
  systemId: string;
  file: File;
}>;


export type ScopeUploadMutation = { uploadSystemSnapshot: { accepted: number } };

export type SizeAgingSearchQueryVariables = Exact<{
  v: number[] | string;
}>;


export type SizeAgingSearchQuery = { search: { hits: Array<{ clientId: string, tier: Tier }> } };

export type SizeAgingJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type SizeAgingJobsQuery = { migrationJobs: Array<{ id: string, status: MigrationStatus }> };

export type SnapshotsUploadSystemSnapshotMutationVariables = Exact<{
  systemId: string;
  file: File;
  tz?: string | null | undefined;
}>;


export type SnapshotsUploadSystemSnapshotMutation = { uploadSystemSnapshot: { format: SnapshotFormat, compressed: boolean, sha256: string, accepted: number, duplicates: number, rejected: number, tables: Array<{ table: string, rows: number, accepted: number, duplicates: number, rejected: number }>, rejections: Array<{ clientId: string, index: number, reason: string }>, entities: { created: number, updated: number }, relations: { created: number, updated: number } } };

export type SnapshotsSystems3QueryVariables = Exact<{ [key: string]: never; }>;


export type SnapshotsSystems3Query = { systems: Array<{ id: string, memoryCount: number, embeddingModels: Array<string> }> };

export type SnapshotsMemoryEmbeddingQueryVariables = Exact<{
  id: string;
  systemId: string;
}>;


export type SnapshotsMemoryEmbeddingQuery = { memory: { embedding: number[] | null } | null };

export type SnapshotsSearch3QueryVariables = Exact<{
  v: number[] | string;
}>;


export type SnapshotsSearch3Query = { search: { hits: Array<{ clientId: string, score: number, memory: { content: string, metadata: Record<string, unknown>, kind: MemoryKind } | null }> } };

export type SnapshotsSearch2QueryVariables = Exact<{
  v: number[] | string;
  p?: Array<string> | string | null | undefined;
  t?: Array<string> | string | null | undefined;
}>;


export type SnapshotsSearch2Query = { search: { hits: Array<{ clientId: string }> } };

export type SnapshotsMemory2QueryVariables = Exact<{
  id: string;
}>;


export type SnapshotsMemory2Query = { memory: { timestamp: string, metadata: Record<string, unknown> } | null };

export type SnapshotsMemoryQueryVariables = Exact<{
  id: string;
}>;


export type SnapshotsMemoryQuery = { memory: { timestamp: string } | null };

export type SnapshotsEntitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type SnapshotsEntitiesQuery = { entities: Array<{ id: string, name: string, entityType: string }> };

export type SnapshotsRelationsQueryVariables = Exact<{
  id: string;
}>;


export type SnapshotsRelationsQuery = { relations: Array<{ fromEntity: string, toEntity: string, relationType: string, systemId: string }> };

export type SnapshotsSearchQueryVariables = Exact<{
  v: number[] | string;
}>;


export type SnapshotsSearchQuery = { search: { hits: Array<{ memory: { metadata: Record<string, unknown> } | null }> } };

export type SnapshotsSystems2QueryVariables = Exact<{ [key: string]: never; }>;


export type SnapshotsSystems2Query = { systems: Array<{ memoryCount: number }> };

export type SnapshotsSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type SnapshotsSystemsQuery = { systems: Array<{ memoryCount: number }> };

export type SubscriptionsIngestEventsSubscriptionVariables = Exact<{
  s?: Array<string> | string | null | undefined;
}>;


export type SubscriptionsIngestEventsSubscription = { ingestEvents: { systemId: string, accepted: number, duplicates: number } };

export type IndependenceSearchQueryVariables = Exact<{
  v: number[] | string;
  tiers?: Array<Tier> | Tier | null | undefined;
}>;


export type IndependenceSearchQuery = { search: { partial: boolean, hits: Array<{ clientId: string, tier: Tier }>, failures: Array<{ tier: Tier }> } };

export type IndependenceMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type IndependenceMemoryQuery = { memory: { clientId: string, content: string } | null };

export type TiersS3SearchQueryVariables = Exact<{
  v: number[] | string;
  tiers?: Array<Tier> | Tier | null | undefined;
}>;


export type TiersS3SearchQuery = { search: { partial: boolean, hits: Array<{ clientId: string, tier: Tier, shard: string, memory: { content: string, metadata: Record<string, unknown> } | null }>, failures: Array<{ tier: Tier, message: string }> } };

export type TiersSearch3QueryVariables = Exact<{
  v: number[] | string;
  tiers?: Array<Tier> | Tier | null | undefined;
  limit?: number | null | undefined;
  s?: Array<string> | string | null | undefined;
}>;


export type TiersSearch3Query = { search: { partial: boolean, shardsSearched: Array<string>, hits: Array<{ score: number, tier: Tier, shard: string, clientId: string, systemId: string, memory: { content: string, metadata: Record<string, unknown>, timestamp: string, kind: MemoryKind, embedding: number[] | null } | null }> } };

export type TiersSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type TiersSystemsQuery = { systems: Array<{ id: string, memoryCount: number }> };

export type TiersMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type TiersMemoryQuery = { memory: { clientId: string, content: string, metadata: Record<string, unknown> } | null };

export type TiersMigrationJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type TiersMigrationJobsQuery = { migrationJobs: Array<{ id: string }> };

export type VerifyStorageQueryVariables = Exact<{ [key: string]: never; }>;


export type VerifyStorageQuery = { verifyStorage: { ok: boolean, objectsChecked: number, orphansRemoved: Array<string>, problems: Array<{ part: string, problem: string }> } };

export type VerifyCollectMutationVariables = Exact<{ [key: string]: never; }>;


export type VerifyCollectMutation = { collectColdOrphans: { ok: boolean, orphansRemoved: Array<string>, problems: Array<{ part: string, problem: string }> } };

export type WarmToColdVerifyQueryVariables = Exact<{ [key: string]: never; }>;


export type WarmToColdVerifyQuery = { verifyStorage: { ok: boolean, problems: Array<{ part: string, problem: string }> } };

export type WarmToColdMemoryQueryVariables = Exact<{
  s: string;
  id: string;
}>;


export type WarmToColdMemoryQuery = { memory: { clientId: string, content: string } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const AnnSearchDocument = new TypedDocumentString(`
    query AnnSearch($v: Vector!, $tiers: [Tier!]) {
  search(nearVector: $v, limit: 10, tiers: $tiers) {
    hits {
      clientId
      memory {
        content
      }
    }
    tookMs
  }
}
    `) as unknown as TypedDocumentString<AnnSearchQuery, AnnSearchQueryVariables>;
export const AnnHealthDocument = new TypedDocumentString(`
    query AnnHealth {
  health {
    status
  }
}
    `) as unknown as TypedDocumentString<AnnHealthQuery, AnnHealthQueryVariables>;
export const BackupBenchIngestDocument = new TypedDocumentString(`
    mutation BackupBenchIngest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) {
    accepted
  }
}
    `) as unknown as TypedDocumentString<BackupBenchIngestMutation, BackupBenchIngestMutationVariables>;
export const BackupBenchStartDocument = new TypedDocumentString(`
    mutation BackupBenchStart {
  startBackup {
    id
  }
}
    `) as unknown as TypedDocumentString<BackupBenchStartMutation, BackupBenchStartMutationVariables>;
export const BackupBenchJobDocument = new TypedDocumentString(`
    query BackupBenchJob($id: ID!) {
  backupJob(id: $id) {
    status
    memories
    backupId
    error
    bytesDone
  }
}
    `) as unknown as TypedDocumentString<BackupBenchJobQuery, BackupBenchJobQueryVariables>;
export const BackupBenchStatsDocument = new TypedDocumentString(`
    query BackupBenchStats {
  storageStats {
    tier
    rows
  }
}
    `) as unknown as TypedDocumentString<BackupBenchStatsQuery, BackupBenchStatsQueryVariables>;
export const BenchUploadDocument = new TypedDocumentString(`
    mutation BenchUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file) {
    accepted
    rejected
  }
}
    `) as unknown as TypedDocumentString<BenchUploadMutation, BenchUploadMutationVariables>;
export const CacheBenchIngestDocument = new TypedDocumentString(`
    mutation CacheBenchIngest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) {
    accepted
  }
}
    `) as unknown as TypedDocumentString<CacheBenchIngestMutation, CacheBenchIngestMutationVariables>;
export const CacheBenchSearchDocument = new TypedDocumentString(`
    query CacheBenchSearch($v: Vector!) {
  search(nearVector: $v, limit: 10) {
    hits {
      clientId
      score
    }
  }
}
    `) as unknown as TypedDocumentString<CacheBenchSearchQuery, CacheBenchSearchQueryVariables>;
export const RunIngestMemoriesDocument = new TypedDocumentString(`
    mutation RunIngestMemories($input: [MemoryInput!]!) {
  ingestMemories(input: $input) {
    accepted
    duplicates
  }
}
    `) as unknown as TypedDocumentString<RunIngestMemoriesMutation, RunIngestMemoriesMutationVariables>;
export const BenchKeywordDocument = new TypedDocumentString(`
    query BenchKeyword($q: String!) {
  search(query: $q, mode: KEYWORD, limit: 10, tiers: [HOT]) {
    hits {
      clientId
      memory {
        content
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BenchKeywordQuery, BenchKeywordQueryVariables>;
export const BenchHybridDocument = new TypedDocumentString(`
    query BenchHybrid($q: String!, $v: Vector!) {
  search(query: $q, nearVector: $v, mode: HYBRID, limit: 10, tiers: [HOT]) {
    hits {
      clientId
      memory {
        content
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BenchHybridQuery, BenchHybridQueryVariables>;
export const StoreIngestDocument = new TypedDocumentString(`
    mutation StoreIngest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) {
    accepted
  }
}
    `) as unknown as TypedDocumentString<StoreIngestMutation, StoreIngestMutationVariables>;
export const TiersSearch2Document = new TypedDocumentString(`
    query TiersSearch2($v: Vector!, $tiers: [Tier!]) {
  search(nearVector: $v, tiers: $tiers, limit: 10) {
    hits {
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<TiersSearch2Query, TiersSearch2QueryVariables>;
export const TiersStartMigrationDocument = new TypedDocumentString(`
    mutation TiersStartMigration($m: MigrationMove) {
  startMigration(input: {move: $m, olderThanDays: 7}) {
    id
  }
}
    `) as unknown as TypedDocumentString<TiersStartMigrationMutation, TiersStartMigrationMutationVariables>;
export const TiersMigrationJobDocument = new TypedDocumentString(`
    query TiersMigrationJob($id: ID!) {
  migrationJob(id: $id) {
    status
    recordsDone
    error
    createdAt
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<TiersMigrationJobQuery, TiersMigrationJobQueryVariables>;
export const TiersSearchDocument = new TypedDocumentString(`
    query TiersSearch($v: Vector!, $s: [String!], $from: DateTime, $to: DateTime) {
  search(
    nearVector: $v
    tiers: [COLD]
    systemIds: $s
    from: $from
    to: $to
    limit: 10
  ) {
    hits {
      clientId
      memory {
        content
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TiersSearchQuery, TiersSearchQueryVariables>;
export const ClientSearchDocument = new TypedDocumentString(`
    query ClientSearch($nearVector: Vector, $nearText: String, $query: String, $mode: SearchMode, $alpha: Float, $fusion: Fusion, $autocut: Int, $systemIds: [String!], $projects: [String!], $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int, $tiers: [Tier!]) {
  search(
    nearVector: $nearVector
    nearText: $nearText
    query: $query
    mode: $mode
    alpha: $alpha
    fusion: $fusion
    autocut: $autocut
    systemIds: $systemIds
    projects: $projects
    tags: $tags
    from: $from
    to: $to
    minScore: $minScore
    limit: $limit
    tiers: $tiers
  ) {
    partial
    failures {
      tier
      shard
      message
    }
    hits {
      score
      tier
      shard
      systemId
      clientId
      explain {
        vectorScore
        keywordScore
        vectorPart
        keywordPart
        terms {
          clause
          score
        }
      }
      memory {
        id
        clientId
        systemId
        kind
        content
        timestamp
        metadata
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ClientSearchQuery, ClientSearchQueryVariables>;
export const ClientIngestDocument = new TypedDocumentString(`
    mutation ClientIngest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) {
    accepted
    duplicates
    rejected {
      index
      clientId
      systemId
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<ClientIngestMutation, ClientIngestMutationVariables>;
export const ClientUploadDocument = new TypedDocumentString(`
    mutation ClientUpload($systemId: String!, $file: Upload!, $timeZone: String) {
  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: $timeZone) {
    format
    accepted
    duplicates
    rejected
    rejections {
      clientId
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<ClientUploadMutation, ClientUploadMutationVariables>;
export const ClientStartMigrationDocument = new TypedDocumentString(`
    mutation ClientStartMigration($input: StartMigrationInput) {
  startMigration(input: $input) {
    id
    status
    recordsTotal
  }
}
    `) as unknown as TypedDocumentString<ClientStartMigrationMutation, ClientStartMigrationMutationVariables>;
export const ClientProgressDocument = new TypedDocumentString(`
    subscription ClientProgress($jobId: ID!, $after: Int) {
  migrationProgress(jobId: $jobId, after: $after) {
    seq
    phase
    state
    recordsDone
    recordsTotal
    bytesDone
    rate
    etaSeconds
    errors
  }
}
    `) as unknown as TypedDocumentString<ClientProgressSubscription, ClientProgressSubscriptionVariables>;
export const StartDocument = new TypedDocumentString(`
    mutation Start($input: StartMigrationInput) {
  startMigration(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<StartMutation, StartMutationVariables>;
export const ProgressDocument = new TypedDocumentString(`
    subscription Progress($jobId: ID!, $after: Int) {
  migrationProgress(jobId: $jobId, after: $after) {
    seq
    phase
    state
    recordsDone
    recordsTotal
    bytesDone
    rate
    etaSeconds
    errors
  }
}
    `) as unknown as TypedDocumentString<ProgressSubscription, ProgressSubscriptionVariables>;
export const PushIngestDocument = new TypedDocumentString(`
    mutation PushIngest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) {
    accepted
    duplicates
    rejected {
      index
      clientId
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<PushIngestMutation, PushIngestMutationVariables>;
export const PushEntitiesDocument = new TypedDocumentString(`
    mutation PushEntities($s: String!, $input: [EntityInput!]!) {
  storeEntities(systemId: $s, input: $input) {
    created
  }
}
    `) as unknown as TypedDocumentString<PushEntitiesMutation, PushEntitiesMutationVariables>;
export const PushRelationsDocument = new TypedDocumentString(`
    mutation PushRelations($s: String!, $input: [RelationInput!]!) {
  storeRelations(systemId: $s, input: $input) {
    created
  }
}
    `) as unknown as TypedDocumentString<PushRelationsMutation, PushRelationsMutationVariables>;
export const McpSearchDocument = new TypedDocumentString(`
    query McpSearch($v: Vector, $text: String, $systemIds: [String!], $projects: [String!], $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int, $tiers: [Tier!], $mode: SearchMode, $alpha: Float) {
  search(
    nearVector: $v
    query: $text
    systemIds: $systemIds
    projects: $projects
    tags: $tags
    from: $from
    to: $to
    minScore: $minScore
    limit: $limit
    tiers: $tiers
    mode: $mode
    alpha: $alpha
  ) {
    partial
    hits {
      score
      tier
      systemId
      clientId
      memory {
        kind
        content
        timestamp
        metadata
      }
    }
  }
}
    `) as unknown as TypedDocumentString<McpSearchQuery, McpSearchQueryVariables>;
export const McpMemoryDocument = new TypedDocumentString(`
    query McpMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    id
    systemId
    clientId
    kind
    content
    timestamp
    metadata
  }
}
    `) as unknown as TypedDocumentString<McpMemoryQuery, McpMemoryQueryVariables>;
export const McpIngestDocument = new TypedDocumentString(`
    mutation McpIngest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) {
    accepted
    duplicates
    rejected {
      index
      clientId
      systemId
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<McpIngestMutation, McpIngestMutationVariables>;
export const McpSystemsDocument = new TypedDocumentString(`
    query McpSystems {
  systems {
    id
    memoryCount
    lastUploadAt
  }
}
    `) as unknown as TypedDocumentString<McpSystemsQuery, McpSystemsQueryVariables>;
export const McpStartMigrationDocument = new TypedDocumentString(`
    mutation McpStartMigration($input: StartMigrationInput) {
  startMigration(input: $input) {
    id
    status
    recordsTotal
    recordsDone
  }
}
    `) as unknown as TypedDocumentString<McpStartMigrationMutation, McpStartMigrationMutationVariables>;
export const McpMigrationJobDocument = new TypedDocumentString(`
    query McpMigrationJob($id: ID!) {
  migrationJob(id: $id) {
    id
    status
    recordsTotal
    recordsDone
    error
  }
}
    `) as unknown as TypedDocumentString<McpMigrationJobQuery, McpMigrationJobQueryVariables>;
export const BackupStartDocument = new TypedDocumentString(`
    mutation BackupStart {
  startBackup {
    id
    status
    partsTotal
  }
}
    `) as unknown as TypedDocumentString<BackupStartMutation, BackupStartMutationVariables>;
export const BackupJobStateDocument = new TypedDocumentString(`
    query BackupJobState($id: ID!) {
  backupJob(id: $id) {
    status
    partsDone
    partsTotal
    memories
    backupId
    error
  }
}
    `) as unknown as TypedDocumentString<BackupJobStateQuery, BackupJobStateQueryVariables>;
export const BackupListDocument = new TypedDocumentString(`
    query BackupList {
  backups {
    id
    memories
    parts
  }
}
    `) as unknown as TypedDocumentString<BackupListQuery, BackupListQueryVariables>;
export const BackupMemoryDocument = new TypedDocumentString(`
    query BackupMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
    content
  }
}
    `) as unknown as TypedDocumentString<BackupMemoryQuery, BackupMemoryQueryVariables>;
export const BackupSearchDocument = new TypedDocumentString(`
    query BackupSearch($v: Vector!) {
  search(nearVector: $v, limit: 1, tiers: [HOT, WARM, COLD]) {
    hits {
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<BackupSearchQuery, BackupSearchQueryVariables>;
export const CrashSystemsDocument = new TypedDocumentString(`
    query CrashSystems {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<CrashSystemsQuery, CrashSystemsQueryVariables>;
export const CrashMemoryDocument = new TypedDocumentString(`
    query CrashMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
    content
  }
}
    `) as unknown as TypedDocumentString<CrashMemoryQuery, CrashMemoryQueryVariables>;
export const DiskFullSystemsDocument = new TypedDocumentString(`
    query DiskFullSystems {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<DiskFullSystemsQuery, DiskFullSystemsQueryVariables>;
export const DiskFullMemoryDocument = new TypedDocumentString(`
    query DiskFullMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<DiskFullMemoryQuery, DiskFullMemoryQueryVariables>;
export const ForgetCrashDocument = new TypedDocumentString(`
    mutation ForgetCrash($input: ForgetInput!) {
  forgetMemories(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ForgetCrashMutation, ForgetCrashMutationVariables>;
export const ForgetCrashMemoryDocument = new TypedDocumentString(`
    query ForgetCrashMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
    content
    timestamp
  }
}
    `) as unknown as TypedDocumentString<ForgetCrashMemoryQuery, ForgetCrashMemoryQueryVariables>;
export const MigrationCrashLateDocument = new TypedDocumentString(`
    query MigrationCrashLate($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<MigrationCrashLateQuery, MigrationCrashLateQueryVariables>;
export const MigrationCrashSystemsDocument = new TypedDocumentString(`
    query MigrationCrashSystems {
  systems {
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<MigrationCrashSystemsQuery, MigrationCrashSystemsQueryVariables>;
export const ScaleOutIngestDocument = new TypedDocumentString(`
    mutation ScaleOutIngest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) {
    accepted
    duplicates
    rejected {
      index
      clientId
      systemId
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<ScaleOutIngestMutation, ScaleOutIngestMutationVariables>;
export const ScaleOutSearchDocument = new TypedDocumentString(`
    query ScaleOutSearch($v: Vector, $tiers: [Tier!], $limit: Int) {
  search(nearVector: $v, tiers: $tiers, limit: $limit) {
    partial
    failures {
      tier
      shard
      message
    }
    hits {
      score
      tier
      shard
      systemId
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<ScaleOutSearchQuery, ScaleOutSearchQueryVariables>;
export const ScaleOutCancelDocument = new TypedDocumentString(`
    mutation ScaleOutCancel($id: ID!) {
  cancelMigration(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ScaleOutCancelMutation, ScaleOutCancelMutationVariables>;
export const ScaleOutForgetDocument = new TypedDocumentString(`
    mutation ScaleOutForget($input: ForgetInput!) {
  forgetMemories(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ScaleOutForgetMutation, ScaleOutForgetMutationVariables>;
export const ScaleOutAuditDocument = new TypedDocumentString(`
    query ScaleOutAudit {
  auditLog(limit: 200) {
    operation
    counts
  }
}
    `) as unknown as TypedDocumentString<ScaleOutAuditQuery, ScaleOutAuditQueryVariables>;
export const ScaleOutShardHealthDocument = new TypedDocumentString(`
    query ScaleOutShardHealth {
  shardHealth {
    shard
    tier
    store
    up
    error
  }
}
    `) as unknown as TypedDocumentString<ScaleOutShardHealthQuery, ScaleOutShardHealthQueryVariables>;
export const ShutdownUploadDocument = new TypedDocumentString(`
    mutation ShutdownUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file) {
    accepted
  }
}
    `) as unknown as TypedDocumentString<ShutdownUploadMutation, ShutdownUploadMutationVariables>;
export const ShutdownSystemsDocument = new TypedDocumentString(`
    query ShutdownSystems {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<ShutdownSystemsQuery, ShutdownSystemsQueryVariables>;
export const TokenCliSystemsDocument = new TypedDocumentString(`
    query TokenCliSystems {
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<TokenCliSystemsQuery, TokenCliSystemsQueryVariables>;
export const TokenCliIngestMemoriesDocument = new TypedDocumentString(`
    mutation TokenCliIngestMemories {
  ingestMemories(input: []) {
    accepted
  }
}
    `) as unknown as TypedDocumentString<TokenCliIngestMemoriesMutation, TokenCliIngestMemoriesMutationVariables>;
export const IngestDocument = new TypedDocumentString(`
    mutation Ingest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) {
    accepted
    duplicates
    rejected {
      index
      clientId
      systemId
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<IngestMutation, IngestMutationVariables>;
export const JobDocument = new TypedDocumentString(`
    query Job($id: ID!) {
  migrationJob(id: $id) {
    id
    status
    recordsDone
    recordsTotal
    error
  }
}
    `) as unknown as TypedDocumentString<JobQuery, JobQueryVariables>;
export const TiersStorageStatsDocument = new TypedDocumentString(`
    query TiersStorageStats {
  storageStats {
    tier
    rows
    bytes
    shards {
      shard
      rows
    }
  }
}
    `) as unknown as TypedDocumentString<TiersStorageStatsQuery, TiersStorageStatsQueryVariables>;
export const AdmissionUploadDocument = new TypedDocumentString(`
    mutation AdmissionUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file) {
    accepted
  }
}
    `) as unknown as TypedDocumentString<AdmissionUploadMutation, AdmissionUploadMutationVariables>;
export const AdmissionMemoryDocument = new TypedDocumentString(`
    query AdmissionMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<AdmissionMemoryQuery, AdmissionMemoryQueryVariables>;
export const AdmissionSystemsDocument = new TypedDocumentString(`
    query AdmissionSystems {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<AdmissionSystemsQuery, AdmissionSystemsQueryVariables>;
export const AgingScheduleMigrationJobsDocument = new TypedDocumentString(`
    query AgingScheduleMigrationJobs {
  migrationJobs {
    status
  }
}
    `) as unknown as TypedDocumentString<AgingScheduleMigrationJobsQuery, AgingScheduleMigrationJobsQueryVariables>;
export const AnnSearch2Document = new TypedDocumentString(`
    query AnnSearch2($v: Vector!, $limit: Int, $s: [String!], $p: [String!], $tiers: [Tier!]) {
  search(
    nearVector: $v
    limit: $limit
    systemIds: $s
    projects: $p
    tiers: $tiers
  ) {
    hits {
      clientId
      systemId
      score
    }
    strategies {
      shard
      strategy
    }
  }
}
    `) as unknown as TypedDocumentString<AnnSearch2Query, AnnSearch2QueryVariables>;
export const AnnMemoryDocument = new TypedDocumentString(`
    query AnnMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<AnnMemoryQuery, AnnMemoryQueryVariables>;
export const AnnForgetDocument = new TypedDocumentString(`
    mutation AnnForget($input: ForgetInput!) {
  forgetMemories(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<AnnForgetMutation, AnnForgetMutationVariables>;
export const AnnKeywordLoadDocument = new TypedDocumentString(`
    query AnnKeywordLoad($q: String!) {
  search(query: $q, mode: KEYWORD, tiers: [HOT], limit: 10) {
    hits {
      clientId
      memory {
        clientId
        content
        timestamp
        metadata
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnnKeywordLoadQuery, AnnKeywordLoadQueryVariables>;
export const AnnLoadDocument = new TypedDocumentString(`
    query AnnLoad($v: Vector!, $tiers: [Tier!]) {
  search(nearVector: $v, limit: 5, tiers: $tiers) {
    hits {
      clientId
      memory {
        clientId
        content
        timestamp
        metadata
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnnLoadQuery, AnnLoadQueryVariables>;
export const AnnHintedHitsDocument = new TypedDocumentString(`
    query AnnHintedHits($v: Vector!) {
  search(nearVector: $v, limit: 3) {
    hits {
      clientId
      tier
      memory {
        clientId
        systemId
        content
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnnHintedHitsQuery, AnnHintedHitsQueryVariables>;
export const AnnHintedMemoryDocument = new TypedDocumentString(`
    query AnnHintedMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    content
  }
}
    `) as unknown as TypedDocumentString<AnnHintedMemoryQuery, AnnHintedMemoryQueryVariables>;
export const AuthSystems5Document = new TypedDocumentString(`
    query AuthSystems5 {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<AuthSystems5Query, AuthSystems5QueryVariables>;
export const AuthAuditLog2Document = new TypedDocumentString(`
    query AuthAuditLog2 {
  auditLog {
    principal
  }
}
    `) as unknown as TypedDocumentString<AuthAuditLog2Query, AuthAuditLog2QueryVariables>;
export const AuthHealth5Document = new TypedDocumentString(`
    query AuthHealth5 {
  health {
    status
  }
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<AuthHealth5Query, AuthHealth5QueryVariables>;
export const AuthHealth4Document = new TypedDocumentString(`
    query AuthHealth4 {
  health {
    status
  }
}
    `) as unknown as TypedDocumentString<AuthHealth4Query, AuthHealth4QueryVariables>;
export const AuthAuditLogDocument = new TypedDocumentString(`
    query AuthAuditLog {
  auditLog(limit: 100) {
    principal
    operation
    fields
    outcome
    errorCodes
    counts
    at
  }
}
    `) as unknown as TypedDocumentString<AuthAuditLogQuery, AuthAuditLogQueryVariables>;
export const AuthSystems4Document = new TypedDocumentString(`
    query AuthSystems4 {
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<AuthSystems4Query, AuthSystems4QueryVariables>;
export const AuthSystems3Document = new TypedDocumentString(`
    query AuthSystems3 {
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<AuthSystems3Query, AuthSystems3QueryVariables>;
export const AuthSystems2Document = new TypedDocumentString(`
    query AuthSystems2 {
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<AuthSystems2Query, AuthSystems2QueryVariables>;
export const AuthSystemsDocument = new TypedDocumentString(`
    query AuthSystems {
  systems {
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<AuthSystemsQuery, AuthSystemsQueryVariables>;
export const AuthSearch5Document = new TypedDocumentString(`
    query AuthSearch5 {
  search(nearText: "a") {
    hits {
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<AuthSearch5Query, AuthSearch5QueryVariables>;
export const AuthSearch4Document = new TypedDocumentString(`
    query AuthSearch4 {
  search(nearText: "a") {
    hits {
      memory {
        clientId
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuthSearch4Query, AuthSearch4QueryVariables>;
export const AuthMemory2Document = new TypedDocumentString(`
    query AuthMemory2 {
  memory(systemId: "abuse", id: "a1") {
    clientId
  }
}
    `) as unknown as TypedDocumentString<AuthMemory2Query, AuthMemory2QueryVariables>;
export const AuthMemoryDocument = new TypedDocumentString(`
    query AuthMemory {
  memory(systemId: "abuse", id: "c1") {
    clientId
  }
}
    `) as unknown as TypedDocumentString<AuthMemoryQuery, AuthMemoryQueryVariables>;
export const AuthSearch3Document = new TypedDocumentString(`
    query AuthSearch3 {
  search(nearText: "a", limit: 1000) {
    hits {
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<AuthSearch3Query, AuthSearch3QueryVariables>;
export const AuthSearch2Document = new TypedDocumentString(`
    query AuthSearch2 {
  search(nearText: "a", limit: 100) {
    hits {
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<AuthSearch2Query, AuthSearch2QueryVariables>;
export const AuthHealth3Document = new TypedDocumentString(`
    query AuthHealth3 {
  health {
    status
  }
}
    `) as unknown as TypedDocumentString<AuthHealth3Query, AuthHealth3QueryVariables>;
export const AuthHealth2Document = new TypedDocumentString(`
    query AuthHealth2 {
  health {
    status
  }
}
    `) as unknown as TypedDocumentString<AuthHealth2Query, AuthHealth2QueryVariables>;
export const AuthSearchDocument = new TypedDocumentString(`
    query AuthSearch {
  search(nearText: "budget", limit: 10) {
    hits {
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<AuthSearchQuery, AuthSearchQueryVariables>;
export const AuthSchemaDocument = new TypedDocumentString(`
    query AuthSchema {
  __schema {
    types {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<AuthSchemaQuery, AuthSchemaQueryVariables>;
export const ProgressStartBackupDocument = new TypedDocumentString(`
    mutation ProgressStartBackup {
  startBackup {
    id
  }
}
    `) as unknown as TypedDocumentString<ProgressStartBackupMutation, ProgressStartBackupMutationVariables>;
export const ProgressBackupDocument = new TypedDocumentString(`
    subscription ProgressBackup($id: ID!) {
  backupProgress(id: $id) {
    status
    partsDone
    partsTotal
    backupId
  }
}
    `) as unknown as TypedDocumentString<ProgressBackupSubscription, ProgressBackupSubscriptionVariables>;
export const BatchingSearchDocument = new TypedDocumentString(`
    query BatchingSearch($v: Vector!) {
  search(nearVector: $v, limit: 5) {
    hits {
      clientId
      score
    }
  }
}
    `) as unknown as TypedDocumentString<BatchingSearchQuery, BatchingSearchQueryVariables>;
export const BatchingSearchContentDocument = new TypedDocumentString(`
    query BatchingSearchContent($v: Vector!) {
  search(nearVector: $v, limit: 5) {
    hits {
      clientId
      memory {
        clientId
        content
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BatchingSearchContentQuery, BatchingSearchContentQueryVariables>;
export const TwoDocument = new TypedDocumentString(`
    query Two {
  a: memory(systemId: "laptop-a", id: "same-1") {
    id
    clientId
    systemId
    content
  }
  b: memory(systemId: "devbox-01", id: "same-1") {
    id
    clientId
    systemId
    content
  }
}
    `) as unknown as TypedDocumentString<TwoQuery, TwoQueryVariables>;
export const OneDocument = new TypedDocumentString(`
    query One($s: String!) {
  memory(systemId: $s, id: "same-1") {
    id
    clientId
    systemId
    content
  }
}
    `) as unknown as TypedDocumentString<OneQuery, OneQueryVariables>;
export const HitsDocument = new TypedDocumentString(`
    query Hits($v: Vector!) {
  search(nearVector: $v, limit: 2) {
    hits {
      score
      systemId
      clientId
      memory {
        id
        content
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HitsQuery, HitsQueryVariables>;
export const CodegenMemoryDocument = new TypedDocumentString(`
    query CodegenMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
    systemId
    timestamp
    metadata
    embedding
  }
}
    `) as unknown as TypedDocumentString<CodegenMemoryQuery, CodegenMemoryQueryVariables>;
export const ExportMemoryDocument = new TypedDocumentString(`
    query ExportMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
    kind
    content
    timestamp
    metadata
    embedding
  }
}
    `) as unknown as TypedDocumentString<ExportMemoryQuery, ExportMemoryQueryVariables>;
export const ExportUploadDocument = new TypedDocumentString(`
    mutation ExportUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: "UTC") {
    format
    accepted
    rejected
  }
}
    `) as unknown as TypedDocumentString<ExportUploadMutation, ExportUploadMutationVariables>;
export const ExportStatsDocument = new TypedDocumentString(`
    query ExportStats {
  storageStats {
    tier
    rows
  }
}
    `) as unknown as TypedDocumentString<ExportStatsQuery, ExportStatsQueryVariables>;
export const ForgetDocument = new TypedDocumentString(`
    mutation Forget($input: ForgetInput!) {
  forgetMemories(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ForgetMutation, ForgetMutationVariables>;
export const ForgetSearchDocument = new TypedDocumentString(`
    query ForgetSearch($v: Vector!) {
  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) {
    hits {
      systemId
      clientId
      tier
    }
    strategies {
      shard
      strategy
    }
  }
}
    `) as unknown as TypedDocumentString<ForgetSearchQuery, ForgetSearchQueryVariables>;
export const ForgetMemoryDocument = new TypedDocumentString(`
    query ForgetMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<ForgetMemoryQuery, ForgetMemoryQueryVariables>;
export const ForgetStatsDocument = new TypedDocumentString(`
    query ForgetStats {
  storageStats {
    tier
    rows
    bytes
  }
}
    `) as unknown as TypedDocumentString<ForgetStatsQuery, ForgetStatsQueryVariables>;
export const ForgetAuditDocument = new TypedDocumentString(`
    query ForgetAudit {
  auditLog(limit: 100) {
    principal
    operation
    counts
  }
}
    `) as unknown as TypedDocumentString<ForgetAuditQuery, ForgetAuditQueryVariables>;
export const FreshForgetDocument = new TypedDocumentString(`
    mutation FreshForget($input: ForgetInput!) {
  forgetMemories(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<FreshForgetMutation, FreshForgetMutationVariables>;
export const FreshKeywordDocument = new TypedDocumentString(`
    query FreshKeyword($q: String!) {
  search(query: $q, mode: KEYWORD, tiers: [HOT], limit: 5) {
    hits {
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<FreshKeywordQuery, FreshKeywordQueryVariables>;
export const HardeningIndexSearchDocument = new TypedDocumentString(`
    query HardeningIndexSearch($v: Vector!) {
  search(nearVector: $v, limit: 1, tiers: [HOT]) {
    hits {
      clientId
    }
    strategies {
      strategy
    }
  }
}
    `) as unknown as TypedDocumentString<HardeningIndexSearchQuery, HardeningIndexSearchQueryVariables>;
export const HardeningMemoryDocument = new TypedDocumentString(`
    query HardeningMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
    content
    metadata
  }
}
    `) as unknown as TypedDocumentString<HardeningMemoryQuery, HardeningMemoryQueryVariables>;
export const HardeningSystemsDocument = new TypedDocumentString(`
    query HardeningSystems {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<HardeningSystemsQuery, HardeningSystemsQueryVariables>;
export const HardeningTimestampDocument = new TypedDocumentString(`
    query HardeningTimestamp($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    timestamp
  }
}
    `) as unknown as TypedDocumentString<HardeningTimestampQuery, HardeningTimestampQueryVariables>;
export const HardeningPushEntitiesDocument = new TypedDocumentString(`
    query HardeningPushEntities($s: String!) {
  entities(systemId: $s) {
    clientId
    name
  }
}
    `) as unknown as TypedDocumentString<HardeningPushEntitiesQuery, HardeningPushEntitiesQueryVariables>;
export const HardeningPushMemoryDocument = new TypedDocumentString(`
    query HardeningPushMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<HardeningPushMemoryQuery, HardeningPushMemoryQueryVariables>;
export const HardeningSmallDocument = new TypedDocumentString(`
    query HardeningSmall($v: Vector!) {
  search(nearVector: $v, limit: 5) {
    hits {
      memory {
        content
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HardeningSmallQuery, HardeningSmallQueryVariables>;
export const HardeningUploadDocument = new TypedDocumentString(`
    mutation HardeningUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file) {
    format
    accepted
    rejected
  }
}
    `) as unknown as TypedDocumentString<HardeningUploadMutation, HardeningUploadMutationVariables>;
export const HardeningUploadSystemsDocument = new TypedDocumentString(`
    query HardeningUploadSystems {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<HardeningUploadSystemsQuery, HardeningUploadSystemsQueryVariables>;
export const HotStepsMemoryDocument = new TypedDocumentString(`
    query HotStepsMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
    content
  }
}
    `) as unknown as TypedDocumentString<HotStepsMemoryQuery, HotStepsMemoryQueryVariables>;
export const SearchDocument = new TypedDocumentString(`
    query Search($v: Vector, $text: String, $systemIds: [String!], $projects: [String!], $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int) {
  search(
    nearVector: $v
    nearText: $text
    systemIds: $systemIds
    projects: $projects
    tags: $tags
    from: $from
    to: $to
    minScore: $minScore
    limit: $limit
  ) {
    hits {
      score
      tier
      shard
      systemId
      clientId
      memory {
        clientId
        systemId
        kind
        content
        metadata
        timestamp
      }
    }
    shardsSearched
    partial
    tookMs
  }
}
    `) as unknown as TypedDocumentString<SearchQuery, SearchQueryVariables>;
export const IngestSearchSystems2Document = new TypedDocumentString(`
    query IngestSearchSystems2 {
  systems {
    id
    memoryCount
    lastUploadAt
  }
}
    `) as unknown as TypedDocumentString<IngestSearchSystems2Query, IngestSearchSystems2QueryVariables>;
export const IngestSearchMemory3Document = new TypedDocumentString(`
    query IngestSearchMemory3($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<IngestSearchMemory3Query, IngestSearchMemory3QueryVariables>;
export const IngestSearchMemory2Document = new TypedDocumentString(`
    query IngestSearchMemory2 {
  memory(systemId: "alpha", id: "ok-2") {
    clientId
    content
  }
}
    `) as unknown as TypedDocumentString<IngestSearchMemory2Query, IngestSearchMemory2QueryVariables>;
export const IngestSearchMemoryDocument = new TypedDocumentString(`
    query IngestSearchMemory($s: String!) {
  memory(systemId: $s, id: "b64-ok") {
    clientId
  }
}
    `) as unknown as TypedDocumentString<IngestSearchMemoryQuery, IngestSearchMemoryQueryVariables>;
export const IngestSearchSystemsDocument = new TypedDocumentString(`
    query IngestSearchSystems {
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<IngestSearchSystemsQuery, IngestSearchSystemsQueryVariables>;
export const JwksSystems3Document = new TypedDocumentString(`
    query JwksSystems3 {
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<JwksSystems3Query, JwksSystems3QueryVariables>;
export const JwksSystems2Document = new TypedDocumentString(`
    query JwksSystems2 {
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<JwksSystems2Query, JwksSystems2QueryVariables>;
export const JwksSystemsDocument = new TypedDocumentString(`
    query JwksSystems {
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<JwksSystemsQuery, JwksSystemsQueryVariables>;
export const KeywordSearchDocument = new TypedDocumentString(`
    query KeywordSearch($q: String, $mode: SearchMode, $v: Vector, $alpha: Float, $fusion: Fusion, $limit: Int, $tiers: [Tier!], $s: [String!], $p: [String!], $autocut: Int, $min: Float) {
  search(
    query: $q
    mode: $mode
    nearVector: $v
    alpha: $alpha
    fusion: $fusion
    limit: $limit
    tiers: $tiers
    systemIds: $s
    projects: $p
    autocut: $autocut
    minScore: $min
  ) {
    hits {
      clientId
      systemId
      score
      tier
      explain {
        vectorScore
        vectorRank
        keywordScore
        keywordRank
        vectorPart
        keywordPart
        terms {
          clause
          score
        }
      }
    }
    strategies {
      shard
      strategy
    }
  }
}
    `) as unknown as TypedDocumentString<KeywordSearchQuery, KeywordSearchQueryVariables>;
export const KeywordForgetDocument = new TypedDocumentString(`
    mutation KeywordForget($input: ForgetInput!) {
  forgetMemories(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<KeywordForgetMutation, KeywordForgetMutationVariables>;
export const KeywordSystemsDocument = new TypedDocumentString(`
    query KeywordSystems {
  systems {
    id
    embeddingModels
  }
}
    `) as unknown as TypedDocumentString<KeywordSystemsQuery, KeywordSystemsQueryVariables>;
export const KeywordTextDocument = new TypedDocumentString(`
    query KeywordText($t: String, $q: String, $mode: SearchMode, $v: Vector, $alpha: Float, $s: [String!]) {
  search(
    nearText: $t
    query: $q
    mode: $mode
    nearVector: $v
    alpha: $alpha
    systemIds: $s
  ) {
    hits {
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<KeywordTextQuery, KeywordTextQueryVariables>;
export const McpTestMemoryDocument = new TypedDocumentString(`
    query McpTestMemory {
  memory(systemId: "assistant-box", id: "by-viewer") {
    clientId
  }
}
    `) as unknown as TypedDocumentString<McpTestMemoryQuery, McpTestMemoryQueryVariables>;
export const McpTestAuditDocument = new TypedDocumentString(`
    query McpTestAudit {
  auditLog(limit: 50) {
    principal
    operation
    outcome
  }
}
    `) as unknown as TypedDocumentString<McpTestAuditQuery, McpTestAuditQueryVariables>;
export const MergedCountDocument = new TypedDocumentString(`
    query MergedCount {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<MergedCountQuery, MergedCountQueryVariables>;
export const MigrationProgressMigrationProgressDocument = new TypedDocumentString(`
    subscription MigrationProgressMigrationProgress($id: ID!, $after: Int) {
  migrationProgress(jobId: $id, after: $after) {
    seq
    phase
    state
    recordsDone
    recordsTotal
    rate
    etaSeconds
    bytesDone
  }
}
    `) as unknown as TypedDocumentString<MigrationProgressMigrationProgressSubscription, MigrationProgressMigrationProgressSubscriptionVariables>;
export const MigrationProgressCancelMigration2Document = new TypedDocumentString(`
    mutation MigrationProgressCancelMigration2 {
  cancelMigration(id: "x") {
    id
  }
}
    `) as unknown as TypedDocumentString<MigrationProgressCancelMigration2Mutation, MigrationProgressCancelMigration2MutationVariables>;
export const MigrationProgressSystemsDocument = new TypedDocumentString(`
    query MigrationProgressSystems {
  systems {
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<MigrationProgressSystemsQuery, MigrationProgressSystemsQueryVariables>;
export const MigrationProgressCancelMigrationDocument = new TypedDocumentString(`
    mutation MigrationProgressCancelMigration($id: ID!) {
  cancelMigration(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<MigrationProgressCancelMigrationMutation, MigrationProgressCancelMigrationMutationVariables>;
export const MigrationProgressMigrationJobDocument = new TypedDocumentString(`
    query MigrationProgressMigrationJob($id: ID!) {
  migrationJob(id: $id) {
    status
  }
}
    `) as unknown as TypedDocumentString<MigrationProgressMigrationJobQuery, MigrationProgressMigrationJobQueryVariables>;
export const OpsSearchDocument = new TypedDocumentString(`
    query OpsSearch($v: Vector!) {
  search(nearVector: $v) {
    tookMs
  }
}
    `) as unknown as TypedDocumentString<OpsSearchQuery, OpsSearchQueryVariables>;
export const OpsHealthDocument = new TypedDocumentString(`
    query OpsHealth {
  health {
    status
    shards
    version
  }
}
    `) as unknown as TypedDocumentString<OpsHealthQuery, OpsHealthQueryVariables>;
export const PullWorkerUploadsDocument = new TypedDocumentString(`
    query PullWorkerUploads {
  uploads {
    key
    systemId
    uploadId
    status
    reason
    accepted
    duplicates
    rejected
  }
}
    `) as unknown as TypedDocumentString<PullWorkerUploadsQuery, PullWorkerUploadsQueryVariables>;
export const PullWorkerSystems3Document = new TypedDocumentString(`
    query PullWorkerSystems3 {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<PullWorkerSystems3Query, PullWorkerSystems3QueryVariables>;
export const PullWorkerEntitiesDocument = new TypedDocumentString(`
    query PullWorkerEntities {
  entities(systemId: "drop-box-01", limit: 1000) {
    id
  }
}
    `) as unknown as TypedDocumentString<PullWorkerEntitiesQuery, PullWorkerEntitiesQueryVariables>;
export const PullWorkerSystems2Document = new TypedDocumentString(`
    query PullWorkerSystems2 {
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<PullWorkerSystems2Query, PullWorkerSystems2QueryVariables>;
export const PullWorkerSystemsDocument = new TypedDocumentString(`
    query PullWorkerSystems {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<PullWorkerSystemsQuery, PullWorkerSystemsQueryVariables>;
export const PullWorkerSystems4Document = new TypedDocumentString(`
    query PullWorkerSystems4 {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<PullWorkerSystems4Query, PullWorkerSystems4QueryVariables>;
export const PushCompatSystems3Document = new TypedDocumentString(`
    query PushCompatSystems3 {
  systems {
    id
    memoryCount
    embeddingModels
  }
}
    `) as unknown as TypedDocumentString<PushCompatSystems3Query, PushCompatSystems3QueryVariables>;
export const PushCompatMemoryDocument = new TypedDocumentString(`
    query PushCompatMemory($id: String!) {
  memory(systemId: "Les-MacBook-Pro_local", id: $id) {
    timestamp
    metadata
  }
}
    `) as unknown as TypedDocumentString<PushCompatMemoryQuery, PushCompatMemoryQueryVariables>;
export const PushCompatRelationsDocument = new TypedDocumentString(`
    query PushCompatRelations($id: String!) {
  relations(entityId: $id, systemId: "Les-MacBook-Pro_local") {
    fromEntity
  }
}
    `) as unknown as TypedDocumentString<PushCompatRelationsQuery, PushCompatRelationsQueryVariables>;
export const PushCompatSystems2Document = new TypedDocumentString(`
    query PushCompatSystems2 {
  systems {
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<PushCompatSystems2Query, PushCompatSystems2QueryVariables>;
export const PushCompatSystemsDocument = new TypedDocumentString(`
    query PushCompatSystems {
  systems {
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<PushCompatSystemsQuery, PushCompatSystemsQueryVariables>;
export const PushCompatAuditLogDocument = new TypedDocumentString(`
    query PushCompatAuditLog {
  auditLog(principal: "session-buddy-push", limit: 5) {
    operation
    outcome
  }
}
    `) as unknown as TypedDocumentString<PushCompatAuditLogQuery, PushCompatAuditLogQueryVariables>;
export const RecoveryColdSearchDocument = new TypedDocumentString(`
    query RecoveryColdSearch($v: Vector!) {
  search(nearVector: $v, tiers: [COLD], limit: 1) {
    hits {
      clientId
      tier
    }
    partial
  }
}
    `) as unknown as TypedDocumentString<RecoveryColdSearchQuery, RecoveryColdSearchQueryVariables>;
export const RedisSearchDocument = new TypedDocumentString(`
    query RedisSearch($v: Vector!) {
  search(nearVector: $v, limit: 3) {
    hits {
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<RedisSearchQuery, RedisSearchQueryVariables>;
export const RedisHealthDocument = new TypedDocumentString(`
    query RedisHealth {
  health {
    redis
  }
}
    `) as unknown as TypedDocumentString<RedisHealthQuery, RedisHealthQueryVariables>;
export const RedisStartMigrationDocument = new TypedDocumentString(`
    mutation RedisStartMigration {
  startMigration(input: {move: HOT_TO_WARM, olderThanDays: 5}) {
    id
  }
}
    `) as unknown as TypedDocumentString<RedisStartMigrationMutation, RedisStartMigrationMutationVariables>;
export const ScopeSearchDocument = new TypedDocumentString(`
    query ScopeSearch($v: Vector!, $s: [String!]) {
  search(nearVector: $v, systemIds: $s, limit: 50, tiers: [HOT, WARM, COLD]) {
    hits {
      systemId
      clientId
      tier
    }
  }
}
    `) as unknown as TypedDocumentString<ScopeSearchQuery, ScopeSearchQueryVariables>;
export const ScopeMemoryDocument = new TypedDocumentString(`
    query ScopeMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<ScopeMemoryQuery, ScopeMemoryQueryVariables>;
export const ScopeSystemsDocument = new TypedDocumentString(`
    query ScopeSystems {
  systems {
    id
  }
}
    `) as unknown as TypedDocumentString<ScopeSystemsQuery, ScopeSystemsQueryVariables>;
export const ScopeEntitiesDocument = new TypedDocumentString(`
    query ScopeEntities($s: String!) {
  entities(systemId: $s) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<ScopeEntitiesQuery, ScopeEntitiesQueryVariables>;
export const ScopeRelationsDocument = new TypedDocumentString(`
    query ScopeRelations($e: String!) {
  relations(entityId: $e) {
    systemId
    id
  }
}
    `) as unknown as TypedDocumentString<ScopeRelationsQuery, ScopeRelationsQueryVariables>;
export const ScopeStoreEntitiesDocument = new TypedDocumentString(`
    mutation ScopeStoreEntities($s: String!) {
  storeEntities(
    systemId: $s
    input: [{id: "e1", name: "Akosha", entityType: "project"}]
  ) {
    created
  }
}
    `) as unknown as TypedDocumentString<ScopeStoreEntitiesMutation, ScopeStoreEntitiesMutationVariables>;
export const ScopeStoreRelationsDocument = new TypedDocumentString(`
    mutation ScopeStoreRelations($s: String!) {
  storeRelations(
    systemId: $s
    input: [{id: "r1", fromEntity: "e1", toEntity: "e2", relationType: "uses"}]
  ) {
    created
  }
}
    `) as unknown as TypedDocumentString<ScopeStoreRelationsMutation, ScopeStoreRelationsMutationVariables>;
export const ScopeStatsDocument = new TypedDocumentString(`
    query ScopeStats {
  storageStats {
    tier
    rows
  }
}
    `) as unknown as TypedDocumentString<ScopeStatsQuery, ScopeStatsQueryVariables>;
export const ScopeJobsDocument = new TypedDocumentString(`
    query ScopeJobs {
  migrationJobs {
    id
  }
}
    `) as unknown as TypedDocumentString<ScopeJobsQuery, ScopeJobsQueryVariables>;
export const ScopeStartDocument = new TypedDocumentString(`
    mutation ScopeStart($s: [String!]) {
  startMigration(input: {systemIds: $s, dryRun: true}) {
    id
  }
}
    `) as unknown as TypedDocumentString<ScopeStartMutation, ScopeStartMutationVariables>;
export const ScopeUploadDocument = new TypedDocumentString(`
    mutation ScopeUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file) {
    accepted
  }
}
    `) as unknown as TypedDocumentString<ScopeUploadMutation, ScopeUploadMutationVariables>;
export const SizeAgingSearchDocument = new TypedDocumentString(`
    query SizeAgingSearch($v: Vector!) {
  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) {
    hits {
      clientId
      tier
    }
  }
}
    `) as unknown as TypedDocumentString<SizeAgingSearchQuery, SizeAgingSearchQueryVariables>;
export const SizeAgingJobsDocument = new TypedDocumentString(`
    query SizeAgingJobs {
  migrationJobs {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<SizeAgingJobsQuery, SizeAgingJobsQueryVariables>;
export const SnapshotsUploadSystemSnapshotDocument = new TypedDocumentString(`
    mutation SnapshotsUploadSystemSnapshot($systemId: String!, $file: Upload!, $tz: String) {
  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: $tz) {
    format
    compressed
    sha256
    accepted
    duplicates
    rejected
    tables {
      table
      rows
      accepted
      duplicates
      rejected
    }
    rejections {
      clientId
      index
      reason
    }
    entities {
      created
      updated
    }
    relations {
      created
      updated
    }
  }
}
    `) as unknown as TypedDocumentString<SnapshotsUploadSystemSnapshotMutation, SnapshotsUploadSystemSnapshotMutationVariables>;
export const SnapshotsSystems3Document = new TypedDocumentString(`
    query SnapshotsSystems3 {
  systems {
    id
    memoryCount
    embeddingModels
  }
}
    `) as unknown as TypedDocumentString<SnapshotsSystems3Query, SnapshotsSystems3QueryVariables>;
export const SnapshotsMemoryEmbeddingDocument = new TypedDocumentString(`
    query SnapshotsMemoryEmbedding($id: String!, $systemId: String!) {
  memory(id: $id, systemId: $systemId) {
    embedding
  }
}
    `) as unknown as TypedDocumentString<SnapshotsMemoryEmbeddingQuery, SnapshotsMemoryEmbeddingQueryVariables>;
export const SnapshotsSearch3Document = new TypedDocumentString(`
    query SnapshotsSearch3($v: Vector!) {
  search(nearVector: $v, systemIds: ["devbox-la"], limit: 3) {
    hits {
      clientId
      score
      memory {
        content
        metadata
        kind
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SnapshotsSearch3Query, SnapshotsSearch3QueryVariables>;
export const SnapshotsSearch2Document = new TypedDocumentString(`
    query SnapshotsSearch2($v: Vector!, $p: [String!], $t: [String!]) {
  search(nearVector: $v, projects: $p, tags: $t, limit: 1) {
    hits {
      clientId
    }
  }
}
    `) as unknown as TypedDocumentString<SnapshotsSearch2Query, SnapshotsSearch2QueryVariables>;
export const SnapshotsMemory2Document = new TypedDocumentString(`
    query SnapshotsMemory2($id: String!) {
  memory(systemId: "devbox-tokyo", id: $id) {
    timestamp
    metadata
  }
}
    `) as unknown as TypedDocumentString<SnapshotsMemory2Query, SnapshotsMemory2QueryVariables>;
export const SnapshotsMemoryDocument = new TypedDocumentString(`
    query SnapshotsMemory($id: String!) {
  memory(systemId: "devbox-la", id: $id) {
    timestamp
  }
}
    `) as unknown as TypedDocumentString<SnapshotsMemoryQuery, SnapshotsMemoryQueryVariables>;
export const SnapshotsEntitiesDocument = new TypedDocumentString(`
    query SnapshotsEntities {
  entities(systemId: "devbox-la", limit: 1000) {
    id
    name
    entityType
  }
}
    `) as unknown as TypedDocumentString<SnapshotsEntitiesQuery, SnapshotsEntitiesQueryVariables>;
export const SnapshotsRelationsDocument = new TypedDocumentString(`
    query SnapshotsRelations($id: String!) {
  relations(entityId: $id) {
    fromEntity
    toEntity
    relationType
    systemId
  }
}
    `) as unknown as TypedDocumentString<SnapshotsRelationsQuery, SnapshotsRelationsQueryVariables>;
export const SnapshotsSearchDocument = new TypedDocumentString(`
    query SnapshotsSearch($v: Vector!) {
  search(nearVector: $v, systemIds: ["parquet-sys"], limit: 1) {
    hits {
      memory {
        metadata
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SnapshotsSearchQuery, SnapshotsSearchQueryVariables>;
export const SnapshotsSystems2Document = new TypedDocumentString(`
    query SnapshotsSystems2 {
  systems {
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<SnapshotsSystems2Query, SnapshotsSystems2QueryVariables>;
export const SnapshotsSystemsDocument = new TypedDocumentString(`
    query SnapshotsSystems {
  systems {
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<SnapshotsSystemsQuery, SnapshotsSystemsQueryVariables>;
export const SubscriptionsIngestEventsDocument = new TypedDocumentString(`
    subscription SubscriptionsIngestEvents($s: [String!]) {
  ingestEvents(systemIds: $s) {
    systemId
    accepted
    duplicates
  }
}
    `) as unknown as TypedDocumentString<SubscriptionsIngestEventsSubscription, SubscriptionsIngestEventsSubscriptionVariables>;
export const IndependenceSearchDocument = new TypedDocumentString(`
    query IndependenceSearch($v: Vector!, $tiers: [Tier!]) {
  search(nearVector: $v, tiers: $tiers, limit: 3) {
    hits {
      clientId
      tier
    }
    partial
    failures {
      tier
    }
  }
}
    `) as unknown as TypedDocumentString<IndependenceSearchQuery, IndependenceSearchQueryVariables>;
export const IndependenceMemoryDocument = new TypedDocumentString(`
    query IndependenceMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
    content
  }
}
    `) as unknown as TypedDocumentString<IndependenceMemoryQuery, IndependenceMemoryQueryVariables>;
export const TiersS3SearchDocument = new TypedDocumentString(`
    query TiersS3Search($v: Vector!, $tiers: [Tier!]) {
  search(nearVector: $v, tiers: $tiers, limit: 5) {
    hits {
      clientId
      tier
      shard
      memory {
        content
        metadata
      }
    }
    partial
    failures {
      tier
      message
    }
  }
}
    `) as unknown as TypedDocumentString<TiersS3SearchQuery, TiersS3SearchQueryVariables>;
export const TiersSearch3Document = new TypedDocumentString(`
    query TiersSearch3($v: Vector!, $tiers: [Tier!], $limit: Int, $s: [String!]) {
  search(nearVector: $v, tiers: $tiers, limit: $limit, systemIds: $s) {
    hits {
      score
      tier
      shard
      clientId
      systemId
      memory {
        content
        metadata
        timestamp
        kind
        embedding
      }
    }
    partial
    shardsSearched
  }
}
    `) as unknown as TypedDocumentString<TiersSearch3Query, TiersSearch3QueryVariables>;
export const TiersSystemsDocument = new TypedDocumentString(`
    query TiersSystems {
  systems {
    id
    memoryCount
  }
}
    `) as unknown as TypedDocumentString<TiersSystemsQuery, TiersSystemsQueryVariables>;
export const TiersMemoryDocument = new TypedDocumentString(`
    query TiersMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
    content
    metadata
  }
}
    `) as unknown as TypedDocumentString<TiersMemoryQuery, TiersMemoryQueryVariables>;
export const TiersMigrationJobsDocument = new TypedDocumentString(`
    query TiersMigrationJobs {
  migrationJobs {
    id
  }
}
    `) as unknown as TypedDocumentString<TiersMigrationJobsQuery, TiersMigrationJobsQueryVariables>;
export const VerifyStorageDocument = new TypedDocumentString(`
    query VerifyStorage {
  verifyStorage {
    ok
    objectsChecked
    problems {
      part
      problem
    }
    orphansRemoved
  }
}
    `) as unknown as TypedDocumentString<VerifyStorageQuery, VerifyStorageQueryVariables>;
export const VerifyCollectDocument = new TypedDocumentString(`
    mutation VerifyCollect {
  collectColdOrphans {
    ok
    orphansRemoved
    problems {
      part
      problem
    }
  }
}
    `) as unknown as TypedDocumentString<VerifyCollectMutation, VerifyCollectMutationVariables>;
export const WarmToColdVerifyDocument = new TypedDocumentString(`
    query WarmToColdVerify {
  verifyStorage {
    ok
    problems {
      part
      problem
    }
  }
}
    `) as unknown as TypedDocumentString<WarmToColdVerifyQuery, WarmToColdVerifyQueryVariables>;
export const WarmToColdMemoryDocument = new TypedDocumentString(`
    query WarmToColdMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) {
    clientId
    content
  }
}
    `) as unknown as TypedDocumentString<WarmToColdMemoryQuery, WarmToColdMemoryQueryVariables>;