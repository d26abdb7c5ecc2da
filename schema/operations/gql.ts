/* eslint-disable */
import * as types from './graphql.ts';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AnnSearch($v: Vector!, $tiers: [Tier!]) { search(nearVector: $v, limit: 10, tiers: $tiers) { hits { clientId memory { content } } tookMs } }": typeof types.AnnSearchDocument,
    "query AnnHealth { health { status } }": typeof types.AnnHealthDocument,
    "mutation BackupBenchIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }": typeof types.BackupBenchIngestDocument,
    "mutation BackupBenchStart { startBackup { id } }": typeof types.BackupBenchStartDocument,
    "query BackupBenchJob($id: ID!) { backupJob(id: $id) { status memories backupId error bytesDone } }": typeof types.BackupBenchJobDocument,
    "query BackupBenchStats { storageStats { tier rows } }": typeof types.BackupBenchStatsDocument,
    "mutation BenchUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted rejected }\n}": typeof types.BenchUploadDocument,
    "mutation CacheBenchIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }": typeof types.CacheBenchIngestDocument,
    "query CacheBenchSearch($v: Vector!) { search(nearVector: $v, limit: 10) { hits { clientId score } } }": typeof types.CacheBenchSearchDocument,
    "mutation RunIngestMemories($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted duplicates } }": typeof types.RunIngestMemoriesDocument,
    "query BenchKeyword($q: String!) {\n  search(query: $q, mode: KEYWORD, limit: 10, tiers: [HOT]) { hits { clientId memory { content } } }\n}": typeof types.BenchKeywordDocument,
    "query BenchHybrid($q: String!, $v: Vector!) {\n  search(query: $q, nearVector: $v, mode: HYBRID, limit: 10, tiers: [HOT]) { hits { clientId memory { content } } }\n}": typeof types.BenchHybridDocument,
    "mutation StoreIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }": typeof types.StoreIngestDocument,
    "query TiersSearch2($v: Vector!, $tiers: [Tier!]) { search(nearVector: $v, tiers: $tiers, limit: 10) { hits { clientId } } }": typeof types.TiersSearch2Document,
    "mutation TiersStartMigration($m: MigrationMove) { startMigration(input: { move: $m, olderThanDays: 7 }) { id } }": typeof types.TiersStartMigrationDocument,
    "query TiersMigrationJob($id: ID!) { migrationJob(id: $id) { status recordsDone error createdAt updatedAt } }": typeof types.TiersMigrationJobDocument,
    "query TiersSearch($v: Vector!, $s: [String!], $from: DateTime, $to: DateTime) {\n        search(nearVector: $v, tiers: [COLD], systemIds: $s, from: $from, to: $to, limit: 10) { hits { clientId memory { content } } } }": typeof types.TiersSearchDocument,
    "query ClientSearch($nearVector: Vector, $nearText: String, $query: String,\n  $mode: SearchMode, $alpha: Float, $fusion: Fusion, $autocut: Int, $systemIds: [String!],\n  $projects: [String!], $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int,\n  $tiers: [Tier!]) {\n  search(nearVector: $nearVector, nearText: $nearText, query: $query, mode: $mode, alpha: $alpha, fusion: $fusion,\n    autocut: $autocut, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from, to: $to,\n    minScore: $minScore, limit: $limit, tiers: $tiers) {\n    partial\n    failures { tier shard message }\n    hits {\n      score tier shard systemId clientId\n      explain { vectorScore keywordScore vectorPart keywordPart terms { clause score } }\n      memory { id clientId systemId kind content timestamp metadata }\n    }\n  }\n}": typeof types.ClientSearchDocument,
    "mutation ClientIngest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n}": typeof types.ClientIngestDocument,
    "mutation ClientUpload($systemId: String!, $file: Upload!, $timeZone: String) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: $timeZone) {\n    format accepted duplicates rejected rejections { clientId reason }\n  }\n}": typeof types.ClientUploadDocument,
    "mutation ClientStartMigration($input: StartMigrationInput) {\n  startMigration(input: $input) { id status recordsTotal }\n}": typeof types.ClientStartMigrationDocument,
    "subscription ClientProgress($jobId: ID!, $after: Int) {\n  migrationProgress(jobId: $jobId, after: $after) {\n    seq phase state recordsDone recordsTotal bytesDone rate etaSeconds errors\n  }\n}": typeof types.ClientProgressDocument,
    "mutation Start($input: StartMigrationInput) { startMigration(input: $input) { id status } }": typeof types.StartDocument,
    "subscription Progress($jobId: ID!, $after: Int) {\n  migrationProgress(jobId: $jobId, after: $after) {\n    seq phase state recordsDone recordsTotal bytesDone rate etaSeconds errors\n  }\n}": typeof types.ProgressDocument,
    "mutation PushIngest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId reason } }\n}": typeof types.PushIngestDocument,
    "mutation PushEntities($s: String!, $input: [EntityInput!]!) {\n  storeEntities(systemId: $s, input: $input) { created }\n}": typeof types.PushEntitiesDocument,
    "mutation PushRelations($s: String!, $input: [RelationInput!]!) {\n  storeRelations(systemId: $s, input: $input) { created }\n}": typeof types.PushRelationsDocument,
    "query McpSearch($v: Vector, $text: String, $systemIds: [String!], $projects: [String!],\n  $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int, $tiers: [Tier!],\n  $mode: SearchMode, $alpha: Float) {\n  search(nearVector: $v, query: $text, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from,\n    to: $to, minScore: $minScore, limit: $limit, tiers: $tiers, mode: $mode, alpha: $alpha) {\n    partial\n    hits { score tier systemId clientId memory { kind content timestamp metadata } }\n  }\n}": typeof types.McpSearchDocument,
    "query McpMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { id systemId clientId kind content timestamp metadata }\n}": typeof types.McpMemoryDocument,
    "mutation McpIngest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n}": typeof types.McpIngestDocument,
    "query McpSystems { systems { id memoryCount lastUploadAt } }": typeof types.McpSystemsDocument,
    "mutation McpStartMigration($input: StartMigrationInput) {\n  startMigration(input: $input) { id status recordsTotal recordsDone }\n}": typeof types.McpStartMigrationDocument,
    "query McpMigrationJob($id: ID!) {\n  migrationJob(id: $id) { id status recordsTotal recordsDone error }\n}": typeof types.McpMigrationJobDocument,
    "mutation BackupStart { startBackup { id status partsTotal } }": typeof types.BackupStartDocument,
    "query BackupJobState($id: ID!) {\n  backupJob(id: $id) { status partsDone partsTotal memories backupId error }\n}": typeof types.BackupJobStateDocument,
    "query BackupList { backups { id memories parts } }": typeof types.BackupListDocument,
    "query BackupMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }": typeof types.BackupMemoryDocument,
    "query BackupSearch($v: Vector!) { search(nearVector: $v, limit: 1, tiers: [HOT, WARM, COLD]) { hits { clientId } } }": typeof types.BackupSearchDocument,
    "query CrashSystems { systems { id memoryCount } }": typeof types.CrashSystemsDocument,
    "query CrashMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }": typeof types.CrashMemoryDocument,
    "query DiskFullSystems { systems { id memoryCount } }": typeof types.DiskFullSystemsDocument,
    "query DiskFullMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": typeof types.DiskFullMemoryDocument,
    "mutation ForgetCrash($input: ForgetInput!) { forgetMemories(input: $input) { id } }": typeof types.ForgetCrashDocument,
    "query ForgetCrashMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId content timestamp }\n}": typeof types.ForgetCrashMemoryDocument,
    "query MigrationCrashLate($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": typeof types.MigrationCrashLateDocument,
    "query MigrationCrashSystems { systems { memoryCount } }": typeof types.MigrationCrashSystemsDocument,
    "\n  mutation ScaleOutIngest($input: [MemoryInput!]!) {\n    ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n  }\n": typeof types.ScaleOutIngestDocument,
    "\n  query ScaleOutSearch($v: Vector, $tiers: [Tier!], $limit: Int) {\n    search(nearVector: $v, tiers: $tiers, limit: $limit) {\n      partial\n      failures { tier shard message }\n      hits { score tier shard systemId clientId }\n    }\n  }\n": typeof types.ScaleOutSearchDocument,
    "mutation ScaleOutCancel($id: ID!) { cancelMigration(id: $id) { id status } }": typeof types.ScaleOutCancelDocument,
    "mutation ScaleOutForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }": typeof types.ScaleOutForgetDocument,
    "query ScaleOutAudit { auditLog(limit: 200) { operation counts } }": typeof types.ScaleOutAuditDocument,
    "query ScaleOutShardHealth { shardHealth { shard tier store up error } }": typeof types.ScaleOutShardHealthDocument,
    "mutation ShutdownUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }\n}": typeof types.ShutdownUploadDocument,
    "query ShutdownSystems { systems { id memoryCount } }": typeof types.ShutdownSystemsDocument,
    "query TokenCliSystems { systems { id } }": typeof types.TokenCliSystemsDocument,
    "mutation TokenCliIngestMemories { ingestMemories(input: []) { accepted } }": typeof types.TokenCliIngestMemoriesDocument,
    "mutation Ingest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n}": typeof types.IngestDocument,
    "query Job($id: ID!) { migrationJob(id: $id) { id status recordsDone recordsTotal error } }": typeof types.JobDocument,
    "query TiersStorageStats { storageStats { tier rows bytes shards { shard rows } } }": typeof types.TiersStorageStatsDocument,
    "mutation AdmissionUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }\n}": typeof types.AdmissionUploadDocument,
    "query AdmissionMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": typeof types.AdmissionMemoryDocument,
    "query AdmissionSystems { systems { id memoryCount } }": typeof types.AdmissionSystemsDocument,
    "query AgingScheduleMigrationJobs { migrationJobs { status } }": typeof types.AgingScheduleMigrationJobsDocument,
    "query AnnSearch2($v: Vector!, $limit: Int, $s: [String!], $p: [String!], $tiers: [Tier!]) {\n  search(nearVector: $v, limit: $limit, systemIds: $s, projects: $p, tiers: $tiers) {\n    hits { clientId systemId score } strategies { shard strategy }\n  }\n}": typeof types.AnnSearch2Document,
    "query AnnMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": typeof types.AnnMemoryDocument,
    "mutation AnnForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }": typeof types.AnnForgetDocument,
    "query AnnKeywordLoad($q: String!) {\n  search(query: $q, mode: KEYWORD, tiers: [HOT], limit: 10) { hits { clientId memory { clientId content timestamp metadata } } }\n}": typeof types.AnnKeywordLoadDocument,
    "query AnnLoad($v: Vector!, $tiers: [Tier!]) {\n  search(nearVector: $v, limit: 5, tiers: $tiers) { hits { clientId memory { clientId content timestamp metadata } } }\n}": typeof types.AnnLoadDocument,
    "query AnnHintedHits($v: Vector!) {\n          search(nearVector: $v, limit: 3) { hits { clientId tier memory { clientId systemId content } } }\n        }": typeof types.AnnHintedHitsDocument,
    "query AnnHintedMemory($s: String!, $id: String!) {\n        memory(systemId: $s, id: $id) { content }\n      }": typeof types.AnnHintedMemoryDocument,
    "query AuthSystems5 { systems { id memoryCount } }": typeof types.AuthSystems5Document,
    "query AuthAuditLog2 { auditLog { principal } }": typeof types.AuthAuditLog2Document,
    "query AuthHealth5 { health { status } systems { id } }": typeof types.AuthHealth5Document,
    "query AuthHealth4 { health { status } }": typeof types.AuthHealth4Document,
    "query AuthAuditLog { auditLog(limit: 100) { principal operation fields outcome errorCodes counts at } }": typeof types.AuthAuditLogDocument,
    "query AuthSystems4 { systems { id } }": typeof types.AuthSystems4Document,
    "query AuthSystems3 { systems { id } }": typeof types.AuthSystems3Document,
    "query AuthSystems2 { systems { id } }": typeof types.AuthSystems2Document,
    "query AuthSystems { systems { memoryCount } }": typeof types.AuthSystemsDocument,
    "query AuthSearch5 { search(nearText: \"a\") { hits { clientId } } }": typeof types.AuthSearch5Document,
    "query AuthSearch4 { search(nearText: \"a\") { hits { memory { clientId } } } }": typeof types.AuthSearch4Document,
    "query AuthMemory2 { memory(systemId: \"abuse\", id: \"a1\") { clientId } }": typeof types.AuthMemory2Document,
    "query AuthMemory { memory(systemId: \"abuse\", id: \"c1\") { clientId } }": typeof types.AuthMemoryDocument,
    "query AuthSearch3 { search(nearText: \"a\", limit: 1000) { hits { clientId } } }": typeof types.AuthSearch3Document,
    "query AuthSearch2 { search(nearText: \"a\", limit: 100) { hits { clientId } } }": typeof types.AuthSearch2Document,
    "query AuthHealth3 { health { status } }": typeof types.AuthHealth3Document,
    "query AuthHealth2 { health { status } }": typeof types.AuthHealth2Document,
    "query AuthSearch { search(nearText: \"budget\", limit: 10) { hits { clientId } } }": typeof types.AuthSearchDocument,
    "query AuthSchema { __schema { types { name } } }": typeof types.AuthSchemaDocument,
    "mutation ProgressStartBackup { startBackup { id } }": typeof types.ProgressStartBackupDocument,
    "subscription ProgressBackup($id: ID!) {\n  backupProgress(id: $id) { status partsDone partsTotal backupId }\n}": typeof types.ProgressBackupDocument,
    "query BatchingSearch($v: Vector!) { search(nearVector: $v, limit: 5) { hits { clientId score } } }": typeof types.BatchingSearchDocument,
    "query BatchingSearchContent($v: Vector!) { search(nearVector: $v, limit: 5) { hits { clientId memory { clientId content } } } }": typeof types.BatchingSearchContentDocument,
    "\n  query Two {\n    a: memory(systemId: \"laptop-a\", id: \"same-1\") { id clientId systemId content }\n    b: memory(systemId: \"devbox-01\", id: \"same-1\") { id clientId systemId content }\n  }\n": typeof types.TwoDocument,
    "\n  query One($s: String!) { memory(systemId: $s, id: \"same-1\") { id clientId systemId content } }\n": typeof types.OneDocument,
    "\n  query Hits($v: Vector!) {\n    search(nearVector: $v, limit: 2) { hits { score systemId clientId memory { id content } } }\n  }\n": typeof types.HitsDocument,
    "query CodegenMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId systemId timestamp metadata embedding }\n}": typeof types.CodegenMemoryDocument,
    "query ExportMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId kind content timestamp metadata embedding }\n}": typeof types.ExportMemoryDocument,
    "mutation ExportUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: \"UTC\") { format accepted rejected }\n}": typeof types.ExportUploadDocument,
    "query ExportStats { storageStats { tier rows } }": typeof types.ExportStatsDocument,
    "mutation Forget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }": typeof types.ForgetDocument,
    "query ForgetSearch($v: Vector!) {\n  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) { hits { systemId clientId tier } strategies { shard strategy } }\n}": typeof types.ForgetSearchDocument,
    "query ForgetMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": typeof types.ForgetMemoryDocument,
    "query ForgetStats { storageStats { tier rows bytes } }": typeof types.ForgetStatsDocument,
    "query ForgetAudit { auditLog(limit: 100) { principal operation counts } }": typeof types.ForgetAuditDocument,
    "mutation FreshForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }": typeof types.FreshForgetDocument,
    "query FreshKeyword($q: String!) {\n  search(query: $q, mode: KEYWORD, tiers: [HOT], limit: 5) { hits { clientId } }\n}": typeof types.FreshKeywordDocument,
    "query HardeningIndexSearch($v: Vector!) {\n  search(nearVector: $v, limit: 1, tiers: [HOT]) { hits { clientId } strategies { strategy } }\n}": typeof types.HardeningIndexSearchDocument,
    "query HardeningMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId content metadata }\n}": typeof types.HardeningMemoryDocument,
    "query HardeningSystems { systems { id memoryCount } }": typeof types.HardeningSystemsDocument,
    "query HardeningTimestamp($s: String!, $id: String!) { memory(systemId: $s, id: $id) { timestamp } }": typeof types.HardeningTimestampDocument,
    "query HardeningPushEntities($s: String!) { entities(systemId: $s) { clientId name } }": typeof types.HardeningPushEntitiesDocument,
    "query HardeningPushMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": typeof types.HardeningPushMemoryDocument,
    "query HardeningSmall($v: Vector!) { search(nearVector: $v, limit: 5) { hits { memory { content } } } }": typeof types.HardeningSmallDocument,
    "mutation HardeningUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { format accepted rejected }\n}": typeof types.HardeningUploadDocument,
    "query HardeningUploadSystems { systems { id memoryCount } }": typeof types.HardeningUploadSystemsDocument,
    "query HotStepsMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId content }\n}": typeof types.HotStepsMemoryDocument,
    "query Search($v: Vector, $text: String, $systemIds: [String!], $projects: [String!], $tags: [String!],\n  $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int) {\n  search(nearVector: $v, nearText: $text, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from,\n    to: $to, minScore: $minScore, limit: $limit) {\n    hits { score tier shard systemId clientId memory { clientId systemId kind content metadata timestamp } }\n    shardsSearched partial tookMs\n  }\n}": typeof types.SearchDocument,
    "query IngestSearchSystems2 { systems { id memoryCount lastUploadAt } }": typeof types.IngestSearchSystems2Document,
    "query IngestSearchMemory3($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": typeof types.IngestSearchMemory3Document,
    "query IngestSearchMemory2 { memory(systemId: \"alpha\", id: \"ok-2\") { clientId content } }": typeof types.IngestSearchMemory2Document,
    "query IngestSearchMemory($s: String!) { memory(systemId: $s, id: \"b64-ok\") { clientId } }": typeof types.IngestSearchMemoryDocument,
    "query IngestSearchSystems { systems { id } }": typeof types.IngestSearchSystemsDocument,
    "query JwksSystems3 { systems { id } }": typeof types.JwksSystems3Document,
    "query JwksSystems2 { systems { id } }": typeof types.JwksSystems2Document,
    "query JwksSystems { systems { id } }": typeof types.JwksSystemsDocument,
    "query KeywordSearch($q: String, $mode: SearchMode, $v: Vector, $alpha: Float,\n  $fusion: Fusion, $limit: Int, $tiers: [Tier!], $s: [String!], $p: [String!], $autocut: Int, $min: Float) {\n  search(query: $q, mode: $mode, nearVector: $v, alpha: $alpha, fusion: $fusion, limit: $limit,\n    tiers: $tiers, systemIds: $s, projects: $p, autocut: $autocut, minScore: $min) {\n    hits { clientId systemId score tier\n      explain { vectorScore vectorRank keywordScore keywordRank vectorPart keywordPart terms { clause score } } }\n    strategies { shard strategy }\n  }\n}": typeof types.KeywordSearchDocument,
    "mutation KeywordForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }": typeof types.KeywordForgetDocument,
    "query KeywordSystems { systems { id embeddingModels } }": typeof types.KeywordSystemsDocument,
    "query KeywordText($t: String, $q: String, $mode: SearchMode, $v: Vector, $alpha: Float,\n    $s: [String!]) {\n    search(nearText: $t, query: $q, mode: $mode, nearVector: $v, alpha: $alpha, systemIds: $s) { hits { clientId } }\n  }": typeof types.KeywordTextDocument,
    "query McpTestMemory { memory(systemId: \"assistant-box\", id: \"by-viewer\") { clientId } }": typeof types.McpTestMemoryDocument,
    "query McpTestAudit { auditLog(limit: 50) { principal operation outcome } }": typeof types.McpTestAuditDocument,
    "query MergedCount { systems { id memoryCount } }": typeof types.MergedCountDocument,
    "subscription MigrationProgressMigrationProgress($id: ID!, $after: Int) {\n  migrationProgress(jobId: $id, after: $after) { seq phase state recordsDone recordsTotal rate etaSeconds bytesDone }\n}": typeof types.MigrationProgressMigrationProgressDocument,
    "mutation MigrationProgressCancelMigration2 { cancelMigration(id: \"x\") { id } }": typeof types.MigrationProgressCancelMigration2Document,
    "query MigrationProgressSystems { systems { memoryCount } }": typeof types.MigrationProgressSystemsDocument,
    "mutation MigrationProgressCancelMigration($id: ID!) { cancelMigration(id: $id) { id status } }": typeof types.MigrationProgressCancelMigrationDocument,
    "query MigrationProgressMigrationJob($id: ID!) { migrationJob(id: $id) { status } }": typeof types.MigrationProgressMigrationJobDocument,
    "query OpsSearch($v: Vector!) { search(nearVector: $v) { tookMs } }": typeof types.OpsSearchDocument,
    "query OpsHealth { health { status shards version } }": typeof types.OpsHealthDocument,
    "query PullWorkerUploads { uploads { key systemId uploadId status reason accepted duplicates rejected } }": typeof types.PullWorkerUploadsDocument,
    "query PullWorkerSystems3 { systems { id memoryCount } }": typeof types.PullWorkerSystems3Document,
    "query PullWorkerEntities { entities(systemId: \"drop-box-01\", limit: 1000) { id } }": typeof types.PullWorkerEntitiesDocument,
    "query PullWorkerSystems2 { systems { id } }": typeof types.PullWorkerSystems2Document,
    "query PullWorkerSystems { systems { id memoryCount } }": typeof types.PullWorkerSystemsDocument,
    "query PullWorkerSystems4 { systems { id memoryCount } }": typeof types.PullWorkerSystems4Document,
    "query PushCompatSystems3 { systems { id memoryCount embeddingModels } }": typeof types.PushCompatSystems3Document,
    "query PushCompatMemory($id: String!) { memory(systemId: \"Les-MacBook-Pro_local\", id: $id) { timestamp metadata } }": typeof types.PushCompatMemoryDocument,
    "query PushCompatRelations($id: String!) { relations(entityId: $id, systemId: \"Les-MacBook-Pro_local\") { fromEntity } }": typeof types.PushCompatRelationsDocument,
    "query PushCompatSystems2 { systems { memoryCount } }": typeof types.PushCompatSystems2Document,
    "query PushCompatSystems { systems { memoryCount } }": typeof types.PushCompatSystemsDocument,
    "query PushCompatAuditLog { auditLog(principal: \"session-buddy-push\", limit: 5) { operation outcome } }": typeof types.PushCompatAuditLogDocument,
    "query RecoveryColdSearch($v: Vector!) {\n  search(nearVector: $v, tiers: [COLD], limit: 1) { hits { clientId tier } partial }\n}": typeof types.RecoveryColdSearchDocument,
    "query RedisSearch($v: Vector!) { search(nearVector: $v, limit: 3) { hits { clientId } } }": typeof types.RedisSearchDocument,
    "query RedisHealth { health { redis } }": typeof types.RedisHealthDocument,
    "mutation RedisStartMigration { startMigration(input: { move: HOT_TO_WARM, olderThanDays: 5 }) { id } }": typeof types.RedisStartMigrationDocument,
    "query ScopeSearch($v: Vector!, $s: [String!]) {\n  search(nearVector: $v, systemIds: $s, limit: 50, tiers: [HOT, WARM, COLD]) { hits { systemId clientId tier } }\n}": typeof types.ScopeSearchDocument,
    "query ScopeMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": typeof types.ScopeMemoryDocument,
    "query ScopeSystems { systems { id } }": typeof types.ScopeSystemsDocument,
    "query ScopeEntities($s: String!) { entities(systemId: $s) { clientId } }": typeof types.ScopeEntitiesDocument,
    "query ScopeRelations($e: String!) { relations(entityId: $e) { systemId id } }": typeof types.ScopeRelationsDocument,
    "mutation ScopeStoreEntities($s: String!) {\n  storeEntities(systemId: $s, input: [{ id: \"e1\", name: \"Akosha\", entityType: \"project\" }]) { created }\n}": typeof types.ScopeStoreEntitiesDocument,
    "mutation ScopeStoreRelations($s: String!) {\n  storeRelations(systemId: $s, input: [{ id: \"r1\", fromEntity: \"e1\", toEntity: \"e2\", relationType: \"uses\" }]) { created }\n}": typeof types.ScopeStoreRelationsDocument,
    "query ScopeStats { storageStats { tier rows } }": typeof types.ScopeStatsDocument,
    "query ScopeJobs { migrationJobs { id } }": typeof types.ScopeJobsDocument,
    "mutation ScopeStart($s: [String!]) { startMigration(input: { systemIds: $s, dryRun: true }) { id } }": typeof types.ScopeStartDocument,
    "mutation ScopeUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }\n}": typeof types.ScopeUploadDocument,
    "query SizeAgingSearch($v: Vector!) {\n  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) { hits { clientId tier } }\n}": typeof types.SizeAgingSearchDocument,
    "query SizeAgingJobs { migrationJobs { id status } }": typeof types.SizeAgingJobsDocument,
    "mutation SnapshotsUploadSystemSnapshot($systemId: String!, $file: Upload!, $tz: String) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: $tz) {\n    format compressed sha256 accepted duplicates rejected\n    tables { table rows accepted duplicates rejected }\n    rejections { clientId index reason }\n    entities { created updated } relations { created updated }\n  }\n}": typeof types.SnapshotsUploadSystemSnapshotDocument,
    "query SnapshotsSystems3 { systems { id memoryCount embeddingModels } }": typeof types.SnapshotsSystems3Document,
    "query SnapshotsMemoryEmbedding($id: String!, $systemId: String!) {\n  memory(id: $id, systemId: $systemId) { embedding }\n}": typeof types.SnapshotsMemoryEmbeddingDocument,
    "query SnapshotsSearch3($v: Vector!) { search(nearVector: $v, systemIds: [\"devbox-la\"], limit: 3) {\n        hits { clientId score memory { content metadata kind } } } }": typeof types.SnapshotsSearch3Document,
    "query SnapshotsSearch2($v: Vector!, $p: [String!], $t: [String!]) { search(nearVector: $v, projects: $p, tags: $t, limit: 1) { hits { clientId } } }": typeof types.SnapshotsSearch2Document,
    "query SnapshotsMemory2($id: String!) { memory(systemId: \"devbox-tokyo\", id: $id) { timestamp metadata } }": typeof types.SnapshotsMemory2Document,
    "query SnapshotsMemory($id: String!) { memory(systemId: \"devbox-la\", id: $id) { timestamp } }": typeof types.SnapshotsMemoryDocument,
    "query SnapshotsEntities { entities(systemId: \"devbox-la\", limit: 1000) { id name entityType } }": typeof types.SnapshotsEntitiesDocument,
    "query SnapshotsRelations($id: String!) { relations(entityId: $id) { fromEntity toEntity relationType systemId } }": typeof types.SnapshotsRelationsDocument,
    "query SnapshotsSearch($v: Vector!) { search(nearVector: $v, systemIds: [\"parquet-sys\"], limit: 1) { hits { memory { metadata } } } }": typeof types.SnapshotsSearchDocument,
    "query SnapshotsSystems2 { systems { memoryCount } }": typeof types.SnapshotsSystems2Document,
    "query SnapshotsSystems { systems { memoryCount } }": typeof types.SnapshotsSystemsDocument,
    "subscription SubscriptionsIngestEvents($s: [String!]) { ingestEvents(systemIds: $s) { systemId accepted duplicates } }": typeof types.SubscriptionsIngestEventsDocument,
    "query IndependenceSearch($v: Vector!, $tiers: [Tier!]) {\n  search(nearVector: $v, tiers: $tiers, limit: 3) { hits { clientId tier } partial failures { tier } }\n}": typeof types.IndependenceSearchDocument,
    "query IndependenceMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }": typeof types.IndependenceMemoryDocument,
    "query TiersS3Search($v: Vector!, $tiers: [Tier!]) {\n  search(nearVector: $v, tiers: $tiers, limit: 5) { hits { clientId tier shard memory { content metadata } } partial failures { tier message } }\n}": typeof types.TiersS3SearchDocument,
    "query TiersSearch3($v: Vector!, $tiers: [Tier!], $limit: Int, $s: [String!]) {\n  search(nearVector: $v, tiers: $tiers, limit: $limit, systemIds: $s) {\n    hits { score tier shard clientId systemId memory { content metadata timestamp kind embedding } }\n    partial shardsSearched\n  }\n}": typeof types.TiersSearch3Document,
    "query TiersSystems { systems { id memoryCount } }": typeof types.TiersSystemsDocument,
    "query TiersMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content metadata } }": typeof types.TiersMemoryDocument,
    "query TiersMigrationJobs { migrationJobs { id } }": typeof types.TiersMigrationJobsDocument,
    "query VerifyStorage { verifyStorage { ok objectsChecked problems { part problem } orphansRemoved } }": typeof types.VerifyStorageDocument,
    "mutation VerifyCollect { collectColdOrphans { ok orphansRemoved problems { part problem } } }": typeof types.VerifyCollectDocument,
    "query WarmToColdVerify { verifyStorage { ok problems { part problem } } }": typeof types.WarmToColdVerifyDocument,
    "query WarmToColdMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }": typeof types.WarmToColdMemoryDocument,
};
const documents: Documents = {
    "query AnnSearch($v: Vector!, $tiers: [Tier!]) { search(nearVector: $v, limit: 10, tiers: $tiers) { hits { clientId memory { content } } tookMs } }": types.AnnSearchDocument,
    "query AnnHealth { health { status } }": types.AnnHealthDocument,
    "mutation BackupBenchIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }": types.BackupBenchIngestDocument,
    "mutation BackupBenchStart { startBackup { id } }": types.BackupBenchStartDocument,
    "query BackupBenchJob($id: ID!) { backupJob(id: $id) { status memories backupId error bytesDone } }": types.BackupBenchJobDocument,
    "query BackupBenchStats { storageStats { tier rows } }": types.BackupBenchStatsDocument,
    "mutation BenchUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted rejected }\n}": types.BenchUploadDocument,
    "mutation CacheBenchIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }": types.CacheBenchIngestDocument,
    "query CacheBenchSearch($v: Vector!) { search(nearVector: $v, limit: 10) { hits { clientId score } } }": types.CacheBenchSearchDocument,
    "mutation RunIngestMemories($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted duplicates } }": types.RunIngestMemoriesDocument,
    "query BenchKeyword($q: String!) {\n  search(query: $q, mode: KEYWORD, limit: 10, tiers: [HOT]) { hits { clientId memory { content } } }\n}": types.BenchKeywordDocument,
    "query BenchHybrid($q: String!, $v: Vector!) {\n  search(query: $q, nearVector: $v, mode: HYBRID, limit: 10, tiers: [HOT]) { hits { clientId memory { content } } }\n}": types.BenchHybridDocument,
    "mutation StoreIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }": types.StoreIngestDocument,
    "query TiersSearch2($v: Vector!, $tiers: [Tier!]) { search(nearVector: $v, tiers: $tiers, limit: 10) { hits { clientId } } }": types.TiersSearch2Document,
    "mutation TiersStartMigration($m: MigrationMove) { startMigration(input: { move: $m, olderThanDays: 7 }) { id } }": types.TiersStartMigrationDocument,
    "query TiersMigrationJob($id: ID!) { migrationJob(id: $id) { status recordsDone error createdAt updatedAt } }": types.TiersMigrationJobDocument,
    "query TiersSearch($v: Vector!, $s: [String!], $from: DateTime, $to: DateTime) {\n        search(nearVector: $v, tiers: [COLD], systemIds: $s, from: $from, to: $to, limit: 10) { hits { clientId memory { content } } } }": types.TiersSearchDocument,
    "query ClientSearch($nearVector: Vector, $nearText: String, $query: String,\n  $mode: SearchMode, $alpha: Float, $fusion: Fusion, $autocut: Int, $systemIds: [String!],\n  $projects: [String!], $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int,\n  $tiers: [Tier!]) {\n  search(nearVector: $nearVector, nearText: $nearText, query: $query, mode: $mode, alpha: $alpha, fusion: $fusion,\n    autocut: $autocut, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from, to: $to,\n    minScore: $minScore, limit: $limit, tiers: $tiers) {\n    partial\n    failures { tier shard message }\n    hits {\n      score tier shard systemId clientId\n      explain { vectorScore keywordScore vectorPart keywordPart terms { clause score } }\n      memory { id clientId systemId kind content timestamp metadata }\n    }\n  }\n}": types.ClientSearchDocument,
    "mutation ClientIngest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n}": types.ClientIngestDocument,
    "mutation ClientUpload($systemId: String!, $file: Upload!, $timeZone: String) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: $timeZone) {\n    format accepted duplicates rejected rejections { clientId reason }\n  }\n}": types.ClientUploadDocument,
    "mutation ClientStartMigration($input: StartMigrationInput) {\n  startMigration(input: $input) { id status recordsTotal }\n}": types.ClientStartMigrationDocument,
    "subscription ClientProgress($jobId: ID!, $after: Int) {\n  migrationProgress(jobId: $jobId, after: $after) {\n    seq phase state recordsDone recordsTotal bytesDone rate etaSeconds errors\n  }\n}": types.ClientProgressDocument,
    "mutation Start($input: StartMigrationInput) { startMigration(input: $input) { id status } }": types.StartDocument,
    "subscription Progress($jobId: ID!, $after: Int) {\n  migrationProgress(jobId: $jobId, after: $after) {\n    seq phase state recordsDone recordsTotal bytesDone rate etaSeconds errors\n  }\n}": types.ProgressDocument,
    "mutation PushIngest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId reason } }\n}": types.PushIngestDocument,
    "mutation PushEntities($s: String!, $input: [EntityInput!]!) {\n  storeEntities(systemId: $s, input: $input) { created }\n}": types.PushEntitiesDocument,
    "mutation PushRelations($s: String!, $input: [RelationInput!]!) {\n  storeRelations(systemId: $s, input: $input) { created }\n}": types.PushRelationsDocument,
    "query McpSearch($v: Vector, $text: String, $systemIds: [String!], $projects: [String!],\n  $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int, $tiers: [Tier!],\n  $mode: SearchMode, $alpha: Float) {\n  search(nearVector: $v, query: $text, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from,\n    to: $to, minScore: $minScore, limit: $limit, tiers: $tiers, mode: $mode, alpha: $alpha) {\n    partial\n    hits { score tier systemId clientId memory { kind content timestamp metadata } }\n  }\n}": types.McpSearchDocument,
    "query McpMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { id systemId clientId kind content timestamp metadata }\n}": types.McpMemoryDocument,
    "mutation McpIngest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n}": types.McpIngestDocument,
    "query McpSystems { systems { id memoryCount lastUploadAt } }": types.McpSystemsDocument,
    "mutation McpStartMigration($input: StartMigrationInput) {\n  startMigration(input: $input) { id status recordsTotal recordsDone }\n}": types.McpStartMigrationDocument,
    "query McpMigrationJob($id: ID!) {\n  migrationJob(id: $id) { id status recordsTotal recordsDone error }\n}": types.McpMigrationJobDocument,
    "mutation BackupStart { startBackup { id status partsTotal } }": types.BackupStartDocument,
    "query BackupJobState($id: ID!) {\n  backupJob(id: $id) { status partsDone partsTotal memories backupId error }\n}": types.BackupJobStateDocument,
    "query BackupList { backups { id memories parts } }": types.BackupListDocument,
    "query BackupMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }": types.BackupMemoryDocument,
    "query BackupSearch($v: Vector!) { search(nearVector: $v, limit: 1, tiers: [HOT, WARM, COLD]) { hits { clientId } } }": types.BackupSearchDocument,
    "query CrashSystems { systems { id memoryCount } }": types.CrashSystemsDocument,
    "query CrashMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }": types.CrashMemoryDocument,
    "query DiskFullSystems { systems { id memoryCount } }": types.DiskFullSystemsDocument,
    "query DiskFullMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": types.DiskFullMemoryDocument,
    "mutation ForgetCrash($input: ForgetInput!) { forgetMemories(input: $input) { id } }": types.ForgetCrashDocument,
    "query ForgetCrashMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId content timestamp }\n}": types.ForgetCrashMemoryDocument,
    "query MigrationCrashLate($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": types.MigrationCrashLateDocument,
    "query MigrationCrashSystems { systems { memoryCount } }": types.MigrationCrashSystemsDocument,
    "\n  mutation ScaleOutIngest($input: [MemoryInput!]!) {\n    ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n  }\n": types.ScaleOutIngestDocument,
    "\n  query ScaleOutSearch($v: Vector, $tiers: [Tier!], $limit: Int) {\n    search(nearVector: $v, tiers: $tiers, limit: $limit) {\n      partial\n      failures { tier shard message }\n      hits { score tier shard systemId clientId }\n    }\n  }\n": types.ScaleOutSearchDocument,
    "mutation ScaleOutCancel($id: ID!) { cancelMigration(id: $id) { id status } }": types.ScaleOutCancelDocument,
    "mutation ScaleOutForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }": types.ScaleOutForgetDocument,
    "query ScaleOutAudit { auditLog(limit: 200) { operation counts } }": types.ScaleOutAuditDocument,
    "query ScaleOutShardHealth { shardHealth { shard tier store up error } }": types.ScaleOutShardHealthDocument,
    "mutation ShutdownUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }\n}": types.ShutdownUploadDocument,
    "query ShutdownSystems { systems { id memoryCount } }": types.ShutdownSystemsDocument,
    "query TokenCliSystems { systems { id } }": types.TokenCliSystemsDocument,
    "mutation TokenCliIngestMemories { ingestMemories(input: []) { accepted } }": types.TokenCliIngestMemoriesDocument,
    "mutation Ingest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n}": types.IngestDocument,
    "query Job($id: ID!) { migrationJob(id: $id) { id status recordsDone recordsTotal error } }": types.JobDocument,
    "query TiersStorageStats { storageStats { tier rows bytes shards { shard rows } } }": types.TiersStorageStatsDocument,
    "mutation AdmissionUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }\n}": types.AdmissionUploadDocument,
    "query AdmissionMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": types.AdmissionMemoryDocument,
    "query AdmissionSystems { systems { id memoryCount } }": types.AdmissionSystemsDocument,
    "query AgingScheduleMigrationJobs { migrationJobs { status } }": types.AgingScheduleMigrationJobsDocument,
    "query AnnSearch2($v: Vector!, $limit: Int, $s: [String!], $p: [String!], $tiers: [Tier!]) {\n  search(nearVector: $v, limit: $limit, systemIds: $s, projects: $p, tiers: $tiers) {\n    hits { clientId systemId score } strategies { shard strategy }\n  }\n}": types.AnnSearch2Document,
    "query AnnMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": types.AnnMemoryDocument,
    "mutation AnnForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }": types.AnnForgetDocument,
    "query AnnKeywordLoad($q: String!) {\n  search(query: $q, mode: KEYWORD, tiers: [HOT], limit: 10) { hits { clientId memory { clientId content timestamp metadata } } }\n}": types.AnnKeywordLoadDocument,
    "query AnnLoad($v: Vector!, $tiers: [Tier!]) {\n  search(nearVector: $v, limit: 5, tiers: $tiers) { hits { clientId memory { clientId content timestamp metadata } } }\n}": types.AnnLoadDocument,
    "query AnnHintedHits($v: Vector!) {\n          search(nearVector: $v, limit: 3) { hits { clientId tier memory { clientId systemId content } } }\n        }": types.AnnHintedHitsDocument,
    "query AnnHintedMemory($s: String!, $id: String!) {\n        memory(systemId: $s, id: $id) { content }\n      }": types.AnnHintedMemoryDocument,
    "query AuthSystems5 { systems { id memoryCount } }": types.AuthSystems5Document,
    "query AuthAuditLog2 { auditLog { principal } }": types.AuthAuditLog2Document,
    "query AuthHealth5 { health { status } systems { id } }": types.AuthHealth5Document,
    "query AuthHealth4 { health { status } }": types.AuthHealth4Document,
    "query AuthAuditLog { auditLog(limit: 100) { principal operation fields outcome errorCodes counts at } }": types.AuthAuditLogDocument,
    "query AuthSystems4 { systems { id } }": types.AuthSystems4Document,
    "query AuthSystems3 { systems { id } }": types.AuthSystems3Document,
    "query AuthSystems2 { systems { id } }": types.AuthSystems2Document,
    "query AuthSystems { systems { memoryCount } }": types.AuthSystemsDocument,
    "query AuthSearch5 { search(nearText: \"a\") { hits { clientId } } }": types.AuthSearch5Document,
    "query AuthSearch4 { search(nearText: \"a\") { hits { memory { clientId } } } }": types.AuthSearch4Document,
    "query AuthMemory2 { memory(systemId: \"abuse\", id: \"a1\") { clientId } }": types.AuthMemory2Document,
    "query AuthMemory { memory(systemId: \"abuse\", id: \"c1\") { clientId } }": types.AuthMemoryDocument,
    "query AuthSearch3 { search(nearText: \"a\", limit: 1000) { hits { clientId } } }": types.AuthSearch3Document,
    "query AuthSearch2 { search(nearText: \"a\", limit: 100) { hits { clientId } } }": types.AuthSearch2Document,
    "query AuthHealth3 { health { status } }": types.AuthHealth3Document,
    "query AuthHealth2 { health { status } }": types.AuthHealth2Document,
    "query AuthSearch { search(nearText: \"budget\", limit: 10) { hits { clientId } } }": types.AuthSearchDocument,
    "query AuthSchema { __schema { types { name } } }": types.AuthSchemaDocument,
    "mutation ProgressStartBackup { startBackup { id } }": types.ProgressStartBackupDocument,
    "subscription ProgressBackup($id: ID!) {\n  backupProgress(id: $id) { status partsDone partsTotal backupId }\n}": types.ProgressBackupDocument,
    "query BatchingSearch($v: Vector!) { search(nearVector: $v, limit: 5) { hits { clientId score } } }": types.BatchingSearchDocument,
    "query BatchingSearchContent($v: Vector!) { search(nearVector: $v, limit: 5) { hits { clientId memory { clientId content } } } }": types.BatchingSearchContentDocument,
    "\n  query Two {\n    a: memory(systemId: \"laptop-a\", id: \"same-1\") { id clientId systemId content }\n    b: memory(systemId: \"devbox-01\", id: \"same-1\") { id clientId systemId content }\n  }\n": types.TwoDocument,
    "\n  query One($s: String!) { memory(systemId: $s, id: \"same-1\") { id clientId systemId content } }\n": types.OneDocument,
    "\n  query Hits($v: Vector!) {\n    search(nearVector: $v, limit: 2) { hits { score systemId clientId memory { id content } } }\n  }\n": types.HitsDocument,
    "query CodegenMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId systemId timestamp metadata embedding }\n}": types.CodegenMemoryDocument,
    "query ExportMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId kind content timestamp metadata embedding }\n}": types.ExportMemoryDocument,
    "mutation ExportUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: \"UTC\") { format accepted rejected }\n}": types.ExportUploadDocument,
    "query ExportStats { storageStats { tier rows } }": types.ExportStatsDocument,
    "mutation Forget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }": types.ForgetDocument,
    "query ForgetSearch($v: Vector!) {\n  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) { hits { systemId clientId tier } strategies { shard strategy } }\n}": types.ForgetSearchDocument,
    "query ForgetMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": types.ForgetMemoryDocument,
    "query ForgetStats { storageStats { tier rows bytes } }": types.ForgetStatsDocument,
    "query ForgetAudit { auditLog(limit: 100) { principal operation counts } }": types.ForgetAuditDocument,
    "mutation FreshForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }": types.FreshForgetDocument,
    "query FreshKeyword($q: String!) {\n  search(query: $q, mode: KEYWORD, tiers: [HOT], limit: 5) { hits { clientId } }\n}": types.FreshKeywordDocument,
    "query HardeningIndexSearch($v: Vector!) {\n  search(nearVector: $v, limit: 1, tiers: [HOT]) { hits { clientId } strategies { strategy } }\n}": types.HardeningIndexSearchDocument,
    "query HardeningMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId content metadata }\n}": types.HardeningMemoryDocument,
    "query HardeningSystems { systems { id memoryCount } }": types.HardeningSystemsDocument,
    "query HardeningTimestamp($s: String!, $id: String!) { memory(systemId: $s, id: $id) { timestamp } }": types.HardeningTimestampDocument,
    "query HardeningPushEntities($s: String!) { entities(systemId: $s) { clientId name } }": types.HardeningPushEntitiesDocument,
    "query HardeningPushMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": types.HardeningPushMemoryDocument,
    "query HardeningSmall($v: Vector!) { search(nearVector: $v, limit: 5) { hits { memory { content } } } }": types.HardeningSmallDocument,
    "mutation HardeningUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { format accepted rejected }\n}": types.HardeningUploadDocument,
    "query HardeningUploadSystems { systems { id memoryCount } }": types.HardeningUploadSystemsDocument,
    "query HotStepsMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId content }\n}": types.HotStepsMemoryDocument,
    "query Search($v: Vector, $text: String, $systemIds: [String!], $projects: [String!], $tags: [String!],\n  $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int) {\n  search(nearVector: $v, nearText: $text, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from,\n    to: $to, minScore: $minScore, limit: $limit) {\n    hits { score tier shard systemId clientId memory { clientId systemId kind content metadata timestamp } }\n    shardsSearched partial tookMs\n  }\n}": types.SearchDocument,
    "query IngestSearchSystems2 { systems { id memoryCount lastUploadAt } }": types.IngestSearchSystems2Document,
    "query IngestSearchMemory3($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": types.IngestSearchMemory3Document,
    "query IngestSearchMemory2 { memory(systemId: \"alpha\", id: \"ok-2\") { clientId content } }": types.IngestSearchMemory2Document,
    "query IngestSearchMemory($s: String!) { memory(systemId: $s, id: \"b64-ok\") { clientId } }": types.IngestSearchMemoryDocument,
    "query IngestSearchSystems { systems { id } }": types.IngestSearchSystemsDocument,
    "query JwksSystems3 { systems { id } }": types.JwksSystems3Document,
    "query JwksSystems2 { systems { id } }": types.JwksSystems2Document,
    "query JwksSystems { systems { id } }": types.JwksSystemsDocument,
    "query KeywordSearch($q: String, $mode: SearchMode, $v: Vector, $alpha: Float,\n  $fusion: Fusion, $limit: Int, $tiers: [Tier!], $s: [String!], $p: [String!], $autocut: Int, $min: Float) {\n  search(query: $q, mode: $mode, nearVector: $v, alpha: $alpha, fusion: $fusion, limit: $limit,\n    tiers: $tiers, systemIds: $s, projects: $p, autocut: $autocut, minScore: $min) {\n    hits { clientId systemId score tier\n      explain { vectorScore vectorRank keywordScore keywordRank vectorPart keywordPart terms { clause score } } }\n    strategies { shard strategy }\n  }\n}": types.KeywordSearchDocument,
    "mutation KeywordForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }": types.KeywordForgetDocument,
    "query KeywordSystems { systems { id embeddingModels } }": types.KeywordSystemsDocument,
    "query KeywordText($t: String, $q: String, $mode: SearchMode, $v: Vector, $alpha: Float,\n    $s: [String!]) {\n    search(nearText: $t, query: $q, mode: $mode, nearVector: $v, alpha: $alpha, systemIds: $s) { hits { clientId } }\n  }": types.KeywordTextDocument,
    "query McpTestMemory { memory(systemId: \"assistant-box\", id: \"by-viewer\") { clientId } }": types.McpTestMemoryDocument,
    "query McpTestAudit { auditLog(limit: 50) { principal operation outcome } }": types.McpTestAuditDocument,
    "query MergedCount { systems { id memoryCount } }": types.MergedCountDocument,
    "subscription MigrationProgressMigrationProgress($id: ID!, $after: Int) {\n  migrationProgress(jobId: $id, after: $after) { seq phase state recordsDone recordsTotal rate etaSeconds bytesDone }\n}": types.MigrationProgressMigrationProgressDocument,
    "mutation MigrationProgressCancelMigration2 { cancelMigration(id: \"x\") { id } }": types.MigrationProgressCancelMigration2Document,
    "query MigrationProgressSystems { systems { memoryCount } }": types.MigrationProgressSystemsDocument,
    "mutation MigrationProgressCancelMigration($id: ID!) { cancelMigration(id: $id) { id status } }": types.MigrationProgressCancelMigrationDocument,
    "query MigrationProgressMigrationJob($id: ID!) { migrationJob(id: $id) { status } }": types.MigrationProgressMigrationJobDocument,
    "query OpsSearch($v: Vector!) { search(nearVector: $v) { tookMs } }": types.OpsSearchDocument,
    "query OpsHealth { health { status shards version } }": types.OpsHealthDocument,
    "query PullWorkerUploads { uploads { key systemId uploadId status reason accepted duplicates rejected } }": types.PullWorkerUploadsDocument,
    "query PullWorkerSystems3 { systems { id memoryCount } }": types.PullWorkerSystems3Document,
    "query PullWorkerEntities { entities(systemId: \"drop-box-01\", limit: 1000) { id } }": types.PullWorkerEntitiesDocument,
    "query PullWorkerSystems2 { systems { id } }": types.PullWorkerSystems2Document,
    "query PullWorkerSystems { systems { id memoryCount } }": types.PullWorkerSystemsDocument,
    "query PullWorkerSystems4 { systems { id memoryCount } }": types.PullWorkerSystems4Document,
    "query PushCompatSystems3 { systems { id memoryCount embeddingModels } }": types.PushCompatSystems3Document,
    "query PushCompatMemory($id: String!) { memory(systemId: \"Les-MacBook-Pro_local\", id: $id) { timestamp metadata } }": types.PushCompatMemoryDocument,
    "query PushCompatRelations($id: String!) { relations(entityId: $id, systemId: \"Les-MacBook-Pro_local\") { fromEntity } }": types.PushCompatRelationsDocument,
    "query PushCompatSystems2 { systems { memoryCount } }": types.PushCompatSystems2Document,
    "query PushCompatSystems { systems { memoryCount } }": types.PushCompatSystemsDocument,
    "query PushCompatAuditLog { auditLog(principal: \"session-buddy-push\", limit: 5) { operation outcome } }": types.PushCompatAuditLogDocument,
    "query RecoveryColdSearch($v: Vector!) {\n  search(nearVector: $v, tiers: [COLD], limit: 1) { hits { clientId tier } partial }\n}": types.RecoveryColdSearchDocument,
    "query RedisSearch($v: Vector!) { search(nearVector: $v, limit: 3) { hits { clientId } } }": types.RedisSearchDocument,
    "query RedisHealth { health { redis } }": types.RedisHealthDocument,
    "mutation RedisStartMigration { startMigration(input: { move: HOT_TO_WARM, olderThanDays: 5 }) { id } }": types.RedisStartMigrationDocument,
    "query ScopeSearch($v: Vector!, $s: [String!]) {\n  search(nearVector: $v, systemIds: $s, limit: 50, tiers: [HOT, WARM, COLD]) { hits { systemId clientId tier } }\n}": types.ScopeSearchDocument,
    "query ScopeMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }": types.ScopeMemoryDocument,
    "query ScopeSystems { systems { id } }": types.ScopeSystemsDocument,
    "query ScopeEntities($s: String!) { entities(systemId: $s) { clientId } }": types.ScopeEntitiesDocument,
    "query ScopeRelations($e: String!) { relations(entityId: $e) { systemId id } }": types.ScopeRelationsDocument,
    "mutation ScopeStoreEntities($s: String!) {\n  storeEntities(systemId: $s, input: [{ id: \"e1\", name: \"Akosha\", entityType: \"project\" }]) { created }\n}": types.ScopeStoreEntitiesDocument,
    "mutation ScopeStoreRelations($s: String!) {\n  storeRelations(systemId: $s, input: [{ id: \"r1\", fromEntity: \"e1\", toEntity: \"e2\", relationType: \"uses\" }]) { created }\n}": types.ScopeStoreRelationsDocument,
    "query ScopeStats { storageStats { tier rows } }": types.ScopeStatsDocument,
    "query ScopeJobs { migrationJobs { id } }": types.ScopeJobsDocument,
    "mutation ScopeStart($s: [String!]) { startMigration(input: { systemIds: $s, dryRun: true }) { id } }": types.ScopeStartDocument,
    "mutation ScopeUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }\n}": types.ScopeUploadDocument,
    "query SizeAgingSearch($v: Vector!) {\n  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) { hits { clientId tier } }\n}": types.SizeAgingSearchDocument,
    "query SizeAgingJobs { migrationJobs { id status } }": types.SizeAgingJobsDocument,
    "mutation SnapshotsUploadSystemSnapshot($systemId: String!, $file: Upload!, $tz: String) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: $tz) {\n    format compressed sha256 accepted duplicates rejected\n    tables { table rows accepted duplicates rejected }\n    rejections { clientId index reason }\n    entities { created updated } relations { created updated }\n  }\n}": types.SnapshotsUploadSystemSnapshotDocument,
    "query SnapshotsSystems3 { systems { id memoryCount embeddingModels } }": types.SnapshotsSystems3Document,
    "query SnapshotsMemoryEmbedding($id: String!, $systemId: String!) {\n  memory(id: $id, systemId: $systemId) { embedding }\n}": types.SnapshotsMemoryEmbeddingDocument,
    "query SnapshotsSearch3($v: Vector!) { search(nearVector: $v, systemIds: [\"devbox-la\"], limit: 3) {\n        hits { clientId score memory { content metadata kind } } } }": types.SnapshotsSearch3Document,
    "query SnapshotsSearch2($v: Vector!, $p: [String!], $t: [String!]) { search(nearVector: $v, projects: $p, tags: $t, limit: 1) { hits { clientId } } }": types.SnapshotsSearch2Document,
    "query SnapshotsMemory2($id: String!) { memory(systemId: \"devbox-tokyo\", id: $id) { timestamp metadata } }": types.SnapshotsMemory2Document,
    "query SnapshotsMemory($id: String!) { memory(systemId: \"devbox-la\", id: $id) { timestamp } }": types.SnapshotsMemoryDocument,
    "query SnapshotsEntities { entities(systemId: \"devbox-la\", limit: 1000) { id name entityType } }": types.SnapshotsEntitiesDocument,
    "query SnapshotsRelations($id: String!) { relations(entityId: $id) { fromEntity toEntity relationType systemId } }": types.SnapshotsRelationsDocument,
    "query SnapshotsSearch($v: Vector!) { search(nearVector: $v, systemIds: [\"parquet-sys\"], limit: 1) { hits { memory { metadata } } } }": types.SnapshotsSearchDocument,
    "query SnapshotsSystems2 { systems { memoryCount } }": types.SnapshotsSystems2Document,
    "query SnapshotsSystems { systems { memoryCount } }": types.SnapshotsSystemsDocument,
    "subscription SubscriptionsIngestEvents($s: [String!]) { ingestEvents(systemIds: $s) { systemId accepted duplicates } }": types.SubscriptionsIngestEventsDocument,
    "query IndependenceSearch($v: Vector!, $tiers: [Tier!]) {\n  search(nearVector: $v, tiers: $tiers, limit: 3) { hits { clientId tier } partial failures { tier } }\n}": types.IndependenceSearchDocument,
    "query IndependenceMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }": types.IndependenceMemoryDocument,
    "query TiersS3Search($v: Vector!, $tiers: [Tier!]) {\n  search(nearVector: $v, tiers: $tiers, limit: 5) { hits { clientId tier shard memory { content metadata } } partial failures { tier message } }\n}": types.TiersS3SearchDocument,
    "query TiersSearch3($v: Vector!, $tiers: [Tier!], $limit: Int, $s: [String!]) {\n  search(nearVector: $v, tiers: $tiers, limit: $limit, systemIds: $s) {\n    hits { score tier shard clientId systemId memory { content metadata timestamp kind embedding } }\n    partial shardsSearched\n  }\n}": types.TiersSearch3Document,
    "query TiersSystems { systems { id memoryCount } }": types.TiersSystemsDocument,
    "query TiersMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content metadata } }": types.TiersMemoryDocument,
    "query TiersMigrationJobs { migrationJobs { id } }": types.TiersMigrationJobsDocument,
    "query VerifyStorage { verifyStorage { ok objectsChecked problems { part problem } orphansRemoved } }": types.VerifyStorageDocument,
    "mutation VerifyCollect { collectColdOrphans { ok orphansRemoved problems { part problem } } }": types.VerifyCollectDocument,
    "query WarmToColdVerify { verifyStorage { ok problems { part problem } } }": types.WarmToColdVerifyDocument,
    "query WarmToColdMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }": types.WarmToColdMemoryDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnSearch($v: Vector!, $tiers: [Tier!]) { search(nearVector: $v, limit: 10, tiers: $tiers) { hits { clientId memory { content } } tookMs } }"): typeof import('./graphql.ts').AnnSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnHealth { health { status } }"): typeof import('./graphql.ts').AnnHealthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BackupBenchIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }"): typeof import('./graphql.ts').BackupBenchIngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BackupBenchStart { startBackup { id } }"): typeof import('./graphql.ts').BackupBenchStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BackupBenchJob($id: ID!) { backupJob(id: $id) { status memories backupId error bytesDone } }"): typeof import('./graphql.ts').BackupBenchJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BackupBenchStats { storageStats { tier rows } }"): typeof import('./graphql.ts').BackupBenchStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BenchUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted rejected }\n}"): typeof import('./graphql.ts').BenchUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CacheBenchIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }"): typeof import('./graphql.ts').CacheBenchIngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CacheBenchSearch($v: Vector!) { search(nearVector: $v, limit: 10) { hits { clientId score } } }"): typeof import('./graphql.ts').CacheBenchSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RunIngestMemories($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted duplicates } }"): typeof import('./graphql.ts').RunIngestMemoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BenchKeyword($q: String!) {\n  search(query: $q, mode: KEYWORD, limit: 10, tiers: [HOT]) { hits { clientId memory { content } } }\n}"): typeof import('./graphql.ts').BenchKeywordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BenchHybrid($q: String!, $v: Vector!) {\n  search(query: $q, nearVector: $v, mode: HYBRID, limit: 10, tiers: [HOT]) { hits { clientId memory { content } } }\n}"): typeof import('./graphql.ts').BenchHybridDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StoreIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }"): typeof import('./graphql.ts').StoreIngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TiersSearch2($v: Vector!, $tiers: [Tier!]) { search(nearVector: $v, tiers: $tiers, limit: 10) { hits { clientId } } }"): typeof import('./graphql.ts').TiersSearch2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TiersStartMigration($m: MigrationMove) { startMigration(input: { move: $m, olderThanDays: 7 }) { id } }"): typeof import('./graphql.ts').TiersStartMigrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TiersMigrationJob($id: ID!) { migrationJob(id: $id) { status recordsDone error createdAt updatedAt } }"): typeof import('./graphql.ts').TiersMigrationJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TiersSearch($v: Vector!, $s: [String!], $from: DateTime, $to: DateTime) {\n        search(nearVector: $v, tiers: [COLD], systemIds: $s, from: $from, to: $to, limit: 10) { hits { clientId memory { content } } } }"): typeof import('./graphql.ts').TiersSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ClientSearch($nearVector: Vector, $nearText: String, $query: String,\n  $mode: SearchMode, $alpha: Float, $fusion: Fusion, $autocut: Int, $systemIds: [String!],\n  $projects: [String!], $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int,\n  $tiers: [Tier!]) {\n  search(nearVector: $nearVector, nearText: $nearText, query: $query, mode: $mode, alpha: $alpha, fusion: $fusion,\n    autocut: $autocut, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from, to: $to,\n    minScore: $minScore, limit: $limit, tiers: $tiers) {\n    partial\n    failures { tier shard message }\n    hits {\n      score tier shard systemId clientId\n      explain { vectorScore keywordScore vectorPart keywordPart terms { clause score } }\n      memory { id clientId systemId kind content timestamp metadata }\n    }\n  }\n}"): typeof import('./graphql.ts').ClientSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ClientIngest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n}"): typeof import('./graphql.ts').ClientIngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ClientUpload($systemId: String!, $file: Upload!, $timeZone: String) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: $timeZone) {\n    format accepted duplicates rejected rejections { clientId reason }\n  }\n}"): typeof import('./graphql.ts').ClientUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ClientStartMigration($input: StartMigrationInput) {\n  startMigration(input: $input) { id status recordsTotal }\n}"): typeof import('./graphql.ts').ClientStartMigrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ClientProgress($jobId: ID!, $after: Int) {\n  migrationProgress(jobId: $jobId, after: $after) {\n    seq phase state recordsDone recordsTotal bytesDone rate etaSeconds errors\n  }\n}"): typeof import('./graphql.ts').ClientProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Start($input: StartMigrationInput) { startMigration(input: $input) { id status } }"): typeof import('./graphql.ts').StartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription Progress($jobId: ID!, $after: Int) {\n  migrationProgress(jobId: $jobId, after: $after) {\n    seq phase state recordsDone recordsTotal bytesDone rate etaSeconds errors\n  }\n}"): typeof import('./graphql.ts').ProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PushIngest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId reason } }\n}"): typeof import('./graphql.ts').PushIngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PushEntities($s: String!, $input: [EntityInput!]!) {\n  storeEntities(systemId: $s, input: $input) { created }\n}"): typeof import('./graphql.ts').PushEntitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PushRelations($s: String!, $input: [RelationInput!]!) {\n  storeRelations(systemId: $s, input: $input) { created }\n}"): typeof import('./graphql.ts').PushRelationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query McpSearch($v: Vector, $text: String, $systemIds: [String!], $projects: [String!],\n  $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int, $tiers: [Tier!],\n  $mode: SearchMode, $alpha: Float) {\n  search(nearVector: $v, query: $text, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from,\n    to: $to, minScore: $minScore, limit: $limit, tiers: $tiers, mode: $mode, alpha: $alpha) {\n    partial\n    hits { score tier systemId clientId memory { kind content timestamp metadata } }\n  }\n}"): typeof import('./graphql.ts').McpSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query McpMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { id systemId clientId kind content timestamp metadata }\n}"): typeof import('./graphql.ts').McpMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation McpIngest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n}"): typeof import('./graphql.ts').McpIngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query McpSystems { systems { id memoryCount lastUploadAt } }"): typeof import('./graphql.ts').McpSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation McpStartMigration($input: StartMigrationInput) {\n  startMigration(input: $input) { id status recordsTotal recordsDone }\n}"): typeof import('./graphql.ts').McpStartMigrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query McpMigrationJob($id: ID!) {\n  migrationJob(id: $id) { id status recordsTotal recordsDone error }\n}"): typeof import('./graphql.ts').McpMigrationJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BackupStart { startBackup { id status partsTotal } }"): typeof import('./graphql.ts').BackupStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BackupJobState($id: ID!) {\n  backupJob(id: $id) { status partsDone partsTotal memories backupId error }\n}"): typeof import('./graphql.ts').BackupJobStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BackupList { backups { id memories parts } }"): typeof import('./graphql.ts').BackupListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BackupMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }"): typeof import('./graphql.ts').BackupMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BackupSearch($v: Vector!) { search(nearVector: $v, limit: 1, tiers: [HOT, WARM, COLD]) { hits { clientId } } }"): typeof import('./graphql.ts').BackupSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CrashSystems { systems { id memoryCount } }"): typeof import('./graphql.ts').CrashSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CrashMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }"): typeof import('./graphql.ts').CrashMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DiskFullSystems { systems { id memoryCount } }"): typeof import('./graphql.ts').DiskFullSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DiskFullMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }"): typeof import('./graphql.ts').DiskFullMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ForgetCrash($input: ForgetInput!) { forgetMemories(input: $input) { id } }"): typeof import('./graphql.ts').ForgetCrashDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ForgetCrashMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId content timestamp }\n}"): typeof import('./graphql.ts').ForgetCrashMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MigrationCrashLate($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }"): typeof import('./graphql.ts').MigrationCrashLateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MigrationCrashSystems { systems { memoryCount } }"): typeof import('./graphql.ts').MigrationCrashSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleOutIngest($input: [MemoryInput!]!) {\n    ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n  }\n"): typeof import('./graphql.ts').ScaleOutIngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleOutSearch($v: Vector, $tiers: [Tier!], $limit: Int) {\n    search(nearVector: $v, tiers: $tiers, limit: $limit) {\n      partial\n      failures { tier shard message }\n      hits { score tier shard systemId clientId }\n    }\n  }\n"): typeof import('./graphql.ts').ScaleOutSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ScaleOutCancel($id: ID!) { cancelMigration(id: $id) { id status } }"): typeof import('./graphql.ts').ScaleOutCancelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ScaleOutForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }"): typeof import('./graphql.ts').ScaleOutForgetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScaleOutAudit { auditLog(limit: 200) { operation counts } }"): typeof import('./graphql.ts').ScaleOutAuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScaleOutShardHealth { shardHealth { shard tier store up error } }"): typeof import('./graphql.ts').ScaleOutShardHealthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ShutdownUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }\n}"): typeof import('./graphql.ts').ShutdownUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShutdownSystems { systems { id memoryCount } }"): typeof import('./graphql.ts').ShutdownSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TokenCliSystems { systems { id } }"): typeof import('./graphql.ts').TokenCliSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TokenCliIngestMemories { ingestMemories(input: []) { accepted } }"): typeof import('./graphql.ts').TokenCliIngestMemoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Ingest($input: [MemoryInput!]!) {\n  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }\n}"): typeof import('./graphql.ts').IngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Job($id: ID!) { migrationJob(id: $id) { id status recordsDone recordsTotal error } }"): typeof import('./graphql.ts').JobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TiersStorageStats { storageStats { tier rows bytes shards { shard rows } } }"): typeof import('./graphql.ts').TiersStorageStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdmissionUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }\n}"): typeof import('./graphql.ts').AdmissionUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdmissionMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }"): typeof import('./graphql.ts').AdmissionMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdmissionSystems { systems { id memoryCount } }"): typeof import('./graphql.ts').AdmissionSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AgingScheduleMigrationJobs { migrationJobs { status } }"): typeof import('./graphql.ts').AgingScheduleMigrationJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnSearch2($v: Vector!, $limit: Int, $s: [String!], $p: [String!], $tiers: [Tier!]) {\n  search(nearVector: $v, limit: $limit, systemIds: $s, projects: $p, tiers: $tiers) {\n    hits { clientId systemId score } strategies { shard strategy }\n  }\n}"): typeof import('./graphql.ts').AnnSearch2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }"): typeof import('./graphql.ts').AnnMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AnnForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }"): typeof import('./graphql.ts').AnnForgetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnKeywordLoad($q: String!) {\n  search(query: $q, mode: KEYWORD, tiers: [HOT], limit: 10) { hits { clientId memory { clientId content timestamp metadata } } }\n}"): typeof import('./graphql.ts').AnnKeywordLoadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnLoad($v: Vector!, $tiers: [Tier!]) {\n  search(nearVector: $v, limit: 5, tiers: $tiers) { hits { clientId memory { clientId content timestamp metadata } } }\n}"): typeof import('./graphql.ts').AnnLoadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnHintedHits($v: Vector!) {\n          search(nearVector: $v, limit: 3) { hits { clientId tier memory { clientId systemId content } } }\n        }"): typeof import('./graphql.ts').AnnHintedHitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnHintedMemory($s: String!, $id: String!) {\n        memory(systemId: $s, id: $id) { content }\n      }"): typeof import('./graphql.ts').AnnHintedMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSystems5 { systems { id memoryCount } }"): typeof import('./graphql.ts').AuthSystems5Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthAuditLog2 { auditLog { principal } }"): typeof import('./graphql.ts').AuthAuditLog2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthHealth5 { health { status } systems { id } }"): typeof import('./graphql.ts').AuthHealth5Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthHealth4 { health { status } }"): typeof import('./graphql.ts').AuthHealth4Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthAuditLog { auditLog(limit: 100) { principal operation fields outcome errorCodes counts at } }"): typeof import('./graphql.ts').AuthAuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSystems4 { systems { id } }"): typeof import('./graphql.ts').AuthSystems4Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSystems3 { systems { id } }"): typeof import('./graphql.ts').AuthSystems3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSystems2 { systems { id } }"): typeof import('./graphql.ts').AuthSystems2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSystems { systems { memoryCount } }"): typeof import('./graphql.ts').AuthSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSearch5 { search(nearText: \"a\") { hits { clientId } } }"): typeof import('./graphql.ts').AuthSearch5Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSearch4 { search(nearText: \"a\") { hits { memory { clientId } } } }"): typeof import('./graphql.ts').AuthSearch4Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthMemory2 { memory(systemId: \"abuse\", id: \"a1\") { clientId } }"): typeof import('./graphql.ts').AuthMemory2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthMemory { memory(systemId: \"abuse\", id: \"c1\") { clientId } }"): typeof import('./graphql.ts').AuthMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSearch3 { search(nearText: \"a\", limit: 1000) { hits { clientId } } }"): typeof import('./graphql.ts').AuthSearch3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSearch2 { search(nearText: \"a\", limit: 100) { hits { clientId } } }"): typeof import('./graphql.ts').AuthSearch2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthHealth3 { health { status } }"): typeof import('./graphql.ts').AuthHealth3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthHealth2 { health { status } }"): typeof import('./graphql.ts').AuthHealth2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSearch { search(nearText: \"budget\", limit: 10) { hits { clientId } } }"): typeof import('./graphql.ts').AuthSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthSchema { __schema { types { name } } }"): typeof import('./graphql.ts').AuthSchemaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ProgressStartBackup { startBackup { id } }"): typeof import('./graphql.ts').ProgressStartBackupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ProgressBackup($id: ID!) {\n  backupProgress(id: $id) { status partsDone partsTotal backupId }\n}"): typeof import('./graphql.ts').ProgressBackupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BatchingSearch($v: Vector!) { search(nearVector: $v, limit: 5) { hits { clientId score } } }"): typeof import('./graphql.ts').BatchingSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BatchingSearchContent($v: Vector!) { search(nearVector: $v, limit: 5) { hits { clientId memory { clientId content } } } }"): typeof import('./graphql.ts').BatchingSearchContentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Two {\n    a: memory(systemId: \"laptop-a\", id: \"same-1\") { id clientId systemId content }\n    b: memory(systemId: \"devbox-01\", id: \"same-1\") { id clientId systemId content }\n  }\n"): typeof import('./graphql.ts').TwoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query One($s: String!) { memory(systemId: $s, id: \"same-1\") { id clientId systemId content } }\n"): typeof import('./graphql.ts').OneDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Hits($v: Vector!) {\n    search(nearVector: $v, limit: 2) { hits { score systemId clientId memory { id content } } }\n  }\n"): typeof import('./graphql.ts').HitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CodegenMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId systemId timestamp metadata embedding }\n}"): typeof import('./graphql.ts').CodegenMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExportMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId kind content timestamp metadata embedding }\n}"): typeof import('./graphql.ts').ExportMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExportUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: \"UTC\") { format accepted rejected }\n}"): typeof import('./graphql.ts').ExportUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExportStats { storageStats { tier rows } }"): typeof import('./graphql.ts').ExportStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Forget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }"): typeof import('./graphql.ts').ForgetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ForgetSearch($v: Vector!) {\n  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) { hits { systemId clientId tier } strategies { shard strategy } }\n}"): typeof import('./graphql.ts').ForgetSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ForgetMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }"): typeof import('./graphql.ts').ForgetMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ForgetStats { storageStats { tier rows bytes } }"): typeof import('./graphql.ts').ForgetStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ForgetAudit { auditLog(limit: 100) { principal operation counts } }"): typeof import('./graphql.ts').ForgetAuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FreshForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }"): typeof import('./graphql.ts').FreshForgetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FreshKeyword($q: String!) {\n  search(query: $q, mode: KEYWORD, tiers: [HOT], limit: 5) { hits { clientId } }\n}"): typeof import('./graphql.ts').FreshKeywordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HardeningIndexSearch($v: Vector!) {\n  search(nearVector: $v, limit: 1, tiers: [HOT]) { hits { clientId } strategies { strategy } }\n}"): typeof import('./graphql.ts').HardeningIndexSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HardeningMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId content metadata }\n}"): typeof import('./graphql.ts').HardeningMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HardeningSystems { systems { id memoryCount } }"): typeof import('./graphql.ts').HardeningSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HardeningTimestamp($s: String!, $id: String!) { memory(systemId: $s, id: $id) { timestamp } }"): typeof import('./graphql.ts').HardeningTimestampDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HardeningPushEntities($s: String!) { entities(systemId: $s) { clientId name } }"): typeof import('./graphql.ts').HardeningPushEntitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HardeningPushMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }"): typeof import('./graphql.ts').HardeningPushMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HardeningSmall($v: Vector!) { search(nearVector: $v, limit: 5) { hits { memory { content } } } }"): typeof import('./graphql.ts').HardeningSmallDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HardeningUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { format accepted rejected }\n}"): typeof import('./graphql.ts').HardeningUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HardeningUploadSystems { systems { id memoryCount } }"): typeof import('./graphql.ts').HardeningUploadSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HotStepsMemory($s: String!, $id: String!) {\n  memory(systemId: $s, id: $id) { clientId content }\n}"): typeof import('./graphql.ts').HotStepsMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Search($v: Vector, $text: String, $systemIds: [String!], $projects: [String!], $tags: [String!],\n  $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int) {\n  search(nearVector: $v, nearText: $text, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from,\n    to: $to, minScore: $minScore, limit: $limit) {\n    hits { score tier shard systemId clientId memory { clientId systemId kind content metadata timestamp } }\n    shardsSearched partial tookMs\n  }\n}"): typeof import('./graphql.ts').SearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IngestSearchSystems2 { systems { id memoryCount lastUploadAt } }"): typeof import('./graphql.ts').IngestSearchSystems2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IngestSearchMemory3($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }"): typeof import('./graphql.ts').IngestSearchMemory3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IngestSearchMemory2 { memory(systemId: \"alpha\", id: \"ok-2\") { clientId content } }"): typeof import('./graphql.ts').IngestSearchMemory2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IngestSearchMemory($s: String!) { memory(systemId: $s, id: \"b64-ok\") { clientId } }"): typeof import('./graphql.ts').IngestSearchMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IngestSearchSystems { systems { id } }"): typeof import('./graphql.ts').IngestSearchSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JwksSystems3 { systems { id } }"): typeof import('./graphql.ts').JwksSystems3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JwksSystems2 { systems { id } }"): typeof import('./graphql.ts').JwksSystems2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query JwksSystems { systems { id } }"): typeof import('./graphql.ts').JwksSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query KeywordSearch($q: String, $mode: SearchMode, $v: Vector, $alpha: Float,\n  $fusion: Fusion, $limit: Int, $tiers: [Tier!], $s: [String!], $p: [String!], $autocut: Int, $min: Float) {\n  search(query: $q, mode: $mode, nearVector: $v, alpha: $alpha, fusion: $fusion, limit: $limit,\n    tiers: $tiers, systemIds: $s, projects: $p, autocut: $autocut, minScore: $min) {\n    hits { clientId systemId score tier\n      explain { vectorScore vectorRank keywordScore keywordRank vectorPart keywordPart terms { clause score } } }\n    strategies { shard strategy }\n  }\n}"): typeof import('./graphql.ts').KeywordSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation KeywordForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }"): typeof import('./graphql.ts').KeywordForgetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query KeywordSystems { systems { id embeddingModels } }"): typeof import('./graphql.ts').KeywordSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query KeywordText($t: String, $q: String, $mode: SearchMode, $v: Vector, $alpha: Float,\n    $s: [String!]) {\n    search(nearText: $t, query: $q, mode: $mode, nearVector: $v, alpha: $alpha, systemIds: $s) { hits { clientId } }\n  }"): typeof import('./graphql.ts').KeywordTextDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query McpTestMemory { memory(systemId: \"assistant-box\", id: \"by-viewer\") { clientId } }"): typeof import('./graphql.ts').McpTestMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query McpTestAudit { auditLog(limit: 50) { principal operation outcome } }"): typeof import('./graphql.ts').McpTestAuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MergedCount { systems { id memoryCount } }"): typeof import('./graphql.ts').MergedCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription MigrationProgressMigrationProgress($id: ID!, $after: Int) {\n  migrationProgress(jobId: $id, after: $after) { seq phase state recordsDone recordsTotal rate etaSeconds bytesDone }\n}"): typeof import('./graphql.ts').MigrationProgressMigrationProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MigrationProgressCancelMigration2 { cancelMigration(id: \"x\") { id } }"): typeof import('./graphql.ts').MigrationProgressCancelMigration2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MigrationProgressSystems { systems { memoryCount } }"): typeof import('./graphql.ts').MigrationProgressSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MigrationProgressCancelMigration($id: ID!) { cancelMigration(id: $id) { id status } }"): typeof import('./graphql.ts').MigrationProgressCancelMigrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MigrationProgressMigrationJob($id: ID!) { migrationJob(id: $id) { status } }"): typeof import('./graphql.ts').MigrationProgressMigrationJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OpsSearch($v: Vector!) { search(nearVector: $v) { tookMs } }"): typeof import('./graphql.ts').OpsSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OpsHealth { health { status shards version } }"): typeof import('./graphql.ts').OpsHealthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PullWorkerUploads { uploads { key systemId uploadId status reason accepted duplicates rejected } }"): typeof import('./graphql.ts').PullWorkerUploadsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PullWorkerSystems3 { systems { id memoryCount } }"): typeof import('./graphql.ts').PullWorkerSystems3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PullWorkerEntities { entities(systemId: \"drop-box-01\", limit: 1000) { id } }"): typeof import('./graphql.ts').PullWorkerEntitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PullWorkerSystems2 { systems { id } }"): typeof import('./graphql.ts').PullWorkerSystems2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PullWorkerSystems { systems { id memoryCount } }"): typeof import('./graphql.ts').PullWorkerSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PullWorkerSystems4 { systems { id memoryCount } }"): typeof import('./graphql.ts').PullWorkerSystems4Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PushCompatSystems3 { systems { id memoryCount embeddingModels } }"): typeof import('./graphql.ts').PushCompatSystems3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PushCompatMemory($id: String!) { memory(systemId: \"Les-MacBook-Pro_local\", id: $id) { timestamp metadata } }"): typeof import('./graphql.ts').PushCompatMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PushCompatRelations($id: String!) { relations(entityId: $id, systemId: \"Les-MacBook-Pro_local\") { fromEntity } }"): typeof import('./graphql.ts').PushCompatRelationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PushCompatSystems2 { systems { memoryCount } }"): typeof import('./graphql.ts').PushCompatSystems2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PushCompatSystems { systems { memoryCount } }"): typeof import('./graphql.ts').PushCompatSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PushCompatAuditLog { auditLog(principal: \"session-buddy-push\", limit: 5) { operation outcome } }"): typeof import('./graphql.ts').PushCompatAuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RecoveryColdSearch($v: Vector!) {\n  search(nearVector: $v, tiers: [COLD], limit: 1) { hits { clientId tier } partial }\n}"): typeof import('./graphql.ts').RecoveryColdSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RedisSearch($v: Vector!) { search(nearVector: $v, limit: 3) { hits { clientId } } }"): typeof import('./graphql.ts').RedisSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RedisHealth { health { redis } }"): typeof import('./graphql.ts').RedisHealthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RedisStartMigration { startMigration(input: { move: HOT_TO_WARM, olderThanDays: 5 }) { id } }"): typeof import('./graphql.ts').RedisStartMigrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeSearch($v: Vector!, $s: [String!]) {\n  search(nearVector: $v, systemIds: $s, limit: 50, tiers: [HOT, WARM, COLD]) { hits { systemId clientId tier } }\n}"): typeof import('./graphql.ts').ScopeSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }"): typeof import('./graphql.ts').ScopeMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeSystems { systems { id } }"): typeof import('./graphql.ts').ScopeSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeEntities($s: String!) { entities(systemId: $s) { clientId } }"): typeof import('./graphql.ts').ScopeEntitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeRelations($e: String!) { relations(entityId: $e) { systemId id } }"): typeof import('./graphql.ts').ScopeRelationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ScopeStoreEntities($s: String!) {\n  storeEntities(systemId: $s, input: [{ id: \"e1\", name: \"Akosha\", entityType: \"project\" }]) { created }\n}"): typeof import('./graphql.ts').ScopeStoreEntitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ScopeStoreRelations($s: String!) {\n  storeRelations(systemId: $s, input: [{ id: \"r1\", fromEntity: \"e1\", toEntity: \"e2\", relationType: \"uses\" }]) { created }\n}"): typeof import('./graphql.ts').ScopeStoreRelationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeStats { storageStats { tier rows } }"): typeof import('./graphql.ts').ScopeStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeJobs { migrationJobs { id } }"): typeof import('./graphql.ts').ScopeJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ScopeStart($s: [String!]) { startMigration(input: { systemIds: $s, dryRun: true }) { id } }"): typeof import('./graphql.ts').ScopeStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ScopeUpload($systemId: String!, $file: Upload!) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }\n}"): typeof import('./graphql.ts').ScopeUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SizeAgingSearch($v: Vector!) {\n  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) { hits { clientId tier } }\n}"): typeof import('./graphql.ts').SizeAgingSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SizeAgingJobs { migrationJobs { id status } }"): typeof import('./graphql.ts').SizeAgingJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SnapshotsUploadSystemSnapshot($systemId: String!, $file: Upload!, $tz: String) {\n  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: $tz) {\n    format compressed sha256 accepted duplicates rejected\n    tables { table rows accepted duplicates rejected }\n    rejections { clientId index reason }\n    entities { created updated } relations { created updated }\n  }\n}"): typeof import('./graphql.ts').SnapshotsUploadSystemSnapshotDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsSystems3 { systems { id memoryCount embeddingModels } }"): typeof import('./graphql.ts').SnapshotsSystems3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsMemoryEmbedding($id: String!, $systemId: String!) {\n  memory(id: $id, systemId: $systemId) { embedding }\n}"): typeof import('./graphql.ts').SnapshotsMemoryEmbeddingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsSearch3($v: Vector!) { search(nearVector: $v, systemIds: [\"devbox-la\"], limit: 3) {\n        hits { clientId score memory { content metadata kind } } } }"): typeof import('./graphql.ts').SnapshotsSearch3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsSearch2($v: Vector!, $p: [String!], $t: [String!]) { search(nearVector: $v, projects: $p, tags: $t, limit: 1) { hits { clientId } } }"): typeof import('./graphql.ts').SnapshotsSearch2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsMemory2($id: String!) { memory(systemId: \"devbox-tokyo\", id: $id) { timestamp metadata } }"): typeof import('./graphql.ts').SnapshotsMemory2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsMemory($id: String!) { memory(systemId: \"devbox-la\", id: $id) { timestamp } }"): typeof import('./graphql.ts').SnapshotsMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsEntities { entities(systemId: \"devbox-la\", limit: 1000) { id name entityType } }"): typeof import('./graphql.ts').SnapshotsEntitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsRelations($id: String!) { relations(entityId: $id) { fromEntity toEntity relationType systemId } }"): typeof import('./graphql.ts').SnapshotsRelationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsSearch($v: Vector!) { search(nearVector: $v, systemIds: [\"parquet-sys\"], limit: 1) { hits { memory { metadata } } } }"): typeof import('./graphql.ts').SnapshotsSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsSystems2 { systems { memoryCount } }"): typeof import('./graphql.ts').SnapshotsSystems2Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SnapshotsSystems { systems { memoryCount } }"): typeof import('./graphql.ts').SnapshotsSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription SubscriptionsIngestEvents($s: [String!]) { ingestEvents(systemIds: $s) { systemId accepted duplicates } }"): typeof import('./graphql.ts').SubscriptionsIngestEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IndependenceSearch($v: Vector!, $tiers: [Tier!]) {\n  search(nearVector: $v, tiers: $tiers, limit: 3) { hits { clientId tier } partial failures { tier } }\n}"): typeof import('./graphql.ts').IndependenceSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IndependenceMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }"): typeof import('./graphql.ts').IndependenceMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TiersS3Search($v: Vector!, $tiers: [Tier!]) {\n  search(nearVector: $v, tiers: $tiers, limit: 5) { hits { clientId tier shard memory { content metadata } } partial failures { tier message } }\n}"): typeof import('./graphql.ts').TiersS3SearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TiersSearch3($v: Vector!, $tiers: [Tier!], $limit: Int, $s: [String!]) {\n  search(nearVector: $v, tiers: $tiers, limit: $limit, systemIds: $s) {\n    hits { score tier shard clientId systemId memory { content metadata timestamp kind embedding } }\n    partial shardsSearched\n  }\n}"): typeof import('./graphql.ts').TiersSearch3Document;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TiersSystems { systems { id memoryCount } }"): typeof import('./graphql.ts').TiersSystemsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TiersMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content metadata } }"): typeof import('./graphql.ts').TiersMemoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TiersMigrationJobs { migrationJobs { id } }"): typeof import('./graphql.ts').TiersMigrationJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query VerifyStorage { verifyStorage { ok objectsChecked problems { part problem } orphansRemoved } }"): typeof import('./graphql.ts').VerifyStorageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation VerifyCollect { collectColdOrphans { ok orphansRemoved problems { part problem } } }"): typeof import('./graphql.ts').VerifyCollectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WarmToColdVerify { verifyStorage { ok problems { part problem } } }"): typeof import('./graphql.ts').WarmToColdVerifyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WarmToColdMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }"): typeof import('./graphql.ts').WarmToColdMemoryDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
