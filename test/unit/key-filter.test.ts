import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyFilter } from '../../storage/shards/key-filter.ts';
import { fnv1a, shardOf } from '../../storage/shards/shard-hash.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { migrate } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

describe('the key filter (a Bloom filter of a shard’s keys)', () => {
  it('never misses a key it was given, and rarely claims one it was not', () => {
    const filter = new KeyFilter(20_000);
    const key = (i: number) => `sys-${i % 37}\u0000memory-${i}`;
    for (let i = 0; i < 20_000; i++) filter.add(key(i));
    for (let i = 0; i < 20_000; i++) expect(filter.mightHave(key(i))).toBe(true);
    let claimed = 0;
    for (let i = 20_000; i < 40_000; i++) if (filter.mightHave(key(i))) claimed++;
    expect(claimed / 20_000).toBeLessThan(0.03);
    expect(filter.full).toBe(false);
    filter.add(key(-1));
    filter.add(key(-2));
    expect(filter.count).toBe(20_002);
  });
});

describe('the shard hash (FNV-1a over UTF-8; existing shard files depend on it)', () => {
  it('gives the published FNV-1a values, for ASCII and for text it must encode', () => {
    // Test vectors of the FNV reference (draft-eastlake-fnv): "", "a", "foobar".
    expect([fnv1a(''), fnv1a('a'), fnv1a('foobar')]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
    // Non-ASCII text hashes its UTF-8 bytes: "é" is C3 A9, "😀" F0 9F 98 80.
    const ofBytes = (bytes: number[]) =>
      bytes.reduce((h, b) => Math.imul(h ^ b, 0x01000193) >>> 0, 0x811c9dc5);
    expect(fnv1a('sys-é')).toBe(ofBytes([...Buffer.from('sys-', 'ascii'), 0xc3, 0xa9]));
    expect(fnv1a('a😀b')).toBe(ofBytes([0x61, 0xf0, 0x9f, 0x98, 0x80, 0x62]));
    expect(fnv1a('b', fnv1a('a😀'))).toBe(fnv1a('a😀b'));
    expect(shardOf('laptop', 8)).toBe(fnv1a('laptop') % 8);
  });
});

describe('ingest with filled key filters', () => {
  const dir = tempDir();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const source = createVectorSource(5);
  const memory = (id: string, daysAgo = 0) => ({
    id,
    systemId: ['kf-a', 'kf-b', 'kf-c'][id.length % 3] as string,
    kind: 'CONVERSATION',
    content: `memory ${id}`,
    embedding: source.next(),
    timestamp: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
    metadata: {},
  });
  const old = Array.from({ length: 60 }, (_, i) => memory(`old-${i}`, 200));
  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_SHARDS: '2' }, dir);
    expect((await app.gql(INGEST, { input: old })).data.ingestMemories.accepted).toBe(60);
    await migrate(app, { move: 'ALL' });
    // A restart fills the filters from every tier: the old memories are all in cold now.
    await app.akosha.close();
    app = await startTestApp({ AKOSHA_SHARDS: '2' }, dir);
    await app.akosha.stores.keyFilters.idle();
  });
  afterAll(async () => {
    await app.akosha.close();
    dir.remove();
  });

  it('still counts memories in any tier as duplicates, and new ones as new', async () => {
    const fresh = Array.from({ length: 40 }, (_, i) => memory(`fresh-${i}`));
    const r = await app.gql(INGEST, { input: [...old, ...fresh] });
    expect(r.data.ingestMemories).toEqual({ accepted: 40, duplicates: 60, rejected: [] });
    const again = await app.gql(INGEST, { input: fresh });
    expect(again.data.ingestMemories).toEqual({ accepted: 0, duplicates: 40, rejected: [] });
  });

  it('stores a memory sent in two concurrent batches once', async () => {
    const same = Array.from({ length: 30 }, (_, i) => memory(`twice-${i}`));
    const [a, b] = await Promise.all([app.gql(INGEST, { input: same }), app.gql(INGEST, { input: same })]);
    expect(a.data.ingestMemories.accepted + b.data.ingestMemories.accepted).toBe(30);
    expect(a.data.ingestMemories.duplicates + b.data.ingestMemories.duplicates).toBe(30);
    const stats = await app.akosha.stores.stats();
    expect(stats.find((t) => t.tier === 'HOT')?.rows).toBe(40 + 30);
  });
});
