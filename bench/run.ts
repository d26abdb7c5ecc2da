// npm run bench [-- --quick]: one table, measured in one run against a real server process,
// written to bench/README.md. Not a test: numbers depend on the machine.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { memoryChunks } from '../storage/memory-chunk.ts';
import { HOT, SHARED_COLUMNS } from '../storage/tier-layout.ts';
import type { MemoryRecord } from '../storage/types.ts';
import { DIM, log, percentile, type Server, startServer, vectorSource } from './lib.ts';
import { benchTiers } from './tiers.ts';

const quick = process.argv.includes('--quick');
const N = quick ? 20_000 : 100_000;
const BATCH = 1000;
const SEARCHES = quick ? 100 : 300;
const SYSTEMS = 50;
const DAYS = 3;
const dir = mkdtempSync(join(tmpdir(), 'akosha-bench-'));
// Old enough for both moves, spread over a few days so cold has system-day partitions.
const BASE = Date.now() - 200 * 86_400_000;
const timestampOf = (i: number) => new Date(BASE - (i % DAYS) * 86_400_000).toISOString();

async function rawAppend(vectors: Float32Array[]): Promise<number> {
  const instance = await DuckDBInstance.create(join(dir, 'raw.duckdb'), { checkpoint_threshold: '256MB' });
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE memories (${SHARED_COLUMNS}, ${HOT.vectorColumns(DIM)})`);
  const now = new Date();
  const records: MemoryRecord[] = vectors.map((embedding, i) => ({
    systemId: `sys-${i % SYSTEMS}`,
    id: `m${i}`,
    kind: 'CONVERSATION',
    content: `memory ${i} about the bench`,
    contentHash: 'x',
    timestamp: now,
    uploadedAt: now,
    metadata: { project: `p${i % 5}`, tags: ['bench'] },
    embedding,
    norm: 1,
  }));
  const started = performance.now();
  for (let i = 0; i < records.length; i += BATCH) {
    const appender = await conn.createAppender('memories');
    for (const chunk of memoryChunks(records.slice(i, i + BATCH), DIM, i + 1))
      appender.appendDataChunk(chunk);
    appender.closeSync();
  }
  const rate = records.length / ((performance.now() - started) / 1000);
  conn.closeSync();
  instance.closeSync();
  return rate;
}

const INGEST = 'mutation($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted duplicates } }';
const SEARCH =
  'query($v: Vector!) { search(nearVector: $v, limit: 10) { hits { score id memory { content } } } }';

function ingestBodies(vectors: Float32Array[], idPrefix: string, form: 'base64' | 'list'): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < vectors.length; i += BATCH) {
    const input = vectors.slice(i, i + BATCH).map((v, j) => ({
      id: `${idPrefix}${i + j}`,
      systemId: `sys-${(i + j) % SYSTEMS}`,
      kind: 'CONVERSATION',
      content: `memory ${i + j} about the bench`,
      embedding:
        form === 'base64'
          ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
          : Array.from(v),
      timestamp: timestampOf(i + j),
      metadata: { project: `p${(i + j) % 5}`, tags: ['bench'] },
    }));
    bodies.push(JSON.stringify({ query: INGEST, variables: { input } }));
  }
  return bodies;
}

async function ingest(server: Server, bodies: string[], clients: number): Promise<number> {
  let cursor = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (cursor < bodies.length) {
        await server.post(bodies[cursor++] as string);
        if (cursor % 20 === 0) log(`ingested ${cursor * BATCH}`);
      }
    }),
  );
  return (bodies.length * BATCH) / ((performance.now() - started) / 1000);
}

async function searches(server: Server, queries: Float32Array[]) {
  const body = (q: Float32Array) => JSON.stringify({ query: SEARCH, variables: { v: Array.from(q) } });
  for (const q of queries.slice(0, 5)) await server.post(body(q));
  const latencies: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await server.post(body(q));
    latencies.push(performance.now() - t);
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < queries.length) await server.post(body(queries[next++] as Float32Array));
    }),
  );
  const concurrentQps = queries.length / ((performance.now() - started) / 1000);
  const sum = (text: string, name: string) =>
    [...text.matchAll(new RegExp(`^${name}\\{shard="hot-[^}]*\\} (\\d+)`, 'gm'))].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
  const metrics = await server.metrics();
  return {
    latencies,
    seqQps: 1000 / (latencies.reduce((a, b) => a + b, 0) / latencies.length),
    concurrentQps,
    perScan: sum(metrics, 'akosha_shard_scan_queries_total') / sum(metrics, 'akosha_shard_scans_total'),
  };
}

function writeReadme(header: string, table: string) {
  const readme = new URL('./README.md', import.meta.url);
  const previous = (() => {
    try {
      return readFileSync(readme, 'utf8');
    } catch {
      return '# Benchmarks\n\n';
    }
  })();
  const marker = '<!-- results -->';
  const intro = previous.includes(marker) ? previous.slice(0, previous.indexOf(marker)) : previous;
  writeFileSync(readme, `${intro}${marker}\n${header}\n\n${table}\n`);
}

async function main() {
  log(`generating ${N} structured vectors`);
  const next = vectorSource(42);
  const vectors = Array.from({ length: N }, next);
  const queries = Array.from({ length: SEARCHES }, next);
  log('raw DuckDB DataChunk append');
  const raw = await rawAppend(vectors);
  const server = await startServer(join(dir, 'server'));
  try {
    log(`server at ${server.url}; ingesting through GraphQL`);
    const viaBase64 = await ingest(server, ingestBodies(vectors, 'm', 'base64'), 2);
    const viaList = await ingest(server, ingestBodies(vectors.slice(0, N / 10), 'list-', 'list'), 1);
    log('searches');
    const s = await searches(server, queries);
    const tiers = await benchTiers(server, queries.slice(0, 50), {
      systemId: 'sys-7',
      day: timestampOf(0).slice(0, 10),
    });
    const rows = [
      ['ingest, raw DuckDB DataChunk append (baseline)', `${raw.toFixed(0)} memories/s`, '1.00×'],
      [
        'ingest, GraphQL mutation, base64 vectors, 2 clients',
        `${viaBase64.toFixed(0)} memories/s`,
        `${(viaBase64 / raw).toFixed(2)}×`,
      ],
      [
        'ingest, GraphQL mutation, float-list vectors, 1 client',
        `${viaList.toFixed(0)} memories/s`,
        `${(viaList / raw).toFixed(2)}×`,
      ],
      [
        `exact search p50, ${N + N / 10} hot memories, 8 shards, 1 client`,
        `${percentile(s.latencies, 50).toFixed(1)} ms`,
        '',
      ],
      [
        `exact search p99, ${N + N / 10} hot memories, 8 shards, 1 client`,
        `${percentile(s.latencies, 99).toFixed(1)} ms`,
        '',
      ],
      ['exact search throughput, 1 client', `${s.seqQps.toFixed(1)} QPS`, '1.00×'],
      [
        'exact search throughput, 32 concurrent clients (batched)',
        `${s.concurrentQps.toFixed(1)} QPS`,
        `${(s.concurrentQps / s.seqQps).toFixed(2)}×`,
      ],
      ['searches per hot shard scan over the run', s.perScan.toFixed(2), ''],
      ...tiers,
    ];
    const table = [
      '| measure | value | ratio |',
      '|---|---|---|',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
    const header = `Measured ${new Date().toISOString()} with \`npm run bench${quick ? ' -- --quick' : ''}\` on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`;
    process.stdout.write(`${header}\n\n${table}\n`);
    writeReadme(header, table);
  } finally {
    server.stop();
  }
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
