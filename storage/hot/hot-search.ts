import type { Strategy } from '../port.ts';
import type { Candidate, Shard } from '../shards/shard.ts';
import { type KeywordQuery, keyOf, type ShardHit, type ShardQuery, type VectorQuery } from '../types.ts';
import type { ShardIndex } from './hot-index.ts';

// How a hot or warm shard answers a batch of searches. With an approximate index:
// - a query whose filters leave few rows (≤ exactThreshold, or ≤ 5 % of the shard) is answered by
//   an exact scan of those rows: exact and cheap;
// - any other query asks the index for candidates: an unfiltered one 2 × limit (a shard gives the
//   query at most `limit` hits; the margin is for the compressed index's order, which rescoring
//   corrects), a filtered one limit × oversample × the filter's rarity (enough to survive it);
//   takes their ids and filter columns from the index, applies the filters, adds an exact scan of
//   the rows the index has not seen yet, so no acknowledged write is ever missed;
// - if filtering leaves fewer than `limit` hits while more rows match, it falls back to exact.

export type ShardAnswer = { hits: ShardHit[]; strategy: Strategy };
export type HotSearchOptions = {
  exactThreshold: number;
  oversample: number;
  timeoutMs: number;
  onIndexFailure?: (err: unknown) => void;
};

/**
 * Candidates an unfiltered query asks of a shard's index, per hit it wants. At 1M hot memories
 * (8 shards, i8, `npm run bench` vectors) recall@10 was 0.968 asking 10, 20 or 40 a shard (the
 * HNSW search's expansion sets recall; rescoring only orders), while the 40 of the filtered rule's
 * floor cost a third more latency (bench/README.md).
 */
const RESCORE_MARGIN = 2;
/** The most candidates a query asks of one shard's index. */
const MAX_CANDIDATES = 2000;

const filtered = (q: ShardQuery) => Boolean(q.systemIds || q.projects || q.tags || q.from || q.to);

function passes(q: ShardQuery, c: Candidate): boolean {
  if (q.systemIds && !q.systemIds.includes(c.systemId)) return false;
  if (q.projects && (c.project === null || !q.projects.includes(c.project))) return false;
  if (q.tags && !(c.tags ?? []).some((t) => q.tags?.includes(t))) return false;
  if (q.from && c.ts < q.from.getTime()) return false;
  if (q.to && c.ts > q.to.getTime()) return false;
  return true;
}

