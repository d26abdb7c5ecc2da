// npm run bench [-- --quick]: ingest rate through the GraphQL mutation vs raw DuckDB DataChunk
// appends, and exact search latency through GraphQL, measured in one run and written to
// bench/README.md. Not a test: numbers depend on the machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { memoryChunks } from '../storage/memory-chunk.ts';
import { HOT, SHARED_COLUMNS } from '../storage/tier-layout.ts';
import type { MemoryRecord } from '../storage/types.ts';

const quick = process.argv.includes('--quick');
const N = quick ? 20_000 : 100_000;
const BATCH = 1000;
const SEARCHES = quick ? 100 : 300;
const DIM = 384;
const dir = mkdtempSync(join(tmpdir(), 'akosha-bench-'));

function vectorSource(seed: number) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const w = Array.from({ length: DIM * 32 }, gauss);
  return () => {
    const z = Array.from({ length: 32 }, gauss);
    const v = new Float32Array(DIM);
    let n = 0;
    for (let i = 0; i < DIM; i++) {
      let s = 0.3 * gauss() * Math.sqrt(32);
      for (let j = 0; j < 32; j++) s += (w[i * 32 + j] ?? 0) * (z[j] ?? 0);
      v[i] = s;
      n += s * s;
    }
    n = Math.sqrt(n);
    for (let i = 0; i < DIM; i++) v[i] = (v[i] ?? 0) / n;
    return v;
  };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

function log(msg: string) {
  process.stderr.write(`[bench] ${msg}\n`);
}

