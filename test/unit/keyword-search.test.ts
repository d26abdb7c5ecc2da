import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocut } from '../../resolvers/search.ts';
import { graphql } from '../../schema/operations/gql.ts';
import { termOf, words } from '../../storage/keyword/analyze.ts';
import { Postings } from '../../storage/keyword/postings.ts';
import { parseKeywordQuery } from '../../storage/keyword/query.ts';
import { INGEST, startTestApp, type TestMemory, tempDir } from '../support/app.ts';
import { JOB, migrate, NOW } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

// Keyword (BM25) and hybrid search through GraphQL, on real DuckDB shards and cold Parquet
// objects: exact terms vector search misses, fusion, alpha's ends, explain, phrases and prefixes,
// filters, and the terms following memories through forgetting and aging.

const KSEARCH = graphql(`query KeywordSearch($q: String, $mode: SearchMode, $v: Vector, $alpha: Float,
  $fusion: Fusion, $limit: Int, $tiers: [Tier!], $s: [String!], $p: [String!], $autocut: Int, $min: Float) {
  search(query: $q, mode: $mode, nearVector: $v, alpha: $alpha, fusion: $fusion, limit: $limit,
    tiers: $tiers, systemIds: $s, projects: $p, autocut: $autocut, minScore: $min) {
    hits { clientId systemId score tier
      explain { vectorScore vectorRank keywordScore keywordRank vectorPart keywordPart terms { clause score } } }
    strategies { shard strategy }
  }
}`);
const FORGET = graphql(
  `mutation KeywordForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }`,
);

const DAY = 86_400_000;
const source = createVectorSource(1919);
type Hit = {
  clientId: string;
  systemId: string;
  score: number;
  tier: string;
  explain: {
    vectorScore: number | null;
    vectorRank: number | null;
    keywordScore: number | null;
    keywordRank: number | null;
    vectorPart: number;
    keywordPart: number;
    terms: { clause: string; score: number }[];
  };
};

const FILLER = [
  'the weekly planning notes mention budgets and hiring',
  'a reflection on testing strategy and flaky builds',
  'notes about the database migration and its rollback plan',
  'conversation about lunch options near the office',
  'the deploy pipeline waits for the integration suite',
  'reading list: distributed systems and consensus papers',
];
const at = (ageDays: number, i = 0) => new Date(NOW.getTime() - ageDays * DAY - i * 60_000).toISOString();
const memory = (id: string, content: string, o: Partial<TestMemory> = {}): TestMemory => ({
  id,
  systemId: 'laptop',
  kind: 'CONVERSATION',
  content,
  embedding: source.next(),
  timestamp: at(1),
  metadata: { project: 'main' },
  ...o,
});

const query = source.next();
/** A vector close to the query vector (same direction plus a little noise). */
const near = (amount: number) => {
  const noise = source.next();
  return query.map((x, i) => x + amount * (noise[i] ?? 0));
};

const memories: TestMemory[] = [
  ...FILLER.flatMap((text, i) => [
    memory(`filler-${i}`, text),
    memory(`filler-b-${i}`, `${text} again`, { systemId: 'desktop' }),
  ]),
  // the exact term, with a vector far from the query
  memory('error-code', 'payment service failed with error ZX4471 after the deploy'),
  // the term and a vector close to the query; the term only; the vector only
  memory('both', 'kafka consumer lag grew while kafka rebalanced', { embedding: near(0.3) }),
  memory('term-only', 'kafka brokers were restarted on friday'),
  memory('vector-only', 'queue depth charts looked odd this morning', { embedding: near(0.25) }),
  memory('running', 'she was running the nightly reports'),
  memory('runs', 'the job runs every hour', { metadata: { project: 'ops' } }),
  memory('phrase', 'we rolled the payment gateway back'),
  memory('scrambled', 'the gateway for payment was slow'),
  memory('prefix', 'computational notebooks are great'),
  memory('cjk', '東京タワーで会議をしました'),
  memory('unicode', 'Über-café naïve résumé'),
  // aged: to warm (30 days) and cold (200 days)
  memory('warm-one', 'the zeppelin diagram from last month', { timestamp: at(30) }),
  memory('cold-one', 'an old note about quokka habitats', { timestamp: at(200), systemId: 'desktop' }),
  memory('forget-me', 'the secret word is marmalade', { systemId: 'desktop' }),
];

