import { Cron } from 'croner';
import type { Services } from '../resolvers/context.ts';

/**
 * AKOSHA_AGING_SCHEDULE in the `all` role: at each tick, age everything that is due (a job that
 * is still running is left alone: starting returns it).
 */
export function startAgingSchedule(services: Services, pattern: string): { stop(): void } {
  if (pattern === 'off') return { stop() {} };
  const cron = new Cron(pattern, { protect: true }, async () => {
    try {
      const job = await services.migrator.start({ move: 'ALL' });
      services.logger.info('scheduled aging', { job: job.id, status: job.status });
    } catch (err) {
      services.logger.error('scheduled aging failed to start', { error: String(err) });
    }
  });
  services.logger.info('aging schedule', { pattern, next: cron.nextRun()?.toISOString() });
  return { stop: () => cron.stop() };
}
