import type { BackupJob, BackupSummary, ShardPort } from '../storage/port.ts';
import { AkoshaError } from './errors.ts';
import type { EventBus } from './event-bus.ts';
import { checkUnrestricted, type Scope } from './scope.ts';

// Backups of every shard and the metadata database (storage/backup/): on demand and on a schedule.

export type BackupDeps = { stores: Pick<ShardPort, 'backups'> };

export function startBackup(deps: BackupDeps, scope: Scope): BackupJob {
  checkUnrestricted(scope, 'a backup');
  return deps.stores.backups.start();
}

export function backupJob(deps: BackupDeps, id: string, scope: Scope): BackupJob | null {
  checkUnrestricted(scope, 'a backup');
  return deps.stores.backups.job(id);
}

export async function listBackups(deps: BackupDeps, scope: Scope): Promise<BackupSummary[]> {
  checkUnrestricted(scope, 'a backup');
  return deps.stores.backups.list();
}

/** The state of a backup job now, then each change until it ends (DONE or FAILED). */
export async function* backupProgress(
  deps: BackupDeps & { events: Pick<EventBus, 'subscribe'> },
  id: string,
  scope: Scope,
): AsyncGenerator<BackupJob> {
  checkUnrestricted(scope, 'a backup');
  // Subscribe first, so no change between the read and the subscription is missed.
  const live = deps.events.subscribe('backup');
  try {
    const now = deps.stores.backups.job(id);
    if (!now) throw new AkoshaError('NOT_FOUND', `no backup job ${id} in this process`);
    yield { ...now, done: undefined };
    if (now.status !== 'RUNNING') return;
    for await (const job of live) {
      if (job.id !== id) continue;
      yield job;
      if (job.status !== 'RUNNING') return;
    }
  } finally {
    await live.return?.();
  }
}
