import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { mintDevelopmentToken } from '../../server/auth.ts';
import { INGEST, startTestApp, type TestMemory } from '../support/app.ts';
import { coldBytesOnDisk, JOB, migrate, NOW } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

// Forgetting: a filtered forget, then a whole system, across hot (with its vector index), warm and
// cold; every read path (search, memory, export, cached results) stops returning the memories,
// other systems are untouched, and re-sending a forgotten memory stores it anew.

const DAY = 86_400_000;
const source = createVectorSource(151);
const memories: TestMemory[] = ['gone', 'kept'].flatMap((systemId) =>
  [1, 30, 200].flatMap((age) =>
    Array.from({ length: 6 }, (_, i) => ({
      id: `${systemId}-${age}-${i}`,
      systemId,
      kind: 'CONVERSATION' as const,
      content: `${systemId} memory ${i}, ${age} days old`,
      embedding: source.next(),
      timestamp: new Date(NOW.getTime() - age * DAY - i * 60_000).toISOString(),
      metadata: { project: `p${i % 2}` },
    })),
  ),
);

const FORGET = graphql(
  `mutation Forget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }`,
);
const SEARCH = graphql(`query ForgetSearch($v: Vector!) {
  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) { hits { systemId clientId tier } strategies { shard strategy } }
}`);
const MEMORY = graphql(
  `query ForgetMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }`,
);
const STATS = graphql(`query ForgetStats { storageStats { tier rows bytes } }`);
const AUDIT = graphql(`query ForgetAudit { auditLog(limit: 100) { principal operation counts } }`);

