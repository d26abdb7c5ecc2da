// Ingest through the ingestMemories mutation, shared by `npm run bench`; run alone, one server:
//   node bench/ingest.ts N [--batch B] [--clients C] [--lists] [K=V ...]
// N memories of `npm run bench` (vectorSource(42), 40-word texts, 50 systems), B a request (1000),
// from C clients (2), base64 vectors (float lists with --lists), into a fresh server with settings
// K=V (NODE_OPTIONS=--cpu-prof profiles it); reports memories/s and the server's cores while
// ingesting, the rate from the first write until the server reports no index lag, and the rate
// over what the index was behind when the writes stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql } from '../schema/operations/gql.ts';
import { cpuSeconds, indexLag, waitForIndex } from './ann.ts';
import { contentOf } from './keyword.ts';
import { type Client, log, settingsOf, startServer, vectorSource } from './lib.ts';

/** Memories a request in `npm run bench`. */
export const BATCH = 1000;
export const SYSTEMS = 50;
const DAYS = 3;
// Old enough for both moves, spread over a few days so cold has system-day partitions.
const BASE = Date.now() - 200 * 86_400_000;
export const timestampOf = (i: number) => new Date(BASE - (i % DAYS) * 86_400_000).toISOString();

const INGEST = graphql(
  `mutation RunIngestMemories($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted duplicates } }`,
);

/** Request bodies of `batch` memories each: ids `${idPrefix}0`, …; texts from `offset` on. */
export function ingestBodies(
  vectors: Float32Array[],
  idPrefix: string,
  form: 'base64' | 'list',
  offset = 0,
  batch = BATCH,
): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < vectors.length; i += batch) {
    const input = vectors.slice(i, i + batch).map((v, j) => ({
      id: `${idPrefix}${i + j}`,
      systemId: `sys-${(i + j) % SYSTEMS}`,
      kind: 'CONVERSATION',
      content: contentOf(offset + i + j),
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

/** Sends the bodies from `clients` clients, each waiting for its answer; memories a second. */
export async function ingest(
  server: Client,
  bodies: string[],
  clients: number,
  batch = BATCH,
): Promise<number> {
  let cursor = 0;
  const every = Math.max(1, Math.round(20_000 / batch));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (cursor < bodies.length) {
        await server.post(bodies[cursor++] as string);
        if (cursor % every === 0) log(`ingested ${cursor * batch}`);
      }
    }),
  );
  return (bodies.length * batch) / ((performance.now() - started) / 1000);
}

async function main(args: string[]) {
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const n = Number(args[0]);
  const batch = option('--batch', BATCH);
  const clients = option('--clients', 2);
  // N a multiple of B: the rate counts B memories a request.
  if (!Number.isInteger(n) || n < 1 || !(batch >= 1) || n % batch !== 0 || !(clients >= 1))
    throw new Error(
      'usage: node bench/ingest.ts N [--batch B] [--clients C] [--lists] [K=V ...] (N a multiple of B)',
    );
  const env = settingsOf(args);
  const next = vectorSource(42);
  const bodies = ingestBodies(
    Array.from({ length: n }, next),
    'm',
    args.includes('--lists') ? 'list' : 'base64',
    0,
    batch,
  );
  const dir = mkdtempSync(join(tmpdir(), 'akosha-ingest-'));
  const server = await startServer(dir, env);
  try {
    const cpu = cpuSeconds(server.pid);
    const started = performance.now();
    const rate = await ingest(server, bodies, clients, batch);
    const cores = (cpuSeconds(server.pid) - cpu) / ((performance.now() - started) / 1000);
    // What the index still had to add when the writes stopped, and how fast it added that.
    const behind = await indexLag(server);
    const stopped = performance.now();
    if (env.AKOSHA_ANN_ENABLED !== 'false') await waitForIndex(server);
    const afterWrites = behind / ((performance.now() - stopped) / 1000);
    const indexed = n / ((performance.now() - started) / 1000);
    log(
      `${n} memories, ${batch} a request, ${clients} clients: ${rate.toFixed(0)} memories/s (server ${cores.toFixed(2)} cores); indexed ${indexed.toFixed(0)}/s from the first write, ${afterWrites.toFixed(0)}/s over the ${behind} behind when the writes stopped`,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await main(process.argv.slice(2));
