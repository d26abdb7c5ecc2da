import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { dataPaths, INGEST, tempDir } from '../support/app.ts';
import {
  jobEnded,
  killAtFailpointAndResume,
  post,
  type ServerProcess,
  startServerProcess,
  waitFor,
} from '../support/process.ts';
import { type AgedMemory, agedMemories, START, STATS } from '../support/tiers.ts';

const PER_AGE = 24;

/** A digest over what the server holds for every memory, tier by tier, read back through GraphQL. */
async function digest(server: ServerProcess, memories: AgedMemory[]): Promise<string> {
  const hash = createHash('sha256');
  for (let i = 0; i < memories.length; i += 25) {
    const chunk = memories.slice(i, i + 25);
    const q = chunk
      .map(
        (m, j) =>
          `m${j}: memory(systemId: "${m.systemId}", id: "${m.id}") { systemId clientId content metadata timestamp }`,
      )
      .join('\n');
    const r = await post(server.url, `{ ${q} }`);
    expect(r.body.errors).toBeUndefined();
    chunk.forEach((_, j) => {
      hash.update(JSON.stringify(r.body.data[`m${j}`]));
    });
  }
  return hash.digest('hex');
}

const expectedDigest = (memories: AgedMemory[]) => {
  const hash = createHash('sha256');
  for (const m of memories) {
    hash.update(
      JSON.stringify({
        systemId: m.systemId,
        clientId: m.id,
        content: m.content,
        metadata: m.metadata,
        timestamp: m.timestamp,
      }),
    );
  }
  return hash.digest('hex');
};

const FAILPOINTS = [
  'hot_to_warm:in-copy',
  'hot_to_warm:verified',
  'hot_to_warm:in-delete',
  // The delete committed, the ledger does not know yet: the redo finds the slice gone.
  'hot_to_warm:shard-deleted',
  'warm_to_cold:in-copy',
  'warm_to_cold:verified',
  'warm_to_cold:in-delete',
  // A group's steps are deleted one shard at a time and recorded together: killed after the
  // first shard's delete committed, before the ledger knows of any.
  'warm_to_cold:shard-deleted',
  'warm_to_cold:deleted',
];

