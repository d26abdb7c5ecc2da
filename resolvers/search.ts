import type { Logger } from '../monitoring/logger.ts';
import type { Metrics } from '../monitoring/metrics.ts';
import { parseKeywordQuery } from '../storage/keyword/query.ts';
import {
  ColdTierError,
  type ShardAnswer,
  type ShardPort,
  ShardTimeoutError,
  StoreUnavailableError,
} from '../storage/port.ts';
import {
  type KeywordQuery,
  keyOf,
  type ShardHit,
  type ShardQuery,
  type VectorQuery,
} from '../storage/types.ts';
import { AkoshaError, badInput } from './errors.ts';
import type { ShardSearchBatcher } from './shard-search-batcher.ts';
import type { TextEmbedder } from './text-embedder.ts';
import { checkSystemIds, clampLimit } from './validation.ts';
import { firstNonFinite, l2norm, normalized } from './vectors.ts';

export type Tier = 'HOT' | 'WARM' | 'COLD';
export type SearchMode = 'VECTOR' | 'KEYWORD' | 'HYBRID';
export type Fusion = 'RELATIVE_SCORE' | 'RECIPROCAL_RANK';

export type SearchInput = {
  nearVector?: Float32Array | null;
  nearText?: string | null;
  /** Text: words for KEYWORD and HYBRID (and their vector side), like nearText for VECTOR. */
  query?: string | null;
  mode?: SearchMode | null;
  alpha?: number | null;
  fusion?: Fusion | null;
  autocut?: number | null;
  systemIds?: readonly string[] | null;
  projects?: readonly string[] | null;
  tags?: readonly string[] | null;
  from?: Date | null;
  to?: Date | null;
  minScore?: number | null;
  limit?: number | null;
  tiers?: readonly Tier[] | null;
};

/** A query clause's share of a keyword score. */
export type TermScore = { clause: string; score: number };
/** How a hit's score was made: `score` = vectorPart + keywordPart. */
export type HitExplain = {
  vectorScore: number | null;
  vectorRank: number | null;
  keywordScore: number | null;
  keywordRank: number | null;
  terms: TermScore[];
  vectorPart: number;
  keywordPart: number;
};
export type SearchHit = {
  score: number;
  tier: Tier;
  shard: string;
  systemId: string;
  id: string;
  explain: HitExplain;
};
export type SearchFailure = { tier: Tier; shard: string; message: string };
/** How a shard answered: exact scan, approximate index, or index with an exact fallback. */
export type ShardStrategy = { shard: string; strategy: string };
export type SearchResult = {
  hits: SearchHit[];
  shardsSearched: string[];
  partial: boolean;
  failures: SearchFailure[];
  strategies: ShardStrategy[];
  tookMs: number;
};

export type SearchDeps = {
  stores: Pick<ShardPort, 'shardCount' | 'shardOf' | 'shardName' | 'coldParts' | 'searchCold'>;
  batcher: ShardSearchBatcher;
  embedder: TextEmbedder;
  metrics: Pick<Metrics, 'queryDuration' | 'queryRequests' | 'queryResults' | 'tierFailures'>;
  logger: Logger;
  limits: { dimension: number; maxResults: number; queryTimeoutMs: number };
  /**
   * Called before a query text is embedded, with the systems searched (null: all): refuses when
   * their stored vectors came from another model than the embedder's.
   */
  checkTextModel?: (systemIds: readonly string[] | null) => Promise<void>;
};

export const DEFAULT_LIMIT = 10;
export const DEFAULT_TIERS: readonly Tier[] = ['HOT', 'WARM'];
const DEFAULT_ALPHA = 0.75;
/** Each side of a hybrid search brings at least this many candidates to the fusion. */
const HYBRID_CANDIDATES = 50;
/** Reciprocal-rank fusion's constant (Cormack et al. 2009). */
const RRF_K = 60;
// While a memory moves between tiers it may briefly be in both; the colder copy wins.
const PREFERENCE: Record<Tier, number> = { HOT: 0, WARM: 1, COLD: 2 };
const MAX_QUERY_CHARS = 1000;

async function queryVector(
  deps: SearchDeps,
  vector: Float32Array | null,
  text: string | null,
  systemIds: readonly string[] | null,
) {
  if (!vector) await deps.checkTextModel?.(systemIds);
  const raw = vector ?? (await deps.embedder.embed(text ?? ''));
  const { dimension } = deps.limits;
  if (raw.length !== dimension) throw badInput(`nearVector has ${raw.length} values, expected ${dimension}`);
  if (firstNonFinite(raw) >= 0) throw badInput('nearVector holds a non-finite number');
  const norm = l2norm(raw);
  if (norm === 0)
    throw badInput(vector ? 'nearVector is all zeros' : 'the query text has no words to search for');
  return normalized(raw, norm);
}

