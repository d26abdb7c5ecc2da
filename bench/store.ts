// A 1M store kept between runs, to measure one lever at a time without rebuilding it:
//   node bench/store.ts build N DIR          ingest N bench memories through GraphQL (2 clients),
//                                            wait for the index, stop (the data stays in DIR)
//   node bench/store.ts build-warm W H DIR   W memories 30 days old, ingested with the index off
//                                            and moved to warm by a HOT_TO_WARM job, then H new
//                                            ones in hot; waits for both indexes, stops
//   node bench/store.ts search DIR [K=V ...] start a server on DIR (settings K=V; STORE_SIZE=N when
//                                            not 1M; TIERS=default to search hot and warm), then:
//                                            recall@10 against the exact answer, latency (1
//                                            client, 300 searches), keyword and hybrid latency (100
//                                            two-word queries), QPS at 32 clients, server CPU and RSS
//   node bench/store.ts age MOVE DIR [K=V ...] on a copy of DIR (kept as it is): once the server's
//                                            start-up work is done, one HOT_TO_WARM or WARM_TO_COLD
//                                            job (memories over 7 days old); its rate, how long
//                                            the indexes took to catch up after it, and how long one
//                                            memory ingested every 100 ms meanwhile waited
//   node bench/store.ts rebuild DIR [K=V ...] on a copy of DIR without its hot index files: how
//                                            fast the server builds the index from the rows (index
//                                            catch-up with no writes), and its cores meanwhile
// Memories and queries are those of `npm run bench` (vectorSource(42), 40-word texts): ids x0, x1, …
// in the source's order, whichever tier they are in.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql } from '../schema/operations/gql.ts';
import type { MigrationMove } from '../schema/operations/graphql.ts';
import {
  concurrentQps,
  cpuSeconds,
  exactTop10,
  indexLag,
  latencyAndRecall,
  rssBytes,
  waitForIndex,
} from './ann.ts';
import { contentOf, keywordLatency, keywordQueries } from './keyword.ts';
import { log, type Server, settingsOf, startServer, vectorSource } from './lib.ts';
import { migrate } from './tiers.ts';

/**
 * DuckDB's memory limit for the kept stores: 1GB, as every number measured on them since
 * 2026-12-02 (the 1M hot + 5M warm store's warm exact scans read through DuckDB's cache; `npm run
 * bench` runs its 1M server at 512MB, what its RSS row measures). `K=V` settings override it.
 */
const STORE_ENV = { AKOSHA_DUCKDB_MEMORY_LIMIT: '1GB' };

const INGEST = graphql(
  `mutation StoreIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }`,
);

/** Bench memory `i` (as `npm run bench` makes them: 50 systems, 40-word text) with vector `v`, as the mutation takes it. */
function memoryInput(id: string, i: number, v: Float32Array, timestamp: Date) {
  return {
    id,
    systemId: `sys-${i % 50}`,
    kind: 'CONVERSATION' as const,
    content: contentOf(i),
    embedding: Buffer.from(v.buffer).toString('base64'),
    timestamp: timestamp.toISOString(),
    metadata: { project: `p${i % 5}`, tags: ['bench'] },
  };
}

/** Ingests memories x`from` … x`to - 1` (the next vectors of `next`), `daysAgo` old, on 2 clients. */
async function ingest(server: Server, next: () => Float32Array, from: number, to: number, daysAgo: number) {
  const started = performance.now();
  let cursor = from;
  await Promise.all(
    [0, 1].map(async () => {
      while (cursor < to) {
        const first = cursor;
        cursor += 1000;
        const input = [];
        for (let i = first; i < Math.min(first + 1000, to); i++)
          input.push(memoryInput(`x${i}`, i, next(), new Date(Date.now() - daysAgo * 86_400_000)));
        await server.gql(INGEST, { input });
        if ((first - from) % 100_000 === 0) log(`ingested ${first - from}`);
      }
    }),
  );
  log(`ingest ${((to - from) / ((performance.now() - started) / 1000)).toFixed(0)} memories/s`);
}

