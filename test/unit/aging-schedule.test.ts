import { describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { agedMemories, STATS } from '../support/tiers.ts';

describe('AKOSHA_AGING_SCHEDULE', () => {
  it('runs aging on its cron schedule in the all role', async () => {
    const app = await startTestApp({ AKOSHA_AGING_SCHEDULE: '* * * * * *' });
    try {
      await app.gql(INGEST, { input: agedMemories(6, 4, new Date()) });
      const until = Date.now() + 10_000;
      let jobs: { status: string }[] = [];
      while (Date.now() < until) {
        jobs = (await app.gql(graphql(`query AgingScheduleMigrationJobs { migrationJobs { status } }`))).data
          .migrationJobs;
        if (jobs.some((j) => j.status === 'DONE')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(jobs.some((j) => j.status === 'DONE')).toBe(true);
      await app.akosha.stores.migrator.idle();
      const stats = (await app.gql(STATS)).data.storageStats;
      expect(stats.map((t: { rows: number }) => t.rows)).toEqual([6, 6, 6]);
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
