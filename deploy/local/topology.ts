import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type AkoshaProcess, startAkoshaProcess } from './akosha-process.ts';
import { freePort, startRedis } from './redis.ts';
import { startS3 } from './s3.ts';

// The scale-out topology on one machine: Redis (Debian's redis-server), an S3 server (s3rver),
// N stores and M apis (`node server/main.ts` with AKOSHA_ROLE=store|api), all on 127.0.0.1, data
// under one folder. `npm run topology` starts it, prints the URLs and a token, and stops it all
// on Ctrl-C; the scale-out test starts the same thing through startTopology.

export type StoreHandle = {
  ordinal: number;
  /** Its base URL (what apis have in AKOSHA_STORE_URLS). */
  url: string;
  process: AkoshaProcess;
  /** Stops it (SIGTERM, or SIGKILL to simulate a crash). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
};

export type ApiHandle = { url: string; process: AkoshaProcess; kill(signal?: NodeJS.Signals): Promise<void> };

export type Topology = {
  redis: Awaited<ReturnType<typeof startRedis>>;
  s3: Awaited<ReturnType<typeof startS3>>;
  stores: StoreHandle[];
  apis: ApiHandle[];
  /** The settings every process shares (Redis, S3, shards, service token, JWT secret). */
  env: Record<string, string>;
  stop(): Promise<void>;
};

export type TopologyOptions = {
  dir: string;
  stores?: number;
  apis?: number;
  shards?: number;
  /** Settings added to every process (e.g. AKOSHA_LOG_LEVEL). */
  env?: Record<string, string>;
  echo?: (line: string) => void;
};

export async function startTopology(o: TopologyOptions): Promise<Topology> {
  const dir = resolve(o.dir);
  const storeCount = o.stores ?? 2;
  const shards = o.shards ?? 8;
  await mkdir(dir, { recursive: true });
  const started: { kill(signal?: NodeJS.Signals): Promise<void> }[] = [];
  const redis = await startRedis();
  const s3 = await startS3(join(dir, 's3'));
  const stopAll = async () => {
    // apis first (they call the stores), then the stores, then what they share
    for (const p of started.reverse()) await p.kill('SIGTERM').catch(() => {});
    await s3.stop();
    await redis.stop();
  };
  try {
    const env: Record<string, string> = {
      ...redis.env(),
      ...s3.env(),
      AKOSHA_SHARDS: String(shards),
      AKOSHA_SERVICE_TOKEN: randomBytes(24).toString('base64url'),
      AKOSHA_JWT_SECRET: randomBytes(32).toString('base64url'),
      ...o.env,
    };
    const ports = await Promise.all(Array.from({ length: storeCount }, () => freePort()));
    const urls = ports.map((p) => `http://127.0.0.1:${p}`);
    // Settled, not raced: a store that came up while another failed is stopped with the rest.
    const settled = await Promise.allSettled(
      ports.map(async (port, ordinal): Promise<StoreHandle> => {
        const home = join(dir, `store-${ordinal}`);
        const storeEnv = {
          ...env,
          AKOSHA_ROLE: 'store',
          AKOSHA_PORT: String(port),
          AKOSHA_STORE_ORDINAL: String(ordinal),
          AKOSHA_STORE_REPLICAS: String(storeCount),
          AKOSHA_HOT_PATH: join(home, 'hot'),
          AKOSHA_WARM_PATH: join(home, 'warm'),
          AKOSHA_META_PATH: join(home, 'meta'),
          AKOSHA_COLD_CACHE_PATH: join(home, 'cold-cache'),
        };
        const handle: StoreHandle = {
          ordinal,
          url: urls[ordinal] as string,
          process: await startAkoshaProcess(storeEnv, { echo: o.echo }),
          kill: (signal) => handle.process.kill(signal),
          async restart() {
            await handle.process.kill('SIGTERM');
            handle.process = await startAkoshaProcess(storeEnv, { echo: o.echo });
          },
        };
        started.push(handle);
        return handle;
      }),
    );
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const stores = settled.map((r) => (r as PromiseFulfilledResult<StoreHandle>).value);
    const apis: ApiHandle[] = [];
    for (let i = 0; i < (o.apis ?? 2); i++) {
      const process = await startAkoshaProcess(
        {
          ...env,
          AKOSHA_ROLE: 'api',
          AKOSHA_STORE_URLS: urls.join(','),
          AKOSHA_META_PATH: join(dir, `api-${i}`),
        },
        { echo: o.echo },
      );
      const api = { url: process.url, process, kill: (signal?: NodeJS.Signals) => process.kill(signal) };
      started.push(api);
      apis.push(api);
    }
    return { redis, s3, stores, apis, env, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: './data/topology' },
      stores: { type: 'string', default: '2' },
      apis: { type: 'string', default: '2' },
    },
  });
  const count = (v: string, name: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 8)
      throw new Error(`--${name} must be a whole number from 1 to 8`);
    return n;
  };
  const t = await startTopology({
    dir: values.dir,
    stores: count(values.stores, 'stores'),
    apis: count(values.apis, 'apis'),
  });
  const lines = [
    `redis     127.0.0.1:${t.redis.port}`,
    `s3        ${t.s3.endpoint()} (bucket ${t.s3.bucket})`,
    ...t.stores.map((s) => `store ${s.ordinal}   ${s.url}/internal/graphql (service token only)`),
    ...t.apis.map((a, i) => `api ${i}     ${a.url}`),
    '',
    `a token:  AKOSHA_JWT_SECRET=${t.env.AKOSHA_JWT_SECRET} npm run -s token -- --role admin`,
    `data:     ${resolve(values.dir)}   (Ctrl-C stops everything)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('stopping…\n');
    await t.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`topology: ${err instanceof Error ? err.message : String(err)}\n`);
    if (String(err).includes('ENOENT') && String(err).includes('redis-server'))
      process.stderr.write('install Debian’s redis-server first: sudo apt-get install -y redis-server\n');
    process.exit(1);
  });
}