type App = Awaited<ReturnType<typeof startTestApp>>;

describe('the keyword analyzer and query language', () => {
  it('lower-cases, splits on Unicode word boundaries, splits Han and kana per character, stems English', () => {
    expect(words('Über-café naïve, résumé!')).toEqual(['über', 'café', 'naïve', 'résumé']);
    expect(words('東京タワーで会議')).toEqual(['東', '京', 'タ', 'ワ', 'ー', 'で', '会', '議']);
    expect(words('ZX4471 costs $12.50')).toEqual(['zx4471', 'costs', '12', '50']);
    expect(['running', 'runs', 'run'].map(termOf)).toEqual(['run', 'run', 'run']);
    expect(termOf('café')).toBe('café');
  });

  it('parses words, "phrases" and prefixes*, once each; refuses too many clauses', () => {
    const clauses = parseKeywordQuery('Kafka "payment  Gateway" comput* kafka run runs');
    expect(clauses?.map((c) => [c.kind, c.text])).toEqual([
      ['term', 'kafka'],
      ['phrase', '"payment gateway"'],
      ['prefix', 'comput*'],
      ['term', 'run'],
    ]);
    expect(parseKeywordQuery(' ?! ')).toBeNull();
    expect(() => parseKeywordQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toThrow(
      /at most 32/,
    );
  });

  it('postings forget removed rows (df, length and lists) and never hold a row twice', () => {
    const p = new Postings();
    for (let seq = 1; seq <= 10; seq++) p.add(seq, seq % 2 ? [7, 7, 8] : [7, 9, 9, 9]);
    p.add(3, [1, 2, 3]); // a row already held keeps its terms
    p.remove([1, 2, 3, 4, 5, 6]);
    expect(p.size).toBe(4);
    const hits = p.search([7, 9], 10, () => true);
    expect(hits.map((h) => h.seq).sort((a, b) => a - b)).toEqual([7, 8, 9, 10]);
    // every remaining row holds term 7: df 4 of 4 rows, idf = ln(1 + 0.5 / 4.5)
    const idf7 = Math.log(1 + 0.5 / 4.5);
    const avgdl = (3 + 4 + 3 + 4) / 4;
    const seven = hits.find((h) => h.seq === 7);
    expect(seven?.parts[0]).toBeCloseTo((idf7 * 2 * 2.2) / (2 + 1.2 * (0.25 + (0.75 * 3) / avgdl)), 12);
    expect(seven?.parts[1]).toBe(0);
    expect(p.search([7], 10, (seq) => seq > 8).map((h) => h.seq)).toEqual([9, 10]);
    p.add(11, [9]);
    // tf 3 of 4 terms beats tf 1 of 1 (avgdl 3): 6.6 / 4.5 against 2.2 / 1.6
    expect(p.search([9], 10, () => true).map((h) => h.seq)).toEqual([8, 10, 11]);
  });

  it('postings answer exactly what scoring every row of the query terms answers, while reading fewer lists', () => {
    // Seeded rows over a skewed vocabulary (a few terms in most rows), removals in between, and
    // queries mixing common and rare terms, repeated terms, filters and limits.
    let state = 12345;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const termOf = () => Math.floor(random() ** 3 * 400);
    const p = new Postings();
    const rows = new Map<number, number[]>();
    for (let seq = 1; seq <= 3000; seq++) {
      const terms = Array.from({ length: 1 + Math.floor(random() * 30) }, termOf);
      p.add(seq, terms);
      rows.set(seq, terms);
      if (seq % 500 === 0) {
        const gone = [...rows.keys()].filter(() => random() < 0.2);
        p.remove(gone);
        for (const g of gone) rows.delete(g);
      }
    }
    // The reference: every held row holding a query term, scored as the SQL scan scores it.
    const reference = (terms: number[], limit: number, accept: (seq: number) => boolean) => {
      const n = rows.size;
      const avgdl = [...rows.values()].reduce((a, t) => a + t.length, 0) / n;
      const idf = terms.map((t) => {
        const df = [...rows.values()].filter((r) => r.includes(t)).length;
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
      });
      const hits = [...rows.entries()].flatMap(([seq, r]) => {
        if (!terms.some((t) => r.includes(t)) || !accept(seq)) return [];
        const parts = terms.map((t, i) => {
          const tf = r.filter((x) => x === t).length;
          return tf === 0
            ? 0
            : ((idf[i] as number) * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * r.length) / avgdl));
        });
        return [{ seq, score: parts.reduce((a, x) => a + x, 0) }];
      });
      return hits.sort((x, y) => y.score - x.score || x.seq - y.seq).slice(0, limit);
    };
    let pruned = 0;
    for (let q = 0; q < 120; q++) {
      const terms = Array.from({ length: 1 + (q % 4) }, () =>
        random() < 0.5 ? termOf() : Math.floor(random() * 400),
      );
      if (q % 10 === 0) terms.push(terms[0] as number);
      const limit = [1, 5, 10, 50][q % 4] as number;
      const accept = q % 3 === 0 ? (seq: number) => seq % 7 !== 0 : () => true;
      const want = reference(terms, limit, accept);
      let asked = 0;
      const got = p.search(terms, limit, (seq) => {
        asked++;
        return accept(seq);
      });
      expect(got.map((h) => h.seq)).toEqual(want.map((h) => h.seq));
      got.forEach((h, i) => {
        expect(h.score).toBeCloseTo(want[i]?.score as number, 9);
      });
      const holding = [...rows.values()].filter((r) => terms.some((t) => r.includes(t))).length;
      if (asked < holding) pruned++;
    }
    // Most queries with a common term stop before reading its list.
    expect(pruned).toBeGreaterThan(40);
  });

  it('autocut keeps the group before the asked jump', () => {
    expect(autocut([0.9, 0.89, 0.88, 0.5, 0.49, 0.48], 1)).toBe(3);
    expect(autocut([9, 8.9, 5, 4.9, 1, 0.9, 0.8], 1)).toBe(2);
    expect(autocut([9, 8.9, 5, 4.9, 1, 0.9, 0.8], 2)).toBe(4);
    expect(autocut([9, 8.9, 5, 4.9, 1, 0.9, 0.8], 3)).toBe(7);
    expect(autocut([10, 2, 1.9], 1)).toBe(1);
    expect(autocut([3, 2, 1], 1)).toBe(3);
    expect(autocut([1, 1, 1, 1], 1)).toBe(4);
  });
});

