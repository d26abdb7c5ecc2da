import {
  appendFileSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { listen } from '../../server/app.ts';
import { Candidates } from '../../storage/hot/candidates.ts';
import { RecordFile } from '../../storage/hot/record-file.ts';
import { VectorFile } from '../../storage/hot/vector-file.ts';
import type { Candidate } from '../../storage/shards/shard.ts';
import type { StoredMemory } from '../../storage/types.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { migrate } from '../support/tiers.ts';
import { cosine, createVectorSource, nearest } from '../support/vectors.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;
type Mem = {
  id: string;
  systemId: string;
  kind: string;
  content: string;
  embedding: number[];
  timestamp: string;
  metadata: Record<string, unknown>;
};

const SEARCH =
  graphql(`query AnnSearch2($v: Vector!, $limit: Int, $s: [String!], $p: [String!], $tiers: [Tier!]) {
  search(nearVector: $v, limit: $limit, systemIds: $s, projects: $p, tiers: $tiers) {
    hits { clientId systemId score } strategies { shard strategy }
  }
}`);

const MEMORY = graphql(
  `query AnnMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }`,
);

const FORGET = graphql(
  `mutation AnnForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }`,
);
const KEYWORD_LOAD = graphql(`query AnnKeywordLoad($q: String!) {
  search(query: $q, mode: KEYWORD, tiers: [HOT], limit: 10) { hits { clientId memory { clientId content timestamp metadata } } }
}`);
const LOAD = graphql(`query AnnLoad($v: Vector!, $tiers: [Tier!]) {
  search(nearVector: $v, limit: 5, tiers: $tiers) { hits { clientId memory { clientId content timestamp metadata } } }
}`);

const source = createVectorSource(77);
/** A vector file's slot: the key (8 bytes) and 384 float32 values. */
const SLOT = 8 + 384 * 4;
const DAY = 86_400_000;

function memories(n: number, prefix: string, opts: { systems?: string[]; daysAgo?: number } = {}): Mem[] {
  const systems = opts.systems ?? ['big-a', 'big-b'];
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    systemId: systems[i % systems.length] ?? 'big-a',
    kind: 'CONVERSATION',
    content: `${prefix} ${i}`,
    embedding: source.next(),
    timestamp: new Date(Date.now() - (opts.daysAgo ?? 0) * DAY - i * 1000).toISOString(),
    metadata: { project: i % 2 ? 'odd' : 'even' },
  }));
}

async function ingestAll(app: App, all: Mem[]) {
  for (let i = 0; i < all.length; i += 1000) {
    const r = await app.gql(INGEST, { input: all.slice(i, i + 1000) });
    expect(r.data.ingestMemories.rejected).toEqual([]);
  }
}

/** An app on one shard with these memories ingested and indexed. */
async function indexedApp(dir: ReturnType<typeof tempDir>, all: Mem[], env: Record<string, string> = {}) {
  const app = await startTestApp({ AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '100', ...env }, dir);
  await ingestAll(app, all);
  await app.akosha.stores.indexer?.caughtUp();
  return app;
}

/** Each hit's memory is the one ingested under its id. */
function expectIngested(hits: { clientId: string; memory: Record<string, unknown> }[], ingested: Mem[]) {
  for (const h of hits) {
    const m = ingested.find((x) => x.id === h.clientId) as Mem;
    expect(h.memory).toEqual({
      clientId: m.id,
      content: m.content,
      timestamp: new Date(m.timestamp).toISOString(),
      metadata: m.metadata,
    });
  }
}

