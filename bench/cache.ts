// npm run bench:cache: latency of a repeated search through GraphQL, uncached vs answered by the
// in-process L1 and by the shared L2 (a real redis-server started here), in one run against
// real server processes over the same data. Writes its section of bench/README.md.
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql } from '../schema/operations/gql.ts';
import { log, percentile, resultTable, type Server, startServer, vectorSource } from './lib.ts';

const N = 20_000;
const QUERIES = 200;
const INGEST = graphql(
  `mutation CacheBenchIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }`,
);
const SEARCH = graphql(
  `query CacheBenchSearch($v: Vector!) { search(nearVector: $v, limit: 10) { hits { clientId score } } }`,
);

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  await new Promise<void>((resolve) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
  });
  return child;
}

/** Median and p99 (ms) of one search per query, each query's vector as base64. */
async function latencies(server: Server, queries: string[]): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (const v of queries) {
    const started = performance.now();
    await server.gql(SEARCH, { v });
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main() {
  const root = join(tmpdir(), `akosha-bench-cache-${process.pid}`);
  const port = 20_000 + (process.pid % 20_000);
  const redis = await startRedis(port);
  const redisEnv = {
    AKOSHA_CACHE_ENABLED: 'true',
    AKOSHA_REDIS_HOST: '127.0.0.1',
    AKOSHA_REDIS_PORT: String(port),
  };
  const rows: string[][] = [];
  try {
    const next = vectorSource(11);
    const toBase64 = (v: Float32Array) =>
      Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    let server = await startServer(join(root, 'a'));
    log(`ingesting ${N} memories`);
    for (let i = 0; i < N; i += 1000) {
      const input = Array.from({ length: 1000 }, (_, j) => ({
        id: `c${i + j}`,
        systemId: `sys-${(i + j) % 20}`,
        kind: 'CONVERSATION' as const,
        content: `memory ${i + j}`,
        embedding: toBase64(next()),
        timestamp: new Date().toISOString(),
      }));
      await server.gql(INGEST, { input });
    }
    const queries = Array.from({ length: QUERIES }, () => toBase64(next()));
    log('uncached');
    await latencies(server, queries); // the index and the page cache warm up first
    const uncached = await latencies(server, queries);
    await server.stop();
    await cp(join(root, 'a'), join(root, 'b'), { recursive: true });

    log('L1 and L2 (two processes over copies of the same data, one redis-server)');
    server = await startServer(join(root, 'a'), redisEnv);
    const other = await startServer(join(root, 'b'), redisEnv);
    await latencies(server, queries); // misses: fills L1 of the first process and L2
    const l2 = await latencies(other, queries); // the second process: every search an L2 hit
    const l1 = await latencies(server, queries); // the first process again: L1 hits
    const metrics = await other.metrics();
    await other.stop();
    await server.stop();
    const l2hits = Number(/^akosha_query_cache_hits_total\{level="l2"\} (\S+)$/m.exec(metrics)?.[1] ?? 0);
    if (l2hits < QUERIES) throw new Error(`expected ${QUERIES} L2 hits, saw ${l2hits}`);
    rows.push(
      [
        `repeated search, uncached (cache off), ${N / 1000}k hot memories, p50 / p99`,
        `${uncached.p50.toFixed(2)} / ${uncached.p99.toFixed(2)} ms`,
        '1.00×',
      ],
      [
        'same searches from the shared L2 (another process, Redis), p50 / p99',
        `${l2.p50.toFixed(2)} / ${l2.p99.toFixed(2)} ms`,
        `${(uncached.p50 / l2.p50).toFixed(1)}× faster`,
      ],
      [
        'same searches from L1 (in process), p50 / p99',
        `${l1.p50.toFixed(2)} / ${l1.p99.toFixed(2)} ms`,
        `${(uncached.p50 / l1.p50).toFixed(1)}× faster`,
      ],
    );
  } finally {
    redis.kill('SIGKILL');
    await rm(root, { recursive: true, force: true });
  }
  const { header, table } = resultTable(rows, 'bench:cache');
  process.stdout.write(`${header}\n\n${table}\n`);
  const readme = new URL('./README.md', import.meta.url);
  const previous = await readFile(readme, 'utf8');
  const [open, close] = ['<!-- cache -->', '<!-- /cache -->'];
  const section = `${open}\n${header}\n\n${table}\n${close}`;
  const text = previous.includes(open)
    ? `${previous.slice(0, previous.indexOf(open))}${section}${previous.slice(previous.indexOf(close) + close.length)}`
    : previous.replace(
        '## Main table',
        `## Query cache\n\n\`npm run bench:cache\` searches the same ${QUERIES} vectors repeatedly through GraphQL over ${N / 1000}k hot memories: with the cache off (after one warm-up pass), then from the shared L2 of a second process over a copy of the data (a redis-server started by the bench), then from the first process's L1. Every search is one HTTP request with a token.\n\n${section}\n\n## Main table`,
      );
  await writeFile(readme, text);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