async function build(n: number, dir: string) {
  const server = await startServer(dir, STORE_ENV);
  try {
    const started = performance.now();
    await ingest(server, vectorSource(42), 0, n, 200);
    await waitForIndex(server);
    log(`indexed from first write ${(n / ((performance.now() - started) / 1000)).toFixed(0)} memories/s`);
  } finally {
    await server.stop();
  }
}

async function buildWarm(w: number, h: number, dir: string) {
  const next = vectorSource(42);
  const aging = await startServer(dir, { ...STORE_ENV, AKOSHA_ANN_ENABLED: 'false' });
  try {
    await ingest(aging, next, 0, w, 30);
    const moved = await migrate(aging, 'HOT_TO_WARM');
    log(`hot → warm ${(moved.records / moved.seconds).toFixed(0)} memories/s`);
  } finally {
    await aging.stop();
  }
  const server = await startServer(dir, STORE_ENV);
  try {
    const started = performance.now();
    await ingest(server, next, w, w + h, 0);
    await waitForIndex(server);
    log(
      `both indexes built ${((w + h) / ((performance.now() - started) / 1000)).toFixed(0)} memories/s, RSS ${(rssBytes(server.pid) / 2 ** 30).toFixed(2)} GiB`,
    );
  } finally {
    await server.stop();
  }
}

function exactAnswer(sizeOf: number) {
  const source = vectorSource(42);
  for (let i = 0; i < sizeOf; i++) source();
  const queries = Array.from({ length: 300 }, source);
  const truth = exactTop10(
    (function* () {
      const stored = vectorSource(42);
      for (let i = 0; i < sizeOf; i++) yield stored();
    })(),
    (i) => `x${i}`,
    queries,
  );
  return { queries, truth };
}

/** Writes the queries and their exact answer beside the store; returns them. */
function keep(file: string, answer: ReturnType<typeof exactAnswer>) {
  writeFileSync(
    file,
    JSON.stringify({ queries: answer.queries.map((q) => Array.from(q)), truth: answer.truth }),
  );
  return answer;
}

/** A server on a kept store, with the command line's `K=V` settings over STORE_ENV (10 min to listen). */
function startStoreServer(dir: string, settings: readonly string[]) {
  return startServer(dir, { ...STORE_ENV, ...settingsOf(settings) }, undefined, 600_000);
}

/**
 * Waits until a started server is behind on nothing (its keyword postings count: a restarted
 * server rebuilds them); what it was behind, how long that took and its cores meanwhile.
 */
async function caughtUp(server: Server) {
  const cpu = cpuSeconds(server.pid);
  const started = performance.now();
  const rows = await indexLag(server);
  await waitForIndex(server);
  const seconds = (performance.now() - started) / 1000;
  const cores = (cpuSeconds(server.pid) - cpu) / seconds;
  return {
    rows,
    summary: `${rows} rows in ${seconds.toFixed(1)} s = ${(rows / seconds).toFixed(0)} rows/s, server ${cores.toFixed(2)} cores`,
  };
}

