import http from 'node:http';
import { constants, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { startAkoshaProcess } from '../deploy/local/akosha-process.ts';
import type { TypedDocumentString } from '../schema/operations/graphql.ts';

export const DIM = 384;

/** Structured vectors, normalize(W·z + 0.3·noise) with a 32-dim latent z: random unit vectors make every index look broken. */
export function vectorSource(seed: number) {
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

/** Server settings from command-line words `K=V` (split at the first `=`: a value may hold more). */
export function settingsOf(args: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    args
      .filter((a) => /^[A-Z_][A-Z0-9_]*=/.test(a))
      .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
  );
}

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

export function log(msg: string) {
  process.stderr.write(`[bench] ${msg}\n`);
}

const SECRET = 'bench-secret-that-is-at-least-32-characters';

// The servers this bench started (and the topology's processes) are killed when it exits
// (deploy/local/children.ts); an interrupted bench exits, so none is left holding its store's
// files (a later run could not open them).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(signal, () => process.exit(128 + constants.signals[signal]));

/** A real server process on 127.0.0.1 with its data under `dir`, and an admin client for it. */
export async function startServer(
  dir: string,
  extraEnv: Record<string, string> = {},
  script = '../server/main.ts',
  /** How long it may take to listen (a store of millions loads its indexes first). */
  startMs = 30_000,
) {
  const server = await startAkoshaProcess(
    {
      AKOSHA_HOT_PATH: join(dir, 'hot'),
      AKOSHA_WARM_PATH: join(dir, 'warm'),
      AKOSHA_COLD_PATH: join(dir, 'cold'),
      AKOSHA_META_PATH: join(dir, 'meta'),
      ...BENCH_ENV,
      ...extraEnv,
    },
    {
      script: fileURLToPath(new URL(script, import.meta.url)),
      startMs,
    },
  );
  let stopping = false;
  server.child.once('exit', (code, signal) => {
    // A server that dies under the bench says why (its output is otherwise only kept in memory),
    // also one whose death failed a request and so made the bench stop it.
    if (!stopping || (code !== 0 && signal !== 'SIGTERM'))
      log(`server exited (code ${code}, signal ${signal}); its last output:\n${server.logs().slice(-4000)}`);
  });
  return {
    ...(await clientOf(server.url)),
    pid: server.child.pid ?? 0,
    stop: async () => {
      stopping = true;
      await server.kill();
    },
  };
}

/** Settings every bench process gets: the bench's JWT secret, budgets out of the way, no query cache. */
export const BENCH_ENV = {
  AKOSHA_JWT_SECRET: SECRET,
  AKOSHA_COST_BUDGET_PER_MINUTE: '1000000000',
  AKOSHA_MAX_COST: '100000000',
  // Search numbers measure the stores, not the query cache (bench/cache.ts measures that).
  AKOSHA_CACHE_ENABLED: 'false',
};

/** An admin client of the server at `url` (signed with the bench's secret). */
export async function clientOf(url: string) {
  const token = await new SignJWT({ roles: ['admin'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('bench')
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
  // node:http with a keep-alive agent rather than fetch: the client shares the server's two cores,
  // and with each query's body made once a 1M search cost it 0.14 ms of CPU, against 0.40–0.54
  // with fetch and the body made per search (bench/README.md).
  const target = new URL(url);
  // Node's agent does not act on the server's `Keep-Alive: timeout=65` (24.21): an idle socket is
  // dropped after 30 s here, so a request never goes out on one the server is closing.
  const agent = new http.Agent({ keepAlive: true, timeout: 30_000 });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const post = (body: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (part: Buffer) => parts.push(part));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(parts).toString('utf8');
            let json: { errors?: unknown[]; data?: Record<string, unknown> };
            try {
              json = JSON.parse(text);
            } catch {
              reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 500)}`));
              return;
            }
            if (json.errors) reject(new Error(JSON.stringify(json.errors).slice(0, 500)));
            else resolve(json.data ?? {});
          });
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(new Error(`request failed: ${err.code ?? ''} ${err.message}`, { cause: err })),
      );
      req.end(body);
    });
  /** A typed document of schema/operations/ in, its typed result out (errors throw). */
  const gql = async <R, V>(doc: TypedDocumentString<R, V>, variables?: V): Promise<R> =>
    (await post(JSON.stringify({ query: String(doc), variables }))) as R;
  return {
    url,
    token,
    post,
    gql,
    metrics: () => fetch(url.replace('/graphql', '/metrics')).then((r) => r.text()),
  };
}

export type Client = Awaited<ReturnType<typeof clientOf>>;
export type Server = Awaited<ReturnType<typeof startServer>>;

/** The markdown table of a run and its header line (command, machine, Node), as bench/README.md shows them. */
export function resultTable(rows: string[][], script: string): { header: string; table: string } {
  const table = [
    '| measure | value | ratio |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const flags = process.argv.slice(2).join(' ');
  const header = `Measured ${new Date().toISOString()} with \`npm run ${script}${flags ? ` -- ${flags}` : ''}\` on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`;
  return { header, table };
}
