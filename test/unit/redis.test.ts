import { createHash } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../../deploy/local/redis.ts';
import { graphql } from '../../schema/operations/gql.ts';
import { type Listening, listen } from '../../server/app.ts';
import type { MemoryRecord } from '../../storage/types.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { agedMemories } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

// Two processes (A and B) sharing a real redis-server: cache levels, invalidation across
// processes, events, budgets, and Redis going away and coming back.

type App = Awaited<ReturnType<typeof startTestApp>>;
const SEARCH = graphql(
  `query RedisSearch($v: Vector!) { search(nearVector: $v, limit: 3) { hits { clientId } } }`,
);
const HEALTH = graphql(`query RedisHealth { health { redis } }`);
const START = graphql(
  `mutation RedisStartMigration { startMigration(input: { move: HOT_TO_WARM, olderThanDays: 5 }) { id } }`,
);

const source = createVectorSource(101);
const memory = (id: string, systemId = 'shared') => ({
  id,
  systemId,
  kind: 'CONVERSATION',
  content: `content ${id}`,
  embedding: source.next(),
  timestamp: '2026-11-20T10:00:00Z',
});

const hits = async (app: App) => {
  const text = await (await app.akosha.yoga.fetch('http://akosha.test/metrics')).text();
  const of = (level: string) =>
    Number(
      new RegExp(`^akosha_query_cache_hits_total\\{level="${level}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0,
    );
  return {
    l1: of('l1'),
    l2: of('l2'),
    miss: of('miss'),
    redisUp: Number(/^akosha_redis_up (\S+)$/m.exec(text)?.[1]),
  };
};

/** B's store gets the memory without going through B's API (no generation bump in B). */
async function insertBehindB(b: App, m: ReturnType<typeof memory>) {
  const embedding = Float32Array.from(m.embedding);
  const record: MemoryRecord = {
    ...m,
    embeddingModel: null,
    kind: 'CONVERSATION',
    contentHash: createHash('sha256').update(m.content).digest('hex'),
    timestamp: new Date(m.timestamp),
    uploadedAt: new Date(),
    metadata: {},
    embedding,
    norm: Math.hypot(...embedding),
  };
  await b.akosha.stores.insert(b.akosha.stores.shardOf(m.systemId), [record]);
}

describe('Redis shared by two processes', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: App;
  let b: App;
  const waitFor = async (check: () => Promise<boolean>, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    redis = await startRedis();
    a = await startTestApp({ ...redis.env(), AKOSHA_COST_BUDGET_PER_MINUTE: '1000000' });
    b = await startTestApp({ ...redis.env() });
    await waitFor(async () => (await hits(a)).redisUp === 1 && (await hits(b)).redisUp === 1);
    // Both processes serve the same memories (as api pods over shared stores would).
    const base = Array.from({ length: 20 }, (_, i) => memory(`base-${i}`));
    for (const app of [a, b])
      expect((await app.gql(INGEST, { input: base })).data.ingestMemories.accepted).toBe(20);
  });
  afterAll(async () => {
    await a.akosha.close();
    await b.akosha.close();
    await redis.stop();
    a.dir.remove();
    b.dir.remove();
  });

  it('answers a repeated search from L1, and another process’s identical search from L2', async () => {
    const v = source.next();
    const before = { a: await hits(a), b: await hits(b) };
    const first = await a.gql(SEARCH, { v });
    const again = await a.gql(SEARCH, { v });
    const other = await b.gql(SEARCH, { v });
    expect(again.data).toEqual(first.data);
    expect(other.data).toEqual(first.data);
    const after = { a: await hits(a), b: await hits(b) };
    expect(after.a.miss - before.a.miss).toBe(1);
    expect(after.a.l1 - before.a.l1).toBe(1);
    expect(after.b.l2 - before.b.l2).toBe(1);
    expect((await b.gql(HEALTH)).data.health.redis).toBe('up');
  });

  it('never serves B a result older than a write acknowledged by A (write-then-search, 10 rounds)', async () => {
    for (let round = 0; round < 10; round++) {
      const m = memory(`round-${round}`);
      // Warm B's cache for this vector before the memory exists.
      const before = await b.gql(SEARCH, { v: m.embedding });
      expect(before.data.search.hits.map((h: { clientId: string }) => h.clientId)).not.toContain(m.id);
      // The memory reaches B's store silently; only A's acknowledged write says something changed.
      await insertBehindB(b, m);
      expect((await a.gql(INGEST, { input: [m] })).data.ingestMemories.accepted).toBe(1);
      const after = await b.gql(SEARCH, { v: m.embedding });
      expect(after.data.search.hits[0].clientId, `round ${round}`).toBe(m.id);
    }
  });

  it('delivers A’s ingest events and migration progress to a subscriber on B', async () => {
    const http: Listening = await listen(b.akosha, '127.0.0.1', 0);
    const client = createClient({
      url: http.url.replace(/^http/, 'ws'),
      connectionParams: { authorization: `Bearer ${await b.token('viewer')}` },
      retryAttempts: 0,
    });
    try {
      const events: unknown[] = [];
      const done = new Promise<void>((resolve, reject) =>
        client.subscribe(
          { query: 'subscription { ingestEvents(systemIds: ["evt"]) { systemId accepted } }' },
          {
            next: (r) => {
              events.push(r.data);
              resolve();
            },
            error: reject,
            complete: resolve,
          },
        ),
      );
      await new Promise((r) => setTimeout(r, 200));
      await a.gql(INGEST, { input: [memory('e1', 'evt'), memory('e2', 'evt')] });
      await done;
      expect(events[0]).toEqual({ ingestEvents: { systemId: 'evt', accepted: 2 } });

      // A job that only another process runs (its steps paused, so it outlives the subscribe), followed from B.
      const e = await startTestApp({ ...redis.env(), AKOSHA_MIGRATION_STEP_PAUSE_MS: '400' });
      await waitFor(async () => (await hits(e)).redisUp === 1);
      await e.gql(INGEST, { input: agedMemories(8, 102, new Date()) });
      const progress: { state: string; seq: number }[] = [];
      const jobId = (await e.gql(START)).data.startMigration.id as string;
      // B has no such job in its own ledger: it follows the live events of that job.
      await new Promise<void>((resolve, reject) =>
        client.subscribe(
          { query: `subscription { migrationProgress(jobId: "${jobId}") { state seq } }` },
          {
            next: (r) =>
              void progress.push(
                (r.data as { migrationProgress: { state: string; seq: number } }).migrationProgress,
              ),
            error: reject,
            complete: resolve,
          },
        ),
      );
      expect(progress.length).toBeGreaterThan(1);
      expect(progress[progress.length - 1]?.state).toBe('DONE');
      expect(progress.map((p) => p.seq)).toEqual([...progress.map((p) => p.seq)].sort((x, y) => x - y));
      await e.akosha.stores.migrator.idle();
      await e.akosha.close();
      e.dir.remove();
    } finally {
      await client.dispose();
      await http.stop();
    }
  });

  it('shares cost budgets: what A spends, B cannot spend again', async () => {
    const redisEnv = { ...redis.env(), AKOSHA_COST_BUDGET_PER_MINUTE: '500' };
    const c = await startTestApp(redisEnv);
    const d = await startTestApp(redisEnv);
    try {
      await waitFor(async () => (await hits(c)).redisUp === 1 && (await hits(d)).redisUp === 1);
      const token = await c.token('viewer', 'budget-shared');
      const query = '{ systems { id } }'; // costs 100 (assumed list size × 1)
      for (let i = 0; i < 5; i++) expect((await c.gql(query, {}, token)).errors, `call ${i}`).toBeUndefined();
      const refused = await d.gql(query, {}, token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(refused.status).toBe(429);
    } finally {
      await c.akosha.close();
      await d.akosha.close();
      c.dir.remove();
      d.dir.remove();
    }
  });

  it('goes on without Redis, and uses L2 again once it is back', async () => {
    await redis.stop();
    await waitFor(async () => (await hits(b)).redisUp === 0);
    expect((await b.gql(HEALTH)).data.health.redis).toBe('down');
    const v = source.next();
    const r = await b.gql(SEARCH, { v });
    expect(r.errors).toBeUndefined();
    expect(r.data.search.hits).toHaveLength(3);
    // Ingest goes on too.
    expect((await b.gql(INGEST, { input: [memory('while-down')] })).data.ingestMemories.accepted).toBe(1);
    await redis.start();
    await waitFor(async () => (await hits(a)).redisUp === 1 && (await hits(b)).redisUp === 1);
    await new Promise((r) => setTimeout(r, 200));
    const w = source.next();
    await a.gql(SEARCH, { v: w });
    const before = await hits(b);
    await b.gql(SEARCH, { v: w });
    expect((await hits(b)).l2 - before.l2).toBe(1);
  });
});
