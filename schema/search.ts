import type {
  HitExplain,
  SearchFailure,
  SearchHit,
  SearchResult,
  ShardStrategy,
  TermScore,
} from '../resolvers/search.ts';
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

export const SearchMode = builder.enumType('SearchMode', {
  description: 'What a search compares.',
  values: {
    VECTOR: { description: 'Cosine similarity of embeddings (nearVector, or nearText/query embedded).' },
    KEYWORD: {
      description:
        'BM25 over the memories’ words (query): words are stemmed (English), "quoted phrases" match in order, prefix* matches word starts.',
    },
    HYBRID: {
      description:
        'Both, fused: the vector side is nearVector when given, else the embedding of query; alpha weighs the vector side.',
    },
  } as const,
});

export const Fusion = builder.enumType('Fusion', {
  description: 'How a HYBRID search combines its two ranked lists.',
  values: {
    RELATIVE_SCORE: {
      description:
        'Each list’s scores scaled to 0..1 (best 1, last 0), then alpha · vector + (1 − alpha) · keyword.',
    },
    RECIPROCAL_RANK: {
      description:
        'alpha / (60 + vector rank) + (1 − alpha) / (60 + keyword rank); a list without the hit adds 0.',
    },
  } as const,
});

const TermScoreRef = builder.objectRef<TermScore>('TermScore').implement({
  description: 'One query clause’s share of a keyword score.',
  fields: (t) => ({
    clause: t.exposeString('clause', {
      description: 'The word (as the query wrote it), "phrase" or prefix*.',
    }),
    score: t.exposeFloat('score', { description: 'Its BM25 contribution.' }),
  }),
});

const HitExplainRef = builder.objectRef<HitExplain>('HitExplain').implement({
  description: 'How a hit’s score was made: score = vectorPart + keywordPart.',
  fields: (t) => ({
    vectorScore: t.exposeFloat('vectorScore', {
      nullable: true,
      description: 'Cosine similarity, when the vector side found the hit.',
    }),
    vectorRank: t.exposeInt('vectorRank', {
      nullable: true,
      description: 'Its rank on the vector side (1 = best).',
    }),
    keywordScore: t.exposeFloat('keywordScore', {
      nullable: true,
      description: 'BM25 score (the sum of terms’ scores), when the keyword side found the hit.',
    }),
    keywordRank: t.exposeInt('keywordRank', { nullable: true, description: 'Its rank on the keyword side.' }),
    terms: t.expose('terms', { type: [TermScoreRef], description: 'The query clauses the memory matched.' }),
    vectorPart: t.exposeFloat('vectorPart', {
      description: 'The vector side’s share of score (HYBRID: alpha times the fused vector score).',
    }),
    keywordPart: t.exposeFloat('keywordPart', { description: 'The keyword side’s share of score.' }),
  }),
});

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'One result, with where it was found.',
  fields: (t) => ({
    score: t.exposeFloat('score', {
      description: 'VECTOR: cosine similarity, -1..1. KEYWORD: BM25. HYBRID: the fused score (see explain).',
    }),
    explain: t.expose('explain', { type: HitExplainRef, description: 'How score was made.' }),
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
      'Top-k over the asked tiers (hot and warm by default), merged by score. VECTOR (default): cosine to nearVector, or to the embedding of nearText/query (the built-in LEXICAL hashing embedder, or AKOSHA_EMBEDDING_URL’s model); hot shards through their approximate index plus an exact scan of unindexed rows, warm and cold exactly. KEYWORD: BM25 over query’s words in every tier (statistics per shard). HYBRID: both, fused by alpha. Filters and systemIds apply to every mode. Bounded by AKOSHA_QUERY_TIMEOUT.',
    args: {
      nearVector: t.arg({
        type: 'Vector',
        description: 'A query embedding of AKOSHA_EMBEDDING_DIMENSION values.',
      }),
      nearText: t.arg.string({ description: 'Query text to embed (VECTOR); the same as query.' }),
      query: t.arg.string({
        description:
          'Query text: the words of a KEYWORD or HYBRID search (and the text embedded for its vector side); at most 1000 characters, 32 words, phrases or prefixes.',
      }),
      mode: t.arg({ type: SearchMode, description: 'VECTOR (default), KEYWORD or HYBRID.' }),
      alpha: t.arg.float({
        description: 'HYBRID: the vector side’s weight, 0 (keyword only) to 1 (vector only); default 0.75.',
      }),
      fusion: t.arg({
        type: Fusion,
        description: 'HYBRID: how the lists are combined (default RELATIVE_SCORE).',
      }),
      autocut: t.arg.int({
        description:
          'Cut the hits after this many score jumps (1: keep the group before the first large drop).',
      }),
      systemIds: t.arg.stringList({ description: 'Only these systems.' }),
      projects: t.arg.stringList({ description: 'Only memories whose metadata.project is one of these.' }),
      tags: t.arg.stringList({ description: 'Only memories whose metadata.tags holds any of these.' }),
      from: t.arg({ type: 'DateTime', description: 'Only memories at or after this time.' }),
      to: t.arg({ type: 'DateTime', description: 'Only memories at or before this time.' }),
      minScore: t.arg.float({
        description:
          'Only hits scoring at least this (VECTOR: -1..1; KEYWORD and HYBRID: their score, 0 or more).',
      }),
      limit: t.arg.int({ description: 'How many hits (default 10), capped by AKOSHA_MAX_RESULTS.' }),
      tiers: t.arg({
        type: [Tier],
        description: 'Tiers to search: HOT and WARM by default; COLD reads Parquet objects in place.',
      }),
    },
    resolve: (_root, args, ctx) => cachedSearch(ctx.app, args, (e) => ctx.warnings.push(e), ctx.scope),
  }),
);