describe('forgetMemories', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const probe = memories[0]?.embedding as number[];
  const hitIds = async () =>
    ((await app.gql(SEARCH, { v: probe })).data.search.hits as { clientId: string }[])
      .map((h) => h.clientId)
      .sort();
  const present = async (m: TestMemory) =>
    (await app.gql(MEMORY, { s: m.systemId, id: m.id })).data.memory !== null;
  const totalRows = async () =>
    ((await app.gql(STATS)).data.storageStats as { rows: number }[]).reduce((a, t) => a + t.rows, 0);
  const exported = async (systemId: string) => {
    const res = await app.akosha.yoga.fetch(`http://akosha.test/export/${systemId}.jsonl`, {
      headers: { authorization: `Bearer ${await app.token('viewer')}` },
    });
    expect(res.status).toBe(200);
    return (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id)
      .sort();
  };
  const forget = async (input: Record<string, unknown>) => {
    const r = await app.gql(FORGET, { input });
    expect(r.errors).toBeUndefined();
    await app.akosha.stores.migrator.idle();
    return {
      id: r.data.forgetMemories.id,
      ...(await app.gql(JOB, { id: r.data.forgetMemories.id })).data.migrationJob,
    };
  };

  beforeAll(async () => {
    app = await startTestApp({}, undefined, { clock: () => NOW });
    expect((await app.gql(INGEST, { input: memories })).data.ingestMemories.accepted).toBe(memories.length);
    expect(await migrate(app)).toMatchObject({ status: 'DONE' });
    const tiers = (await app.gql(STATS)).data.storageStats as { tier: string; rows: number }[];
    expect(tiers.map((t) => t.rows)).toEqual([12, 12, 12]);
    await app.akosha.stores.indexer?.caughtUp();
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('refuses a caller without ingest:delete or out of scope, and bad filters, with nothing deleted', async () => {
    const viewer = await app.gql(FORGET, { input: { systemIds: ['gone'] } }, await app.token('viewer'));
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const scoped = await mintDevelopmentToken(app.config, {
      sub: 's',
      roles: ['admin'],
      ttlSeconds: 60,
      systems: ['kept'],
    });
    const outOfScope = await app.gql(FORGET, { input: { systemIds: ['gone'] } }, scoped);
    expect(outOfScope.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const input of [
      { systemIds: [] },
      { systemIds: ['gone'], from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { systemIds: ['gone'], ids: [''] },
    ]) {
      const r = await app.gql(FORGET, { input });
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await totalRows()).toBe(memories.length);
  });

  it('forgets only what matches every filter, in every tier', async () => {
    const before = await hitIds(); // also fills the result caches
    // The hot shards holding memories answer through the approximate index (empty ones exactly).
    const strategies = (await app.gql(SEARCH, { v: probe })).data.search.strategies as {
      shard: string;
      strategy: string;
    }[];
    expect(strategies.filter((s) => s.shard.startsWith('hot-')).map((s) => s.strategy)).toContain('ann');
    expect(before).toHaveLength(memories.length);
    const matches = (m: TestMemory) => m.systemId === 'gone' && m.metadata?.project === 'p0';
    const job = await forget({ systemIds: ['gone'], projects: ['p0'] });
    expect(job).toMatchObject({ error: null, status: 'DONE', recordsDone: 9, recordsTotal: 9 });
    for (const m of memories) expect(await present(m)).toBe(!matches(m));
    expect(await hitIds()).toEqual(
      memories
        .filter((m) => !matches(m))
        .map((m) => m.id)
        .sort(),
    );
    expect(await exported('gone')).toEqual(
      memories
        .filter((m) => m.systemId === 'gone' && !matches(m))
        .map((m) => m.id)
        .sort(),
    );
    expect(await totalRows()).toBe(memories.length - 9);
    // The rewritten objects' sizes in the catalog are their files' own.
    const tiers = (await app.gql(STATS)).data.storageStats as { tier: string; bytes: number }[];
    expect(tiers.find((t) => t.tier === 'COLD')?.bytes).toBe(coldBytesOnDisk(app.config.storage.coldPath));
    const audit = (await app.gql(AUDIT)).data.auditLog as {
      principal: string;
      operation: string;
      counts: unknown;
    }[];
    expect(audit.find((e) => e.operation === `forget job ${job.id}`)).toMatchObject({
      principal: 'test-admin',
      counts: { planned: 9, deleted: 9 },
    });
  });

  it('forgets a whole system, leaves the others, and stores a re-sent memory anew', async () => {
    const job = await forget({ systemIds: ['gone'] });
    expect(job).toMatchObject({ status: 'DONE', recordsDone: 9 });
    expect(await hitIds()).toEqual(
      memories
        .filter((m) => m.systemId === 'kept')
        .map((m) => m.id)
        .sort(),
    );
    expect(await exported('gone')).toEqual([]);
    expect(await exported('kept')).toHaveLength(18);
    for (const m of memories) expect(await present(m)).toBe(m.systemId === 'kept');
    const tiers = (await app.gql(STATS)).data.storageStats as { rows: number }[];
    expect(tiers.map((t) => t.rows)).toEqual([6, 6, 6]);
    // The bytes are gone too: no cold object of the system is left, in the store or its cache.
    const files = [app.config.storage.coldPath, app.config.storage.coldCachePath]
      .filter((d) => existsSync(d))
      .flatMap((d) => readdirSync(d, { recursive: true, encoding: 'utf8' }));
    expect(files.some((f) => f.includes('kept'))).toBe(true);
    expect(files.filter((f) => f.includes('gone') && f.endsWith('.parquet'))).toEqual([]);
    // Nothing is left to forget: a second job finds no steps.
    expect(await forget({ systemIds: ['gone'] })).toMatchObject({ status: 'DONE', recordsTotal: 0 });
    const again = memories.filter((m) => m.systemId === 'gone');
    const resent = await app.gql(INGEST, { input: again });
    expect(resent.data.ingestMemories).toMatchObject({ accepted: again.length, duplicates: 0 });
    for (const m of again) expect(await present(m)).toBe(true);
  });
  it('keeps a memory sent after the forget was asked for: it is a new one', async () => {
    const { migrator } = app.akosha.stores;
    let release = () => {};
    // Jobs wait while this runs, so the forget below is asked for, then waits.
    const held = migrator.between(
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    const asked = await app.gql(FORGET, { input: { systemIds: ['gone'] } });
    expect(asked.errors).toBeUndefined();
    const late: TestMemory = {
      id: 'gone-late',
      systemId: 'gone',
      kind: 'CONVERSATION',
      content: 'sent while the forget waited',
      embedding: source.next(),
      timestamp: NOW.toISOString(),
    };
    expect((await app.gql(INGEST, { input: [late] })).data.ingestMemories.accepted).toBe(1);
    release();
    await held;
    await migrator.idle();
    const job = (await app.gql(JOB, { id: asked.data.forgetMemories.id })).data.migrationJob;
    const before = memories.filter((m) => m.systemId === 'gone');
    expect(job).toMatchObject({ status: 'DONE', recordsDone: before.length });
    expect(await present(late)).toBe(true);
    for (const m of before) expect(await present(m)).toBe(false);
  });
});

describe('retention', () => {
  it("forgets what is older than each system's maximum age when aging runs (first matching rule, else global)", async () => {
    const app = await startTestApp(
      { AKOSHA_RETENTION_DAYS: '100', AKOSHA_RETENTION_SYSTEMS: 'keep-*=0,short-*=20' },
      undefined,
      { clock: () => NOW },
    );
    try {
      const aged = ['plain', 'keep-1', 'short-1'].flatMap((systemId) =>
        [1, 30, 200].map((age) => ({
          id: `${systemId}-${age}`,
          systemId,
          kind: 'CONVERSATION' as const,
          content: `${age} days`,
          embedding: source.next(),
          timestamp: new Date(NOW.getTime() - age * DAY).toISOString(),
        })),
      );
      expect((await app.gql(INGEST, { input: aged })).data.ingestMemories.accepted).toBe(9);
      // A dry run forgets nothing.
      expect(await migrate(app, { dryRun: true })).toMatchObject({ status: 'DONE' });
      expect(((await app.gql(STATS)).data.storageStats as { rows: number }[]).map((t) => t.rows)).toEqual([
        9, 0, 0,
      ]);
      expect(await migrate(app)).toMatchObject({ status: 'DONE' });
      const maxAge: Record<string, number> = { plain: 100, 'keep-1': Infinity, 'short-1': 20 };
      for (const m of aged) {
        const kept = (await app.gql(MEMORY, { s: m.systemId, id: m.id })).data.memory !== null;
        const age = Number(m.id.split('-').at(-1));
        expect([m.id, kept]).toEqual([m.id, age <= (maxAge[m.systemId] ?? 0)]);
      }
      const audit = (await app.gql(AUDIT)).data.auditLog as { principal: string; counts: unknown }[];
      expect(audit.filter((e) => e.principal.startsWith('retention')).map((e) => e.counts)).toEqual(
        expect.arrayContaining([
          { planned: 1, deleted: 1 },
          { planned: 2, deleted: 2 },
        ]),
      );
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });
});
