import { describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { agedMemories, STATS } from '../support/tiers.ts';

describe('AKOSHA_AGING_SCHEDULE', () => {
  it('runs aging on its cron schedule in the all role', async () => {
    const app = await startTestApp({ AKOSHA_AGING_SCHEDULE: '* * * * * *' });
    try {
      await app.gql(INGEST, { input: agedMemories(6, 4, new Date()) });
      // A job the schedule started while the batch was being written leaves the memories written
      // after it began for the next one (a second later): wait for the tiers, not for one job.
      const until = Date.now() + 10_000;
      let jobs: { status: string }[] = [];
      let rows: number[] = [];
      while (Date.now() < until) {
        jobs = (await app.gql(graphql(`query AgingScheduleMigrationJobs { migrationJobs { status } }`))).data
          .migrationJobs;
        await app.akosha.stores.migrator.idle();
        rows = (await app.gql(STATS)).data.storageStats.map((t: { rows: number }) => t.rows);
        if (jobs.some((j) => j.status === 'DONE') && rows.join() === '6,6,6') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(jobs.some((j) => j.status === 'DONE')).toBe(true);
      expect(rows).toEqual([6, 6, 6]);
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });

  it('refuses a bad schedule at start-up, naming the variable', async () => {
    await expect(startTestApp({ AKOSHA_AGING_SCHEDULE: 'every night' })).rejects.toThrow(
      /AKOSHA_AGING_SCHEDULE/,
    );
  });
});
