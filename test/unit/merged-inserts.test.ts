import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import type { Shard } from '../../storage/shards/shard.ts';
import type { InsertOutcome, MemoryRecord } from '../../storage/types.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// Inserts into a shard that arrive while one runs are written together (one transaction):
// storage/shards/merged-inserts.ts. Each caller still hears which of its memories were new.

const COUNT = graphql(`query MergedCount { systems { id memoryCount } }`);
const source = createVectorSource(5);

function record(systemId: string, id: string): MemoryRecord {
  const embedding = Float32Array.from(source.next());
  return {
    systemId,
    id,
    kind: 'CONVERSATION',
    content: `merged ${id}`,
    contentHash: id,
    timestamp: new Date(),
    uploadedAt: new Date(),
    metadata: {},
    embedding,
    norm: Math.hypot(...embedding),
    embeddingModel: null,
  };
}
const records = (systemId: string, prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => record(systemId, `${prefix}${from + i}`));
const ids = (keys: { id: string }[]) => keys.map((k) => k.id).sort();

describe('inserts merged per shard', () => {
  const dir = tempDir();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let shard: Shard;
  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_SHARDS: '1' }, dir);
    const found = app.akosha.stores.indexer?.indexFor(0)?.shard;
    if (!found) throw new Error('no hot shard');
    shard = found;
  });
  afterAll(async () => {
    await app.akosha.close();
    dir.remove();
  });

  it('writes calls made together in one transaction, each memory once, and tells each caller its part', async () => {
    await app.akosha.stores.insert(0, records('sys', 'x', 0, 1));
    const writes = vi.spyOn(shard, 'insert');
    let outcomes: InsertOutcome[];
    try {
      outcomes = await Promise.all([
        app.akosha.stores.insert(0, records('sys', 'a', 0, 10)),
        // Five of these the first call also carries: written once, for the first.
        app.akosha.stores.insert(0, [...records('sys', 'b', 0, 10), ...records('sys', 'a', 5, 10)]),
        app.akosha.stores.insert(0, records('sys', 'a', 0, 3)),
        // One stored before.
        app.akosha.stores.insert(0, [...records('sys', 'c', 0, 5), ...records('sys', 'x', 0, 1)]),
      ]);
      expect(writes).toHaveBeenCalledTimes(1);
      expect(writes.mock.calls[0]?.[0]).toHaveLength(10 + 10 + 5 + 1);
    } finally {
      writes.mockRestore();
    }
    const [a, b, a2, c] = outcomes;
    expect(ids(a?.inserted ?? [])).toEqual(ids(records('sys', 'a', 0, 10)));
    expect(a?.duplicates).toEqual([]);
    expect(ids(b?.inserted ?? [])).toEqual(ids(records('sys', 'b', 0, 10)));
    expect(ids(b?.duplicates ?? [])).toEqual(ids(records('sys', 'a', 5, 10)));
    expect(a2?.inserted).toEqual([]);
    expect(ids(a2?.duplicates ?? [])).toEqual(['a0', 'a1', 'a2']);
    expect(ids(c?.inserted ?? [])).toEqual(ids(records('sys', 'c', 0, 5)));
    expect(ids(c?.duplicates ?? [])).toEqual(['x0']);
    expect(await shard.count()).toBe(1 + 10 + 10 + 5);
  });

  it('writes the calls that arrive while one runs together, after it', async () => {
    const writes = vi.spyOn(shard, 'insert');
    try {
      const first = app.akosha.stores.insert(0, records('sys', 'd', 0, 4));
      // Let the first call start its write, then make three more while it runs.
      const until = Date.now() + 2000;
      while (writes.mock.calls.length === 0 && Date.now() < until) await new Promise((r) => setImmediate(r));
      expect(writes).toHaveBeenCalledTimes(1);
      const more = [
        app.akosha.stores.insert(0, records('sys', 'e', 0, 3)),
        app.akosha.stores.insert(0, records('sys', 'f', 0, 3)),
        app.akosha.stores.insert(0, records('sys', 'd', 2, 6)),
      ];
      const [d, e, f, d2] = await Promise.all([first, ...more]);
      expect(writes.mock.calls.map(([rs]) => rs.length)).toEqual([4, 3 + 3 + 4]);
      expect(d?.inserted).toHaveLength(4);
      expect(e?.inserted).toHaveLength(3);
      expect(f?.inserted).toHaveLength(3);
      expect(ids(d2?.inserted ?? [])).toEqual(['d4', 'd5']);
      expect(ids(d2?.duplicates ?? [])).toEqual(['d2', 'd3']);
    } finally {
      writes.mockRestore();
    }
  });

  it('answers concurrent ingest requests with the right counts, each memory stored once', async () => {
    const input = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({
        id: `g${from + i}`,
        systemId: 'gql-sys',
        kind: 'CONVERSATION',
        content: `concurrent ${from + i}`,
        embedding: source.next(),
        timestamp: new Date().toISOString(),
      }));
    // Six requests of 20 at once, each overlapping the next by 10: 120 memories sent, 70 distinct.
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, k) => app.gql(INGEST, { input: input(k * 10, k * 10 + 20) })),
    );
    const accepted = answers.map((r) => r.data.ingestMemories.accepted as number);
    const duplicates = answers.map((r) => r.data.ingestMemories.duplicates as number);
    expect(accepted.reduce((x, y) => x + y, 0)).toBe(70);
    expect(duplicates.reduce((x, y) => x + y, 0)).toBe(120 - 70);
    for (let k = 0; k < 6; k++) expect((accepted[k] ?? 0) + (duplicates[k] ?? 0)).toBe(20);
    const systems = (await app.gql(COUNT)).data.systems as { id: string; memoryCount: number }[];
    expect(systems.find((s) => s.id === 'gql-sys')?.memoryCount).toBe(70);
  });
});