async function rawAppend(vectors: Float32Array[]): Promise<number> {
  const instance = await DuckDBInstance.create(join(dir, 'raw.duckdb'), { checkpoint_threshold: '256MB' });
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE memories (${SHARED_COLUMNS}, ${HOT.vectorColumns(DIM)})`);
  const now = new Date();
  const records: MemoryRecord[] = vectors.map((embedding, i) => ({
    systemId: `sys-${i % 50}`,
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
    for (const chunk of memoryChunks(records.slice(i, i + BATCH), DIM)) appender.appendDataChunk(chunk);
    appender.closeSync();
  }
  const rate = records.length / ((performance.now() - started) / 1000);
  conn.closeSync();
  instance.closeSync();
  return rate;
}

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [new URL('../server/main.ts', import.meta.url).pathname], {
    env: {
      ...process.env,
      AKOSHA_HOT_PATH: join(dir, 'hot'),
      AKOSHA_WARM_PATH: join(dir, 'warm'),
      AKOSHA_COLD_PATH: join(dir, 'cold'),
      AKOSHA_META_PATH: join(dir, 'meta'),
      AKOSHA_PORT: '0',
      AKOSHA_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let out = '';
  child.stderr.on('data', (c: Buffer) => {
    out += c;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const m = /"url":"([^"]+)"/.exec(out);
      if (m?.[1]) {
        clearInterval(poll);
        resolve(m[1]);
      } else if (Date.now() - started > 30_000) {
        clearInterval(poll);
        reject(new Error(out));
      }
    }, 50);
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function post(url: string, body: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await res.json()) as { errors?: unknown[]; data?: unknown };
  if (json.errors) throw new Error(JSON.stringify(json.errors).slice(0, 500));
  return json.data;
}

const INGEST = 'mutation($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted duplicates } }';
const SEARCH =
  'query($v: Vector!) { search(nearVector: $v, limit: 10) { hits { score id memory { content } } } }';

async function main() {
  log(`generating ${N} structured vectors`);
  const next = vectorSource(42);
  const vectors = Array.from({ length: N }, next);
  const queries = Array.from({ length: SEARCHES }, next);

  log('raw DuckDB DataChunk append');
  const raw = await rawAppend(vectors);

  const server = await startServer();
  log(`server at ${server.url}; ingesting through GraphQL`);
  const ts = new Date().toISOString();
  const bodies: string[] = [];
  for (let i = 0; i < N; i += BATCH) {
    const input = vectors.slice(i, i + BATCH).map((v, j) => ({
      id: `m${i + j}`,
      systemId: `sys-${(i + j) % 50}`,
      kind: 'CONVERSATION',
      content: `memory ${i + j} about the bench`,
      embedding: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'),
      timestamp: ts,
      metadata: { project: `p${(i + j) % 5}`, tags: ['bench'] },
    }));
    bodies.push(JSON.stringify({ query: INGEST, variables: { input } }));
  }
  // The list-of-floats form, on a separate set of ids, for the JSON cost.
  const listBodies = bodies.slice(0, Math.max(2, bodies.length / 10)).map((b) => {
    const parsed = JSON.parse(b) as { variables: { input: { id: string; embedding: string }[] } };
    for (const m of parsed.variables.input) {
      m.id = `list-${m.id}`;
      const buf = Buffer.from(m.embedding, 'base64');
      (m as { embedding: unknown }).embedding = Array.from(
        new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4),
      );
    }
    return JSON.stringify({ query: INGEST, variables: parsed.variables });
  });
  let cursor = 0;
  const startedIngest = performance.now();
  await Promise.all(
    [0, 1].map(async () => {
      while (cursor < bodies.length) {
        const body = bodies[cursor++] as string;
        await post(server.url, body);
        if (cursor % 20 === 0) log(`ingested ${cursor * BATCH}`);
      }
    }),
  );
  const viaGraphql = N / ((performance.now() - startedIngest) / 1000);
  const startedList = performance.now();
  for (const b of listBodies) await post(server.url, b);
  const viaGraphqlList = (listBodies.length * BATCH) / ((performance.now() - startedList) / 1000);

  log('sequential searches');
  for (const q of queries.slice(0, 5))
    await post(server.url, JSON.stringify({ query: SEARCH, variables: { v: Array.from(q) } }));
  const latencies: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await post(server.url, JSON.stringify({ query: SEARCH, variables: { v: Array.from(q) } }));
    latencies.push(performance.now() - t);
  }
  log('32 concurrent clients');
  let next32 = 0;
  const startedConc = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next32 < queries.length) {
        const q = queries[next32++] as Float32Array;
        await post(server.url, JSON.stringify({ query: SEARCH, variables: { v: Array.from(q) } }));
      }
    }),
  );
  const concQps = queries.length / ((performance.now() - startedConc) / 1000);
  const metrics = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
  const scans = [...metrics.matchAll(/^akosha_shard_scans_total\{[^}]*\} (\d+)/gm)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
  const scanQueries = [...metrics.matchAll(/^akosha_shard_scan_queries_total\{[^}]*\} (\d+)/gm)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
  server.stop();

  const seqQps = 1000 / (latencies.reduce((a, b) => a + b, 0) / latencies.length);
  const rows = [
    ['ingest, raw DuckDB DataChunk append (baseline)', `${raw.toFixed(0)} memories/s`, '1.00×'],
    [
      'ingest, GraphQL mutation, base64 vectors, 2 clients',
      `${viaGraphql.toFixed(0)} memories/s`,
      `${(viaGraphql / raw).toFixed(2)}×`,
    ],
    [
      'ingest, GraphQL mutation, float-list vectors, 1 client',
      `${viaGraphqlList.toFixed(0)} memories/s`,
      `${(viaGraphqlList / raw).toFixed(2)}×`,
    ],
    [`exact search p50, ${N} memories, 8 shards, 1 client`, `${percentile(latencies, 50).toFixed(1)} ms`, ''],
    [`exact search p99, ${N} memories, 8 shards, 1 client`, `${percentile(latencies, 99).toFixed(1)} ms`, ''],
    ['exact search throughput, 1 client', `${seqQps.toFixed(1)} QPS`, '1.00×'],
    [
      'exact search throughput, 32 concurrent clients (batched)',
      `${concQps.toFixed(1)} QPS`,
      `${(concQps / seqQps).toFixed(2)}×`,
    ],
    ['queries per shard scan over the whole run', `${(scanQueries / scans).toFixed(2)}`, ''],
  ];
  const table = [
    '| measure | value | ratio |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const header = `Measured ${new Date().toISOString()} with \`npm run bench${quick ? ' -- --quick' : ''}\` on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`;
  process.stdout.write(`${header}\n\n${table}\n`);
  const readme = new URL('./README.md', import.meta.url);
  const previous = (() => {
    try {
      return readFileSync(readme, 'utf8');
    } catch {
      return '';
    }
  })();
  const marker = '<!-- results -->';
  const intro = previous.includes(marker) ? previous.slice(0, previous.indexOf(marker)) : '# Benchmarks\n\n';
  writeFileSync(readme, `${intro}${marker}\n${header}\n\n${table}\n`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
