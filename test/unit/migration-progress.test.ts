import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { type Listening, listen } from '../../server/app.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { agedMemories, NOW, START, STATS } from '../support/tiers.ts';

type Progress = {
  seq: number;
  phase: string;
  state: string;
  recordsDone: number;
  recordsTotal: number;
  rate: number;
  etaSeconds: number | null;
  bytesDone: number;
};

const PROGRESS = graphql(`subscription MigrationProgressMigrationProgress($id: ID!, $after: Int) {
  migrationProgress(jobId: $id, after: $after) { seq phase state recordsDone recordsTotal rate etaSeconds bytesDone }
}`);

/** Follows a job over graphql-ws; stops after `take` events when given. */
function follow(url: string, token: string, id: string, after = 0, take = Number.POSITIVE_INFINITY) {
  const client = createClient({
    url,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
  const events: Progress[] = [];
  const done = new Promise<{ completed: boolean; error?: unknown }>((resolve) => {
    const unsubscribe = client.subscribe<{ migrationProgress: Progress }>(
      { query: PROGRESS.toString(), variables: { id, after } },
      {
        next: (r) => {
          if (r.data) events.push(r.data.migrationProgress);
          if (events.length >= take) {
            unsubscribe();
            resolve({ completed: false });
          }
        },
        error: (error) => resolve({ completed: false, error }),
        complete: () => resolve({ completed: true }),
      },
    );
  });
  return { events, done: done.finally(() => client.dispose()) };
}

describe('migration progress subscriptions', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let http: Listening;
  let ws: string;
  let viewer: string;

  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_MIGRATION_STEP_PAUSE_MS: '120' }, undefined, { clock: () => NOW });
    http = await listen(app.akosha, '127.0.0.1', 0);
    ws = http.url.replace(/^http/, 'ws');
    viewer = await app.token('viewer');
  });
  afterAll(async () => {
    await http.stop();
    await app.akosha.close();
    app.dir.remove();
  });

  async function startJob(seed: number, input: Record<string, unknown> = {}) {
    const memories = agedMemories(30, seed).map((m) => ({ ...m, id: `${seed}-${m.id}` }));
    expect((await app.gql(INGEST, { input: memories })).data.ingestMemories.accepted).toBe(90);
    const r = await app.gql(START, { input });
    expect(r.errors).toBeUndefined();
    return r.data.startMigration.id as string;
  }

  let full: Progress[] = [];
  let firstJob = '';

  it('streams the whole job to a viewer: monotonic seq, every phase, RUNNING until one final DONE', async () => {
    const id = await startJob(1);
    firstJob = id;
    const watch = follow(ws, viewer, id);
    const { completed, error } = await watch.done;
    expect(error).toBeUndefined();
    expect(completed).toBe(true);
    full = watch.events;
    expect(full.map((e) => e.seq)).toEqual(full.map((_, i) => i + 1));
    expect(full[0]?.phase).toBe('PLAN');
    expect(full.slice(0, -1).every((e) => e.state === 'RUNNING')).toBe(true);
    expect(full.at(-1)).toMatchObject({ state: 'DONE', recordsDone: 90, recordsTotal: 90, etaSeconds: 0 });
    for (const phase of ['PLAN', 'COPY', 'VERIFY', 'SWITCH', 'DELETE'])
      expect(full.map((e) => e.phase)).toContain(phase);
    full.slice(1).forEach((e, i) => {
      expect(e.recordsDone).toBeGreaterThanOrEqual(full[i]?.recordsDone ?? 0);
    });
    expect(full.at(-1)?.bytesDone).toBeGreaterThan(0);
    expect(full.some((e) => e.state === 'RUNNING' && e.rate > 0)).toBe(true);
  });

  it('replays a finished job and completes; after: k gives exactly the events after k', async () => {
    const replay = follow(ws, viewer, firstJob);
    expect((await replay.done).completed).toBe(true);
    expect(replay.events).toEqual(full);
    const k = Math.floor(full.length / 2);
    const rest = follow(ws, viewer, firstJob, k);
    expect((await rest.done).completed).toBe(true);
    expect(rest.events).toEqual(full.slice(k));
  });

  it('a client that drops mid-job and reconnects with after: <last seq> sees no gap and no repeat', async () => {
    const id = await startJob(2);
    const first = follow(ws, viewer, id, 0, 3);
    await first.done;
    expect(first.events).toHaveLength(3);
    const last = first.events.at(-1)?.seq ?? 0;
    const second = follow(ws, viewer, id, last);
    expect((await second.done).completed).toBe(true);
    const seqs = [...first.events, ...second.events].map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(second.events.at(-1)?.state).toBe('DONE');
  });

  it('lets a viewer watch but not start or cancel', async () => {
    const r = await app.gql(START, {}, viewer);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const c = await app.gql(
      graphql(`mutation MigrationProgressCancelMigration2 { cancelMigration(id: "x") { id } }`),
      {},
      viewer,
    );
    expect(c.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('cancels mid-job between steps, leaving no memory lost or doubled', async () => {
    const before = (
      await app.gql(graphql(`query MigrationProgressSystems { systems { memoryCount } }`))
    ).data.systems.reduce((n: number, s: { memoryCount: number }) => n + s.memoryCount, 0);
    const id = await startJob(3);
    const watch = follow(ws, viewer, id);
    while (!watch.events.some((e) => e.phase === 'DELETE')) await new Promise((r) => setTimeout(r, 10));
    const c = await app.gql(
      graphql(
        `mutation MigrationProgressCancelMigration($id: ID!) { cancelMigration(id: $id) { id status } }`,
      ),
      { id },
    );
    expect(c.data.cancelMigration.id).toBe(id);
    await watch.done;
    const last = watch.events.at(-1);
    expect(last?.state).toBe('CANCELLED');
    expect(last?.recordsDone).toBeLessThan(last?.recordsTotal ?? 0);
    const stats = (await app.gql(STATS)).data.storageStats;
    const total = stats.reduce((n: number, t: { rows: number }) => n + t.rows, 0);
    expect(total).toBe(before + 90);
    const job = (
      await app.gql(
        graphql(`query MigrationProgressMigrationJob($id: ID!) { migrationJob(id: $id) { status } }`),
        { id },
      )
    ).data.migrationJob;
    expect(job.status).toBe('CANCELLED');
  });

  it('streams over SSE too: a finished job replays and the stream ends', async () => {
    const res = await fetch(http.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${viewer}`,
      },
      body: JSON.stringify({
        query: PROGRESS.toString(),
        variables: { id: firstJob, after: full.length - 2 },
      }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = [...text.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1] ?? '{}'));
    const events = data.filter((d) => d.data).map((d) => d.data.migrationProgress);
    expect(events).toEqual(full.slice(-2));
    expect(text).toMatch(/event: complete/);
  });
});
