import { Cron } from 'croner';
import type { Logger } from '../monitoring/logger.ts';
import type { ShardPort } from '../storage/port.ts';

/**
 * AKOSHA_AGING_SCHEDULE in the `all` role: at each tick, age everything that is due (a job that
 * is still running is left alone: starting returns it).
 */
export function startAgingSchedule(
  deps: { stores: Pick<ShardPort, 'migrations'>; logger: Logger },
  pattern: string,
): { stop(): void } {
  const { logger } = deps;
  if (pattern === 'off') return { stop() {} };
  const cron = new Cron(pattern, { protect: true }, async () => {
    try {
      const job = await deps.stores.migrations.start({
        move: 'ALL',
        olderThanDays: null,
        systemIds: null,
        dryRun: false,
      });
      logger.info('scheduled aging', { job: job.id, status: job.status });
    } catch (err) {
      logger.error('scheduled aging failed to start', { error: String(err) });
    }
  });
  logger.info('aging schedule', { pattern, next: cron.nextRun()?.toISOString() });
  return { stop: () => cron.stop() };
}
