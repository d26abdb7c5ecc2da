import { forgetMemories } from '../resolvers/forget.ts';
import {
  cancelMigration,
  migrationJob,
  migrationJobs,
  migrationProgress,
  startMigration,
  storageStats,
} from '../resolvers/migrations.ts';
import type { ShardStats, TierStats } from '../storage/port.ts';
import type { Job, ProgressEvent } from '../storage/types.ts';
import { requires } from './auth.ts';
import { builder } from './builder.ts';
import { Tier } from './search.ts';

const MigrationMove = builder.enumType('MigrationMove', {
  description: 'Which tier move a migration job makes.',
  values: {
    HOT_TO_WARM: { description: 'Memories older than AKOSHA_HOT_TIER_DAYS, hot → warm.' },
    WARM_TO_COLD: { description: 'Memories older than AKOSHA_WARM_TIER_DAYS, warm → cold.' },
    ALL: { description: 'Both, hot → warm first.' },
    FORGET: { description: 'forgetMemories: matching memories deleted from every tier.' },
  } as const,
});

const JobStatus = builder.enumType('MigrationStatus', {
  description: 'Where a migration job stands.',
  values: {
    PENDING: { description: 'Created, not started.' },
    RUNNING: { description: 'Moving memories.' },
    DONE: { description: 'Finished; every planned memory moved.' },
    FAILED: { description: 'Stopped on an error; a later job picks up what is left.' },
    CANCELLED: { description: 'Stopped on request between two steps.' },
  } as const,
});

export const MigrationJob = builder.objectRef<Job>('MigrationJob').implement({
  description: 'A tier migration job from the job ledger.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Job id.' }),
    status: t.field({ type: JobStatus, description: 'Where it stands.', resolve: (j) => j.status }),
    move: t.field({ type: MigrationMove, description: 'Which move.', resolve: (j) => j.params.move }),
    dryRun: t.boolean({ description: 'Planned only; nothing moved.', resolve: (j) => j.params.dryRun }),
    recordsTotal: t.exposeInt('recordsTotal', { description: 'Memories planned to move.' }),
    recordsDone: t.exposeInt('recordsDone', { description: 'Memories moved so far.' }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change.' }),
  }),
});

const StartMigrationInput = builder.inputType('StartMigrationInput', {
  description: 'What to age; empty means everything that is due.',
  fields: (t) => ({
    move: t.field({ type: MigrationMove, description: 'Default ALL.' }),
    olderThanDays: t.int({
      description: 'Override the tier age (AKOSHA_HOT_TIER_DAYS / AKOSHA_WARM_TIER_DAYS).',
    }),
    systemIds: t.stringList({ description: 'Only these systems.' }),
    dryRun: t.boolean({ description: 'Plan and count only.' }),
  }),
});

builder.mutationField('startMigration', (t) =>
  t.field({
    ...requires('system:migrate'),
    cost: 100,
    type: MigrationJob,
    description: 'Starts a tier migration, or returns the job already running (one at a time).',
    args: { input: t.arg({ type: StartMigrationInput }) },
    resolve: (_root, args, ctx) => startMigration(ctx.app, args.input, ctx.scope),
  }),
);

const ForgetInputRef = builder.inputType('ForgetInput', {
  description: 'Which memories to forget: those of these systems that match every filter given.',
  fields: (t) => ({
    systemIds: t.stringList({ required: true, description: 'At least one system.' }),
    ids: t.stringList({ description: 'Only these memory ids.' }),
    from: t.field({ type: 'DateTime', description: 'Only memories at or after this time.' }),
    to: t.field({ type: 'DateTime', description: 'Only memories at or before this time.' }),
    projects: t.stringList({ description: 'Only memories whose metadata.project is one of these.' }),
    tags: t.stringList({ description: 'Only memories whose metadata.tags holds any of these.' }),
  }),
});

builder.mutationField('forgetMemories', (t) =>
  t.field({
    ...requires('ingest:delete'),
    cost: 100,
    type: MigrationJob,
    description:
      'Deletes the matching memories from hot (rows and index entries), warm and cold (objects rewritten without them, verified, then swapped), as a job: follow it with migrationJob or migrationProgress. A forgotten memory is never returned again, by any path or cache; sending it again stores it anew.',
    args: { input: t.arg({ type: ForgetInputRef, required: true }) },
    resolve: (_root, args, ctx) =>
      forgetMemories(ctx.app, args.input, ctx.scope, ctx.auth.principal?.sub ?? 'anonymous'),
  }),
);

builder.queryField('migrationJob', (t) =>
  t.field({
    ...requires('system:status'),
    type: MigrationJob,
    nullable: true,
    description: 'One migration job, or null.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => migrationJob(ctx.app, String(args.id), ctx.scope),
  }),
);

