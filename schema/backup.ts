import { backupJob, backupProgress, listBackups, startBackup } from '../resolvers/backups.ts';
import { verifyStorage } from '../resolvers/operations.ts';
import type { BackupJob, BackupSummary, StorageReport } from '../storage/port.ts';
import { requires } from './auth.ts';
import { builder } from './builder.ts';

const BackupStatus = builder.enumType('BackupStatus', {
  description: 'Where a backup job stands.',
  values: {
    RUNNING: { description: 'Copying shards.' },
    DONE: { description: 'Stored with its manifest.' },
    FAILED: { description: 'Stopped on an error; nothing of it is used.' },
  } as const,
});

const BackupJobRef = builder.objectRef<BackupJob>('BackupJob').implement({
  description: 'A backup being taken, or taken by this process.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Job id.' }),
    status: t.field({ type: BackupStatus, description: 'Where it stands.', resolve: (j) => j.status }),
    partsDone: t.exposeInt('partsDone', { description: 'Shards (and the metadata database) copied.' }),
    partsTotal: t.exposeInt('partsTotal', { description: 'Parts to copy.' }),
    bytesDone: t.exposeFloat('bytesDone', { description: 'Bytes stored so far.' }),
    memories: t.exposeInt('memories', { description: 'Hot and warm memories in the backup, once done.' }),
    backupId: t.exposeString('backupId', {
      nullable: true,
      description: 'The backup it made (restore with it).',
    }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', description: 'When it started.' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true, description: 'When it ended.' }),
  }),
});

const BackupRef = builder.objectRef<BackupSummary>('Backup').implement({
  description: 'A complete backup in the object store.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Give it to `node server/main.ts restore --backup`.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was taken.' }),
    parts: t.exposeInt('parts', { description: 'Shard files and the metadata database.' }),
    bytes: t.exposeFloat('bytes', { description: 'Stored bytes.' }),
    memories: t.exposeInt('memories', {
      description: 'Hot and warm memories (cold ones stay in their objects).',
    }),
  }),
});

builder.mutationField('startBackup', (t) =>
  t.field({
    ...requires('admin:settings'),
    cost: 100,
    type: BackupJobRef,
    description:
      'Backs up every hot and warm shard and the metadata database online (ingest and search go on; aging waits), into backups/<id>/ of the object store with a manifest of row counts and checksums. Returns the job already running, if any.',
    resolve: (_root, _args, ctx) => startBackup(ctx.app, ctx.scope),
  }),
);

builder.queryField('backupJob', (t) =>
  t.field({
    ...requires('admin:settings'),
    type: BackupJobRef,
    nullable: true,
    description: 'A backup job of this process, or null.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => backupJob(ctx.app, String(args.id), ctx.scope),
  }),
);

builder.queryField('backups', (t) =>
  t.field({
    ...requires('admin:settings'),
    type: [BackupRef],
    listSize: { assumedSize: 10 },
    description: 'Complete backups in the object store, newest first (AKOSHA_BACKUP_RETENTION are kept).',
    resolve: (_root, _args, ctx) => listBackups(ctx.app, ctx.scope),
  }),
);

const StorageProblemRef = builder.objectRef<{ part: string; problem: string }>('StorageProblem').implement({
  description: 'Something verifyStorage found wrong.',
  fields: (t) => ({
    part: t.exposeString('part', { description: 'The object, shard or directory.' }),
    problem: t.exposeString('problem', { description: 'What is wrong with it.' }),
  }),
});

const StorageReportRef = builder.objectRef<StorageReport>('StorageReport').implement({
  description: 'The result of verifyStorage.',
  fields: (t) => ({
    ok: t.exposeBoolean('ok', { description: 'No problem found.' }),
    objectsChecked: t.exposeInt('objectsChecked', { description: 'Cold objects read back and compared.' }),
    problems: t.expose('problems', { type: [StorageProblemRef], description: 'What is wrong.' }),
    orphansRemoved: t.exposeStringList('orphansRemoved', { description: 'Orphaned cold objects deleted.' }),
  }),
});

builder.queryField('verifyStorage', (t) =>
  t.field({
    ...requires('admin:settings'),
    cost: 1000,
    type: StorageReportRef,
    description:
      'Reads every cold object back and compares it with its catalog entry (present, rows, checksum), lists objects no entry names (orphans of failed steps), and compares the hot index and the cold key directories with what they index. Changes nothing.',
    resolve: (_root, _args, ctx) => verifyStorage(ctx.app, false, ctx.scope),
  }),
);

builder.mutationField('collectColdOrphans', (t) =>
  t.field({
    ...requires('admin:settings'),
    cost: 1000,
    type: StorageReportRef,
    description:
      'verifyStorage, then deletes the orphaned cold objects it found (never those of a job that still runs); they are listed in orphansRemoved.',
    resolve: (_root, _args, ctx) => verifyStorage(ctx.app, true, ctx.scope),
  }),
);

builder.subscriptionField('backupProgress', (t) =>
  t.field({
    ...requires('admin:settings'),
    type: BackupJobRef,
    description: 'A backup job now, then each change (every part copied) until it is DONE or FAILED.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => backupProgress(ctx.app, String(args.id), ctx.scope),
    resolve: (job) => job,
  }),
);
