import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { type AgedMemory, agedMemories, migrate, NOW, START, STATS } from '../support/tiers.ts';
import { cosine } from '../support/vectors.ts';

const SEARCH = graphql(`query TiersSearch3($v: Vector!, $tiers: [Tier!], $limit: Int, $s: [String!]) {
  search(nearVector: $v, tiers: $tiers, limit: $limit, systemIds: $s) {
    hits { score tier shard clientId systemId memory { content metadata timestamp kind embedding } }
    partial shardsSearched
  }
}`);

type App = Awaited<ReturnType<typeof startTestApp>>;

describe('aging hot → warm → cold on the local-folder cold store', () => {
  let app: App;
  const memories = agedMemories(30);
  const byId = new Map(memories.map((m) => [m.id, m]));

  beforeAll(async () => {
    app = await startTestApp({}, undefined, { clock: () => NOW });
    expect((await app.gql(INGEST, { input: memories })).data.ingestMemories.accepted).toBe(90);
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('moves each memory to the tier its age calls for, exactly once', async () => {
    const job = await migrate(app);
    // 60 moves hot → warm (30- and 200-day-old), then 30 warm → cold (200-day-old)
    expect(job).toMatchObject({ status: 'DONE', recordsDone: 90, recordsTotal: 90, error: null });
    const stats = (await app.gql(STATS)).data.storageStats;
    expect(stats.map((t: { tier: string; rows: number }) => [t.tier, t.rows])).toEqual([
      ['HOT', 30],
      ['WARM', 30],
      ['COLD', 30],
    ]);
    expect(stats[2].bytes).toBeGreaterThan(0);
    const systems = (await app.gql(graphql(`query TiersSystems { systems { id memoryCount } }`))).data
      .systems;
    expect(systems.reduce((n: number, s: { memoryCount: number }) => n + s.memoryCount, 0)).toBe(90);
    const again = await migrate(app);
    expect(again).toMatchObject({ status: 'DONE', recordsTotal: 0 });
  });

  it('finds warm memories by default search and cold ones when asked, with content and metadata unchanged', async () => {
    const warm = byId.get('age30-7') as AgedMemory;
    const r = await app.gql(SEARCH, { v: warm.embedding, limit: 3 });
    const top = r.data.search.hits[0];
    expect(top).toMatchObject({
      clientId: 'age30-7',
      tier: 'WARM',
      shard: expect.stringMatching(/^warm-\d$/),
    });
    expect(top.score).toBeGreaterThan(0.99);
    expect(top.memory).toMatchObject({
      content: warm.content,
      metadata: warm.metadata,
      timestamp: warm.timestamp,
    });
    expect(cosine(top.memory.embedding, warm.embedding)).toBeGreaterThan(0.999);

    const cold = byId.get('age200-4') as AgedMemory;
    const notByDefault = await app.gql(SEARCH, { v: cold.embedding, limit: 30 });
    expect(notByDefault.data.search.hits.some((h: { clientId: string }) => h.clientId === cold.id)).toBe(
      false,
    );
    const c = await app.gql(SEARCH, { v: cold.embedding, tiers: ['COLD'], limit: 3 });
    expect(c.errors).toBeUndefined();
    expect(c.data.search.hits[0]).toMatchObject({
      clientId: cold.id,
      tier: 'COLD',
      shard: expect.stringMatching(
        new RegExp(`^memories/${cold.systemId}/2026/05/\\d\\d/part-job-.*\\.parquet$`),
      ),
    });
    expect(c.data.search.hits[0].memory).toMatchObject({
      content: cold.content,
      metadata: cold.metadata,
      kind: cold.kind,
    });
    const all = await app.gql(SEARCH, { v: cold.embedding, tiers: ['HOT', 'WARM', 'COLD'], limit: 90 });
    const ids = all.data.search.hits.map((h: { clientId: string }) => h.clientId);
    expect(new Set(ids).size).toBe(90);
  });

  it('finds a memory by id in whichever tier holds it, and treats a re-sent aged memory as a duplicate', async () => {
    for (const id of ['age1-2', 'age30-2', 'age200-2']) {
      const m = byId.get(id) as AgedMemory;
      const r = await app.gql(
        graphql(
          `query TiersMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content metadata } }`,
        ),
        {
          s: m.systemId,
          id,
        },
      );
      expect(r.data.memory).toEqual({ clientId: id, content: m.content, metadata: m.metadata });
    }
    const resend = await app.gql(INGEST, { input: [byId.get('age30-3'), byId.get('age200-3')] });
    expect(resend.data.ingestMemories).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  it('prunes cold objects by system and time', async () => {
    const cold = byId.get('age200-5') as AgedMemory;
    const other = cold.systemId === 'laptop' ? 'desktop' : 'laptop';
    const r = await app.gql(SEARCH, { v: cold.embedding, tiers: ['COLD'], s: [other], limit: 50 });
    expect(r.data.search.hits.every((h: { systemId: string }) => h.systemId === other)).toBe(true);
    expect(r.data.search.hits.some((h: { clientId: string }) => h.clientId === cold.id)).toBe(false);
  });

  it('exports the tier metrics', async () => {
    const text = await (await app.akosha.yoga.fetch('http://akosha.test/metrics')).text();
    expect(text).toMatch(
      /^akosha_migration_records_total\{source_tier="hot",target_tier="warm",status="moved"\} 60$/m,
    );
    expect(text).toMatch(
      /^akosha_migration_records_total\{source_tier="warm",target_tier="cold",status="moved"\} 30$/m,
    );
    expect(Number(/^akosha_warm_store_size_bytes (\S+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(Number(/^akosha_cold_store_size_bytes (\S+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(/^akosha_migration_duration_seconds_count\{status="DONE"\} 2$/m);
  });
});

describe('migration permissions', () => {
  it('lets an operator read jobs but not start one', async () => {
    const app = await startTestApp();
    try {
      const op = await app.token('operator');
      const r = await app.gql(START, {}, op);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(
        (await app.gql(graphql(`query TiersMigrationJobs { migrationJobs { id } }`), {}, op)).data
          .migrationJobs,
      ).toEqual([]);
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });
});
