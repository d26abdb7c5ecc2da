import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import autocannon from 'autocannon';
import usearch from 'usearch';
import { graphql } from '../schema/operations/gql.ts';
import type { Tier } from '../schema/operations/graphql.ts';
import { type Client, DIM, log, percentile } from './lib.ts';

const SEARCH = graphql(
  `query AnnSearch($v: Vector!, $tiers: [Tier!]) { search(nearVector: $v, limit: 10, tiers: $tiers) { hits { clientId memory { content } } tookMs } }`,
);

/** Rows written and not yet in an index, from `akosha_index_lag_rows` (NaN while it is not reported). */
export async function indexLag(server: Pick<Client, 'metrics'>): Promise<number> {
  const text = await server.metrics();
  return Number(/^akosha_index_lag_rows (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
}

/** Waits until a process that holds shards (the all role, or a store) reports no index lag. */
export async function waitForIndex(server: Pick<Client, 'metrics'>, timeoutMs = 3_600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let lastLog = 0;
  for (;;) {
    const lag = await indexLag(server);
    if (lag === 0) return;
    if (Date.now() - lastLog > 15_000) {
      log(`index lag ${lag}`);
      lastLog = Date.now();
    }
    if (Date.now() > until) throw new Error('index did not catch up');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Exact top-10 ids by brute force (usearch's native exact search), over the vectors in chunks of
 * 500k so a store of millions never needs all its vectors in memory at once.
 */
export function exactTop10(
  vectors: Iterable<Float32Array>,
  idOf: (i: number) => string,
  queries: Float32Array[],
): string[][] {
  const q = new Float32Array(queries.length * DIM);
  queries.forEach((v, i) => {
    q.set(v, i * DIM);
  });
  const best = queries.map(() => [] as { i: number; d: number }[]);
  const CHUNK = 500_000;
  let chunk = new Float32Array(CHUNK * DIM);
  let n = 0;
  let first = 0;
  const search = () => {
    if (n === 0) return;
    const k = Math.min(10, n);
    const out = usearch.exactSearch(
      chunk.subarray(0, n * DIM),
      q,
      DIM,
      k,
      usearch.MetricKind.Cos,
      2,
    ) as unknown as {
      keys: BigUint64Array;
      distances: Float32Array;
    };
    best.forEach((b, qi) => {
      for (let j = 0; j < k; j++)
        b.push({ i: first + Number(out.keys[qi * k + j]), d: out.distances[qi * k + j] as number });
      b.sort((x, y) => x.d - y.d);
      b.length = Math.min(b.length, 10);
    });
    first += n;
    n = 0;
  };
  for (const v of vectors) {
    chunk.set(v, n * DIM);
    if (++n === CHUNK) search();
  }
  search();
  chunk = new Float32Array(0);
  return best.map((b) => b.map((x) => idOf(x.i)));
}

/** A search body: limit 10 with the hits' content, in the given tiers (null: the default ones). */
const searchBody = (q: Float32Array, tiers: readonly Tier[] | null) =>
  JSON.stringify({ query: SEARCH, variables: { v: Array.from(q), tiers } });

/**
 * The server main thread's GC pauses so far over 10 ms and over 100 ms (prom-client's GC histogram,
 * all kinds; its buckets end at 0.01 and 0.1 s).
 */
async function serverGcPauses(server: Pick<Client, 'metrics'>) {
  const text = await server.metrics();
  const sum = (re: RegExp) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  const count = sum(/^akosha_process_nodejs_gc_duration_seconds_count\{[^}]*\} (\S+)$/gm);
  const bucket = (le: string) =>
    sum(new RegExp(`^akosha_process_nodejs_gc_duration_seconds_bucket\\{le="${le}"[^}]*\\} (\\S+)$`, 'gm'));
  return { over10ms: count - bucket('0.01'), over100ms: count - bucket('0.1') };
}

export async function latencyAndRecall(
  server: Client,
  queries: Float32Array[],
  truth: string[][],
  tiers: readonly Tier[] | null = ['HOT'],
) {
  // Each query's body is made once, as a client would, not timed.
  const bodies = new Map(queries.map((q) => [q, searchBody(q, tiers)]));
  const body = (q: Float32Array) => bodies.get(q) as string;
  for (const q of queries.slice(0, 5)) await server.post(body(q));
  const serverGcBefore = await serverGcPauses(server);
  const latencies: number[] = [];
  /** This client's GC pauses over 10 ms while it searches (they count in its latencies). */
  const pauses: number[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration > 10) pauses.push(e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  /** The server's own time for each search (the resolver's, without HTTP, parsing and loading hits). */
  const serverMs: number[] = [];
  let found = 0;
  for (const [i, q] of queries.entries()) {
    const t = performance.now();
    const data = (await server.post(body(q))) as {
      search: { hits: { clientId: string }[]; tookMs: number };
    };
    latencies.push(performance.now() - t);
    serverMs.push(data.search.tookMs);
    found += data.search.hits.filter((h) => truth[i]?.includes(h.clientId)).length;
  }
  gc.disconnect();
  const serverGc = await serverGcPauses(server);
  // Where the slowest searches spent their time: a stall inside the search, around it, or in
  // this client (its GC pauses over 10 ms).
  const slowest = latencies
    .map((ms, i) => ({ ms, search: serverMs[i] ?? 0, i }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 4);
  log(
    `slowest searches: ${slowest.map((s) => `#${s.i} ${s.ms.toFixed(1)} ms (search ${s.search.toFixed(1)})`).join(', ')}; client GC pauses over 10 ms: ${pauses.map((p) => p.toFixed(0)).join(', ') || 'none'}; server main-thread GC pauses over 10 / 100 ms: ${serverGc.over10ms - serverGcBefore.over10ms} / ${serverGc.over100ms - serverGcBefore.over100ms}`,
  );
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    qps: 1000 / (latencies.reduce((a, b) => a + b, 0) / latencies.length),
    recall: found / (queries.length * 10),
  };
}

export async function concurrentQps(
  server: Client,
  queries: Float32Array[],
  clients: number,
  rounds = 2,
  tiers: readonly Tier[] | null = ['HOT'],
): Promise<number> {
  const bodies = queries.map((q) => searchBody(q, tiers));
  const all = Array.from({ length: rounds }, () => bodies).flat();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < all.length) await server.post(all[next++] as string);
    }),
  );
  return all.length / ((performance.now() - started) / 1000);
}

export async function trivialRps(url: string, token?: string): Promise<number> {
  const r = await autocannon({
    url,
    connections: 16,
    duration: 5,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: graphql(`query AnnHealth { health { status } }`) }),
  });
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`trivial query failed: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r.requests.average;
}

/** CPU seconds a process has used (user and system, from /proc). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0) * 1024;
}
