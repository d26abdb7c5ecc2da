import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { FreshRows } from '../../storage/hot/fresh-rows.ts';
import type { ShardIndex } from '../../storage/hot/hot-index.ts';
import type { Candidate, InsertedRow } from '../../storage/shards/shard.ts';
import type { StoredMemory } from '../../storage/types.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// An index takes the rows ingest just wrote from what the insert had (storage/hot/fresh-rows.ts)
// instead of reading them back from DuckDB; what it no longer holds is read back as before.

const row = (seq: number): InsertedRow => ({
  seq,
  terms: [seq],
  record: {
    systemId: 's',
    id: `m${seq}`,
    kind: 'CONVERSATION',
    content: 'x',
    contentHash: 'h',
    timestamp: new Date(0),
    uploadedAt: new Date(0),
    metadata: {},
    embedding: new Float32Array(2),
    norm: 1,
    embeddingModel: null,
  },
});
const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => row(from + i));
const seqsOf = (r: InsertedRow[] | null) => r?.map((x) => x.seq) ?? null;

describe('the fresh rows of a shard', () => {
  it('hands out the rows after a cursor only while it holds every row after it', () => {
    const fresh = new FreshRows(5);
    expect(fresh.after(0, 10)).toBeNull();
    fresh.push(rows(11, 13));
    // A cursor below the first row pushed: the rows before it were written otherwise.
    expect(fresh.after(9, 10)).toBeNull();
    expect(seqsOf(fresh.after(10, 10))).toEqual([11, 12, 13]);
    expect(seqsOf(fresh.after(11, 1))).toEqual([12]);
    // Nothing after the last row pushed: the caller reads the shard (rows may have come otherwise).
    expect(fresh.after(13, 10)).toBeNull();
    fresh.push(rows(14, 17));
    // Over its bound: the oldest went, and a cursor before them reads the shard.
    expect(fresh.size).toBe(5);
    expect(fresh.after(11, 10)).toBeNull();
    expect(seqsOf(fresh.after(12, 10))).toEqual([13, 14, 15, 16, 17]);
    fresh.remove([14, 16, 99]);
    expect(seqsOf(fresh.after(12, 10))).toEqual([13, 15, 17]);
    fresh.remove([13]);
    // Every row after the cursor removed: an empty answer, not a read.
    expect(seqsOf(fresh.after(16, 10))).toEqual([17]);
    fresh.passed(15);
    expect(seqsOf(fresh.after(15, 10))).toEqual([17]);
    // A cursor set back behind what was passed reads the shard.
    expect(fresh.after(12, 10)).toBeNull();
    // A push that does not follow on (rows written otherwise in between) starts again from it.
    fresh.push(rows(20, 21));
    expect(fresh.after(17, 10)).toBeNull();
    expect(seqsOf(fresh.after(19, 10))).toEqual([20, 21]);
    fresh.clear();
    expect(fresh.after(19, 10)).toBeNull();
    fresh.push(rows(22, 22));
    expect(seqsOf(fresh.after(21, 10))).toEqual([22]);
  });
});

const FORGET = graphql(
  `mutation FreshForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }`,
);
const KEYWORD = graphql(`query FreshKeyword($q: String!) {
  search(query: $q, mode: KEYWORD, tiers: [HOT], limit: 5) { hits { clientId } }
}`);