export async function indexedSearchBatch(
  shard: Shard,
  index: ShardIndex | null,
  queries: readonly VectorQuery[],
  opts: HotSearchOptions,
): Promise<ShardAnswer[]> {
  if (!index || index.size === 0) {
    return (await shard.searchBatch(queries, opts.timeoutMs)).map((hits) => ({ hits, strategy: 'exact' }));
  }
  const cursor = index.indexedSeq;
  const total = await shard.count();
  const withFilters = queries.map((q, i) => ({ q, i })).filter(({ q }) => filtered(q));
  const counts = new Map<number, number>();
  if (withFilters.length > 0) {
    const n = await shard.matching(withFilters.map(({ q }) => q));
    withFilters.forEach(({ i }, j) => {
      counts.set(i, n[j] ?? 0);
    });
  }
  const answers: (ShardAnswer | null)[] = queries.map(() => null);
  const exact: number[] = [];
  const fellBack = new Set<number>();
  const ann: { i: number; k: number }[] = [];
  queries.forEach((q, i) => {
    const matching = counts.get(i) ?? total;
    if (matching === 0) answers[i] = { hits: [], strategy: 'exact' };
    else if (!counts.has(i)) ann.push({ i, k: Math.min(MAX_CANDIDATES, q.limit * RESCORE_MARGIN) });
    else if (matching <= opts.exactThreshold || matching <= total * 0.05) exact.push(i);
    else {
      const widen = Math.min(20, Math.ceil(total / Math.max(matching, 1)));
      ann.push({ i, k: Math.min(MAX_CANDIDATES, Math.max(q.limit * opts.oversample * widen, 40)) });
    }
  });
  if (ann.length > 0) {
    const k = Math.max(...ann.map((a) => a.k));
    const [neighbours, tail] = await Promise.all([
      index
        .search(
          ann.map(({ i }) => (queries[i] as VectorQuery).vector),
          k,
        )
        .catch(async (err: unknown) => {
          // A failure inside the index never fails a search: answer exactly and rebuild the index.
          opts.onIndexFailure?.(err);
          await index.reset().catch(() => {});
          return null;
        }),
      shard.searchBatch(
        ann.map(({ i }) => queries[i] as VectorQuery),
        opts.timeoutMs,
        cursor,
      ),
    ]);
    if (neighbours === null) exact.push(...ann.map(({ i }) => i));
    else {
      // Candidates the index remembers; a DuckDB lookup only for any it does not (yet) hold.
      const seqs = [...new Set(neighbours.flatMap((n) => n.keys.map(Number)))];
      const unknown = seqs.filter((s) => !index.rows.has(s));
      const looked = unknown.length > 0 ? await shard.bySeq(unknown) : new Map<number, Candidate>();
      const rows = { get: (s: number) => index.rows.get(s) ?? looked.get(s) };
      // Each query's index candidates that pass its filters, best first. The index's scores are
      // exact cosine: an f32 index's up to rounding, a compressed one's scored again on the rows'
      // float32 vectors by the index worker.
      const candidates = ann.map(({ i }, j) => {
        const q = queries[i] as VectorQuery;
        const found = neighbours[j];
        const out: ShardHit[] = [];
        for (const [n, key] of (found?.keys ?? []).entries()) {
          const c = rows.get(Number(key));
          if (!c || !passes(q, c)) continue;
          out.push({
            systemId: c.systemId,
            id: c.id,
            score: 1 - (found?.distances[n] ?? 1),
            seq: Number(key),
          });
        }
        return out;
      });
      ann.forEach(({ i }, j) => {
        const q = queries[i] as VectorQuery;
        const hits = new Map<string, ShardHit>();
        for (const h of tail[j] ?? []) hits.set(keyOf(h), h);
        for (const h of candidates[j] ?? []) {
          if (q.minScore !== null && h.score < q.minScore) continue;
          hits.set(keyOf(h), h);
        }
        const top = [...hits.values()].sort((a, b) => b.score - a.score).slice(0, q.limit);
        const matching = counts.get(i) ?? total;
        // Too few survived the filters, while enough rows match: answer this one exactly.
        if (top.length < q.limit && matching > top.length && q.minScore === null) {
          exact.push(i);
          fellBack.add(i);
        } else answers[i] = { hits: top, strategy: 'ann' };
      });
    }
  }
  if (exact.length > 0) {
    const found = await shard.searchBatch(
      exact.map((i) => queries[i] as VectorQuery),
      opts.timeoutMs,
    );
    exact.forEach((i, j) => {
      answers[i] = {
        hits: found[j] ?? [],
        strategy: answers[i] === null && !counts.has(i) ? 'ann+fallback' : 'exact',
      };
    });
  }
  return answers.map((a) => a ?? { hits: [], strategy: 'exact' });
}

/**
 * A keyword query on a shard: through a hot shard's postings (caught up first, so every
 * acknowledged write is found) when the query has only words; phrases and prefixes read the
 * memories' content, and a shard without postings (warm, or no index) has only its terms column,
 * so those scan the shard in SQL.
 */
export async function keywordSearch(
  shard: Shard,
  index: ShardIndex | null,
  query: KeywordQuery,
  timeoutMs: number,
): Promise<ShardAnswer> {
  const words = query.keyword.flatMap((c) => (c.kind === 'term' ? [c.id] : []));
  if (index && words.length === query.keyword.length) await index.catchUpKeywords();
  if (!index || index.postingsIncomplete || words.length < query.keyword.length) {
    return { hits: await shard.keywordSearch(query, timeoutMs), strategy: 'bm25' };
  }
  const found = index.postings.search(words, query.limit, (seq) => {
    const c = index.rows.get(seq);
    return c !== undefined && passes(query, c);
  });
  const hits = found.flatMap((h) => {
    const c = index.rows.get(h.seq);
    return c ? [{ systemId: c.systemId, id: c.id, score: h.score, parts: h.parts, seq: h.seq }] : [];
  });
  return { hits, strategy: 'bm25-postings' };
}
