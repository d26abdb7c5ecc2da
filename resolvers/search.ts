import { ShardTimeoutError } from '../storage/hot-shard.ts';
import type { ShardHit, ShardQuery } from '../storage/types.ts';
import type { Services } from './context.ts';
import { AkoshaError, badInput } from './errors.ts';
import { SYSTEM_ID_PATTERN } from './ingest.ts';
import { firstNonFinite, l2norm, normalized } from './vectors.ts';

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
};

export type Tier = 'HOT' | 'WARM' | 'COLD';
export type SearchHit = { score: number; tier: Tier; shard: string; systemId: string; id: string };
export type SearchFailure = { tier: Tier; shard: string; message: string };
export type SearchResult = {
  hits: SearchHit[];
  shardsSearched: string[];
  partial: boolean;
  failures: SearchFailure[];
  tookMs: number;
};

export const DEFAULT_LIMIT = 10;

function queryVector(services: Services, input: SearchInput): Float32Array {
  const hasVector = input.nearVector != null;
  const hasText = input.nearText != null;
  if (hasVector === hasText) throw badInput('give exactly one of nearVector or nearText');
  const raw = input.nearVector ?? services.embedder.embed(input.nearText ?? '');
  const { dimension } = services.limits;
  if (raw.length !== dimension) throw badInput(`nearVector has ${raw.length} values, expected ${dimension}`);
  if (firstNonFinite(raw) >= 0) throw badInput('nearVector holds a non-finite number');
  const norm = l2norm(raw);
  if (norm === 0) throw badInput(hasText ? 'nearText has no words to search for' : 'nearVector is all zeros');
  return normalized(raw, norm);
}

function shardQuery(services: Services, input: SearchInput): ShardQuery {
  const limit = Math.min(input.limit ?? DEFAULT_LIMIT, services.limits.maxResults);
  if (!Number.isInteger(limit) || limit < 1) throw badInput('limit must be a positive integer');
  for (const id of input.systemIds ?? []) {
    if (!SYSTEM_ID_PATTERN.test(id))
      throw badInput(`systemIds: ${JSON.stringify(id)} is not a valid system id`);
  }
  if (input.from && input.to && input.from > input.to) throw badInput('from is after to');
  if (input.minScore != null && !(input.minScore >= -1 && input.minScore <= 1)) {
    throw badInput('minScore must be between -1 and 1');
  }
  return {
    vector: queryVector(services, input),
    limit,
    minScore: input.minScore ?? null,
    systemIds: input.systemIds ? [...input.systemIds] : null,
    projects: input.projects ? [...input.projects] : null,
    tags: input.tags ? [...input.tags] : null,
    from: input.from ?? null,
    to: input.to ?? null,
  };
}

/**
 * Exact cosine top-k over the hot shards (only the asked systems' shards when systemIds is
 * given), merged by score. Each shard's part goes through the process-wide batcher.
 */
export async function search(services: Services, input: SearchInput): Promise<SearchResult> {
  const { hot, searchBatcher, metrics, limits } = services;
  const started = performance.now();
  const stop = metrics.queryDuration.startTimer();
  try {
    const query = shardQuery(services, input);
    const shards = query.systemIds
      ? [...new Set(query.systemIds.map((id) => hot.shardFor(id).index))].sort((a, b) => a - b)
      : hot.shards.map((s) => s.index);
    const settled = await withTimeout(
      Promise.allSettled(shards.map((s) => searchBatcher.search(s, query))),
      limits.queryTimeoutMs,
    );
    const hits: SearchHit[] = [];
    const failures: SearchFailure[] = [];
    settled.forEach((outcome, i) => {
      const shard = `hot-${shards[i]}`;
      if (outcome.status === 'fulfilled') {
        hits.push(...outcome.value.map((h: ShardHit) => ({ ...h, tier: 'HOT' as const, shard })));
      } else if (outcome.reason instanceof ShardTimeoutError) {
        throw timeoutError(limits.queryTimeoutMs);
      } else {
        services.logger.error('shard search failed', { shard, error: String(outcome.reason) });
        failures.push({ tier: 'HOT', shard, message: 'shard unavailable' });
      }
    });
    hits.sort(
      (a, b) => b.score - a.score || a.systemId.localeCompare(b.systemId) || a.id.localeCompare(b.id),
    );
    const top = hits.slice(0, query.limit);
    metrics.queryRequests.inc({ outcome: failures.length > 0 ? 'partial' : 'ok' });
    metrics.queryResults.observe(top.length);
    return {
      hits: top,
      shardsSearched: shards.map((s) => `hot-${s}`),
      partial: failures.length > 0,
      failures,
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
