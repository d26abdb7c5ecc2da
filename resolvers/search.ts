import type { Logger } from '../monitoring/logger.ts';
import type { Metrics } from '../monitoring/metrics.ts';
import {
  ColdTierError,
  type ShardAnswer,
  type ShardPort,
  ShardTimeoutError,
  StoreUnavailableError,
} from '../storage/port.ts';
import { keyOf, type ShardQuery } from '../storage/types.ts';
import { AkoshaError, badInput } from './errors.ts';
import type { ShardSearchBatcher } from './shard-search-batcher.ts';
import type { TextEmbedder } from './text-embedder.ts';
import { checkSystemIds, clampLimit } from './validation.ts';
import { firstNonFinite, l2norm, normalized } from './vectors.ts';

export type Tier = 'HOT' | 'WARM' | 'COLD';

export type SearchInput = {
  nearVector?: Float32Array | null;
  nearText?: string | null;
  systemIds?: readonly string[] | null;
  projects?: readonly string[] | null;
  tags?: readonly string[] | null;
  from?: Date | null;
  to?: Date | null;
  minScore?: number | null;
  limit?: number | null;
  tiers?: readonly Tier[] | null;
};

export type SearchHit = { score: number; tier: Tier; shard: string; systemId: string; id: string };
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
};

export const DEFAULT_LIMIT = 10;
export const DEFAULT_TIERS: readonly Tier[] = ['HOT', 'WARM'];
// While a memory moves between tiers it may briefly be in both; the colder copy wins.
const PREFERENCE: Record<Tier, number> = { HOT: 0, WARM: 1, COLD: 2 };

async function queryVector(deps: SearchDeps, input: SearchInput): Promise<Float32Array> {
  const hasVector = input.nearVector != null;
  const hasText = input.nearText != null;
  if (hasVector === hasText) throw badInput('give exactly one of nearVector or nearText');
  const raw = input.nearVector ?? (await deps.embedder.embed(input.nearText ?? ''));
  const { dimension } = deps.limits;
  if (raw.length !== dimension) throw badInput(`nearVector has ${raw.length} values, expected ${dimension}`);
  if (firstNonFinite(raw) >= 0) throw badInput('nearVector holds a non-finite number');
  const norm = l2norm(raw);
  if (norm === 0) throw badInput(hasText ? 'nearText has no words to search for' : 'nearVector is all zeros');
  return normalized(raw, norm);
}

async function shardQuery(deps: SearchDeps, input: SearchInput): Promise<ShardQuery> {
  const limit = clampLimit(input.limit, DEFAULT_LIMIT, deps.limits.maxResults);
  checkSystemIds(input.systemIds);
  if (input.from && input.to && input.from > input.to) throw badInput('from is after to');
  if (input.minScore != null && !(input.minScore >= -1 && input.minScore <= 1)) {
    throw badInput('minScore must be between -1 and 1');
  }
  return {
    vector: await queryVector(deps, input),
    limit,
    minScore: input.minScore ?? null,
    systemIds: input.systemIds ? [...input.systemIds] : null,
    projects: input.projects ? [...input.projects] : null,
    tags: input.tags ? [...input.tags] : null,
    from: input.from ?? null,
    to: input.to ?? null,
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

/**
 * Exact cosine top-k over the asked tiers (hot and warm by default; only the asked systems'
 * shards when systemIds is given), merged by score. A tier that fails makes the result partial
 * and is reported through `warn`; the other tiers' hits are still returned.
 */
export async function search(
  deps: SearchDeps,
  input: SearchInput,
  warn: (e: Error) => void = () => {},
): Promise<SearchResult> {
  const { metrics, limits } = deps;
  const started = performance.now();
  const stop = metrics.queryDuration.startTimer();
  try {
    const query = await shardQuery(deps, input);
    const tiers = input.tiers?.length ? input.tiers : DEFAULT_TIERS;
    const parts = partsOf(deps, query, tiers);
    const settled = await withTimeout(Promise.allSettled(parts.map((p) => p.run())), limits.queryTimeoutMs);
    const best = new Map<string, SearchHit>();
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
        const hit: SearchHit = {
          score: h.score,
          tier: part.tier,
          shard: h.object ?? part.shard,
          systemId: h.systemId,
          id: h.id,
        };
        const seen = best.get(keyOf(hit));
        if (!seen || PREFERENCE[hit.tier] > PREFERENCE[seen.tier]) best.set(keyOf(hit), hit);
      }
    });
    for (const f of failures) {
      metrics.tierFailures.inc({ tier: f.tier });
      warn(
        new AkoshaError('TIER_UNAVAILABLE', `${f.tier} tier (${f.shard}) failed: ${f.message}`, {
          tier: f.tier,
          shard: f.shard,
        }),
      );
    }
    const hits = [...best.values()]
      .sort((a, b) => b.score - a.score || a.systemId.localeCompare(b.systemId) || a.id.localeCompare(b.id))
      .slice(0, query.limit);
    metrics.queryRequests.inc({ outcome: failures.length > 0 ? 'partial' : 'ok' });
    metrics.queryResults.observe(hits.length);
    return {
      hits,
      shardsSearched: parts.map((p) => p.shard),
      partial: failures.length > 0,
      failures,
      strategies,
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