/** What one search asks of the shards: a vector side, a keyword side, or both (HYBRID). */
type Plan = {
  mode: SearchMode;
  vector: VectorQuery | null;
  keyword: KeywordQuery | null;
  alpha: number;
  fusion: Fusion;
  limit: number;
  minScore: number | null;
  autocut: number | null;
};

async function plan(deps: SearchDeps, input: SearchInput): Promise<Plan> {
  const limit = clampLimit(input.limit, DEFAULT_LIMIT, deps.limits.maxResults);
  checkSystemIds(input.systemIds);
  if (input.from && input.to && input.from > input.to) throw badInput('from is after to');
  const mode = input.mode ?? 'VECTOR';
  if (input.nearText != null && input.query != null) throw badInput('give query or nearText, not both');
  const text = input.query ?? input.nearText ?? null;
  if (text !== null && text.length > MAX_QUERY_CHARS)
    throw badInput(`the query text has ${text.length} characters; at most ${MAX_QUERY_CHARS}`);
  if (input.alpha != null && mode !== 'HYBRID') throw badInput('alpha weighs the sides of a HYBRID search');
  if (input.fusion != null && mode !== 'HYBRID') throw badInput('fusion applies to a HYBRID search');
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  if (!(alpha >= 0 && alpha <= 1))
    throw badInput('alpha must be between 0 (keyword only) and 1 (vector only)');
  if (input.autocut != null && !(Number.isInteger(input.autocut) && input.autocut >= 1))
    throw badInput('autocut must be a positive number of score jumps');
  const minScore = input.minScore ?? null;
  if (minScore !== null) {
    const ok =
      mode === 'VECTOR' ? minScore >= -1 && minScore <= 1 : Number.isFinite(minScore) && minScore >= 0;
    if (!ok)
      throw badInput(
        mode === 'VECTOR'
          ? 'minScore must be between -1 and 1'
          : 'minScore of a KEYWORD or HYBRID search must be 0 or more',
      );
  }
  const bounds = {
    systemIds: input.systemIds ? [...input.systemIds] : null,
    projects: input.projects ? [...input.projects] : null,
    tags: input.tags ? [...input.tags] : null,
    from: input.from ?? null,
    to: input.to ?? null,
  };
  const base = {
    mode,
    alpha,
    fusion: input.fusion ?? 'RELATIVE_SCORE',
    limit,
    minScore,
    autocut: input.autocut ?? null,
  };
  if (mode === 'VECTOR') {
    if ((input.nearVector != null) === (text !== null))
      throw badInput('give exactly one of nearVector or nearText');
    const vector = await queryVector(deps, input.nearVector ?? null, text, bounds.systemIds);
    return { ...base, vector: { ...bounds, vector, limit, minScore }, keyword: null };
  }
  if (text === null) throw badInput(`a ${mode} search needs query: the words to look for`);
  if (mode === 'KEYWORD' && input.nearVector != null)
    throw badInput('a KEYWORD search takes no nearVector (HYBRID weighs both)');
  let clauses: ReturnType<typeof parseKeywordQuery>;
  try {
    clauses = parseKeywordQuery(text);
  } catch (err) {
    throw badInput((err as Error).message);
  }
  // A side weighted 0 brings no candidates: alpha 1 is a vector search, alpha 0 a keyword search.
  const useVector = mode === 'HYBRID' && alpha > 0;
  const useKeyword = mode === 'KEYWORD' || alpha < 1;
  if (useKeyword && clauses === null) throw badInput('the query has no words to search for');
  const sideLimit = mode === 'HYBRID' ? Math.max(limit, HYBRID_CANDIDATES) : limit;
  return {
    ...base,
    vector: useVector
      ? {
          ...bounds,
          vector: await queryVector(deps, input.nearVector ?? null, text, bounds.systemIds),
          limit: sideLimit,
          minScore: null,
        }
      : null,
    keyword: useKeyword && clauses ? { ...bounds, keyword: clauses, limit: sideLimit, minScore: null } : null,
  };
}

type Part = { tier: Tier; shard: string; run: () => Promise<ShardAnswer> };

