import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Metrics } from '../monitoring/metrics.ts';
import type { ShardPort } from '../storage/port.ts';
import { AkoshaError } from './errors.ts';
import { readableSystems, type Scope, UNRESTRICTED } from './scope.ts';
import { type SearchDeps, type SearchInput, type SearchResult, search } from './search.ts';

// The query cache. Correctness before hit rate: a key is the normalised search arguments plus
// the data generations they depend on, and every write bumps the generations it touches before
// it is acknowledged, so no cache ever answers with a result older than an acknowledged write.
// L1 is this process's LRU; L2 (Redis, when configured) is shared by every process, and so are
// the generations.

/** Shared results (L2). */
export type ResultStore = {
  get(key: string): Promise<CachedResult | null>;
  set(key: string, value: CachedResult): Promise<void>;
};

/**
 * Data generations: one per system (ingest into it), one for all systems (any ingest), and one
 * for the layout of the data (aging, recovery, a restart) that every key includes.
 */
export type Generations = {
  /** The generation tag a search over these systems (null: all) depends on. */
  read(systemIds: readonly string[] | null): Promise<string>;
  /** After memories of these systems were written, before the write is acknowledged. */
  bumpSystems(systemIds: readonly string[]): Promise<void>;
  /** After memories moved between tiers (or anything else changed where results point). */
  bumpLayout(): Promise<void>;
};

export type CachedResult = Omit<SearchResult, 'tookMs'>;

export type SearchCache = {
  l1: LRUCache<string, CachedResult>;
  l2: ResultStore | null;
  generations: Generations;
  /** False while a shared part (Redis) is configured but unreachable: then nothing is cached. */
  usable(): boolean;
};

export type CachedSearchDeps = SearchDeps & {
  cache: SearchCache | null;
  metrics: Pick<Metrics, 'queryCacheHits'>;
  stores: Pick<ShardPort, 'systems'>;
  generations: Pick<Generations, 'read'>;
};

/**
 * Every stored system with the embedding models its memories name, read again only when an
 * ingest somewhere changed the all-systems generation (to turn a token's system patterns into a
 * systemIds filter, and to check a text search's model).
 */
const knownSystems = (() => {
  let cached: { tag: string; models: Map<string, Set<string>> } | null = null;
  return async (deps: Pick<CachedSearchDeps, 'stores' | 'generations'>) => {
    const tag = await deps.generations.read(null);
    if (cached?.tag !== tag) {
      const models = new Map<string, Set<string>>();
      for (const s of await deps.stores.systems()) {
        const set = models.get(s.id) ?? new Set<string>();
        for (const m of s.embeddingModels) set.add(m);
        models.set(s.id, set);
      }
      cached = { tag, models };
    }
    return cached.models;
  };
})();

/**
 * Before a search embeds its text (search.ts asks): refused when a searched system's memories
 * name another model than the embedder's (their vectors live in another space).
 */
async function checkTextModel(deps: CachedSearchDeps, systemIds: readonly string[] | null): Promise<void> {
  const models = await knownSystems(deps);
  const name = deps.embedder.name;
  for (const id of systemIds ?? [...models.keys()]) {
    const other = [...(models.get(id) ?? [])].find((m) => m !== name);
    if (other)
      throw new AkoshaError(
        'EMBEDDING_MODEL_MISMATCH',
        `the query text would be embedded by ${name}, but the memories of ${id} were embedded by ${other}: their vectors are not comparable, nothing was searched. Point AKOSHA_EMBEDDING_URL and AKOSHA_EMBEDDING_MODEL at a server of ${other}, search with nearVector, or use mode: KEYWORD`,
        { embedder: name, stored: other, systemId: id },
      );
  }
}

export function createL1(size: number): LRUCache<string, CachedResult> {
  return new LRUCache<string, CachedResult>({ max: Math.max(1, size) });
}

/** In-process generations (one process, or Redis is not configured). */
export function createLocalGenerations(): Generations {
  const systems = new Map<string, number>();
  let all = 0;
  let layout = 0;
  return {
    async read(systemIds) {
      const data = systemIds
        ? [...systemIds]
            .sort()
            .map((s) => `${s}=${systems.get(s) ?? 0}`)
            .join(',')
        : `*=${all}`;
      return `${layout}|${data}`;
    },
    async bumpSystems(systemIds) {
      for (const s of new Set(systemIds)) systems.set(s, (systems.get(s) ?? 0) + 1);
      all++;
    },
    async bumpLayout() {
      layout++;
    },
  };
}

const sorted = (xs: readonly string[] | null | undefined) => (xs?.length ? [...new Set(xs)].sort() : null);

/** The cache key of a search: its normalised arguments and the generations they depend on. */
export function cacheKey(input: SearchInput, generation: string): string {
  const vector = input.nearVector
    ? createHash('sha256')
        .update(
          Buffer.from(input.nearVector.buffer, input.nearVector.byteOffset, input.nearVector.byteLength),
        )
        .digest('hex')
    : null;
  const normal = {
    v: vector,
    t: input.nearText ?? null,
    q: input.query ?? null,
    mo: input.mode ?? null,
    a: input.alpha ?? null,
    fu: input.fusion ?? null,
    c: input.autocut ?? null,
    s: sorted(input.systemIds),
    p: sorted(input.projects),
    g: sorted(input.tags),
    f: input.from?.toISOString() ?? null,
    u: input.to?.toISOString() ?? null,
    m: input.minScore ?? null,
    l: input.limit ?? null,
    r: sorted(input.tiers),
    gen: generation,
  };
  return createHash('sha256').update(JSON.stringify(normal)).digest('hex');
}

/**
 * Search through the cache: L1, then L2, then the stores. Only complete answers are kept (a
 * partial one is not); a caller sees exactly what an uncached search would have returned.
 */
export async function cachedSearch(
  deps: CachedSearchDeps,
  asked: SearchInput,
  warn: (e: Error) => void = () => {},
  scope: Scope = UNRESTRICTED,
): Promise<SearchResult> {
  const { cache, metrics } = deps;
  // The scope narrows the search like a systemIds filter: only the owning shards are touched,
  // and the cache key holds exactly the systems searched.
  const systemIds = await readableSystems(scope, asked.systemIds, async () => [
    ...(await knownSystems(deps)).keys(),
  ]);
  if (systemIds && systemIds.length === 0)
    return { hits: [], shardsSearched: [], partial: false, failures: [], strategies: [], tookMs: 0 };
  const input = { ...asked, systemIds };
  const searching: CachedSearchDeps = { ...deps, checkTextModel: (ids) => checkTextModel(deps, ids) };
  if (!cache?.usable()) return search(searching, input, warn);
  const started = performance.now();
  let key: string;
  try {
    key = cacheKey(input, await cache.generations.read(sorted(input.systemIds)));
  } catch {
    return search(searching, input, warn);
  }
  const local = cache.l1.get(key);
  if (local) {
    metrics.queryCacheHits.inc({ level: 'l1' });
    return { ...local, tookMs: performance.now() - started };
  }
  const shared = await cache.l2?.get(key).catch(() => null);
  if (shared) {
    metrics.queryCacheHits.inc({ level: 'l2' });
    cache.l1.set(key, shared);
    return { ...shared, tookMs: performance.now() - started };
  }
  metrics.queryCacheHits.inc({ level: 'miss' });
  const result = await search(searching, input, warn);
  if (!result.partial) {
    const { tookMs: _, ...kept } = result;
    cache.l1.set(key, kept);
    await cache.l2?.set(key, kept).catch(() => {});
  }
  return result;
}
