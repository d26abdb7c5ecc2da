import { Cron } from 'croner';
import type { Logger } from '../monitoring/logger.ts';
import type { ShardPort } from '../storage/port.ts';

/** Runs `task` on a cron pattern (`off`: never); a run still going when the next is due is skipped. */
function startSchedule(
  name: string,
  pattern: string,
  logger: Logger,
  task: () => Promise<unknown>,
): { stop(): void } {
  if (pattern === 'off') return { stop() {} };
  const cron = new Cron(pattern, { protect: true }, async () => {
    try {
      await task();
    } catch (err) {
      logger.error(`scheduled ${name} failed to start`, { error: String(err) });
    }
  });
  logger.info(`${name} schedule`, { pattern, next: cron.nextRun()?.toISOString() });
  return { stop: () => cron.stop() };
}

/**
 * The `all` role's schedules: AKOSHA_AGING_SCHEDULE ages everything that is due (a job still
 * running is left alone: starting returns it); AKOSHA_HOT_SIZE_CHECK_SCHEDULE ages the oldest hot
 * memories when the hot tier is over AKOSHA_HOT_MAX_BYTES; AKOSHA_BACKUP_SCHEDULE takes a backup.
 */
export function startSchedules(
  deps: { stores: Pick<ShardPort, 'migrations' | 'backups'>; logger: Logger },
  patterns: { aging: string; backup: string; sizeCheck: string },
): { stop(): void } {
  const { logger } = deps;
  const aging = startSchedule('aging', patterns.aging, logger, async () => {
    const job = await deps.stores.migrations.start({
      move: 'ALL',
      olderThanDays: null,
      systemIds: null,
      dryRun: false,
    });
    logger.info('scheduled aging', { job: job.id, status: job.status });
  });
  const sizeCheck = startSchedule('hot size check', patterns.sizeCheck, logger, () =>
    deps.stores.migrations.ageIfHotTooLarge(),
  );
  const backup = startSchedule('backup', patterns.backup, logger, async () => {
    const job = deps.stores.backups.start();
    logger.info('scheduled backup', { job: job.id });
  });
  return {
    stop() {
      aging.stop();
      sizeCheck.stop();
      backup.stop();
    },
  };
}
