import type { BackupJob, BackupSummary, ShardPort } from '../storage/port.ts';

// Backups of every shard and the metadata database (storage/backup/): on demand and on a schedule.

export type BackupDeps = { stores: Pick<ShardPort, 'backups'> };

export function startBackup(deps: BackupDeps): BackupJob {
  return deps.stores.backups.start();
}

export function backupJob(deps: BackupDeps, id: string): BackupJob | null {
  return deps.stores.backups.job(id);
}

export function listBackups(deps: BackupDeps): Promise<BackupSummary[]> {
  return deps.stores.backups.list();
}
