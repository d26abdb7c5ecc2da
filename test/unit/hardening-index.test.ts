import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { VectorIndexHost } from '../../storage/hot/vector-index.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { createVectorSource, mulberry32 } from '../support/vectors.ts';

// Index files on disk are verified, not trusted: a damaged one is rebuilt, never loaded.

const SEARCH = graphql(`query HardeningIndexSearch($v: Vector!) {
  search(nearVector: $v, limit: 1, tiers: [HOT]) { hits { clientId } strategies { strategy } }
}`);

describe('a damaged shard-N.usearch', () => {
  const dir = tempDir();
  const env = { AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '10' };
  const source = createVectorSource(41);
  const memories = Array.from({ length: 2000 }, (_, i) => ({
    id: `d${i}`,
    systemId: 'disk',
    kind: 'CONVERSATION',
    content: `memory ${i}`,
    embedding: source.next(),
    timestamp: '2026-11-20T10:00:00Z',
  }));
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const file = join(dir.path, 'hot', 'shard-0.usearch');

  /** Top-1 of 40 stored vectors must be the memory itself. */
  async function top1Correct(): Promise<number> {
    let right = 0;
    for (let i = 0; i < 2000; i += 50) {
      const m = memories[i] as (typeof memories)[number];
      const r = await app.gql(SEARCH, { v: m.embedding });
      if (r.data.search.hits[0]?.clientId === m.id) right++;
    }
    return right;
  }

  /** Stops the server, changes the file meanwhile (a running server would save over it), starts again. */
  async function restart(damage: () => void = () => {}) {
    await app.akosha.close();
    damage();
    app = await startTestApp(env, dir);
  }

  beforeAll(async () => {
    app = await startTestApp(env, dir);
    for (let i = 0; i < memories.length; i += 1000)
      expect(
        (await app.gql(INGEST, { input: memories.slice(i, i + 1000) })).data.ingestMemories.accepted,
      ).toBe(1000);
    await app.akosha.stores.indexer?.caughtUp();
    await restart();
    expect(app.akosha.stores.indexer?.indexFor(0)?.loadedFromFile).toBe(true);
    expect(app.akosha.stores.indexer?.indexFor(0)?.size).toBe(2000);
  });
  afterAll(async () => {
    await app.akosha.close();
    dir.remove();
  });

  it('of random bytes (size and row count unchanged) is rebuilt, not loaded', async () => {
    await restart(() => writeFileSync(file, randomBytes(statSync(file).size)));
    // Not loaded: the index is rebuilt from the shard.
    expect(app.akosha.stores.indexer?.indexFor(0)?.loadedFromFile).toBe(false);
    await app.akosha.stores.indexer?.caughtUp();
    expect(app.akosha.stores.indexer?.indexFor(0)?.size).toBe(2000);
    expect(await top1Correct()).toBe(40);
    expect((await app.akosha.yoga.fetch('http://akosha.test/health')).status).toBe(200);
  });

  it('with a few plausible bytes changed is rebuilt too, and answers right', async () => {
    await restart(); // saves the rebuilt index with its checksum
    expect(app.akosha.stores.indexer?.indexFor(0)?.loadedFromFile).toBe(true);
    await restart(() => {
      const bytes = readFileSync(file);
      // Swap two vector-sized runs in the middle: a file usearch would load without complaint.
      const a = Math.floor(bytes.length / 3);
      const b = Math.floor((2 * bytes.length) / 3);
      const run = Buffer.from(bytes.subarray(a, a + 1536));
      bytes.copy(bytes, a, b, b + 1536);
      run.copy(bytes, b);
      writeFileSync(file, bytes);
    });
    expect(app.akosha.stores.indexer?.indexFor(0)?.loadedFromFile).toBe(false);
    await app.akosha.stores.indexer?.caughtUp();
    expect(await top1Correct()).toBe(40);
    const r = await app.gql(SEARCH, { v: (memories[7] as (typeof memories)[number]).embedding });
    expect(r.data.search.strategies[0].strategy).toBe('ann');
  });
});

describe('the index worker as a graph grows', () => {
  it('keeps adding and searching as a graph grows past 20k vectors and past its capacity', async () => {
    const dims = 8;
    const host = new VectorIndexHost(1);
    try {
      // An f32 index keeps no vector file.
      await host.open(
        { name: 'hot-0', index: 0 },
        { index: null, vectors: '/nonexistent/unused.vectors', vectorType: 'f32' },
        {
          dimensions: dims,
          connectivity: 16,
          expansionAdd: 64,
          expansionSearch: 64,
          quantization: 'f32',
        },
      );
      const random = mulberry32(5);
      const batch = (from: number, n: number) => ({
        keys: BigUint64Array.from({ length: n }, (_, i) => BigInt(from + i + 1)),
        vectors: Float32Array.from({ length: n * dims }, () => random() - 0.5),
      });
      const a = batch(0, 20_500);
      expect(await host.add('hot-0', a.keys, a.vectors)).toBe(20_500);
      const b = batch(20_500, 2_000);
      const planted = b.vectors.slice(0, dims);
      expect(await host.add('hot-0', b.keys, b.vectors)).toBe(22_500);
      const [found] = await host.search('hot-0', planted, 3, dims);
      expect(found?.keys[0]).toBe(20_501n);
      const c = batch(22_500, 12_000);
      const plantedC = c.vectors.slice(0, dims);
      expect(await host.add('hot-0', c.keys, c.vectors)).toBe(34_500);
      const d = batch(34_500, 500);
      expect(await host.add('hot-0', d.keys, d.vectors)).toBe(35_000);
      const [again] = await host.search('hot-0', plantedC, 3, dims);
      expect(again?.keys[0]).toBe(22_501n);
    } finally {
      await host.stop();
    }
  }, 60_000);
});
