import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { coalescing } from '../../storage/common/coalesce.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// Proves that concurrent searches against one shard share one scan: aliases in one request,
// and separate requests arriving together.

/** Scans of the hot shard (each search also scans the warm shard, batched the same way). */
async function scans(app: Awaited<ReturnType<typeof startTestApp>>, shard = 'hot-0'): Promise<number> {
  const metric = await app.akosha.app.metrics.shardScans.get();
  return metric.values.filter((v) => v.labels.shard === shard).reduce((n, v) => n + v.value, 0);
}

describe('DataLoader batching of shard scans', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const source = createVectorSource(7);
  const queries = Array.from({ length: 12 }, () => source.next());

  beforeAll(async () => {
    // Repeated queries would be answered by the query cache: these tests count shard scans.
    app = await startTestApp({ AKOSHA_SHARDS: '1', AKOSHA_CACHE_ENABLED: 'false' });
    const input = Array.from({ length: 3000 }, (_, i) => ({
      id: `m${i}`,
      systemId: `sys${i % 3}`,
      kind: 'CONVERSATION',
      content: `c${i}`,
      embedding: source.next(),
      timestamp: '2026-11-01T00:00:00Z',
    }));
    for (let i = 0; i < input.length; i += 1000) {
      expect((await app.gql(INGEST, { input: input.slice(i, i + 1000) })).data.ingestMemories.accepted).toBe(
        1000,
      );
    }
    // The index settled: a search alone and the same search in a batch walk the same graph.
    await app.akosha.stores.indexer?.caughtUp();
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  const one = (v: number[]) =>
    app.gql(
      graphql(
        `query BatchingSearch($v: Vector!) { search(nearVector: $v, limit: 5) { hits { clientId score } } }`,
      ),
      { v },
    );

  it('answers 12 aliases of one request with one scan, each with its own correct hits', async () => {
    const expected: unknown[] = [];
    for (const q of queries) expected.push((await one(q)).data.search.hits);
    const before = await scans(app);
    const warmBefore = await scans(app, 'warm-0');
    const aliases = queries
      .map((_, i) => `q${i}: search(nearVector: $v${i}, limit: 5) { hits { clientId score } }`)
      .join('\n');
    const vars = queries.map((_, i) => `$v${i}: Vector!`).join(', ');
    const r = await app.gql(
      `query(${vars}) { ${aliases} }`,
      Object.fromEntries(queries.map((q, i) => [`v${i}`, q])),
    );
    expect(r.errors).toBeUndefined();
    expect((await scans(app)) - before).toBe(1);
    expect((await scans(app, 'warm-0')) - warmBefore).toBe(1);
    queries.forEach((_, i) => {
      const got = r.data[`q${i}`].hits as { clientId: string; score: number }[];
      const want = expected[i] as { clientId: string; score: number }[];
      expect(got.map((h) => h.clientId)).toEqual(want.map((h) => h.clientId));
      got.forEach((h, j) => {
        expect(h.score).toBeCloseTo(want[j]?.score ?? Number.NaN, 5);
      });
    });
  });

  it('batches separate requests arriving together into far fewer scans than requests', async () => {
    const before = await scans(app);
    const results = await Promise.all(queries.concat(queries).map((q) => one(q)));
    const used = (await scans(app)) - before;
    expect(results.every((r) => r.errors === undefined && r.data.search.hits.length === 5)).toBe(true);
    expect(used).toBeLessThanOrEqual(queries.length);
    expect(used).toBeGreaterThanOrEqual(1);
    const metric = await app.akosha.app.metrics.shardScanQueries.get();
    expect(metric.values[0]?.value).toBeGreaterThan(0);
  });

  it('loads the memories of separate requests arriving together, each request getting its own', async () => {
    const withContent = (v: number[]) =>
      app.gql(
        graphql(
          `query BatchingSearchContent($v: Vector!) { search(nearVector: $v, limit: 5) { hits { clientId memory { clientId content } } } }`,
        ),
        { v },
      );
    const results = await Promise.all(queries.concat(queries).map((q) => withContent(q)));
    for (const [i, r] of results.entries()) {
      expect(r.errors).toBeUndefined();
      const alone = (await one(queries[i % queries.length] as number[])).data.search.hits;
      const hits = r.data.search.hits as {
        clientId: string;
        memory: { clientId: string; content: string };
      }[];
      expect(hits.map((h) => h.clientId)).toEqual(alone.map((h: { clientId: string }) => h.clientId));
      for (const h of hits)
        expect(h.memory).toEqual({ clientId: h.clientId, content: `c${h.clientId.slice(1)}` });
    }
  });
});

describe('coalescing reads', () => {
  it('runs a call on an idle function alone, and merges the calls that arrive while it runs', async () => {
    const runs: number[][] = [];
    let release: () => void = () => {};
    const read = coalescing(async (items: number[]) => {
      runs.push([...items]);
      if (runs.length === 1) await new Promise<void>((r) => (release = r));
      return items.map((x) => x * 10);
    });
    const first = read([1]);
    while (runs.length === 0) await new Promise((r) => setImmediate(r));
    const later = [read([2, 3]), read([4]), read([5])];
    release();
    expect(await first).toEqual([10]);
    for (const r of later) expect(await r).toEqual([20, 30, 40, 50]);
    expect(runs).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('fails only the callers of a failed call', async () => {
    let fail = true;
    const read = coalescing(async (items: number[]) => {
      if (fail) throw new Error('disk');
      return items;
    });
    const failed = read([1]);
    await expect(failed).rejects.toThrow('disk');
    fail = false;
    expect(await read([2])).toEqual([2]);
  });
});