describe('keyword and hybrid search', () => {
  let app: App;
  const search = async (vars: Record<string, unknown>): Promise<Hit[]> => {
    const r = await app.gql(KSEARCH, vars);
    expect(r.errors).toBeUndefined();
    return r.data.search.hits;
  };
  const ids = (hits: Hit[]) => hits.map((h) => h.clientId);

  beforeAll(async () => {
    // One shard per tier, so the BM25 statistics are those of all hot memories.
    app = await startTestApp({ AKOSHA_SHARDS: '1' }, undefined, { clock: () => NOW });
    const r = await app.gql(INGEST, { input: memories });
    expect(r.data.ingestMemories.accepted).toBe(memories.length);
  });
  afterAll(async () => {
    await app?.akosha.close();
    app?.dir.remove();
  });

  it('finds an exact term that vector search misses', async () => {
    const vector = await search({ v: query, limit: 5, tiers: ['HOT'] });
    expect(ids(vector)).not.toContain('error-code');
    const keyword = await search({ q: 'zx4471', mode: 'KEYWORD' });
    expect(ids(keyword)).toEqual(['error-code']);
    expect(keyword[0]?.explain.terms).toEqual([{ clause: 'zx4471', score: keyword[0]?.score }]);
    const r = await app.gql(KSEARCH, { q: 'zx4471', mode: 'KEYWORD' });
    // hot through its postings, warm by a scan of its terms
    expect(r.data.search.strategies).toEqual([
      { shard: 'hot-0', strategy: 'bm25-postings' },
      { shard: 'warm-0', strategy: 'bm25' },
    ]);
    // phrases and prefixes read the content: a scan
    const phrase = await app.gql(KSEARCH, { q: '"payment service"', mode: 'KEYWORD', tiers: ['HOT'] });
    expect(phrase.data.search.strategies).toEqual([{ shard: 'hot-0', strategy: 'bm25' }]);
  });

  it('finds a write at once, before the background indexer has seen it', async () => {
    app.akosha.stores.indexer?.pause();
    try {
      const fresh = memory('fresh-one', 'a brand new wombat');
      expect((await app.gql(INGEST, { input: [fresh] })).data.ingestMemories.accepted).toBe(1);
      const hits = await search({ q: 'wombat', mode: 'KEYWORD', tiers: ['HOT'] });
      expect(hits.map((h) => h.clientId)).toEqual(['fresh-one']);
      const f = await app.gql(FORGET, { input: { systemIds: ['laptop'], ids: ['fresh-one'] } });
      expect(f.errors).toBeUndefined();
      await app.akosha.stores.migrator.idle();
      expect(await search({ q: 'wombat', mode: 'KEYWORD', tiers: ['HOT'] })).toEqual([]);
    } finally {
      app.akosha.stores.indexer?.resume();
    }
  });

  it('scores by BM25 with the shard’s statistics (checked against an independent computation)', async () => {
    // Every memory is hot at this point (aging comes later).
    const docs = memories.map((m) => ({ id: m.id, terms: words(m.content).map(termOf) }));
    const avgdl = docs.reduce((n, d) => n + d.terms.length, 0) / docs.length;
    const bm25 = (d: (typeof docs)[number], term: string) => {
      const df = docs.filter((x) => x.terms.includes(term)).length;
      const tf = d.terms.filter((t) => t === term).length;
      const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      return tf === 0 ? 0 : (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.terms.length) / avgdl));
    };
    const hits = await search({ q: 'the deploy', mode: 'KEYWORD', limit: 50, tiers: ['HOT'] });
    const expected = docs
      .map((d) => ({ id: d.id, the: bm25(d, 'the'), deploy: bm25(d, termOf('deploy')) }))
      .map((x) => ({ ...x, score: x.the + x.deploy }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score);
    expect(hits.length).toBe(expected.length);
    for (const h of hits) {
      const e = expected.find((x) => x.id === h.clientId);
      expect(h.score).toBeCloseTo(e?.score ?? -1, 9);
      const share = Object.fromEntries(h.explain.terms.map((t) => [t.clause, t.score]));
      expect(share.the ?? 0).toBeCloseTo(e?.the ?? -1, 9);
      expect(share.deploy ?? 0).toBeCloseTo(e?.deploy ?? -1, 9);
    }
    // explain adds up: the terms' scores make the keyword score, which is the score
    for (const h of hits) {
      const sum = h.explain.terms.reduce((n, t) => n + t.score, 0);
      expect(sum).toBeCloseTo(h.score, 12);
      expect(h.explain.keywordPart).toBe(h.score);
      expect(h.explain.vectorPart).toBe(0);
    }
  });

  it('stems words, matches "phrases" in order and prefixes', async () => {
    expect(ids(await search({ q: 'runs', mode: 'KEYWORD' })).sort()).toEqual(['running', 'runs']);
    expect(ids(await search({ q: '"running"', mode: 'KEYWORD' }))).toEqual(['running']);
    expect(ids(await search({ q: '"payment gateway"', mode: 'KEYWORD' }))).toEqual(['phrase']);
    expect(ids(await search({ q: 'comput*', mode: 'KEYWORD' }))).toEqual(['prefix']);
    expect(ids(await search({ q: '"タワー"', mode: 'KEYWORD' }))).toEqual(['cjk']);
    expect(ids(await search({ q: '会議', mode: 'KEYWORD' }))).toEqual(['cjk']);
    expect(ids(await search({ q: 'RÉSUMÉ', mode: 'KEYWORD' }))).toEqual(['unicode']);
  });

  it('applies filters and scoping to keyword search', async () => {
    const all = ids(await search({ q: 'notes', mode: 'KEYWORD', limit: 50 }));
    expect(all.some((id) => id.startsWith('filler-b-'))).toBe(true);
    const laptop = ids(await search({ q: 'notes', mode: 'KEYWORD', limit: 50, s: ['laptop'] }));
    expect(laptop.length).toBeGreaterThan(0);
    expect(laptop.every((id) => !id.startsWith('filler-b-'))).toBe(true);
    expect(ids(await search({ q: 'runs', mode: 'KEYWORD', p: ['ops'] }))).toEqual(['runs']);
  });

  it('ranks a memory matching both sides above ones matching one, with either fusion', async () => {
    for (const fusion of ['RELATIVE_SCORE', 'RECIPROCAL_RANK']) {
      const hits = await search({
        q: 'kafka',
        v: query,
        mode: 'HYBRID',
        alpha: 0.5,
        fusion,
        tiers: ['HOT'],
        limit: 50,
      });
      expect(hits[0]?.clientId).toBe('both');
      const rank = (id: string) => ids(hits).indexOf(id);
      expect(rank('term-only')).toBeGreaterThan(0);
      expect(rank('vector-only')).toBeGreaterThan(0);
      for (const h of hits) expect(h.explain.vectorPart + h.explain.keywordPart).toBeCloseTo(h.score, 12);
    }
  });

  it('explains relative-score fusion: each side scaled 0..1 over its list, weighted by alpha', async () => {
    const alpha = 0.3;
    const hits = await search({ q: 'kafka notes', v: query, mode: 'HYBRID', alpha, tiers: ['HOT'] });
    const vector = await search({ v: query, limit: 50, tiers: ['HOT'] });
    const keyword = await search({ q: 'kafka notes', mode: 'KEYWORD', limit: 50, tiers: ['HOT'] });
    const scaled = (list: Hit[], id: string) => {
      const i = list.findIndex((h) => h.clientId === id);
      if (i < 0) return 0;
      const top = list[0]?.score ?? 0;
      const last = list[list.length - 1]?.score ?? 0;
      return ((list[i]?.score ?? 0) - last) / (top - last);
    };
    for (const h of hits) {
      expect(h.explain.vectorPart).toBeCloseTo(alpha * scaled(vector, h.clientId), 9);
      expect(h.explain.keywordPart).toBeCloseTo((1 - alpha) * scaled(keyword, h.clientId), 9);
    }
  });

  it('alpha 1 is the vector search and alpha 0 the keyword search', async () => {
    const vector = await search({ v: query, limit: 8, tiers: ['HOT'] });
    const keyword = await search({ q: 'the notes kafka', mode: 'KEYWORD', limit: 8 });
    const a1 = await search({
      q: 'the notes kafka',
      v: query,
      mode: 'HYBRID',
      alpha: 1,
      limit: 8,
      tiers: ['HOT'],
    });
    const a0 = await search({ q: 'the notes kafka', v: query, mode: 'HYBRID', alpha: 0, limit: 8 });
    expect(ids(a1)).toEqual(ids(vector));
    expect(ids(a0)).toEqual(ids(keyword));
    expect(keyword.length).toBeGreaterThan(3);
  });

  it('autocut cuts the results at the first large jump', async () => {
    const full = await search({ q: 'zx4471 kafka', mode: 'KEYWORD', limit: 20 });
    const cut = await search({ q: 'zx4471 kafka', mode: 'KEYWORD', limit: 20, autocut: 1 });
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.length).toBeLessThan(full.length);
    expect(ids(cut)).toEqual(ids(full).slice(0, cut.length));
  });

  it('refuses bad keyword and hybrid arguments with coded errors', async () => {
    const refused = async (vars: Record<string, unknown>, message: RegExp) => {
      const r = await app.gql(KSEARCH, vars);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toMatch(message);
    };
    await refused({ mode: 'KEYWORD' }, /needs query/);
    await refused({ q: '!!', mode: 'KEYWORD' }, /no words/);
    await refused({ q: 'x', v: query, mode: 'KEYWORD' }, /no nearVector/);
    await refused({ q: 'x', mode: 'HYBRID', alpha: 1.5 }, /alpha must be between/);
    await refused({ v: query, alpha: 0.5 }, /alpha weighs/);
    await refused({ q: 'x', mode: 'KEYWORD', autocut: 0 }, /autocut/);
    await refused({ q: 'x', mode: 'KEYWORD', min: -1 }, /minScore/);
    await refused({ q: 'y'.repeat(1001), mode: 'KEYWORD' }, /at most 1000/);
  });

  it('keeps terms with memories through forgetting and aging (hot → warm → cold)', async () => {
    expect(ids(await search({ q: 'marmalade', mode: 'KEYWORD' }))).toEqual(['forget-me']);
    const f = await app.gql(FORGET, { input: { systemIds: ['desktop'], ids: ['forget-me'] } });
    expect(f.errors).toBeUndefined();
    await app.akosha.stores.migrator.idle();
    expect((await app.gql(JOB, { id: f.data.forgetMemories.id })).data.migrationJob.status).toBe('DONE');
    expect(await search({ q: 'marmalade', mode: 'KEYWORD', tiers: ['HOT', 'WARM', 'COLD'] })).toEqual([]);

    const before = await search({ q: 'zeppelin', mode: 'KEYWORD' });
    expect(before.map((h) => [h.clientId, h.tier])).toEqual([['warm-one', 'HOT']]);
    expect(await migrate(app)).toMatchObject({ status: 'DONE' });
    const warm = await search({ q: 'zeppelin diagram', mode: 'KEYWORD' });
    expect(warm.map((h) => [h.clientId, h.tier])).toEqual([['warm-one', 'WARM']]);
    expect(warm[0]?.explain.terms.map((t) => t.clause)).toEqual(['zeppelin', 'diagram']);
    const cold = await search({ q: 'quokka "quokka habitats"', mode: 'KEYWORD', tiers: ['COLD'] });
    expect(cold.map((h) => [h.clientId, h.tier])).toEqual([['cold-one', 'COLD']]);
    expect(cold[0]?.explain.terms.map((t) => t.clause)).toEqual(['quokka', '"quokka habitats"']);
    expect(await search({ q: 'quokka', mode: 'KEYWORD' })).toEqual([]);
    // hybrid across tiers: the cold memory's words and vector both
    const hybrid = await search({
      q: 'quokka',
      v: memories.find((m) => m.id === 'cold-one')?.embedding,
      mode: 'HYBRID',
      tiers: ['HOT', 'WARM', 'COLD'],
    });
    expect(hybrid[0]).toMatchObject({ clientId: 'cold-one', tier: 'COLD' });
  });
});

