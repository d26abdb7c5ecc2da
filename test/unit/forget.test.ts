import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { mintDevelopmentToken } from '../../server/auth.ts';
import { INGEST, startTestApp, type TestMemory } from '../support/app.ts';
import { JOB, migrate, NOW } from '../support/tiers.ts';
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
  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) { hits { systemId id tier } }
}`);
const MEMORY = graphql(
  `query ForgetMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { id } }`,
);
const STATS = graphql(`query ForgetStats { storageStats { tier rows } }`);

describe('forgetMemories', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const probe = memories[0]?.embedding as number[];
  const hitIds = async () =>
    ((await app.gql(SEARCH, { v: probe })).data.search.hits as { id: string }[]).map((h) => h.id).sort();
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
    return (await app.gql(JOB, { id: r.data.forgetMemories.id })).data.migrationJob;
  };

  beforeAll(async () => {
    app = await startTestApp({}, undefined, { clock: () => NOW });
    expect((await app.gql(INGEST, { input: memories })).data.ingestMemories.accepted).toBe(memories.length);
    expect(await migrate(app)).toMatchObject({ status: 'DONE' });
    const tiers = (await app.gql(STATS)).data.storageStats as { tier: string; rows: number }[];
    expect(tiers.map((t) => t.rows)).toEqual([12, 12, 12]);
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
});
