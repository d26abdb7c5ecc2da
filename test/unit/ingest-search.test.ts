import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp, type TestMemory } from '../support/app.ts';
import { cosine, createVectorSource, toBase64 } from '../support/vectors.ts';

const SYSTEMS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
const PROJECTS = ['akosha', 'session-buddy', 'crackerjack'];
const DAY = 86_400_000;
const BASE = Date.parse('2026-10-01T00:00:00Z');

function makeMemories(n: number, seed = 1): TestMemory[] {
  const source = createVectorSource(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `m-${i}`,
    systemId: SYSTEMS[i % SYSTEMS.length] ?? 'alpha',
    kind: i % 3 === 0 ? 'REFLECTION' : 'CONVERSATION',
    content: `memory number ${i}`,
    embedding: source.next(),
    timestamp: new Date(BASE + i * DAY).toISOString(),
    metadata: {
      project: PROJECTS[i % 3],
      tags: [`t${i % 4}`, 'all'],
      session: `s-${i % 7}`,
      importance: i % 10,
    },
  }));
}

const SEARCH =
  graphql(`query Search($v: Vector, $text: String, $systemIds: [String!], $projects: [String!], $tags: [String!],
  $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int) {
  search(nearVector: $v, nearText: $text, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from,
    to: $to, minScore: $minScore, limit: $limit) {
    hits { score tier shard systemId clientId memory { clientId systemId kind content metadata timestamp } }
    shardsSearched partial tookMs
  }
}`);

