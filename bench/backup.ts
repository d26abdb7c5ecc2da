// npm run bench:backup [-- --quick]: backup and restore rates at 100k memories, against a real
// server process, with a plain copy of the same shard files as the baseline measured in the same
// run. Writes its section of bench/README.md. Not a test: numbers depend on the machine.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { graphql } from '../schema/operations/gql.ts';
import { log, resultTable, startServer, vectorSource } from './lib.ts';

const quick = process.argv.includes('--quick');
const N = quick ? 20_000 : 100_000;
const BATCH = 1000;
const run = promisify(execFile);
const MAIN = new URL('../server/main.ts', import.meta.url).pathname;

const INGEST = graphql(
  `mutation BackupBenchIngest($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }`,
);
const START = graphql(`mutation BackupBenchStart { startBackup { id } }`);
const JOB = graphql(
  `query BackupBenchJob($id: ID!) { backupJob(id: $id) { status memories backupId error bytesDone } }`,
);
const COUNT = graphql(`query BackupBenchStats { storageStats { tier rows } }`);

const fmt = (n: number, unit: string, digits = 0) => `${n.toFixed(digits)} ${unit}`;

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const f of await readdir(dir)) total += (await stat(join(dir, f))).size;
  return total;
}

async function main() {
  const root = join(tmpdir(), `akosha-bench-backup-${process.pid}`);
  const data = join(root, 'data');
  const env = (d: string) => ({
    AKOSHA_HOT_PATH: join(d, 'hot'),
    AKOSHA_WARM_PATH: join(d, 'warm'),
    AKOSHA_META_PATH: join(d, 'meta'),
    AKOSHA_COLD_PATH: join(root, 'bucket'),
  });
  const rows: string[][] = [];
  try {
    let server = await startServer(data, env(data));
    const next = vectorSource(7);
    log(`ingesting ${N} memories`);
    for (let i = 0; i < N; i += BATCH) {
      const input = Array.from({ length: BATCH }, (_, j) => {
        const v = next();
        return {
          id: `b${i + j}`,
          systemId: `sys-${(i + j) % 50}`,
          kind: 'CONVERSATION' as const,
          content: `memory ${i + j} for the backup bench`,
          embedding: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'),
          timestamp: new Date().toISOString(),
          metadata: { project: `p${(i + j) % 5}` },
        };
      });
      await server.gql(INGEST, { input });
    }
    log('backup');
    const started = performance.now();
    const job = (await server.gql(START)).startBackup.id;
    let state = (await server.gql(JOB, { id: job })).backupJob;
    while (state?.status === 'RUNNING') {
      await new Promise((r) => setTimeout(r, 50));
      state = (await server.gql(JOB, { id: job })).backupJob;
    }
    const backupSeconds = (performance.now() - started) / 1000;
    if (state?.status !== 'DONE' || !state.backupId)
      throw new Error(`backup ${state?.status}: ${state?.error}`);
    await server.stop();

    log('baseline: plain copy of the same shard files (server stopped)');
    const copyDir = join(root, 'copy');
    await mkdir(copyDir, { recursive: true });
    const copyStarted = performance.now();
    for (const tier of ['hot', 'warm']) {
      for (const f of await readdir(join(data, tier)))
        if (f.endsWith('.duckdb')) await copyFile(join(data, tier, f), join(copyDir, `${tier}-${f}`));
    }
    await copyFile(join(data, 'meta', 'akosha.duckdb'), join(copyDir, 'meta.duckdb'));
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const copiedBytes = await dirBytes(copyDir);

    log('restore into an empty data directory');
    const restored = join(root, 'restored');
    const restoreStarted = performance.now();
    await run(process.execPath, [MAIN, 'restore', '--backup', state.backupId], {
      env: { ...process.env, ...env(restored) },
    });
    const restoreSeconds = (performance.now() - restoreStarted) / 1000;
    server = await startServer(restored, env(restored));
    const stats = (await server.gql(COUNT)).storageStats;
    const total = stats.reduce((n, s) => n + s.rows, 0);
    await server.stop();
    if (total !== N) throw new Error(`restored ${total} memories, expected ${N}`);

    const copyRate = N / copySeconds;
    rows.push(
      [
        `plain copy of the shard files, server stopped (baseline), ${N / 1000}k memories`,
        fmt(copyRate, 'memories/s'),
        '1.00×',
      ],
      [
        `backup online (startBackup → DONE), ${N / 1000}k hot memories, ${fmt(state.bytesDone / 2 ** 20, 'MiB', 1)} stored`,
        fmt(N / backupSeconds, 'memories/s'),
        `${(N / backupSeconds / copyRate).toFixed(2)}×`,
      ],
      [
        `restore (download, verify checksums, place), ${N / 1000}k memories`,
        fmt(N / restoreSeconds, 'memories/s'),
        `${(N / restoreSeconds / copyRate).toFixed(2)}×`,
      ],
      ['bytes copied by the baseline', fmt(copiedBytes / 2 ** 20, 'MiB', 1), ''],
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const { header, table } = resultTable(rows, 'bench:backup');
  process.stdout.write(`${header}\n\n${table}\n`);
  const readme = new URL('./README.md', import.meta.url);
  const previous = await readFile(readme, 'utf8');
  const [open, close] = ['<!-- backup -->', '<!-- /backup -->'];
  const section = `${open}\n${header}\n\n${table}\n${close}`;
  const next = previous.includes(open)
    ? `${previous.slice(0, previous.indexOf(open))}${section}${previous.slice(previous.indexOf(close) + close.length)}`
    : previous.replace('<!-- results -->', `## Backup and restore\n\n${section}\n\n<!-- results -->`);
  await writeFile(readme, next);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