/** The shard searches (and the cold search) one query needs, per asked tier. */
function partsOf(deps: SearchDeps, query: ShardQuery, tiers: readonly Tier[]): Part[] {
  const { stores, batcher } = deps;
  const shards = query.systemIds
    ? [...new Set(query.systemIds.map((id) => stores.shardOf(id)))].sort((a, b) => a - b)
    : Array.from({ length: stores.shardCount }, (_, i) => i);
  const parts: Part[] = [];
  for (const tier of ['hot', 'warm'] as const) {
    const name = tier === 'hot' ? 'HOT' : 'WARM';
    if (!tiers.includes(name)) continue;
    for (const s of shards) {
      parts.push({ tier: name, shard: stores.shardName(tier, s), run: () => batcher.search(tier, s, query) });
    }
  }
  if (tiers.includes('COLD'))
    stores.coldParts.forEach((shard, i) => {
      parts.push({ tier: 'COLD', shard, run: () => stores.searchCold(query, i) });
    });
  return parts;
}

/** One side's hits across tiers, best first (raw scores: cosine or BM25), and what happened. */
type Side = {
  hits: (ShardHit & { tier: Tier; shard: string })[];
  failures: SearchFailure[];
  strategies: ShardStrategy[];
  shards: string[];
};

async function searchSide(deps: SearchDeps, query: ShardQuery, tiers: readonly Tier[]): Promise<Side> {
  const { limits } = deps;
  const parts = partsOf(deps, query, tiers);
  const settled = await withTimeout(Promise.allSettled(parts.map((p) => p.run())), limits.queryTimeoutMs);
  const best = new Map<string, Side['hits'][number]>();
  const failures: SearchFailure[] = [];
  const strategies: ShardStrategy[] = [];
  settled.forEach((outcome, i) => {
    const part = parts[i] as Part;
    if (outcome.status === 'rejected') {
      if (outcome.reason instanceof ShardTimeoutError) throw timeoutError(limits.queryTimeoutMs);
      const message =
        outcome.reason instanceof ColdTierError || outcome.reason instanceof StoreUnavailableError
          ? outcome.reason.message
          : `${part.shard} unavailable`;
      deps.logger.error('tier search failed', {
        tier: part.tier,
        shard: part.shard,
        error: String(outcome.reason),
      });
      failures.push({ tier: part.tier, shard: part.shard, message });
      return;
    }
    strategies.push({ shard: part.shard, strategy: outcome.value.strategy });
    for (const h of outcome.value.hits) {
      const hit = { ...h, tier: part.tier, shard: h.object ?? part.shard };
      const seen = best.get(keyOf(hit));
      if (!seen || PREFERENCE[hit.tier] > PREFERENCE[seen.tier]) best.set(keyOf(hit), hit);
    }
  });
  const hits = [...best.values()]
    .sort((a, b) => b.score - a.score || a.systemId.localeCompare(b.systemId) || a.id.localeCompare(b.id))
    .slice(0, query.limit);
  return { hits, failures, strategies, shards: parts.map((p) => p.shard) };
}

/** A side's score of each of its hits, scaled for fusion (relative: 0..1 over the list; rank: 1/(k + rank)). */
function fusionScores(side: Side | null, fusion: Fusion): Map<string, number> {
  const out = new Map<string, number>();
  if (!side) return out;
  const top = side.hits[0]?.score ?? 0;
  const bottom = side.hits[side.hits.length - 1]?.score ?? 0;
  side.hits.forEach((h, i) => {
    const scaled =
      fusion === 'RECIPROCAL_RANK'
        ? 1 / (RRF_K + i + 1)
        : top === bottom
          ? 1
          : (h.score - bottom) / (top - bottom);
    out.set(keyOf(h), scaled);
  });
  return out;
}

