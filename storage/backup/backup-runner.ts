import type { Logger } from '../../monitoring/logger.ts';
import type { BackupJob, BackupSummary } from '../port.ts';
import { type BackupManifest, listBackups, pruneBackups, takeBackup } from './backup.ts';

export type BackupRunnerOptions = Omit<Parameters<typeof takeBackup>[0], 'now' | 'onProgress'> & {
  clock: () => Date;
  /** Backups kept after each new one (AKOSHA_BACKUP_RETENTION). */
  retention: number;
  logger: Logger;
  /** Runs the backup while no aging step runs (the migrator's turn). */
  between<T>(fn: () => Promise<T>): Promise<T>;
  onDone?: (manifest: BackupManifest) => void;
  /** The job as it changes: started, each part copied, ended. */
  onProgress?: (job: BackupJob) => void;
};

const summary = (m: BackupManifest): BackupSummary => ({
  id: m.id,
  createdAt: new Date(m.createdAt),
  parts: m.parts.length,
  bytes: m.parts.reduce((n, p) => n + p.bytes, 0),
  memories: m.parts.reduce((n, p) => n + (p.rows.memories ?? 0), 0),
});

/** One backup at a time; its progress is kept in memory, finished backups are their manifests. */
export function createBackupRunner(o: BackupRunnerOptions) {
  const jobs = new Map<string, BackupJob>();
  let running: BackupJob | null = null;
  let seq = 0;

  async function run(job: BackupJob): Promise<void> {
    try {
      const manifest = await o.between(() =>
        takeBackup({
          ...o,
          now: o.clock(),
          onProgress: (p) => {
            Object.assign(job, p);
            o.onProgress?.(job);
          },
        }),
      );
      Object.assign(job, {
        status: 'DONE',
        backupId: manifest.id,
        finishedAt: o.clock(),
        memories: summary(manifest).memories,
      });
      o.onDone?.(manifest);
      o.onProgress?.(job);
      const removed = await pruneBackups(o.objects, o.retention);
      if (removed.length > 0) o.logger.info('old backups removed', { removed });
      o.logger.info('backup done', { backup: manifest.id, parts: manifest.parts.length });
    } catch (err) {
      Object.assign(job, {
        status: 'FAILED',
        error: err instanceof Error ? err.message : String(err),
        finishedAt: o.clock(),
      });
      o.onProgress?.(job);
      o.logger.error('backup failed', { error: String(err) });
    } finally {
      running = null;
    }
  }

  return {
    start(): BackupJob {
      if (running) return running;
      const job: BackupJob = {
        id: `backup-job-${++seq}`,
        status: 'RUNNING',
        partsDone: 0,
        partsTotal: o.parts.length,
        bytesDone: 0,
        memories: 0,
        backupId: null,
        error: null,
        startedAt: o.clock(),
        finishedAt: null,
      };
      jobs.set(job.id, job);
      running = job;
      o.onProgress?.(job);
      job.done = run(job);
      return job;
    },
    job: (id: string) => jobs.get(id) ?? null,
    list: async () => (await listBackups(o.objects)).map(summary),
    /** Resolves when no backup runs (shutdown, tests). */
    idle: async () => {
      await running?.done;
    },
  };
}

export type BackupRunner = ReturnType<typeof createBackupRunner>;