describe('shards written before keyword search', () => {
  it('get their terms at start: a missing terms column is added and filled', async () => {
    const dir = tempDir();
    let app = await startTestApp({ AKOSHA_SHARDS: '1' }, dir);
    await app.gql(INGEST, { input: [memory('old-1', 'an archived albatross sighting')] });
    await app.akosha.close();
    const db = await DuckDBInstance.create(join(dir.path, 'hot', 'shard-0.duckdb'));
    const conn = await db.connect();
    await conn.run('ALTER TABLE memories DROP COLUMN terms');
    conn.closeSync();
    db.closeSync();
    app = await startTestApp({ AKOSHA_SHARDS: '1' }, dir);
    try {
      const r = await app.gql(KSEARCH, { q: 'albatross', mode: 'KEYWORD' });
      expect(r.data.search.hits.map((h: Hit) => h.clientId)).toEqual(['old-1']);
    } finally {
      await app.akosha.close();
      dir.remove();
    }
  });

  it('cold objects without the terms column are searched by vector and match no words', async () => {
    const dir = tempDir();
    const old = memory('old-cold', 'an archived albatross sighting', { timestamp: at(200) });
    let app = await startTestApp({ AKOSHA_SHARDS: '1' }, dir, { clock: () => NOW });
    await app.gql(INGEST, { input: [old] });
    expect(await migrate(app)).toMatchObject({ status: 'DONE' });
    await app.akosha.close();
    const objects = readdirSync(join(dir.path, 'cold'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.parquet'))
      .map((f) => join(dir.path, 'cold', f));
    expect(objects).toHaveLength(1);
    // As an older version wrote it: no terms, no model.
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const file = objects[0] as string;
    await conn.run(
      `COPY (SELECT * EXCLUDE (terms, embedding_model) FROM read_parquet('${file}')) TO '${file}.old' (FORMAT parquet)`,
    );
    conn.closeSync();
    db.closeSync();
    renameSync(`${file}.old`, file);
    app = await startTestApp({ AKOSHA_SHARDS: '1' }, dir, { clock: () => NOW });
    try {
      const words = await app.gql(KSEARCH, { q: 'albatross', mode: 'KEYWORD', tiers: ['COLD'] });
      expect(words.errors).toBeUndefined();
      expect(words.data.search.hits).toEqual([]);
      const vector = await app.gql(KSEARCH, { v: old.embedding, tiers: ['COLD'], limit: 1 });
      expect(vector.errors).toBeUndefined();
      expect(vector.data.search.hits.map((h: Hit) => h.clientId)).toEqual(['old-cold']);
    } finally {
      await app.akosha.close();
      dir.remove();
    }
  });
});

describe('embedding models recorded with memories', () => {
  const SYSTEMS = graphql(`query KeywordSystems { systems { id embeddingModels } }`);
  const TEXT =
    graphql(`query KeywordText($t: String, $q: String, $mode: SearchMode, $v: Vector, $alpha: Float,
    $s: [String!]) {
    search(nearText: $t, query: $q, mode: $mode, nearVector: $v, alpha: $alpha, systemIds: $s) { hits { clientId } }
  }`);
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({}, undefined, { clock: () => NOW });
    const r = await app.gql(INGEST, {
      input: [
        {
          ...memory('sb-1', 'minilm vectors of a pelican'),
          systemId: 'sb',
          embeddingModel: 'all-MiniLM-L6-v2',
        },
        {
          ...memory('sb-2', 'older pelican notes', { timestamp: at(30) }),
          systemId: 'sb',
          embeddingModel: 'all-MiniLM-L6-v2',
        },
        memory('plain-1', 'a pelican without a model'),
      ],
    });
    expect(r.data.ingestMemories.accepted).toBe(3);
  });
  afterAll(async () => {
    await app?.akosha.close();
    app?.dir.remove();
  });

  it('lists each system’s models, and keeps them through aging', async () => {
    const models = async () => (await app.gql(SYSTEMS)).data.systems;
    expect(await models()).toEqual([
      { id: 'laptop', embeddingModels: [] },
      { id: 'sb', embeddingModels: ['all-MiniLM-L6-v2'] },
    ]);
    expect(await migrate(app)).toMatchObject({ status: 'DONE', recordsDone: 1 });
    expect((await models()).find((s: { id: string }) => s.id === 'sb')).toEqual({
      id: 'sb',
      embeddingModels: ['all-MiniLM-L6-v2'],
    });
  });

  it('refuses a text search embedded by another model; vectors, keywords and other systems are searched', async () => {
    const refused = await app.gql(TEXT, { t: 'pelican' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('EMBEDDING_MODEL_MISMATCH');
    expect(refused.errors?.[0]?.message).toMatch(
      /embedded by hashing-lexical-v1, but the memories of sb were embedded by all-MiniLM-L6-v2/,
    );
    const hybrid = await app.gql(TEXT, { q: 'pelican', mode: 'HYBRID' });
    expect(hybrid.errors?.[0]?.extensions?.code).toBe('EMBEDDING_MODEL_MISMATCH');
    const ok = async (vars: Record<string, unknown>) => {
      const r = await app.gql(TEXT, vars);
      expect(r.errors).toBeUndefined();
      return r.data.search.hits.map((h: { clientId: string }) => h.clientId).sort();
    };
    expect(await ok({ t: 'pelican', s: ['laptop'] })).toEqual(['plain-1']);
    expect(await ok({ q: 'pelican', mode: 'KEYWORD' })).toEqual(['plain-1', 'sb-1', 'sb-2']);
    expect(await ok({ q: 'pelican', mode: 'HYBRID', alpha: 0 })).toEqual(['plain-1', 'sb-1', 'sb-2']);
    expect((await ok({ v: query })).length).toBe(3);
  });

  it('refuses an empty or oversized model name, item by item', async () => {
    const r = await app.gql(INGEST, {
      input: [
        { ...memory('bad-1', 'x'), embeddingModel: ' ' },
        { ...memory('bad-2', 'x'), embeddingModel: 'm'.repeat(201) },
      ],
    });
    expect(r.data.ingestMemories.accepted).toBe(0);
    expect(r.data.ingestMemories.rejected.map((x: { reason: string }) => x.reason)).toEqual([
      expect.stringMatching(/embeddingModel must be 1 to 200/),
      expect.stringMatching(/embeddingModel must be 1 to 200/),
    ]);
  });
});

describe('the hot postings and the SQL scan', () => {
  it('give the same hits and scores', async () => {
    const run = async (env: Record<string, string>) => {
      const app = await startTestApp({ AKOSHA_SHARDS: '2', ...env }, undefined, { clock: () => NOW });
      try {
        await app.gql(INGEST, { input: memories });
        const out: Hit[][] = [];
        for (const q of ['the notes', 'kafka lag zx4471', 'payment gateway deploy', 'runs'])
          out.push(
            await (async () => {
              const r = await app.gql(KSEARCH, { q, mode: 'KEYWORD', limit: 20, tiers: ['HOT'] });
              expect(r.errors).toBeUndefined();
              const want = env.AKOSHA_ANN_ENABLED === 'false' ? 'bm25' : 'bm25-postings';
              expect(r.data.search.strategies.map((x: { strategy: string }) => x.strategy)).toEqual([
                want,
                want,
              ]);
              return r.data.search.hits;
            })(),
          );
        return out;
      } finally {
        await app.akosha.close();
        app.dir.remove();
      }
    };
    const postings = await run({});
    const scan = await run({ AKOSHA_ANN_ENABLED: 'false' });
    expect(postings.map((l) => l.length)).toEqual(scan.map((l) => l.length));
    postings.forEach((list, i) => {
      list.forEach((h, j) => {
        const other = scan[i]?.[j];
        expect(h.clientId).toBe(other?.clientId);
        expect(h.score).toBeCloseTo(other?.score ?? -1, 9);
        expect(h.explain.terms).toEqual(
          (other?.explain.terms ?? []).map((t) => ({ clause: t.clause, score: expect.closeTo(t.score, 9) })),
        );
      });
    });
    expect(postings.flat().length).toBeGreaterThan(10);
  });
});

describe('rows the postings cannot hold', () => {
  it('send keyword searches of their shard to the SQL scan, which finds them', async () => {
    const app = await startTestApp({ AKOSHA_SHARDS: '1' });
    try {
      const index = app.akosha.stores.indexer?.indexFor(0);
      index?.shard.advanceSeq(2 ** 32 + 5); // the next rows get seqs beyond 32 bits
      await app.gql(INGEST, { input: [memory('far-1', 'a distant narwhal')] });
      const r = await app.gql(KSEARCH, { q: 'narwhal', mode: 'KEYWORD', tiers: ['HOT'] });
      expect(r.data.search.hits.map((h: Hit) => h.clientId)).toEqual(['far-1']);
      expect(r.data.search.strategies).toEqual([{ shard: 'hot-0', strategy: 'bm25' }]);
      expect(index?.postingsIncomplete).toBe(true);
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });
});