builder.queryField('migrationJobs', (t) =>
  t.field({
    ...requires('system:status'),
    type: [MigrationJob],
    listSize: { slicingArguments: ['limit'] },
    description: 'Recent migration jobs, newest first.',
    args: { status: t.arg({ type: JobStatus }), limit: t.arg.int({ description: 'Default 20.' }) },
    resolve: (_root, args, ctx) => migrationJobs(ctx.app, args.status, args.limit, ctx.scope),
  }),
);

const ShardStatsRef = builder.objectRef<ShardStats>('ShardStats').implement({
  description: 'One shard (or the cold object store).',
  fields: (t) => ({
    shard: t.exposeString('shard', { description: 'e.g. hot-3.' }),
    rows: t.exposeInt('rows', { description: 'Memories.' }),
    bytes: t.exposeFloat('bytes', { description: 'Bytes on disk or in the bucket.' }),
  }),
});

const TierStatsRef = builder.objectRef<TierStats>('TierStats').implement({
  description: 'One tier.',
  fields: (t) => ({
    tier: t.field({ type: Tier, description: 'The tier.', resolve: (s) => s.tier }),
    rows: t.exposeInt('rows', { description: 'Memories.' }),
    bytes: t.exposeFloat('bytes', { description: 'Bytes.' }),
    shards: t.expose('shards', { type: [ShardStatsRef], description: 'Per shard.' }),
  }),
});

builder.queryField('storageStats', (t) =>
  t.field({
    ...requires('system:status'),
    type: [TierStatsRef],
    listSize: { assumedSize: 3 },
    description: 'Rows and bytes per tier and shard.',
    resolve: (_root, _args, ctx) => storageStats(ctx.app, ctx.scope),
  }),
);

builder.mutationField('cancelMigration', (t) =>
  t.field({
    ...requires('system:migrate'),
    type: MigrationJob,
    nullable: true,
    description:
      'Asks a running job to stop after its current step (no step is left half done); null if there is no such job.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => cancelMigration(ctx.app, String(args.id), ctx.scope),
  }),
);

const ProgressPhase = builder.enumType('MigrationPhase', {
  description: 'What a job is doing.',
  values: {
    PLAN: { description: 'Counting what is due.' },
    COPY: { description: 'Copying a step into the new tier.' },
    VERIFY: { description: 'Comparing row counts and checksums.' },
    SWITCH: { description: 'Making the new tier the one readers see.' },
    DELETE: { description: 'Removing the moved memories from the old tier.' },
  } as const,
});

const ProgressState = builder.enumType('MigrationState', {
  description: 'RUNNING until the final event.',
  values: {
    RUNNING: { description: 'More events follow.' },
    DONE: { description: 'Final: finished.' },
    FAILED: { description: 'Final: stopped on an error.' },
    CANCELLED: { description: 'Final: stopped on request.' },
  } as const,
});

const ProgressEventRef = builder.objectRef<ProgressEvent>('MigrationProgress').implement({
  description: 'One progress event of a migration job.',
  fields: (t) => ({
    jobId: t.exposeID('jobId', { description: 'The job.' }),
    seq: t.exposeInt('seq', { description: 'Monotonic per job; resume with after: <last seq>.' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it was recorded.' }),
    phase: t.field({ type: ProgressPhase, description: 'Current phase.', resolve: (e) => e.phase }),
    state: t.field({
      type: ProgressState,
      description: 'RUNNING, or the final state.',
      resolve: (e) => e.state,
    }),
    recordsDone: t.exposeInt('recordsDone', { description: 'Memories moved so far.' }),
    recordsTotal: t.exposeInt('recordsTotal', { description: 'Memories planned to move.' }),
    bytesDone: t.exposeFloat('bytesDone', {
      description: 'Bytes written to the new tier (Parquet objects; int8 vectors for warm).',
    }),
    rate: t.exposeFloat('rate', { description: 'Memories per second in this run.' }),
    etaSeconds: t.exposeFloat('etaSeconds', {
      nullable: true,
      description: 'Seconds left at the current rate.',
    }),
    errors: t.exposeStringList('errors', { description: 'Why it failed (final event).' }),
  }),
});

builder.subscriptionField('migrationProgress', (t) =>
  t.field({
    ...requires('system:status'),
    type: ProgressEventRef,
    description:
      'Progress of a job: the events after `after` (all by default), then live ones until the final event. A finished job replays and completes.',
    args: {
      jobId: t.arg.id({ required: true }),
      after: t.arg.int({ description: 'Last seq already seen.' }),
    },
    subscribe: (_root, args, ctx) =>
      migrationProgress(ctx.app, String(args.jobId), args.after ?? 0, ctx.scope),
    resolve: (e) => e,
  }),
);