describe('an index catching up on what ingest wrote', () => {
  const dir = tempDir();
  const source = createVectorSource(31);
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let index: ShardIndex;
  let n = 0;
  const memories = (count: number) =>
    Array.from({ length: count }, () => {
      const i = n++;
      return {
        id: `f${i}`,
        systemId: ['sys-a', 'sys-b', 'sys-c'][i % 3] as string,
        kind: 'CONVERSATION',
        content: `handoff word${i}x about ${i % 2 ? 'odd' : 'even'} things`,
        embedding: source.next(),
        timestamp: new Date(Date.now() - i * 60_000).toISOString(),
        metadata: i % 4 === 0 ? { project: `p${i % 3}`, tags: ['a', `t${i % 5}`] } : { note: i },
      };
    });
  const ingest = async (all: ReturnType<typeof memories>) => {
    for (let i = 0; i < all.length; i += 1000) {
      const r = await app.gql(INGEST, { input: all.slice(i, i + 1000) });
      expect(r.data.ingestMemories.rejected).toEqual([]);
    }
  };
  /** What DuckDB holds of every row: candidates and memories by seq (the truth the index must match). */
  const truth = async () => {
    const candidates = new Map<number, Candidate>();
    const last = await index.shard.maxSeq();
    await index.shard.candidatesUpTo(last, (seq, c) => candidates.set(seq, c));
    const stored = await index.shard.memoriesBySeq([...candidates.keys()]);
    return { candidates, stored };
  };

  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '100' }, dir);
    const found = app.akosha.stores.indexer?.indexFor(0);
    if (!found) throw new Error('no index');
    index = found;
    app.akosha.stores.indexer?.pause();
    // A step the background loop began before the pause ends first.
    await new Promise((r) => setTimeout(r, 200));
  }, 60_000);
  afterAll(async () => {
    app.akosha.stores.indexer?.resume();
    await app.akosha.close();
    dir.remove();
  });

  it('takes them from what their insert wrote, not from DuckDB, and holds them as DuckDB has them', async () => {
    const written = memories(600);
    await ingest(written);
    const reads = vi.spyOn(index.shard, 'rowsAfterSeq');
    const termReads = vi.spyOn(index.shard, 'termsAfterSeq');
    try {
      expect(await index.catchUpKeywords(4096)).toBe(600);
      expect(await index.catchUp(4096)).toBe(600);
      expect(reads).not.toHaveBeenCalled();
      expect(termReads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
      termReads.mockRestore();
    }
    expect(index.size).toBe(600);
    expect(index.fresh.size).toBe(0);
    const { candidates, stored } = await truth();
    expect(candidates.size).toBe(600);
    for (const [seq, c] of candidates) {
      expect(index.rows.get(seq)).toEqual(c);
      const { embedding: _, ...memory } = stored.get(seq) as StoredMemory;
      expect(index.records.read(seq)).toEqual({ ...memory, embedding: null });
    }
    // The graph holds each vector under its row's seq, and the postings its words.
    for (const m of [written[0], written[337], written[599]]) {
      if (!m) throw new Error('missing');
      const seq = [...candidates].find(([, c]) => c.id === m.id)?.[0];
      const [near] = await index.search([Float32Array.from(m.embedding)], 1);
      expect(near?.keys.map(Number)).toEqual([seq]);
      const r = await app.gql(KEYWORD, { q: `word${written.indexOf(m)}x` });
      expect(r.data.search.hits.map((h: { clientId: string }) => h.clientId)).toEqual([m.id]);
    }
  });

  it('reads back from DuckDB what it no longer holds, and never takes a row forgotten before its turn', async () => {
    const written = memories(5000);
    await ingest(written);
    const early = written[10];
    const late = written[4900];
    if (!early || !late) throw new Error('missing');
    const forgotten = await app.gql(FORGET, {
      input: { systemIds: [early.systemId, late.systemId], ids: [early.id, late.id] },
    });
    expect(forgotten.errors).toBeUndefined();
    await app.akosha.stores.migrator.idle();
    const reads = vi.spyOn(index.shard, 'rowsAfterSeq');
    try {
      let added = 0;
      for (let step = await index.catchUp(4096); step > 0; step = await index.catchUp(4096)) added += step;
      await index.catchUpKeywords(4096);
      // The 904 oldest rows were no longer held: one read of DuckDB, the rest from the inserts.
      expect(reads).toHaveBeenCalledTimes(1);
      expect(added).toBe(4998);
    } finally {
      reads.mockRestore();
    }
    expect(index.size).toBe(600 + 4998);
    const { candidates } = await truth();
    expect(candidates.size).toBe(600 + 4998);
    expect([...index.rows.keys()].sort((a, b) => a - b)).toEqual(
      [...candidates.keys()].sort((a, b) => a - b),
    );
    for (const m of [early, late]) {
      const r = await app.gql(KEYWORD, { q: `word${600 + written.indexOf(m)}x` });
      expect(r.data.search.hits).toEqual([]);
      const [near] = await index.search([Float32Array.from(m.embedding)], 3);
      const ids = near?.keys.map((k) => index.rows.get(Number(k))?.id);
      expect(ids).not.toContain(m.id);
    }
    const kept = written[4899] as (typeof written)[number];
    const r = await app.gql(KEYWORD, { q: `word${600 + 4899}x` });
    expect(r.data.search.hits.map((h: { clientId: string }) => h.clientId)).toEqual([kept.id]);
  });

  it('reads from DuckDB exactly the next rows after a cursor, across rows forgotten in between', async () => {
    const { candidates } = await truth();
    const seqs = [...candidates.keys()].sort((a, b) => a - b);
    // The previous test forgot a row early among its 5000: the second range runs across the gap.
    const gapAt = seqs.findIndex((s, i) => i > 0 && s !== (seqs[i - 1] as number) + 1);
    expect(gapAt).toBeGreaterThan(0);
    for (const from of [0, gapAt - 5, seqs.length - 50]) {
      const cursor = from === 0 ? 0 : (seqs[from - 1] as number);
      const want = seqs.slice(from, from + 100);
      const rows = await index.shard.rowsAfterSeq(cursor, 100);
      expect(rows.seqs).toEqual(want);
      expect(rows.vectors.length).toBe(want.length * 384);
      expect(rows.memories.map((m) => m.id)).toEqual(want.map((s) => candidates.get(s)?.id));
      const terms = await index.shard.termsAfterSeq(cursor, 100);
      expect(terms.seqs).toEqual(want);
    }
    // Nothing after the last row: empty, from the range query alone (one query a read, not two).
    const last = seqs.at(-1) as number;
    const queries = vi.spyOn((index.shard as unknown as { reader: DuckDBConnection }).reader, 'run');
    expect(await index.shard.rowsAfterSeq(last, 100)).toMatchObject({
      seqs: [],
      memories: [],
      candidates: [],
    });
    expect((await index.shard.termsAfterSeq(last, 100)).seqs).toEqual([]);
    expect(queries).toHaveBeenCalledTimes(2);
    queries.mockRestore();
  });
});