/** The exact answer computed here, independently of the server. */
function expectedTop(
  all: TestMemory[],
  query: number[],
  k: number,
  keep: (m: TestMemory) => boolean = () => true,
) {
  return all
    .filter(keep)
    .map((m) => ({ id: m.id, score: cosine(query, m.embedding as number[]) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

describe('ingest and search through GraphQL on real DuckDB shards', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const memories = makeMemories(300);

  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_MAX_RESULTS: '25' });
    const r = await app.gql(INGEST, { input: memories });
    expect(r.errors).toBeUndefined();
    expect(r.data.ingestMemories).toEqual({ accepted: 300, duplicates: 0, rejected: [] });
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('finds the nearest record first, with its full memory', async () => {
    const target = memories[123] as TestMemory;
    const r = await app.gql(SEARCH, { v: target.embedding, limit: 5 });
    expect(r.errors).toBeUndefined();
    const result = r.data.search;
    expect(result.hits).toHaveLength(5);
    expect(result.hits[0].clientId).toBe('m-123');
    expect(result.hits[0].score).toBeCloseTo(1, 5);
    expect(result.hits[0].tier).toBe('HOT');
    expect(result.hits[0].shard).toMatch(/^hot-[0-3]$/);
    expect(result.hits[0].memory).toEqual({
      clientId: 'm-123',
      systemId: target.systemId,
      kind: target.kind,
      content: target.content,
      metadata: target.metadata,
      timestamp: target.timestamp,
    });
    const want = expectedTop(memories, target.embedding as number[], 5);
    expect(result.hits.map((h: { clientId: string }) => h.clientId)).toEqual(want.map((w) => w.id));
    result.hits.forEach((h: { score: number }, i: number) => {
      expect(h.score).toBeCloseTo(want[i]?.score ?? Number.NaN, 4);
    });
    expect(result.shardsSearched).toEqual([
      'hot-0',
      'hot-1',
      'hot-2',
      'hot-3',
      'warm-0',
      'warm-1',
      'warm-2',
      'warm-3',
    ]);
    expect(result.partial).toBe(false);
    expect(result.tookMs).toBeGreaterThan(0);
  });

  it('with systemIds touches only those systems’ shards and returns only their memories', async () => {
    const q = memories[7]?.embedding as number[];
    const r = await app.gql(SEARCH, { v: q, systemIds: ['beta'], limit: 10 });
    const { hits, shardsSearched } = r.data.search;
    expect(hits).toHaveLength(10);
    expect(new Set(hits.map((h: { systemId: string }) => h.systemId))).toEqual(new Set(['beta']));
    expect(shardsSearched).toHaveLength(2);
    expect(shardsSearched[0]).toMatch(/^hot-\d$/);
    expect(shardsSearched[1]).toBe(shardsSearched[0].replace('hot', 'warm'));
    expect(hits.map((h: { clientId: string }) => h.clientId)).toEqual(
      expectedTop(memories, q, 10, (m) => m.systemId === 'beta').map((w) => w.id),
    );
  });

  it('filters by project, tags, time range and minScore exactly', async () => {
    const q = memories[50]?.embedding as number[];
    const from = new Date(BASE + 100 * DAY).toISOString();
    const to = new Date(BASE + 200 * DAY).toISOString();
    const r = await app.gql(SEARCH, { v: q, projects: ['akosha'], tags: ['t1', 't2'], from, to, limit: 25 });
    expect(r.errors).toBeUndefined();
    const keep = (m: TestMemory) =>
      m.metadata?.project === 'akosha' &&
      ['t1', 't2'].some((t) => ((m.metadata?.tags ?? []) as string[]).includes(t)) &&
      m.timestamp >= from &&
      m.timestamp <= to;
    const want = expectedTop(memories, q, 25, keep);
    expect(want.length).toBeGreaterThan(3);
    expect(r.data.search.hits.map((h: { clientId: string }) => h.clientId)).toEqual(want.map((w) => w.id));

    const threshold = want[2]?.score ?? 1;
    const r2 = await app.gql(SEARCH, {
      v: q,
      projects: ['akosha'],
      tags: ['t1', 't2'],
      from,
      to,
      minScore: threshold,
    });
    expect(r2.data.search.hits.map((h: { clientId: string }) => h.clientId)).toEqual(
      want.slice(0, 3).map((w) => w.id),
    );
  });

  it('caps limit at AKOSHA_MAX_RESULTS and refuses a bad limit', async () => {
    const q = memories[1]?.embedding as number[];
    const r = await app.gql(SEARCH, { v: q, limit: 500 });
    expect(r.data.search.hits).toHaveLength(25);
    const bad = await app.gql(SEARCH, { v: q, limit: 0 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('accepts the base64 float32 form of a vector', async () => {
    const target = memories[42] as TestMemory;
    const r = await app.gql(SEARCH, { v: toBase64(target.embedding as number[]), limit: 1 });
    expect(r.data.search.hits[0].clientId).toBe('m-42');
  });

  it('re-ingesting stored records counts them as duplicates and writes nothing', async () => {
    const again = await app.gql(INGEST, { input: memories.slice(0, 50) });
    expect(again.data.ingestMemories).toEqual({ accepted: 0, duplicates: 50, rejected: [] });
    const withRepeat = await app.gql(INGEST, {
      input: [memories[0], { ...memories[0], id: 'fresh-1' }, { ...memories[0], id: 'fresh-1' }],
    });
    expect(withRepeat.data.ingestMemories).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    const systems = await app.gql(
      graphql(`query IngestSearchSystems2 { systems { id memoryCount lastUploadAt } }`),
    );
    const total = systems.data.systems.reduce(
      (n: number, s: { memoryCount: number }) => n + s.memoryCount,
      0,
    );
    expect(total).toBe(301);
    expect(systems.data.systems.map((s: { id: string }) => s.id)).toEqual([...SYSTEMS].sort());
  });

  it('rejects bad items one by one and stores the good ones of the same batch', async () => {
    const good = makeMemories(1, 99)[0] as TestMemory;
    const nan = toBase64([Number.NaN, ...(good.embedding as number[]).slice(1)]);
    const batch = [
      { ...good, id: 'ok-1' },
      { ...good, id: 'short', embedding: (good.embedding as number[]).slice(0, 100) },
      { ...good, id: 'nan', embedding: nan },
      { ...good, id: '' },
      { ...good, id: 'badsys', systemId: 'no/slashes' },
      { ...good, id: 'longsys', systemId: 'x'.repeat(101) },
      { ...good, id: 'zeros', embedding: new Array(384).fill(0) },
      { ...good, id: 'meta', metadata: [1, 2] },
      { ...good, id: 'ok-2' },
    ];
    const r = await app.gql(INGEST, { input: batch });
    expect(r.errors).toBeUndefined();
    const { accepted, duplicates, rejected } = r.data.ingestMemories;
    expect(accepted).toBe(2);
    expect(duplicates).toBe(0);
    expect(rejected.map((x: { index: number }) => x.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rejected[0].reason).toMatch(/100 values, expected 384/);
    expect(rejected[1].reason).toMatch(/not a finite/);
    expect(rejected[2].reason).toMatch(/id must not be empty/);
    expect(rejected[3].reason).toMatch(/systemId/);
    expect(rejected[5].reason).toMatch(/zeros/);
    expect(rejected[6].reason).toMatch(/metadata must be a JSON object/);
    for (const id of ['short', 'nan', 'zeros', 'meta']) {
      const m = await app.gql(
        graphql(
          `query IngestSearchMemory3($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }`,
        ),
        {
          s: good.systemId,
          id,
        },
      );
      expect(m.data.memory).toBeNull();
    }
    const ok = await app.gql(
      graphql(`query IngestSearchMemory2 { memory(systemId: "alpha", id: "ok-2") { clientId content } }`),
    );
    expect(ok.data.memory).toEqual({ clientId: 'ok-2', content: good.content });
  });

  it('refuses a malformed base64 vector for the whole request, writing nothing', async () => {
    const good = makeMemories(1, 77)[0] as TestMemory;
    const r = await app.gql(INGEST, {
      input: [
        { ...good, id: 'b64-ok' },
        { ...good, id: 'b64-bad', embedding: 'not*base64!' },
      ],
    });
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0]?.message).toMatch(/base64/);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const m = await app.gql(
      graphql(`query IngestSearchMemory($s: String!) { memory(systemId: $s, id: "b64-ok") { clientId } }`),
      {
        s: good.systemId,
      },
    );
    expect(m.data.memory).toBeNull();
  });

  it('nearText finds text sharing words with the query (lexical embedder)', async () => {
    const embed = app.akosha.app.embedder;
    const texts = [
      'deploying duckdb shards on kubernetes',
      'baking sourdough bread at home',
      'redis cache eviction',
    ];
    const input = await Promise.all(
      texts.map(async (content, i) => ({
        id: `text-${i}`,
        systemId: 'textsys',
        kind: 'CONVERSATION',
        content,
        embedding: Array.from(await embed.embed(content)),
        timestamp: '2026-11-01T10:00:00Z',
      })),
    );
    expect((await app.gql(INGEST, { input })).data.ingestMemories.accepted).toBe(3);
    const r = await app.gql(SEARCH, { text: 'how do I bake bread', systemIds: ['textsys'], limit: 3 });
    expect(r.data.search.hits[0].clientId).toBe('text-1');
  });

  it('refuses a search with both or neither of nearVector and nearText', async () => {
    const both = await app.gql(SEARCH, { v: memories[0]?.embedding, text: 'x' });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const neither = await app.gql(SEARCH, {});
    expect(neither.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wrongDim = await app.gql(SEARCH, { v: [0.1, 0.2] });
    expect(wrongDim.errors?.[0]?.message).toMatch(/expected 384/);
  });
});

describe('batch limits, persistence and timeouts', () => {
  it('refuses an over-limit batch whole and writes nothing', async () => {
    const app = await startTestApp({ AKOSHA_MAX_BATCH_SIZE: '10' });
    try {
      const r = await app.gql(INGEST, { input: makeMemories(11) });
      expect(r.data).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('BATCH_TOO_LARGE');
      expect(r.errors?.[0]?.message).toMatch(/at most 10/);
      expect(r.status).toBe(413);
      const systems = await app.gql(graphql(`query IngestSearchSystems { systems { id } }`));
      expect(systems.data.systems).toEqual([]);
      const ten = await app.gql(INGEST, { input: makeMemories(10) });
      expect(ten.data.ingestMemories.accepted).toBe(10);
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });

  it('keeps data across a restart and refuses a changed shard count', async () => {
    const first = await startTestApp();
    const memories = makeMemories(40, 5);
    await first.gql(INGEST, { input: memories });
    await first.akosha.close();
    const second = await startTestApp({}, first.dir);
    try {
      const r = await second.gql(SEARCH, { v: memories[17]?.embedding, limit: 1 });
      expect(r.data.search.hits[0].memory.clientId).toBe('m-17');
    } finally {
      await second.akosha.close();
    }
    await expect(startTestApp({ AKOSHA_SHARDS: '8' }, first.dir)).rejects.toThrow(/AKOSHA_SHARDS is 8/);
    first.dir.remove();
  });

  it('bounds a search by AKOSHA_QUERY_TIMEOUT with QUERY_TIMEOUT', async () => {
    const app = await startTestApp({ AKOSHA_SHARDS: '1', AKOSHA_QUERY_TIMEOUT: '0.001' });
    try {
      for (let i = 0; i < 6; i++) {
        const batch = makeMemories(1000, i + 10).map((m) => ({ ...m, id: `${i}-${m.id}` }));
        expect((await app.gql(INGEST, { input: batch })).data.ingestMemories.accepted).toBe(1000);
      }
      const r = await app.gql(SEARCH, { v: makeMemories(1, 3)[0]?.embedding });
      expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
      expect(r.errors?.[0]?.message).toMatch(/AKOSHA_QUERY_TIMEOUT/);
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });
});