/** Merges the sides into the answer: one side as it is, two by weighted fusion (alpha: the vector side's weight). */
function combine(p: Plan, vector: Side | null, keyword: Side | null): SearchHit[] {
  const clauses = p.keyword?.keyword ?? [];
  const ranks = (side: Side | null) => new Map(side?.hits.map((h, i) => [keyOf(h), { hit: h, rank: i + 1 }]));
  const v = ranks(vector);
  const k = ranks(keyword);
  const fused = p.mode === 'HYBRID';
  const vScaled = fusionScores(vector, p.fusion);
  const kScaled = fusionScores(keyword, p.fusion);
  const hits: SearchHit[] = [];
  for (const key of new Set([...v.keys(), ...k.keys()])) {
    const vh = v.get(key);
    const kh = k.get(key);
    const any = (vh ?? kh)?.hit;
    if (!any) continue;
    const vectorPart = !vh ? 0 : fused ? p.alpha * (vScaled.get(key) ?? 0) : vh.hit.score;
    const keywordPart = !kh ? 0 : fused ? (1 - p.alpha) * (kScaled.get(key) ?? 0) : kh.hit.score;
    const tier = vh && kh && PREFERENCE[kh.hit.tier] > PREFERENCE[vh.hit.tier] ? kh.hit : any;
    hits.push({
      score: vectorPart + keywordPart,
      tier: tier.tier,
      shard: tier.shard,
      systemId: any.systemId,
      id: any.id,
      explain: {
        vectorScore: vh?.hit.score ?? null,
        vectorRank: vh?.rank ?? null,
        keywordScore: kh?.hit.score ?? null,
        keywordRank: kh?.rank ?? null,
        terms: (kh?.hit.parts ?? []).flatMap((score, i) => {
          const clause = clauses[i];
          return clause && score > 0 ? [{ clause: clause.text, score }] : [];
        }),
        vectorPart,
        keywordPart,
      },
    });
  }
  const ordered = hits
    .filter((h) => p.mode === 'VECTOR' || p.minScore === null || h.score >= p.minScore)
    .sort(
      (a, b) =>
        b.score - a.score ||
        (b.explain.vectorScore ?? -2) - (a.explain.vectorScore ?? -2) ||
        (b.explain.keywordScore ?? -1) - (a.explain.keywordScore ?? -1) ||
        a.systemId.localeCompare(b.systemId) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, p.limit);
  return p.autocut === null
    ? ordered
    : ordered.slice(
        0,
        autocut(
          ordered.map((h) => h.score),
          p.autocut,
        ),
      );
}

/**
 * How many of a best-first score list to keep so that it ends before its `jumps`-th jump: a gap
 * between neighbours at least twice the mean of the list's other gaps.
 */
export function autocut(scores: readonly number[], jumps: number): number {
  const gaps = scores.slice(1).map((s, i) => (scores[i] ?? s) - s);
  const total = gaps.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (const [i, gap] of gaps.entries()) {
    const others = (total - gap) / (gaps.length - 1);
    if (gaps.length > 1 && gap > 0 && gap >= 2 * others && ++seen === jumps) return i + 1;
  }
  return scores.length;
}

/**
 * Top-k over the asked tiers (hot and warm by default; only the asked systems' shards when
 * systemIds is given): by cosine (VECTOR), BM25 (KEYWORD) or both fused (HYBRID). A tier that
 * fails makes the result partial and is reported through `warn`; the other tiers' hits are
 * still returned.
 */
export async function search(
  deps: SearchDeps,
  input: SearchInput,
  warn: (e: Error) => void = () => {},
): Promise<SearchResult> {
  const { metrics } = deps;
  const started = performance.now();
  const stop = metrics.queryDuration.startTimer();
  try {
    const p = await plan(deps, input);
    const tiers = input.tiers?.length ? input.tiers : DEFAULT_TIERS;
    const [vector, keyword] = await Promise.all([
      p.vector && searchSide(deps, p.vector, tiers),
      p.keyword && searchSide(deps, p.keyword, tiers),
    ]);
    const sides = [vector, keyword].filter((x): x is Side => x !== null);
    const failures = sides.flatMap((s) => s.failures);
    for (const f of failures) {
      metrics.tierFailures.inc({ tier: f.tier });
      warn(
        new AkoshaError('TIER_UNAVAILABLE', `${f.tier} tier (${f.shard}) failed: ${f.message}`, {
          tier: f.tier,
          shard: f.shard,
        }),
      );
    }
    const hits = combine(p, vector, keyword);
    metrics.queryRequests.inc({ outcome: failures.length > 0 ? 'partial' : 'ok' });
    metrics.queryResults.observe(hits.length);
    return {
      hits,
      shardsSearched: [...new Set(sides.flatMap((s) => s.shards))],
      partial: failures.length > 0,
      failures,
      strategies: sides.flatMap((s) => s.strategies),
      tookMs: performance.now() - started,
    };
  } catch (err) {
    const timedOut = err instanceof AkoshaError && err.code === 'QUERY_TIMEOUT';
    metrics.queryRequests.inc({ outcome: timedOut ? 'timeout' : 'error' });
    throw err;
  } finally {
    stop();
  }
}

const timeoutError = (ms: number) =>
  new AkoshaError('QUERY_TIMEOUT', `search took longer than ${ms / 1000} s (AKOSHA_QUERY_TIMEOUT)`);

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(ms)), ms);
  });
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}