async function search(dir: string, settings: string[]) {
  const sizeOf = Number(process.env.STORE_SIZE ?? 1_000_000);
  // The queries (the vectors after the stored ones in the source) and their exact answer are kept
  // beside the store: computing them again takes minutes at millions.
  const kept = join(dir, `truth-${sizeOf}.json`);
  const { queries, truth } = existsSync(kept)
    ? (({ queries, truth }: { queries: number[][]; truth: string[][] }) => ({
        queries: queries.map((q) => Float32Array.from(q)),
        truth,
      }))(JSON.parse(readFileSync(kept, 'utf8')))
    : keep(kept, exactAnswer(sizeOf));
  const tiers = process.env.TIERS === 'default' ? null : (['HOT'] as const);
  const started = performance.now();
  const server = await startStoreServer(dir, settings);
  log(`listening after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  try {
    const indexed = await caughtUp(server);
    if (indexed.rows > 0) log(`indexed ${indexed.summary}`);
    const r = await latencyAndRecall(server, queries, truth, tiers);
    log(
      `recall@10 ${r.recall.toFixed(3)}, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.qps.toFixed(1)} QPS`,
    );
    const words = keywordQueries(100);
    const kw = await keywordLatency(server, words);
    const hy = await keywordLatency(server, words, queries);
    log(
      `keyword p50 / p99 ${kw.p50.toFixed(1)} / ${kw.p99.toFixed(1)} ms, hybrid ${hy.p50.toFixed(1)} / ${hy.p99.toFixed(1)} ms (hot, 1 client)`,
    );
    const cpu = cpuSeconds(server.pid);
    const started = performance.now();
    const qps = await concurrentQps(server, queries, 32, 2, tiers);
    const seconds = (performance.now() - started) / 1000;
    log(
      `32 clients ${qps.toFixed(1)} QPS, server ${((cpuSeconds(server.pid) - cpu) / seconds).toFixed(2)} cores`,
    );
    log(`RSS ${(rssBytes(server.pid) / 2 ** 30).toFixed(2)} GiB`);
  } finally {
    await server.stop();
  }
}

async function age(move: MigrationMove, dir: string, settings: string[]) {
  const copy = mkdtempSync(join(tmpdir(), 'akosha-age-'));
  cpSync(dir, copy, { recursive: true });
  const server = await startStoreServer(copy, settings);
  try {
    await waitForIndex(server);
    const cpu = cpuSeconds(server.pid);
    const probe = ingestProbe(server);
    const moved = await migrate(server, move);
    const waits = await probe.stop();
    const busy = (cpuSeconds(server.pid) - cpu) / moved.seconds;
    const started = performance.now();
    await waitForIndex(server);
    log(
      `${move}: ${moved.records} memories in ${moved.seconds.toFixed(2)} s = ${(moved.records / moved.seconds).toFixed(0)} memories/s, server ${busy.toFixed(2)} cores; indexes caught up ${((performance.now() - started) / 1000).toFixed(1)} s later`,
    );
    const at = (q: number) => waits[Math.min(waits.length - 1, Math.floor(waits.length * q))]?.toFixed(0);
    log(
      `one memory ingested every 100 ms meanwhile: ${waits.length}, waited p50 ${at(0.5)} ms, max ${at(1)} ms`,
    );
  } finally {
    await server.stop();
    rmSync(copy, { recursive: true, force: true });
  }
}

/** One memory ingested every 100 ms until stopped (a job shares the shards and the cores); each one's wait, sorted. */
function ingestProbe(server: Server) {
  const next = vectorSource(7);
  const waits: number[] = [];
  let stopped = false;
  const loop = (async () => {
    for (let i = 0; !stopped; i++) {
      const input = [memoryInput(`probe-${i}`, i, next(), new Date())];
      const t = performance.now();
      await server.gql(INGEST, { input });
      waits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return waits.sort((a, b) => a - b);
    },
  };
}

async function rebuild(dir: string, settings: string[]) {
  const copy = mkdtempSync(join(tmpdir(), 'akosha-rebuild-'));
  cpSync(dir, copy, { recursive: true });
  for (const f of readdirSync(join(copy, 'hot')))
    if (/\.(usearch|usearch\.json|vectors|records)$/.test(f)) rmSync(join(copy, 'hot', f));
  const server = await startStoreServer(copy, settings);
  try {
    log(`rebuilt: ${(await caughtUp(server)).summary}`);
  } finally {
    await server.stop();
    rmSync(copy, { recursive: true, force: true });
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === 'build') await build(Number(args[0]), String(args[1]));
else if (command === 'build-warm') await buildWarm(Number(args[0]), Number(args[1]), String(args[2]));
else if (command === 'search') await search(String(args[0]), args.slice(1));
else if (command === 'rebuild') await rebuild(String(args[0]), args.slice(1));
else if (command === 'age' && (args[0] === 'HOT_TO_WARM' || args[0] === 'WARM_TO_COLD'))
  await age(args[0], String(args[1]), args.slice(2));
else {
  process.stderr.write(
    'usage: node bench/store.ts build N DIR | build-warm W H DIR | search DIR [K=V ...] | age HOT_TO_WARM|WARM_TO_COLD DIR [K=V ...] | rebuild DIR [K=V ...]\n',
  );
  process.exitCode = 2;
}
