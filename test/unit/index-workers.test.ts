import { describe, expect, it } from 'vitest';
import { indexWorkers } from '../../storage/hot/hot-indexer.ts';
import type { VectorIndexHost } from '../../storage/hot/vector-index.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { createVectorSource, nearest } from '../support/vectors.ts';

// How many index worker threads a process runs (AKOSHA_ANN_WORKERS) and which one holds each shard.

const slots = (shards: number[], setting?: number, cores = 2) => {
  const p = indexWorkers(shards, setting, cores);
  return { count: p.count, slots: shards.map(p.slotOf) };
};

describe('the index workers', () => {
  it('run one a core by default, at most one a shard held, and spread a store’s shards over all of them', () => {
    expect(slots([0, 1, 2, 3, 4, 5, 6, 7])).toEqual({ count: 2, slots: [0, 1, 0, 1, 0, 1, 0, 1] });
    expect(slots([0, 1, 2, 3, 4, 5, 6, 7], undefined, 8).count).toBe(8);
    expect(slots([0, 1, 2, 3, 4, 5, 6, 7], undefined, 32).count).toBe(8);
    expect(slots([0, 1, 2, 3], 16).count).toBe(4);
    expect(slots([0, 1, 2, 3], 1)).toEqual({ count: 1, slots: [0, 0, 0, 0] });
    // A store holding the odd shards of eight (ordinal 1 of 2): four workers, none idle.
    expect(slots([1, 3, 5, 7], 8)).toEqual({ count: 4, slots: [0, 1, 2, 3] });
    expect(new Set(slots([1, 3, 5, 7], 2).slots)).toEqual(new Set([0, 1]));
    // Hot and warm indexes of one shard (the same number twice) share a worker.
    expect(slots([1, 3, 1, 3], 2)).toEqual({ count: 2, slots: [0, 1, 0, 1] });
  });

  it('run as many as AKOSHA_ANN_WORKERS says, each shard’s hot and warm index in one, and answer searches', async () => {
    const app = await startTestApp({ AKOSHA_ANN_WORKERS: '3' });
    try {
      const indexer = app.akosha.stores.indexer;
      if (!indexer) throw new Error('no indexer');
      const host = (indexer as unknown as { host: VectorIndexHost }).host;
      const workerOf = (tier: string, shard: number) => host.workerOf(`${tier}-${shard}`);
      const hot = [0, 1, 2, 3].map((s) => workerOf('hot', s));
      expect(new Set(hot).size).toBe(3);
      expect([0, 1, 2, 3].map((s) => workerOf('warm', s))).toEqual(hot);
      // Every shard's index answers from its worker: each memory is its own nearest neighbour.
      const source = createVectorSource(7);
      const memories = Array.from({ length: 400 }, (_, i) => ({
        id: `w${i}`,
        systemId: `sys-${i % 8}`,
        kind: 'CONVERSATION' as const,
        content: `memory ${i}`,
        embedding: source.next(),
        timestamp: new Date(Date.now() - i * 1000).toISOString(),
      }));
      const r = await app.gql(INGEST, { input: memories });
      expect(r.data.ingestMemories.accepted).toBe(400);
      await indexer.caughtUp();
      expect(indexer.size).toBe(400);
      const stores = app.akosha.stores;
      for (const m of memories.slice(0, 40)) {
        const [answer] = await stores.search('hot', stores.shardOf(m.systemId), [
          nearest(Float32Array.from(m.embedding), 1),
        ]);
        expect(answer?.strategy).toBe('ann');
        expect(answer?.hits[0]).toMatchObject({ systemId: m.systemId, id: m.id });
      }
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });
});
