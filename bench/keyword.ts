import { graphql } from '../schema/operations/gql.ts';
import { termIds } from '../storage/keyword/analyze.ts';
import { Postings } from '../storage/keyword/postings.ts';
import { type Client, percentile } from './lib.ts';

// Memory texts for the benchmarks: 40 words each from a 20,000-word vocabulary of pronounceable
// a–z words (so English stemming runs), drawn with a Zipf-like skew (a few words are in most
// memories, most words in few), seeded. Keyword queries are two words of the middle range.

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'sa',
  'te',
  'vo',
  'din',
  'gar',
  'pel',
  'tor',
  'ing',
  'ed',
  'er',
  's',
];
const VOCABULARY = 20_000;

/** The k-th word of the vocabulary: its base-16 digits as syllables. */
const wordOf = (k: number) => {
  let w = '';
  let n = k + 16;
  while (n > 0) {
    w = (SYLLABLES[n % 16] ?? '') + w;
    n = Math.floor(n / 16);
  }
  return w;
};

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Memory i's text (the same for the same i in every run). */
export function contentOf(i: number): string {
  const r = rng(i * 7919 + 1);
  return Array.from({ length: 40 }, () => wordOf(Math.floor(r() ** 3 * VOCABULARY))).join(' ');
}

/** Two-word queries of mid-frequency words (each in about 0.1–0.2 % of memories). */
export function keywordQueries(n: number): string[] {
  const r = rng(4242);
  // P(rank < x·V) = x^⅓, so a word at x = 0.3..0.7 is drawn with density x^-⅔ / 3V per word slot.
  const mid = () => wordOf(Math.floor(VOCABULARY * (0.3 + 0.4 * r())));
  return Array.from({ length: n }, () => `${mid()} ${mid()}`);
}

/** Rows added to one shard's in-memory postings per second (what the hot index's catch-up adds). */
export function postingsRate(n: number): number {
  const terms = Array.from({ length: n }, (_, i) => termIds(contentOf(i)));
  const postings = new Postings();
  const started = performance.now();
  terms.forEach((t, seq) => {
    postings.add(seq + 1, t);
  });
  return n / ((performance.now() - started) / 1000);
}

/** Memories analysed per second (the terms every write computes), in this process. */
export function analyzeRate(n: number): number {
  const texts = Array.from({ length: n }, (_, i) => contentOf(i));
  const started = performance.now();
  let terms = 0;
  for (const t of texts) terms += termIds(t).length;
  if (terms === 0) throw new Error('no terms');
  return n / ((performance.now() - started) / 1000);
}

const KEYWORD = graphql(`query BenchKeyword($q: String!) {
  search(query: $q, mode: KEYWORD, limit: 10, tiers: [HOT]) { hits { clientId memory { content } } }
}`);
const HYBRID = graphql(`query BenchHybrid($q: String!, $v: Vector!) {
  search(query: $q, nearVector: $v, mode: HYBRID, limit: 10, tiers: [HOT]) { hits { clientId memory { content } } }
}`);

/** Latency of keyword (or, with vectors, hybrid) searches through GraphQL, one client. */
export async function keywordLatency(server: Client, texts: string[], vectors?: Float32Array[]) {
  const body = (i: number) =>
    JSON.stringify(
      vectors
        ? { query: HYBRID, variables: { q: texts[i], v: Array.from(vectors[i % vectors.length] ?? []) } }
        : { query: KEYWORD, variables: { q: texts[i] } },
    );
  for (let i = 0; i < Math.min(3, texts.length); i++) await server.post(body(i));
  const latencies: number[] = [];
  let hits = 0;
  for (let i = 0; i < texts.length; i++) {
    const t = performance.now();
    const data = (await server.post(body(i))) as { search: { hits: unknown[] } };
    latencies.push(performance.now() - t);
    hits += data.search.hits.length;
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), meanHits: hits / texts.length };
}

// node bench/keyword.ts: the two build rates alone (a 125k-memory shard's postings).
if (import.meta.main) {
  process.stdout.write(
    `keyword analysis: ${analyzeRate(125_000).toFixed(0)} memories/s; postings: ${postingsRate(125_000).toFixed(0)} memories/s\n`,
  );
}