describe('aging survives SIGKILL at every step', () => {
  const root = tempDir();
  afterAll(() => root.remove());

  it('runs four hot → warm steps side by side, and resumes them after a kill', async () => {
    const env = { ...dataPaths(`${root.path}/lanes`), AKOSHA_SHARDS: '4' };
    // Shards are chosen by system: eight systems, so that each of the four shards has rows to move.
    const memories = agedMemories(PER_AGE, 13, new Date()).map((m, i) => ({
      ...m,
      systemId: `system-${i % 8}`,
    }));
    let server = await startServerProcess({ ...env, AKOSHA_FAILPOINT: 'hot_to_warm:copied' });
    try {
      await post(server.url, INGEST, { input: memories });
      const jobId = (await post(server.url, START, { input: { move: 'HOT_TO_WARM' } })).body.data
        .startMigration.id as string;
      // Each step stops once its copy is recorded: all four shards' steps get there, each
      // without waiting for another to end (one at a time, only the first would).
      await waitFor('four steps copied', () =>
        server.logs().split('failpoint reached').length - 1 >= 4 ? true : undefined,
      );
      const resumed = await killAtFailpointAndResume(server, env, jobId);
      server = resumed.server;
      expect(resumed.job).toMatchObject({ status: 'DONE', error: null });
      const stats = (await post(server.url, STATS)).body.data.storageStats;
      expect(stats.map((t: { rows: number }) => t.rows)).toEqual([PER_AGE, 2 * PER_AGE, 0]);
      expect(await digest(server, memories)).toBe(expectedDigest(memories));
    } finally {
      await server.kill('SIGKILL');
    }
  });

  it('takes writes into a hot shard while its step copies; one written meanwhile stays for the next job', async () => {
    const env = { ...dataPaths(`${root.path}/writes`), AKOSHA_SHARDS: '1' };
    const memories = agedMemories(PER_AGE, 17, new Date());
    let server = await startServerProcess({ ...env, AKOSHA_FAILPOINT: 'hot_to_warm:in-copy' });
    try {
      await post(server.url, INGEST, { input: memories });
      const jobId = (await post(server.url, START, { input: { move: 'HOT_TO_WARM' } })).body.data
        .startMigration.id as string;
      await waitFor('the copy', () => (server.logs().includes('failpoint reached') ? true : undefined));
      // The only shard's step hangs inside its copy: a new memory and one of a due age are written
      // all the same (a step that held the shard's writes would keep this request waiting).
      const [base] = memories;
      if (!base) throw new Error('no memories');
      const during = [
        { ...base, id: 'during-copy-new', timestamp: new Date().toISOString() },
        { ...base, id: 'during-copy-old', timestamp: new Date(Date.now() - 100 * 86_400_000).toISOString() },
      ];
      const written = await Promise.race([
        post(server.url, INGEST, { input: during }),
        new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 15_000)),
      ]);
      expect(written === 'still waiting' ? written : written.body.data.ingestMemories.accepted).toBe(2);
      const resumed = await killAtFailpointAndResume(server, env, jobId);
      server = resumed.server;
      expect(resumed.job).toMatchObject({ status: 'DONE', error: null });
      // The job moved what the shard held when it was asked for; the late old memory waits in hot.
      const rows = async () =>
        ((await post(server.url, STATS)).body.data.storageStats as { rows: number }[]).map((t) => t.rows);
      expect(await rows()).toEqual([PER_AGE + 2, 2 * PER_AGE, 0]);
      const next = (await post(server.url, START, { input: { move: 'HOT_TO_WARM' } })).body.data
        .startMigration.id as string;
      expect(await jobEnded(server, next)).toMatchObject({ status: 'DONE', error: null });
      expect(await rows()).toEqual([PER_AGE + 1, 2 * PER_AGE + 1, 0]);
      const all = [...memories, ...during];
      expect(await digest(server, all)).toBe(expectedDigest(all));
    } finally {
      await server.kill('SIGKILL');
    }
  });

  it('bounds a job recorded without its hot seqs when it resumes it', async () => {
    const root2 = `${root.path}/unbounded`;
    const env = { ...dataPaths(root2), AKOSHA_SHARDS: '2' };
    const memories = agedMemories(PER_AGE, 19, new Date());
    let server = await startServerProcess({ ...env, AKOSHA_FAILPOINT: 'hot_to_warm:in-copy' });
    const ledger = async <T>(fn: (conn: DuckDBConnection) => Promise<T>) => {
      const db = await DuckDBInstance.create(join(root2, 'meta', 'akosha.duckdb'));
      const conn = await db.connect();
      try {
        return await fn(conn);
      } finally {
        conn.closeSync();
        db.closeSync();
      }
    };
    const paramsOf = (conn: DuckDBConnection, id: string) =>
      conn
        .runAndReadAll(`SELECT params::VARCHAR AS p FROM jobs WHERE id = $1`, [id])
        .then((r) => JSON.parse(String(r.getRowObjectsJS()[0]?.p)) as { hotSeqs?: number[] });
    try {
      await post(server.url, INGEST, { input: memories });
      const jobId = (await post(server.url, START, { input: { move: 'HOT_TO_WARM' } })).body.data
        .startMigration.id as string;
      await waitFor('the copy', () => (server.logs().includes('failpoint reached') ? true : undefined));
      await server.kill('SIGKILL');
      // As a job recorded by a version whose steps held their shards' writes instead.
      await ledger(async (conn) => {
        const { hotSeqs, ...params } = await paramsOf(conn, jobId);
        expect(hotSeqs).toHaveLength(2);
        await conn.run(`UPDATE jobs SET params = $1 WHERE id = $2`, [JSON.stringify(params), jobId]);
      });
      server = await startServerProcess(env);
      expect(await jobEnded(server, jobId)).toMatchObject({ status: 'DONE', error: null });
      const stats = (await post(server.url, STATS)).body.data.storageStats;
      expect(stats.map((t: { rows: number }) => t.rows)).toEqual([PER_AGE, 2 * PER_AGE, 0]);
      expect(await digest(server, memories)).toBe(expectedDigest(memories));
      await server.kill('SIGKILL');
      // Each shard's last seq at the restart: the shards' seqs run from 1, so together every memory.
      const bound = await ledger((conn) => paramsOf(conn, jobId));
      expect(bound.hotSeqs?.reduce((a, b) => a + b, 0)).toBe(3 * PER_AGE);
    } finally {
      await server.kill('SIGKILL');
    }
  });

  it('deletes from warm only the rows verified in the cold objects, not one that arrived after', async () => {
    const root2 = `${root.path}/late`;
    const env = { ...dataPaths(root2), AKOSHA_SHARDS: '2' };
    const memories = agedMemories(PER_AGE, 13, new Date());
    let server = await startServerProcess({ ...env, AKOSHA_FAILPOINT: 'warm_to_cold:switched' });
    let late = { systemId: '', id: 'arrived-late' };
    try {
      await post(server.url, INGEST, { input: memories });
      const jobId = (await post(server.url, START, { input: {} })).body.data.startMigration.id as string;
      await waitFor('the failpoint', () => (server.logs().includes('failpoint reached') ? true : undefined));
      await server.kill('SIGKILL');
      // Between the switch and the delete, a row of a moving system-day appears in warm (nothing
      // writes warm outside a job today; the delete must not take it on trust).
      for (const shard of [0, 1]) {
        const db = await DuckDBInstance.create(join(root2, 'warm', `shard-${shard}.duckdb`));
        const conn = await db.connect();
        try {
          const old = (
            await conn.runAndReadAll(
              `SELECT system_id FROM memories WHERE ts < now() - INTERVAL 100 DAYS LIMIT 1`,
            )
          ).getRowObjectsJS()[0];
          if (old && !late.systemId) {
            await conn.run(
              `INSERT INTO memories SELECT * REPLACE ('arrived-late' AS id, (SELECT max(seq) + 1 FROM memories) AS seq)
               FROM memories WHERE ts < now() - INTERVAL 100 DAYS LIMIT 1`,
            );
            late = { systemId: String(old.system_id), id: 'arrived-late' };
          }
        } finally {
          conn.closeSync();
          db.closeSync();
        }
      }
      expect(late.systemId).not.toBe('');
      server = await startServerProcess(env);
      expect(await jobEnded(server, jobId)).toMatchObject({ status: 'DONE', error: null });
      const stats = (await post(server.url, STATS)).body.data.storageStats;
      expect(stats.map((t: { rows: number }) => t.rows)).toEqual([PER_AGE, PER_AGE + 1, PER_AGE]);
      const found = await post(
        server.url,
        graphql(
          `query MigrationCrashLate($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }`,
        ),
        { s: late.systemId, id: late.id },
      );
      expect(found.body.data.memory).toEqual({ clientId: 'arrived-late' });
      expect(await digest(server, memories)).toBe(expectedDigest(memories));
    } finally {
      await server.kill('SIGKILL');
    }
  });

  for (const failpoint of FAILPOINTS) {
    it(`resumes after a kill at ${failpoint}: every memory present exactly once, unchanged`, async () => {
      const env = { ...dataPaths(`${root.path}/${failpoint.replace(':', '-')}`), AKOSHA_SHARDS: '2' };
      const memories = agedMemories(PER_AGE, 13, new Date());
      let server = await startServerProcess({ ...env, AKOSHA_FAILPOINT: failpoint });
      try {
        expect((await post(server.url, INGEST, { input: memories })).body.data.ingestMemories.accepted).toBe(
          3 * PER_AGE,
        );
        const started = await post(server.url, START, { input: {} });
        const jobId = started.body.data.startMigration.id as string;
        const resumed = await killAtFailpointAndResume(server, env, jobId);
        server = resumed.server;
        expect(resumed.job).toMatchObject({ status: 'DONE', error: null });
        const stats = (await post(server.url, STATS)).body.data.storageStats;
        expect(stats.map((t: { rows: number }) => t.rows)).toEqual([PER_AGE, PER_AGE, PER_AGE]);
        const systems = (
          await post(server.url, graphql(`query MigrationCrashSystems { systems { memoryCount } }`))
        ).body.data.systems;
        expect(systems.reduce((n: number, s: { memoryCount: number }) => n + s.memoryCount, 0)).toBe(
          3 * PER_AGE,
        );
        expect(await digest(server, memories)).toBe(expectedDigest(memories));
      } finally {
        await server.kill('SIGKILL');
      }
    });
  }
});
