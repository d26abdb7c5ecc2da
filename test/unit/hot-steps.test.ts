import { join } from 'node:path';
import { DuckDBInstance, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { micros } from '../../storage/common/engine.ts';
import { planSteps } from '../../storage/migration/planner.ts';
import type { Job } from '../../storage/types.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { migrate, NOW, STATS } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

// Hot → warm steps are a shard's due days, up to a number of rows a step: a step holds its
// shard's writes while it runs, so a large backlog is moved in several short holds.

const DAY = 86_400_000;
const MEMORY = graphql(`query HotStepsMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) { clientId content }
}`);

const job = (cutoff: Date): Job => ({
  id: 'j',
  status: 'RUNNING',
  params: {
    move: 'HOT_TO_WARM',
    systemIds: null,
    dryRun: false,
    hotCutoff: cutoff.toISOString(),
    warmCutoff: cutoff.toISOString(),
  },
  recordsTotal: 0,
  recordsDone: 0,
  error: null,
  createdAt: cutoff,
  updatedAt: cutoff,
});

describe('hot → warm steps by day', () => {
  it('plans runs of whole days up to the step size, shards in turn, covering every due row once', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const cutoff = new Date('2026-11-20T06:00:00.000Z');
    // Shard 0: days with 2, 3, 1, 7 (over the size alone), 2, 1 due rows and 4 rows not yet due;
    // shard 1: 2 due rows on one day; shard 2: nothing due.
    const rows: [number, string][] = [
      ...[2, 3, 1, 7, 2, 1].flatMap((n, d) =>
        Array.from({ length: n }, (_, i): [number, string] => [0, `2026-11-0${d + 1}T0${i}:30:00Z`]),
      ),
      ...Array.from({ length: 4 }, (_, i): [number, string] => [0, `2026-11-2${i}T12:00:00Z`]),
      [1, '2026-10-31T23:59:59Z'],
      [1, '2026-10-31T00:00:00Z'],
      [2, '2026-11-25T00:00:00Z'],
    ];
    for (const s of [0, 1, 2]) await conn.run(`CREATE TABLE h${s} (ts TIMESTAMP, system_id VARCHAR)`);
    for (const [s, ts] of rows)
      await conn.run(`INSERT INTO h${s} VALUES ($1, 'sys')`, [micros(new Date(ts))], [TIMESTAMP]);
    const shards = [0, 1, 2].map((index) => ({ index, table: `h${index}` }));
    const steps = await planSteps(
      { conn, hot: { shards }, warm: { shards: [] } } as never,
      job(cutoff),
      'hot_to_warm',
      10,
      4,
    );
    expect(steps.map((s) => [s.step, s.shard, s.day, s.rows])).toEqual([
      [10, 0, null, 2],
      [11, 1, null, 2],
      [12, 0, '2026-11-02', 4],
      [13, 0, '2026-11-04', 7],
      [14, 0, '2026-11-05', 3],
    ]);
    // Each run ends where the next begins; the last of a shard at the job's cutoff.
    expect(steps.map((s) => s.cutoff.toISOString())).toEqual([
      '2026-11-02T00:00:00.000Z',
      cutoff.toISOString(),
      '2026-11-04T00:00:00.000Z',
      '2026-11-05T00:00:00.000Z',
      cutoff.toISOString(),
    ]);
    // Every due row in exactly one step, as the step's own predicate selects it.
    for (const s of [0, 1, 2]) {
      const due = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM h${s} WHERE ts < $1`, [
        micros(cutoff),
      ]);
      let covered = 0;
      for (const step of steps.filter((x) => x.shard === s)) {
        const r = await conn.runAndReadAll(
          `SELECT count(*)::INTEGER AS n FROM h${s} WHERE ts < $1 AND ($2::VARCHAR IS NULL OR ts >= $2::TIMESTAMP)`,
          [micros(step.cutoff), step.day],
          [TIMESTAMP, VARCHAR],
        );
        const n = r.getRowObjectsJS()[0]?.n as number;
        expect(n).toBe(step.rows);
        covered += n;
      }
      expect(covered).toBe(due.getRowObjectsJS()[0]?.n);
    }
    conn.closeSync();
    instance.closeSync();
  });

  const app = { current: null as Awaited<ReturnType<typeof startTestApp>> | null };
  afterAll(() => app.current?.dir.remove());

  it('moves a backlog of many days in steps of at most that size, every memory once, unchanged', async () => {
    const a = await startTestApp({ AKOSHA_MIGRATION_HOT_STEP_ROWS: '5', AKOSHA_SHARDS: '2' }, undefined, {
      clock: () => NOW,
    });
    app.current = a;
    const source = createVectorSource(21);
    // Three memories a day for 12 days from 8 days ago (due), and 6 from yesterday (not due).
    const memories = [
      ...Array.from({ length: 36 }, (_, i) => ({ i, daysAgo: 8 + Math.floor(i / 3) })),
      ...Array.from({ length: 6 }, (_, i) => ({ i: 36 + i, daysAgo: 1 })),
    ].map(({ i, daysAgo }) => ({
      id: `m${i}`,
      systemId: ['alpha', 'beta', 'gamma'][i % 3] as string,
      kind: 'CONVERSATION' as const,
      content: `memory ${i}, ${daysAgo} days old`,
      embedding: source.next(),
      timestamp: new Date(NOW.getTime() - daysAgo * DAY - i * 60_000).toISOString(),
    }));
    expect((await a.gql(INGEST, { input: memories })).data.ingestMemories.accepted).toBe(42);
    const moved = await migrate(a, { move: 'HOT_TO_WARM' });
    expect(moved).toMatchObject({ status: 'DONE', recordsDone: 36, recordsTotal: 36, error: null });
    const stats = (await a.gql(STATS)).data.storageStats as { tier: string; rows: number }[];
    expect(stats.map((t) => [t.tier, t.rows])).toEqual([
      ['HOT', 6],
      ['WARM', 36],
      ['COLD', 0],
    ]);
    for (const m of memories)
      expect((await a.gql(MEMORY, { s: m.systemId, id: m.id })).data.memory).toEqual({
        clientId: m.id,
        content: m.content,
      });
    await a.akosha.close();
    // The ledger: more than one step a shard, none over 5 rows (a day here holds 3 at most).
    const meta = await DuckDBInstance.create(join(a.dir.path, 'meta', 'akosha.duckdb'));
    const conn = await meta.connect();
    const r = await conn.runAndReadAll(
      `SELECT count(*)::INTEGER AS steps, max(rows)::INTEGER AS most, count(DISTINCT shard)::INTEGER AS shards,
              sum(rows)::INTEGER AS total
       FROM job_steps WHERE move = 'hot_to_warm'`,
    );
    const { steps = 0, most = 0, shards = 0, total = 0 } = r.getRowObjectsJS()[0] as Record<string, number>;
    expect(total).toBe(36);
    expect(most).toBeLessThanOrEqual(5);
    expect(steps).toBeGreaterThan(2 * shards);
    conn.closeSync();
    meta.closeSync();
  });
});