const exactTop = (all: Mem[], q: number[], k: number, keep: (m: Mem) => boolean = () => true) =>
  all
    .filter(keep)
    .map((m) => ({ id: m.id, score: cosine(q, m.embedding) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((h) => h.id);

describe('the approximate hot index', () => {
  const dir = tempDir();
  let app: App;
  const all = [...memories(6000, 'm'), ...memories(40, 'small', { systems: ['tiny-sys'] })];
  beforeAll(async () => {
    app = await indexedApp(dir, all);
  }, 120_000);
  afterAll(async () => {
    await app.akosha.close();
    dir.remove();
  });

  it('agrees with the exact scan on planted neighbours, through the index', async () => {
    let recalled = 0;
    let total = 0;
    for (let t = 0; t < 20; t++) {
      const target = all[t * 97] as Mem;
      const q = target.embedding.map((x) => x + 0.01 * (Math.random() - 0.5));
      const r = await app.gql(SEARCH, { v: q, limit: 10 });
      expect(r.data.search.strategies).toEqual([
        { shard: 'hot-0', strategy: 'ann' },
        { shard: 'warm-0', strategy: 'exact' },
      ]);
      expect(r.data.search.hits[0].clientId).toBe(target.id);
      const want = exactTop(all, q, 10);
      recalled += r.data.search.hits.filter((h: { clientId: string }) => want.includes(h.clientId)).length;
      total += 10;
    }
    expect(recalled / total).toBeGreaterThanOrEqual(0.9);
  });

  it('asks the index for 2 × limit candidates of an unfiltered query, more of a filtered one, and scores hits exactly', async () => {
    const index = app.akosha.stores.indexer?.indexFor(0);
    if (!index) throw new Error('no index');
    const asked = vi.spyOn(index, 'search');
    try {
      const target = all[4321] as Mem;
      const q = target.embedding.map((x) => x + 0.02 * (Math.random() - 0.5));
      const r = await app.gql(SEARCH, { v: q, limit: 7, tiers: ['HOT'] });
      expect(asked.mock.calls.map(([, k]) => k)).toEqual([14]);
      const hits = r.data.search.hits as { clientId: string; score: number }[];
      expect(hits.map((h) => h.clientId)).toContain(target.id);
      for (const h of hits)
        expect(h.score).toBeCloseTo(cosine(q, (all.find((m) => m.id === h.clientId) as Mem).embedding), 5);
      asked.mockClear();
      // Half the rows match: limit × oversample (4) × rarity (2).
      await app.gql(SEARCH, { v: q, limit: 7, p: ['odd'], tiers: ['HOT'] });
      expect(asked.mock.calls.map(([, k]) => k)).toEqual([56]);
    } finally {
      asked.mockRestore();
    }
  });

  it('answers a selective filter exactly, and a broad one through the index with all `limit` hits', async () => {
    const q = source.next();
    const tiny = await app.gql(SEARCH, { v: q, limit: 10, s: ['tiny-sys'] });
    expect(tiny.data.search.strategies[0]).toEqual({ shard: 'hot-0', strategy: 'exact' });
    expect(tiny.data.search.hits.map((h: { clientId: string }) => h.clientId)).toEqual(
      exactTop(all, q, 10, (m) => m.systemId === 'tiny-sys'),
    );
    const broad = await app.gql(SEARCH, { v: q, limit: 25, p: ['odd'] });
    expect(broad.data.search.strategies[0].strategy).toMatch(/^ann/);
    expect(broad.data.search.hits).toHaveLength(25);
    const odd = new Set(all.filter((m) => m.metadata.project === 'odd').map((m) => m.id));
    expect(broad.data.search.hits.every((h: { clientId: string }) => odd.has(h.clientId))).toBe(true);
    const want = exactTop(all, q, 25, (m) => m.metadata.project === 'odd');
    const overlap = broad.data.search.hits.filter((h: { clientId: string }) =>
      want.includes(h.clientId),
    ).length;
    expect(overlap / 25).toBeGreaterThanOrEqual(0.85);
  });

  it('finds a write with the very next search, before the index has it', async () => {
    const indexer = app.akosha.stores.indexer;
    indexer?.pause();
    try {
      const fresh = memories(3, 'fresh');
      await ingestAll(app, fresh);
      const index = indexer?.indexFor(0);
      const newest = await app.akosha.stores.indexer?.indexFor(0)?.shard.maxSeq();
      expect(index?.indexedSeq).toBeLessThan(newest ?? 0);
      for (const m of fresh) {
        const r = await app.gql(SEARCH, { v: m.embedding, limit: 1 });
        expect(r.data.search.hits[0].clientId).toBe(m.id);
        expect(r.data.search.strategies[0].strategy).toBe('ann');
      }
      all.push(...fresh);
    } finally {
      indexer?.resume();
    }
    await indexer?.caughtUp();
  });

  it('survives a restart without rebuilding, and is rebuilt when its file is missing', async () => {
    const before = app.akosha.stores.indexer?.indexFor(0);
    const size = before?.size ?? 0;
    const seq = before?.indexedSeq ?? 0;
    expect(size).toBe(all.length);
    await app.akosha.close();
    app = await startTestApp({ AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '100' }, dir);
    const loaded = app.akosha.stores.indexer?.indexFor(0);
    expect(loaded?.size).toBe(size);
    expect(loaded?.indexedSeq).toBe(seq);
    const target = all[5] as Mem;
    const r = await app.gql(SEARCH, { v: target.embedding, limit: 1 });
    expect(r.data.search.hits[0].clientId).toBe(target.id);
    await app.akosha.close();

    for (const f of readdirSync(join(dir.path, 'hot')))
      if (f.endsWith('.usearch')) rmSync(join(dir.path, 'hot', f));
    app = await startTestApp({ AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '100' }, dir);
    expect(app.akosha.stores.indexer?.indexFor(0)?.indexedSeq).toBe(0);
    await app.akosha.stores.indexer?.caughtUp();
    expect(app.akosha.stores.indexer?.indexFor(0)?.size).toBe(all.length);
    const again = await app.gql(SEARCH, { v: target.embedding, limit: 1 });
    expect(again.data.search.hits[0].clientId).toBe(target.id);
  });

  it('loads the hits it found by their row, and still finds them after they moved to warm', async () => {
    const moving = memories(40, 'hinted', { daysAgo: 20, systems: ['hint-sys'] });
    await ingestAll(app, moving);
    await app.akosha.stores.indexer?.caughtUp();
    const ask = (v: number[]) =>
      app.gql(
        graphql(`query AnnHintedHits($v: Vector!) {
          search(nearVector: $v, limit: 3) { hits { clientId tier memory { clientId systemId content } } }
        }`),
        { v },
      );
    const targets = [moving[3], moving[17], moving[31]] as Mem[];
    for (const m of targets) {
      const hit = (await ask(m.embedding)).data.search.hits[0];
      expect(hit).toEqual({
        clientId: m.id,
        tier: 'HOT',
        memory: { clientId: m.id, systemId: m.systemId, content: m.content },
      });
    }
    // The hints now point at rows that left hot: each is found again, in warm.
    await app.akosha.stores.migrator.start({
      move: 'HOT_TO_WARM',
      olderThanDays: 15,
      systemIds: ['hint-sys'],
      dryRun: false,
    });
    await app.akosha.stores.migrator.idle();
    for (const m of targets) {
      const r = await app.gql(
        graphql(`query AnnHintedMemory($s: String!, $id: String!) {
        memory(systemId: $s, id: $id) { content }
      }`),
        { s: m.systemId, id: m.id },
      );
      expect(r.data.memory).toEqual({ content: m.content });
      expect((await ask(m.embedding)).data.search.hits[0]).toMatchObject({
        clientId: m.id,
        tier: 'WARM',
        memory: { content: m.content },
      });
    }
  });

  it('does not add back a row removed while the catch-up was reading it (graph, row map, records)', async () => {
    const indexer = app.akosha.stores.indexer;
    await indexer?.caughtUp();
    indexer?.pause();
    // A step the background loop began before the pause ends first.
    await new Promise((r) => setTimeout(r, 200));
    const index = indexer?.indexFor(0);
    if (!index) throw new Error('no index');
    const raced = memories(4, 'raced');
    try {
      await ingestAll(app, raced);
      const newest = await index.shard.maxSeq();
      const seq = newest - 1;
      const step = index.catchUp(1000);
      await index.remove([seq]);
      expect(await step).toBe(4);
      expect(index.indexedSeq).toBe(newest);
      expect(index.rows.has(seq)).toBe(false);
      expect(index.records.has(seq)).toBe(false);
      expect(index.records.has(newest)).toBe(true);
      const [found] = await index.search([Float32Array.from((raced[2] as Mem).embedding)], 5);
      expect(found?.keys.map(Number)).not.toContain(seq);
      const [kept] = await index.search([Float32Array.from((raced[3] as Mem).embedding)], 1);
      expect(kept?.keys.map(Number)).toEqual([newest]);
    } finally {
      // The row is still in DuckDB (only the index was told of a removal): rebuild from it.
      all.push(...raced);
      await index.reset();
      indexer?.resume();
    }
    await indexer?.caughtUp();
  });

  it('loads the hits of a search from the record file beside the index, and never a removed row', async () => {
    const indexer = app.akosha.stores.indexer;
    await indexer?.caughtUp();
    const index = indexer?.indexFor(0);
    expect(index?.records.size).toBe(index?.rows.size);
    const target = all[1234] as Mem;
    const loads = index ? vi.spyOn(index.shard, 'load') : null;
    const r = await app.gql(LOAD, { v: target.embedding, tiers: ['HOT'] });
    const hits = r.data.search.hits as { clientId: string; memory: Record<string, unknown> }[];
    expect(hits[0]?.clientId).toBe(target.id);
    expectIngested(hits, all);
    // Every hit came from the record file: DuckDB was asked for nothing.
    expect(loads?.mock.calls.every(([keys]) => (keys as unknown[]).length === 0)).toBe(true);
    loads?.mockRestore();
    const forgotten = await app.gql(FORGET, {
      input: { systemIds: [target.systemId], ids: [target.id] },
    });
    expect(forgotten.errors).toBeUndefined();
    await app.akosha.stores.migrator.idle();
    const after = await app.gql(LOAD, { v: target.embedding, tiers: ['HOT'] });
    expect(after.data.search.hits.map((h: { clientId: string }) => h.clientId)).not.toContain(target.id);
    const direct = await app.gql(MEMORY, { s: target.systemId, id: target.id });
    expect(direct.data.memory).toBeNull();
    expect(index?.records.size).toBe(index?.rows.size);
  });

  it('loads the hits of a keyword search from the record file too (their rows come from the postings)', async () => {
    const indexer = app.akosha.stores.indexer;
    await indexer?.caughtUp();
    const target = all[4321] as Mem;
    const loads = indexer?.indexes.map((i) => vi.spyOn(i.shard, 'load')) ?? [];
    const r = await app.gql(KEYWORD_LOAD, { q: target.content });
    expect(r.errors).toBeUndefined();
    const hits = r.data.search.hits as { clientId: string; memory: Record<string, unknown> }[];
    expect(hits[0]?.clientId).toBe(target.id);
    expect(hits.length).toBe(10);
    expectIngested(hits, all);
    // No shard was asked for a row by id.
    expect(loads.every((l) => l.mock.calls.every(([keys]) => (keys as unknown[]).length === 0))).toBe(true);
    for (const l of loads) l.mockRestore();
  });

  it('writes the records a loaded index lacks (a lost record file) in the background', async () => {
    await app.akosha.close();
    rmSync(join(dir.path, 'hot', 'shard-0.records'));
    app = await startTestApp({ AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '100' }, dir);
    const index = app.akosha.stores.indexer?.indexFor(0);
    expect(index?.loadedFromFile).toBe(true);
    const until = Date.now() + 30_000;
    while ((index?.records.size ?? 0) < (index?.rows.size ?? 1) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    expect(index?.records.size).toBe(index?.rows.size);
    const target = all[4321] as Mem;
    const seq = [...(index?.rows ?? [])].find(([, c]) => c.id === target.id)?.[0] ?? -1;
    expect(index?.memoryAt(seq)).toMatchObject({ id: target.id, content: target.content });
  });

  it('forgets memories that aged out of the hot tier', async () => {
    const old = memories(300, 'old', { daysAgo: 30 });
    await ingestAll(app, old);
    const indexer = app.akosha.stores.indexer;
    await indexer?.caughtUp();
    const before = indexer?.indexFor(0)?.size ?? 0;
    expect(await migrate(app, { move: 'HOT_TO_WARM' })).toMatchObject({ status: 'DONE', recordsDone: 300 });
    expect(indexer?.indexFor(0)?.size).toBe(before - 300);
    const gone = old[7] as Mem;
    const hot = await app.gql(SEARCH, { v: gone.embedding, limit: 5, tiers: ['HOT'] });
    expect(hot.data.search.hits.some((h: { clientId: string }) => h.clientId === gone.id)).toBe(false);
    const both = await app.gql(SEARCH, { v: gone.embedding, limit: 1 });
    expect(both.data.search.hits[0].clientId).toBe(gone.id);
  });

  it('never reports a negative index lag, and indexes new rows after aging removed the newest ones, across a restart', async () => {
    const lag = async () => {
      const text = await (await app.akosha.yoga.fetch('http://akosha.test/metrics')).text();
      return Number(/^akosha_index_lag_rows (\S+)$/m.exec(text)?.[1]);
    };
    // The test before aged out the 300 newest rows: the index cursor is above the newest seq (and
    // the warm index has caught up on them).
    await app.akosha.stores.indexer?.caughtUp();
    expect(await lag()).toBe(0);
    await app.akosha.close();
    app = await startTestApp({ AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '100' }, dir);
    const indexer = app.akosha.stores.indexer;
    const before = indexer?.indexFor(0)?.size ?? 0;
    // The vector index is loaded whole; the keyword postings are rebuilt, and counted until then.
    await indexer?.caughtUp();
    expect(await lag()).toBe(0);
    const fresh = memories(5, 'after-aging');
    indexer?.pause();
    try {
      await ingestAll(app, fresh);
      expect(await lag()).toBe(5);
    } finally {
      indexer?.resume();
    }
    await indexer?.caughtUp();
    expect(indexer?.indexFor(0)?.size).toBe(before + 5);
    expect(await lag()).toBe(0);
    const target = fresh[2] as Mem;
    const r = await app.gql(SEARCH, { v: target.embedding, limit: 1, tiers: ['HOT'] });
    expect(r.data.search.hits[0].clientId).toBe(target.id);
    expect(r.data.search.strategies[0].strategy).toBe('ann');
  });

  it('counts rows missing from the keyword postings as lag (a restart rebuilds them after loading the vector index)', async () => {
    const text = async () => (await app.akosha.yoga.fetch('http://akosha.test/metrics')).text();
    const lag = async () => Number(/^akosha_index_lag_rows (\S+)$/m.exec(await text())?.[1]);
    const hotRows = async () => Number(/^akosha_tier_memories\{tier="hot"\} (\S+)$/m.exec(await text())?.[1]);
    const indexer = app.akosha.stores.indexer;
    const index = indexer?.indexFor(0);
    await indexer?.caughtUp();
    expect(await lag()).toBe(0);
    indexer?.pause();
    try {
      // What a restart leaves: the vector index loaded whole, the postings not yet rebuilt.
      if (index) index.keywordSeq = 0;
      const rows = await hotRows();
      expect(rows).toBeGreaterThan(0);
      expect(index?.indexedSeq).toBeGreaterThan(0);
      expect(await lag()).toBe(rows);
    } finally {
      indexer?.resume();
    }
    await indexer?.caughtUp();
    expect(await lag()).toBe(0);
  });

  it('is not ready while a start rebuilds its keyword postings, and stays ready through later lag', async () => {
    const indexer = app.akosha.stores.indexer;
    const index = indexer?.indexFor(0);
    await indexer?.caughtUp();
    const http = await listen(app.akosha, '127.0.0.1', 0);
    const ready = async () => {
      const r = await fetch(http.url.replace(/graphql$/, 'ready'));
      return { status: r.status, problems: ((await r.json()) as { problems?: string[] }).problems ?? [] };
    };
    indexer?.pause();
    try {
      expect(await ready()).toEqual({ status: 200, problems: [] });
      // Later lag (writes, a runtime rebuild) leaves it ready: searches catch up themselves.
      if (index) index.keywordSeq = 0;
      expect((await ready()).status).toBe(200);
      // What a start leaves: postings not yet built once.
      if (index) index.postingsBuilt = false;
      expect(await ready()).toEqual({
        status: 503,
        problems: ['hot-0: rebuilding its keyword postings after the start'],
      });
      indexer?.resume();
      await indexer?.caughtUp();
      expect(index?.postingsBuilt).toBe(true);
      expect(await ready()).toEqual({ status: 200, problems: [] });
    } finally {
      indexer?.resume();
      await http.stop();
    }
  });
});

describe('saving an index while it is searched', () => {
  const dir = tempDir();
  let app: App;
  const sidecar = () => join(dir.path, 'hot', 'shard-0.usearch.json');
  const savedAt = () => {
    try {
      return statSync(sidecar()).mtimeMs;
    } catch {
      return 0;
    }
  };
  const waitSaved = async (after: number, ms: number) => {
    const until = Date.now() + ms;
    while (savedAt() === after && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return savedAt();
  };
  beforeAll(async () => {
    app = await indexedApp(dir, memories(300, 'sv'), {
      AKOSHA_INDEX_SAVE_SECONDS: '1',
      AKOSHA_COST_BUDGET_PER_MINUTE: '1000000000',
    });
  });
  afterAll(async () => {
    await app.akosha.close();
    dir.remove();
  });

  it('saves once searches pause, and under searches without a pause only once its turn is four intervals old', async () => {
    // No search yet: the changed index is saved within its interval.
    const first = await waitSaved(0, 3000);
    expect(first).toBeGreaterThan(0);
    // Searches back to back for 8 s; rows written (the index changes) as they begin.
    const seen: { at: number; mtime: number }[] = [];
    let changedAt = 0;
    const until = Date.now() + 8000;
    await Promise.all([
      (async () => {
        while (Date.now() < until) {
          // A new vector each time: a repeated search could be answered from the query cache.
          const r = await app.gql(SEARCH, { v: source.next(), limit: 3 });
          expect(r.errors).toBeUndefined();
          seen.push({ at: Date.now(), mtime: savedAt() });
          // A client's next search comes a few ms later (here, in process, it would starve the timers).
          await new Promise((r) => setTimeout(r, 10));
        }
      })(),
      (async () => {
        await ingestAll(app, memories(20, 'sv-more'));
        await app.akosha.stores.indexer?.caughtUp();
        changedAt = Date.now();
      })(),
    ]);
    const saved = seen.find((s) => s.mtime !== first);
    // A save holds the index worker (~150 ms for 125k rows): not while searches keep coming…
    expect(saved).toBeDefined();
    expect((saved?.at ?? 0) - changedAt).toBeGreaterThan(3000);
    // …but not put off for ever: four intervals (4 s) after its turn came.
    expect((saved?.at ?? 0) - changedAt).toBeLessThan(6500);
    // Quiet again: a change is saved within its interval.
    const before = savedAt();
    await ingestAll(app, memories(5, 'sv-quiet'));
    expect(await waitSaved(before, 3000)).toBeGreaterThan(before);
  }, 30_000);
});

describe('a compressed index (i8) with exact rescoring', () => {
  const dir = tempDir();
  let app: App;
  const all = memories(3000, 'q');
  beforeAll(async () => {
    app = await indexedApp(dir, all, { AKOSHA_ANN_QUANTIZATION: 'i8' });
  }, 120_000);
  afterAll(async () => {
    await app.akosha.close();
    dir.remove();
  });

  it('returns exact cosine scores (not the index’s int8 ones), best first, and finds planted neighbours', async () => {
    let recalled = 0;
    for (let t = 0; t < 10; t++) {
      const target = all[t * 251] as Mem;
      const q = target.embedding.map((x, i) => x + 0.02 * Math.sin(i + t));
      const r = await app.gql(SEARCH, { v: q, limit: 10, tiers: ['HOT'] });
      expect(r.data.search.strategies).toEqual([{ shard: 'hot-0', strategy: 'ann' }]);
      const hits = r.data.search.hits as { clientId: string; score: number }[];
      expect(hits).toHaveLength(10);
      expect(hits[0]?.clientId).toBe(target.id);
      for (const h of hits) {
        const m = all.find((x) => x.id === h.clientId) as Mem;
        // float32 storage: exact up to float32 rounding; int8 codes would be off by ~1e-3
        expect(Math.abs(h.score - cosine(q, m.embedding))).toBeLessThan(2e-6);
      }
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
      const exact = exactTop(all, q, 10);
      recalled += hits.filter((h) => exact.includes(h.clientId)).length;
    }
    expect(recalled / 100).toBeGreaterThanOrEqual(0.9);
  });

  it('is rebuilt when restarted with another quantization, and loaded when restarted with the same', async () => {
    const env = { AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '100' };
    await app.akosha.close();
    app = await startTestApp({ ...env, AKOSHA_ANN_QUANTIZATION: 'i8' }, dir);
    expect(app.akosha.stores.indexer?.indexFor(0)?.loadedFromFile).toBe(true);
    await app.akosha.close();
    app = await startTestApp({ ...env, AKOSHA_ANN_QUANTIZATION: 'f16' }, dir);
    const index = app.akosha.stores.indexer?.indexFor(0);
    expect(index?.loadedFromFile).toBe(false);
    expect(index?.config.quantization).toBe('f16');
    await app.akosha.stores.indexer?.caughtUp();
    const target = all[7] as Mem;
    const r = await app.gql(SEARCH, { v: target.embedding, limit: 1, tiers: ['HOT'] });
    expect(r.data.search.hits[0]).toMatchObject({ clientId: target.id });
    expect(Math.abs(r.data.search.hits[0].score - 1)).toBeLessThan(2e-6);
    expect(statSync(join(dir.path, 'hot', 'shard-0.vectors')).size).toBe(all.length * SLOT);
  });

  it('rebuilds the index when its vector file lost rows, and answers exactly again', async () => {
    const env = { AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '100', AKOSHA_ANN_QUANTIZATION: 'f16' };
    await app.akosha.close();
    const file = join(dir.path, 'hot', 'shard-0.vectors');
    truncateSync(file, 100 * SLOT);
    app = await startTestApp(env, dir);
    expect(app.akosha.stores.indexer?.indexFor(0)?.loadedFromFile).toBe(false);
    await app.akosha.stores.indexer?.caughtUp();
    const target = all[2500] as Mem;
    const r = await app.gql(SEARCH, { v: target.embedding, limit: 3, tiers: ['HOT'] });
    expect(r.data.search.strategies).toEqual([{ shard: 'hot-0', strategy: 'ann' }]);
    expect(r.data.search.hits[0].clientId).toBe(target.id);
    expect(Math.abs(r.data.search.hits[0].score - 1)).toBeLessThan(2e-6);
    expect(statSync(file).size).toBe(all.length * SLOT);
  });

  it('frees the vectors of rows that aged out, and reuses their slots for new rows', async () => {
    const old = memories(200, 'aged', { daysAgo: 30 });
    await ingestAll(app, old);
    const indexer = app.akosha.stores.indexer;
    await indexer?.caughtUp();
    const file = join(dir.path, 'hot', 'shard-0.vectors');
    const grown = statSync(file).size;
    expect(grown).toBe((all.length + 200) * SLOT);
    expect(await migrate(app, { move: 'HOT_TO_WARM' })).toMatchObject({ status: 'DONE', recordsDone: 200 });
    const fresh = memories(150, 'reuse');
    await ingestAll(app, fresh);
    await indexer?.caughtUp();
    expect(statSync(file).size).toBe(grown);
    const target = fresh[77] as Mem;
    const r = await app.gql(SEARCH, { v: target.embedding, limit: 5, tiers: ['HOT'] });
    expect(r.data.search.hits[0].clientId).toBe(target.id);
    for (const h of r.data.search.hits as { clientId: string; score: number }[]) {
      expect(h.clientId.startsWith('aged')).toBe(false);
      const m = [...all, ...fresh].find((x) => x.id === h.clientId) as Mem;
      expect(Math.abs(h.score - cosine(target.embedding, m.embedding))).toBeLessThan(2e-6);
    }
  });
});

describe('the warm index', () => {
  const dir = tempDir();
  let app: App;
  const hot = memories(500, 'h');
  const warm = memories(3000, 'w', { daysAgo: 30 });
  const late = memories(50, 'late', { daysAgo: 30 });
  const warmIndex = () => app.akosha.stores.indexer?.indexFor(0, 'warm');
  /** The warm shard's exact scan (the int8 codes' cosine, in SQL) of every row: id → score. */
  const exactWarm = async (q: number[]) => {
    const shard = warmIndex()?.shard;
    if (!shard) throw new Error('no warm index');
    const norm = Math.hypot(...q);
    const [hits] = await shard.searchBatch(
      [
        nearest(
          Float32Array.from(q, (x) => x / norm),
          10_000,
        ),
      ],
      30_000,
    );
    return new Map((hits ?? []).map((h) => [h.id, h.score]));
  };
  const search = async (q: number[], tiers: string[] | null, limit = 10) => {
    const r = await app.gql(SEARCH, { v: q, limit, tiers });
    expect(r.errors).toBeUndefined();
    return r.data.search as { hits: { clientId: string; score: number }[]; strategies: unknown[] };
  };
  beforeAll(async () => {
    app = await indexedApp(dir, [...hot, ...warm], {
      AKOSHA_ANN_EXPANSION_ADD: '40',
      AKOSHA_ANN_WARM_EXPANSION_ADD: '80',
    });
    expect(await migrate(app, { move: 'HOT_TO_WARM' })).toMatchObject({ status: 'DONE', recordsDone: 3000 });
    await app.akosha.stores.indexer?.caughtUp();
  }, 120_000);
  afterAll(async () => {
    await app.akosha.close();
    dir.remove();
  });

  it('builds and searches each tier with its own expansions', () => {
    const hotIndex = app.akosha.stores.indexer?.indexFor(0, 'hot');
    expect(hotIndex?.config).toMatchObject({ expansionAdd: 40, expansionSearch: 96 });
    expect(warmIndex()?.config).toMatchObject({ expansionAdd: 80, expansionSearch: 160 });
  });

  it('holds the rows aging moved, and answers with the warm tier’s exact scores and planted neighbours first', async () => {
    expect(warmIndex()?.size).toBe(3000);
    expect(app.akosha.stores.indexer?.indexFor(0)?.size).toBe(500);
    // The rescoring file holds the int8 codes: a key and 384 bytes a row.
    expect(statSync(join(dir.path, 'warm', 'shard-0.vectors')).size).toBe(3000 * (8 + 384));
    let recalled = 0;
    for (let t = 0; t < 10; t++) {
      const target = warm[t * 271] as Mem;
      const q = target.embedding.map((x, i) => x + 0.02 * Math.sin(i + t));
      const r = await search(q, ['WARM']);
      expect(r.strategies).toEqual([{ shard: 'warm-0', strategy: 'ann' }]);
      expect(r.hits).toHaveLength(10);
      expect(r.hits[0]?.clientId).toBe(target.id);
      const exact = await exactWarm(q);
      for (const h of r.hits) expect(Math.abs(h.score - (exact.get(h.clientId) ?? 9))).toBeLessThan(1e-5);
      const best = [...exact].sort((a, b) => b[1] - a[1]).slice(0, 10);
      recalled += r.hits.filter((h) => best.some(([id]) => id === h.clientId)).length;
    }
    expect(recalled / 100).toBeGreaterThanOrEqual(0.9);
  });

  it('answers a default search (hot and warm) through both indexes', async () => {
    for (const target of [warm[5] as Mem, hot[5] as Mem]) {
      const r = await search(target.embedding, null, 10);
      expect(r.strategies).toEqual([
        { shard: 'hot-0', strategy: 'ann' },
        { shard: 'warm-0', strategy: 'ann' },
      ]);
      expect(r.hits[0]?.clientId).toBe(target.id);
    }
  });

  it('loads its hits from the record file beside it, asking DuckDB for nothing', async () => {
    expect(warmIndex()?.records.size).toBe(3000);
    const target = warm[777] as Mem;
    const shards = [warmIndex()?.shard, app.akosha.stores.indexer?.indexFor(0)?.shard];
    const loads = shards.map((s) => (s ? vi.spyOn(s, 'load') : null));
    try {
      const r = await app.gql(LOAD, { v: target.embedding, tiers: ['WARM'] });
      const hits = r.data.search.hits as { clientId: string; memory: Record<string, unknown> }[];
      expect(hits).toHaveLength(5);
      expect(hits[0]?.clientId).toBe(target.id);
      expectIngested(hits, warm);
      // Neither the warm shard nor the hot one (where the key is not) was asked.
      for (const l of loads)
        expect(l?.mock.calls.every(([keys]) => (keys as unknown[]).length === 0)).toBe(true);
    } finally {
      for (const l of loads) l?.mockRestore();
    }
  });

  it('finds rows aging moved before the warm index has them', async () => {
    const indexer = app.akosha.stores.indexer;
    indexer?.pause();
    try {
      await ingestAll(app, late);
      expect(await migrate(app, { move: 'HOT_TO_WARM' })).toMatchObject({ status: 'DONE', recordsDone: 50 });
      expect(warmIndex()?.size).toBe(3000);
      const target = late[7] as Mem;
      const r = await search(target.embedding, ['WARM'], 3);
      expect(r.strategies).toEqual([{ shard: 'warm-0', strategy: 'ann' }]);
      expect(r.hits[0]?.clientId).toBe(target.id);
    } finally {
      indexer?.resume();
    }
    await indexer?.caughtUp();
    expect(warmIndex()?.size).toBe(3050);
    expect(warmIndex()?.records.size).toBe(3050);
  });

  it('is loaded at a restart, and rebuilt when its file is gone', async () => {
    const env = { AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '100' };
    await app.akosha.close();
    app = await startTestApp(env, dir);
    expect(warmIndex()?.loadedFromFile).toBe(true);
    expect(warmIndex()?.size).toBe(3050);
    await app.akosha.close();
    rmSync(join(dir.path, 'warm', 'shard-0.usearch'));
    app = await startTestApp(env, dir);
    expect(warmIndex()?.loadedFromFile).toBe(false);
    await app.akosha.stores.indexer?.caughtUp();
    expect(warmIndex()?.size).toBe(3050);
    const target = warm[1234] as Mem;
    const r = await search(target.embedding, ['WARM'], 3);
    expect(r.strategies).toEqual([{ shard: 'warm-0', strategy: 'ann' }]);
    expect(r.hits[0]?.clientId).toBe(target.id);
  });

  it('forgets rows that leave warm, forgotten or aged to cold, while the hot index keeps its own', async () => {
    const target = warm[2024] as Mem;
    const index = warmIndex();
    const seq = [...(index?.rows ?? [])].find(([, c]) => c.id === target.id)?.[0] ?? -1;
    expect(index?.memoryAt(seq)).toMatchObject({ id: target.id });
    const forgot = await app.gql(FORGET, { input: { systemIds: [target.systemId], ids: [target.id] } });
    expect(forgot.errors).toBeUndefined();
    await app.akosha.stores.migrator.idle();
    expect(index?.size).toBe(3049);
    expect(index?.memoryAt(seq)).toBeNull();
    expect((await search(target.embedding, ['WARM'], 3)).hits.map((h) => h.clientId)).not.toContain(
      target.id,
    );
    expect((await app.gql(MEMORY, { s: target.systemId, id: target.id })).data.memory).toBeNull();

    // Rows that pass through warm into cold on one run of aging end up in neither index.
    const old = memories(100, 'ancient', { daysAgo: 200 });
    await ingestAll(app, old);
    await app.akosha.stores.indexer?.caughtUp();
    expect(await migrate(app)).toMatchObject({ status: 'DONE' });
    await app.akosha.stores.indexer?.caughtUp();
    expect(index?.size).toBe(3049);
    expect(index?.records.size).toBe(3049);
    expect(app.akosha.stores.indexer?.indexFor(0)?.size).toBe(500);
    const ancient = old[42] as Mem;
    expect((await search(ancient.embedding, ['WARM'], 3)).hits.map((h) => h.clientId)).not.toContain(
      ancient.id,
    );
    expect((await search(ancient.embedding, ['COLD'], 1)).hits[0]?.clientId).toBe(ancient.id);
    const verified = await app.akosha.stores.verify({ collectOrphans: false });
    expect(verified.problems).toEqual([]);
  });

  it('numbers the rows of a warm file from before the warm index, and indexes them', async () => {
    await app.akosha.close();
    const db = await DuckDBInstance.create(join(dir.path, 'warm', 'shard-0.duckdb'));
    const conn = await db.connect();
    await conn.run('ALTER TABLE memories DROP COLUMN seq');
    conn.closeSync();
    db.closeSync();
    for (const f of readdirSync(join(dir.path, 'warm')))
      if (/^shard-0\.(usearch|vectors|records)/.test(f)) rmSync(join(dir.path, 'warm', f));
    app = await startTestApp({ AKOSHA_SHARDS: '1', AKOSHA_ANN_EXACT_THRESHOLD: '100' }, dir);
    await app.akosha.stores.indexer?.caughtUp();
    expect(warmIndex()?.size).toBe(3049);
    const target = warm[99] as Mem;
    const r = await search(target.embedding, ['WARM'], 3);
    expect(r.strategies).toEqual([{ shard: 'warm-0', strategy: 'ann' }]);
    expect(r.hits[0]?.clientId).toBe(target.id);
    expect((await app.gql(MEMORY, { s: target.systemId, id: target.id })).data.memory).toEqual({
      clientId: target.id,
    });
  });
});

describe('the vector file of a compressed index', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const dims = 4;
  const vec = (x: number) => Float32Array.from([x, x + 1, x + 2, x + 3]);

  it('reads back what it wrote, frees and reuses slots, and knows its keys after reopening', () => {
    const path = join(dir.path, 'v.vectors');
    const file = VectorFile.open(path, dims);
    file.write([5, 9, 12], Float32Array.from([...vec(5), ...vec(9), ...vec(12)]));
    const out = new Float32Array(dims);
    expect(file.read(9, out)).toBe(true);
    expect([...out]).toEqual([...vec(9)]);
    expect(file.read(6, out)).toBe(false);
    file.remove([9]);
    expect(file.read(9, out)).toBe(false);
    file.write([13], vec(13));
    expect(statSync(path).size).toBe(3 * (8 + dims * 4));
    file.write([5], vec(50));
    file.close();
    const again = VectorFile.open(path, dims);
    expect([...again.keys()].sort((a, b) => a - b)).toEqual([5, 12, 13]);
    expect(again.read(5, out)).toBe(true);
    expect([...out]).toEqual([...vec(50)]);
    expect(again.read(13, out) && [...out]).toEqual([...vec(13)]);
    again.remove([12]);
    again.write([20, 21], Float32Array.from([...vec(20), ...vec(21)]));
    expect(statSync(path).size).toBe(4 * (8 + dims * 4));
    again.clear();
    expect(again.size).toBe(0);
    expect(statSync(path).size).toBe(0);
    again.close();
  });
});

describe('the record file beside a hot index', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const memory = (i: number, content = `memory ${i} – naïve 日本語`): StoredMemory => ({
    systemId: 'sys-a',
    id: `id-${i}`,
    kind: 'CONVERSATION',
    content,
    contentHash: `h${i}`,
    timestamp: new Date(Date.UTC(2026, 10, 1, 0, 0, i)),
    uploadedAt: new Date(Date.UTC(2026, 11, 1)),
    metadata: { project: 'p', tags: ['a', 'b'], nested: { n: i } },
    embedding: null,
  });

  it('reads back what it appended, keeps removals across reopening, and cuts a torn last record', () => {
    const path = join(dir.path, 'a.records');
    const file = RecordFile.open(path);
    file.append([1, 2, 3].map((seq) => ({ seq, memory: memory(seq) })));
    expect(file.read(2)).toEqual(memory(2));
    expect(file.read(9)).toBeNull();
    file.remove([2]);
    expect(file.read(2)).toBeNull();
    // Too large to keep: its hits are read from DuckDB.
    file.append([{ seq: 4, memory: memory(4, 'x'.repeat(70_000)) }]);
    expect(file.read(4)).toBeNull();
    file.close();
    appendFileSync(path, Buffer.from([1, 2, 3, 4, 5]));
    const again = RecordFile.open(path);
    expect([...again.seqs()].sort()).toEqual([1, 3]);
    expect(again.read(3)).toEqual(memory(3));
    again.append([{ seq: 5, memory: memory(5) }]);
    expect(again.read(5)).toEqual(memory(5));
    again.keepOnly(new Set([1, 5]));
    expect(again.read(3)).toBeNull();
    again.close();
    expect([...RecordFile.open(path).seqs()].sort()).toEqual([1, 5]);
  });

  it('reads back every record past each growth of its places, appended and after reopening', () => {
    const path = join(dir.path, 'c.records');
    const file = RecordFile.open(path);
    // 1024 places at first, doubled as needed: the record that makes them grow must not be lost.
    file.append(Array.from({ length: 2100 }, (_, i) => ({ seq: i + 1, memory: memory(i + 1) })));
    for (const seq of [1, 1024, 1025, 2048, 2049, 2100]) expect(file.read(seq)).toEqual(memory(seq));
    for (let seq = 1; seq <= 2100; seq++) expect(file.read(seq)?.id).toBe(`id-${seq}`);
    file.close();
    const again = RecordFile.open(path);
    for (let seq = 1; seq <= 2100; seq++) expect(again.read(seq)?.id).toBe(`id-${seq}`);
    again.close();
  });

  it('reads a damaged record as absent (its hit is then read from DuckDB), the others as they were', () => {
    const path = join(dir.path, 'd.records');
    const file = RecordFile.open(path);
    file.append([1, 2, 3].map((seq) => ({ seq, memory: memory(seq) })));
    file.close();
    // Overwrite the JSON of the second record (same length, header intact) with garbage.
    const bytes = readFileSync(path);
    const second = bytes.indexOf('"id":"id-2"');
    expect(second).toBeGreaterThan(0);
    bytes.fill(0x7b, second, second + 10);
    writeFileSync(path, bytes);
    const again = RecordFile.open(path);
    expect(again.read(2)).toBeNull();
    expect(again.read(1)).toEqual(memory(1));
    expect(again.read(3)).toEqual(memory(3));
    again.close();
  });

  it('marks records removed together as dead spans (a write a span), which a reopen skips whole', () => {
    const path = join(dir.path, 'e.records');
    const file = RecordFile.open(path);
    // 600 records of 150–450 bytes: adjacent removals make spans of up to 64 KiB.
    const sized = (i: number) => memory(i, `memory ${i} ${'x'.repeat((i * 37) % 300)}`);
    file.append(Array.from({ length: 600 }, (_, i) => ({ seq: i + 1, memory: sized(i + 1) })));
    const removed = new Set([...Array.from({ length: 400 }, (_, i) => i + 1), 450, 452, 453, 600]);
    // Out of order: the file sorts them.
    file.remove([...removed].reverse());
    file.close();
    const bytes = readFileSync(path);
    // The first header: seq 0, and a length spanning many records (more than the largest one).
    expect(bytes.readDoubleLE(0)).toBe(0);
    const span = 12 + bytes.readUInt32LE(8);
    expect(span).toBeGreaterThan(2000);
    expect(span).toBeLessThanOrEqual(65_535);
    const again = RecordFile.open(path);
    const kept = Array.from({ length: 600 }, (_, i) => i + 1).filter((seq) => !removed.has(seq));
    expect([...again.seqs()].sort((a, b) => a - b)).toEqual(kept);
    for (const seq of kept) expect(again.read(seq)).toEqual(sized(seq));
    for (const seq of removed) expect(again.read(seq)).toBeNull();
    again.close();
  });

  it('rewrites the file when dead records outweigh the live ones', () => {
    const path = join(dir.path, 'b.records');
    const file = RecordFile.open(path, { compactAfterBytes: 1000 });
    file.append(Array.from({ length: 100 }, (_, i) => ({ seq: i + 1, memory: memory(i + 1) })));
    const full = statSync(path).size;
    file.remove(Array.from({ length: 90 }, (_, i) => i + 1));
    expect(statSync(path).size).toBeLessThan(full / 5);
    for (let seq = 91; seq <= 100; seq++) expect(file.read(seq)).toEqual(memory(seq));
    expect(file.read(5)).toBeNull();
    file.append([{ seq: 101, memory: memory(101) }]);
    file.close();
    const again = RecordFile.open(path);
    expect(again.size).toBe(11);
    expect(again.read(101)).toEqual(memory(101));
    again.close();
  });
});

describe('the candidates of an index (typed columns by seq)', () => {
  const candidate = (i: number): Candidate => ({
    systemId: `sys-${i % 3}`,
    id: `id-${i}`,
    project: i % 4 === 0 ? null : `p${i % 2}`,
    tags: i % 5 === 0 ? null : [`t${i % 2}`, 'shared'],
    ts: 1_700_000_000_000 + i,
  });

  it('gives back what it was given, past the first growth, and reuses the slots of removed rows', () => {
    const rows = new Candidates();
    for (let i = 1; i <= 3000; i++) rows.set(i, candidate(i));
    expect(rows.size).toBe(3000);
    for (const i of [1, 4, 5, 1024, 1025, 2999]) expect(rows.get(i)).toEqual(candidate(i));
    expect(rows.get(3001)).toBeUndefined();
    for (let i = 1; i <= 3000; i += 2) expect(rows.delete(i)).toBe(true);
    expect(rows.delete(1)).toBe(false);
    expect(rows.has(1)).toBe(false);
    expect(rows.size).toBe(1500);
    // New rows take the freed slots; the kept rows are untouched.
    for (let i = 5001; i <= 6500; i++) rows.set(i, candidate(i));
    expect(rows.get(2)).toEqual(candidate(2));
    expect(rows.get(6500)).toEqual(candidate(6500));
    // Setting a row again replaces its values.
    rows.set(2, candidate(7));
    expect(rows.get(2)).toEqual(candidate(7));
    expect(new Map(rows).size).toBe(3000);
    expect([...rows.keys()].sort((a, b) => a - b).slice(0, 3)).toEqual([2, 4, 6]);
    rows.clear();
    expect(rows.size).toBe(0);
    rows.set(9, candidate(9));
    expect(rows.get(9)).toEqual(candidate(9));
  });

  it('forgets a shared value once no row uses it (a value seen again is kept anew)', () => {
    const rows = new Candidates();
    rows.set(1, { ...candidate(1), project: 'only-here' });
    rows.set(2, { ...candidate(2), project: 'kept' });
    rows.delete(1);
    rows.set(3, { ...candidate(3), project: 'new' });
    expect(rows.get(2)?.project).toBe('kept');
    expect(rows.get(3)?.project).toBe('new');
    rows.set(4, { ...candidate(4), project: 'only-here' });
    expect(rows.get(4)?.project).toBe('only-here');
    expect(rows.get(3)?.project).toBe('new');
  });
});
