import type { SearchFailure, SearchHit, SearchResult, ShardStrategy } from '../resolvers/search.ts';
import { cachedSearch } from '../resolvers/search-cache.ts';
import { keyOf } from '../storage/types.ts';
import { requires } from './auth.ts';
import { builder } from './builder.ts';
import { memoryLoader } from './loaders.ts';
import { Memory } from './memory.ts';

export const Tier = builder.enumType('Tier', {
  description: 'Storage tiers, newest first.',
  values: {
    HOT: { description: 'DuckDB shards of recent memories, float32.' },
    WARM: { description: 'DuckDB shards of older memories, int8 vectors.' },
    COLD: { description: 'Parquet objects in S3-compatible storage.' },
  } as const,
});

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'One result, with where it was found.',
  fields: (t) => ({
    score: t.exposeFloat('score', { description: 'Cosine similarity to the query, -1..1.' }),
    tier: t.field({ type: Tier, description: 'The tier that answered.', resolve: (h) => h.tier }),
    shard: t.exposeString('shard', { description: 'The shard (or object) that answered, e.g. hot-3.' }),
    systemId: t.exposeString('systemId', { description: 'The memory’s system.' }),
    clientId: t.exposeString('id', {
      description: 'The memory’s client id (its identity is systemId + clientId).',
    }),
    memory: t.field({
      type: Memory,
      nullable: true,
      description:
        'The full record, loaded in one batch per shard for the whole request; null if it was removed since.',
      resolve: (hit, _args, ctx) => memoryLoader(ctx).load(keyOf(hit)),
    }),
  }),
});

const SearchFailureRef = builder.objectRef<SearchFailure>('SearchFailure').implement({
  description: 'A part of the search that did not answer.',
  fields: (t) => ({
    tier: t.field({ type: Tier, description: 'The tier.', resolve: (f) => f.tier }),
    shard: t.exposeString('shard', { description: 'The shard or object.' }),
    message: t.exposeString('message', { description: 'What went wrong.' }),
  }),
});

const ShardStrategyRef = builder.objectRef<ShardStrategy>('ShardStrategy').implement({
  description: 'How one shard answered.',
  fields: (t) => ({
    shard: t.exposeString('shard', { description: 'The shard.' }),
    strategy: t.exposeString('strategy', {
      description:
        'exact (scan of the matching rows), ann (approximate index, exact rescoring, exact scan of the unindexed tail) or ann+fallback (too few hits passed the filters; answered exactly).',
    }),
  }),
});

const SearchResultRef = builder.objectRef<SearchResult>('SearchResult').implement({
  description: 'Top-k hits merged across shards by score.',
  fields: (t) => ({
    hits: t.expose('hits', { type: [SearchHitRef], description: 'Best first.' }),
    shardsSearched: t.exposeStringList('shardsSearched', { description: 'Every shard the search touched.' }),
    partial: t.exposeBoolean('partial', {
      description: 'True when some shard or tier failed; see failures.',
    }),
    failures: t.expose('failures', { type: [SearchFailureRef], description: 'What did not answer.' }),
    strategies: t.expose('strategies', { type: [ShardStrategyRef], description: 'How each shard answered.' }),
    tookMs: t.exposeFloat('tookMs', { description: 'Server time spent on the search, in milliseconds.' }),
  }),
});

builder.queryField('search', (t) =>
  t.field({
    ...requires('query:search'),
    cost: 10,
    listSize: { slicingArguments: ['limit'], sizedFields: ['hits'] },
    type: SearchResultRef,
    description:
      'Cosine top-k over the asked tiers (hot and warm by default), merged by score: hot shards through their approximate index plus an exact scan of unindexed rows, selective filters exactly, warm and cold exactly. Give nearVector, or nearText (embedded by the built-in LEXICAL hashing embedder, not a semantic model). With systemIds only those systems’ shards are searched. Bounded by AKOSHA_QUERY_TIMEOUT.',
    args: {
      nearVector: t.arg({
        type: 'Vector',
        description: 'A query embedding of AKOSHA_EMBEDDING_DIMENSION values.',
      }),
      nearText: t.arg.string({ description: 'Query text for the built-in lexical embedder.' }),
      systemIds: t.arg.stringList({ description: 'Only these systems.' }),
      projects: t.arg.stringList({ description: 'Only memories whose metadata.project is one of these.' }),
      tags: t.arg.stringList({ description: 'Only memories whose metadata.tags holds any of these.' }),
      from: t.arg({ type: 'DateTime', description: 'Only memories at or after this time.' }),
      to: t.arg({ type: 'DateTime', description: 'Only memories at or before this time.' }),
      minScore: t.arg.float({ description: 'Only hits scoring at least this.' }),
      limit: t.arg.int({ description: 'How many hits (default 10), capped by AKOSHA_MAX_RESULTS.' }),
      tiers: t.arg({
        type: [Tier],
        description: 'Tiers to search: HOT and WARM by default; COLD reads Parquet objects in place.',
      }),
    },
    resolve: (_root, args, ctx) => cachedSearch(ctx.app, args, (e) => ctx.warnings.push(e), ctx.scope),
  }),
);
