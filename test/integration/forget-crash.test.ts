import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { dataPaths, INGEST, tempDir } from '../support/app.ts';
import { killAtFailpointAndResume, post, startServerProcess, waitFor } from '../support/process.ts';
import { agedMemories, JOB, START, STATS } from '../support/tiers.ts';

// A FORGET job killed (SIGKILL) between two phases of a step resumes on restart and ends with
// exactly the other memories present, unchanged, and none of the forgotten ones.

const PER_AGE = 12;
const FORGET = graphql(`mutation ForgetCrash($input: ForgetInput!) { forgetMemories(input: $input) { id } }`);
const MEMORY = graphql(`query ForgetCrashMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) { clientId content timestamp }
}`);

describe('forgetting survives SIGKILL', () => {
  const root = tempDir();
  afterAll(() => root.remove());

  for (const failpoint of ['forget_hot:deleted', 'forget_cold:copied', 'forget_cold:switched']) {
    it(`resumes after a kill at ${failpoint}`, async () => {
      const env = { ...dataPaths(`${root.path}/${failpoint.replace(':', '-')}`), AKOSHA_SHARDS: '2' };
      const memories = agedMemories(PER_AGE, 17, new Date());
      let server = await startServerProcess({ ...env, AKOSHA_FAILPOINT: failpoint });
      try {
        await post(server.url, INGEST, { input: memories });
        const aging = (await post(server.url, START, { input: {} })).body.data.startMigration.id;
        await waitFor('aging', async () => {
          const j = (await post(server.url, JOB, { id: aging })).body.data.migrationJob;
          return j.status === 'DONE' ? j : undefined;
        });
        const forgot = await post(server.url, FORGET, { input: { systemIds: ['laptop'] } });
        expect(forgot.body.errors).toBeUndefined();
        const jobId = forgot.body.data.forgetMemories.id as string;
        const resumed = await killAtFailpointAndResume(server, env, jobId);
        server = resumed.server;
        expect(resumed.job).toMatchObject({ status: 'DONE', error: null });
        const kept = memories.filter((m) => m.systemId !== 'laptop');
        const stats = (await post(server.url, STATS)).body.data.storageStats as { rows: number }[];
        expect(stats.reduce((a, t) => a + t.rows, 0)).toBe(kept.length);
        for (const m of memories) {
          const got = (await post(server.url, MEMORY, { s: m.systemId, id: m.id })).body.data.memory;
          if (m.systemId === 'laptop') expect(got).toBeNull();
          else expect(got).toEqual({ clientId: m.id, content: m.content, timestamp: m.timestamp });
        }
      } finally {
        await server.kill('SIGKILL');
      }
    });
  }
});
