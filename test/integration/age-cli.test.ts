import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPaths, INGEST, tempDir } from '../support/app.ts';
import { post, type ServerProcess, startServerProcess, testToken } from '../support/process.ts';
import { agedMemories, STATS } from '../support/tiers.ts';

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs the age CLI (the seed's CronJob) to its end. */
function runAge(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, AKOSHA_ROLE: 'age', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c;
  });
  child.stderr.on('data', (c: Buffer) => {
    stdout += c;
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    exit,
    output: () => stdout,
    lines: () =>
      stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l)),
  };
}

async function seed(server: ServerProcess, n = 20) {
  const r = await post(server.url, INGEST, { input: agedMemories(n, 31, new Date()) });
  expect(r.body.data.ingestMemories.accepted).toBe(3 * n);
}

describe('the aging CronJob client (AKOSHA_ROLE=age)', () => {
  const root = tempDir();
  afterAll(() => root.remove());

  it('starts a migration, prints JSON lines when not on a TTY, and exits 0 on DONE', async () => {
    const server = await startServerProcess({
      ...dataPaths(join(root.path, 'ok')),
      AKOSHA_MIGRATION_STEP_PAUSE_MS: '50',
    });
    try {
      await seed(server);
      const age = runAge({ AKOSHA_API_URL: server.url, AKOSHA_API_TOKEN: await testToken(['admin']) });
      expect(await age.exit).toBe(0);
      const events = age.lines().filter((l) => l.seq !== undefined);
      expect(events.length).toBeGreaterThan(3);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      // 40 moves hot → warm (30- and 200-day-old) and 20 warm → cold
      expect(events.at(-1)).toMatchObject({ state: 'DONE', recordsDone: 60, recordsTotal: 60 });
      const stats = (await post(server.url, STATS)).body.data.storageStats;
      expect(stats.map((t: { rows: number }) => t.rows)).toEqual([20, 20, 20]);
    } finally {
      await server.kill();
    }
  });

  it('exits non-zero when the job FAILS (S3 unreachable) and when the token may not migrate', async () => {
    const dead = await freePort();
    const server = await startServerProcess({
      ...dataPaths(join(root.path, 'failed')),
      AKOSHA_S3_BUCKET: 'nowhere',
      AKOSHA_S3_ENDPOINT: `http://127.0.0.1:${dead}`,
      AKOSHA_S3_ACCESS_KEY_ID: 'x',
      AKOSHA_S3_SECRET_ACCESS_KEY: 'y',
    });
    try {
      await seed(server);
      const age = runAge({ AKOSHA_API_URL: server.url, AKOSHA_API_TOKEN: await testToken(['admin']) });
      expect(await age.exit).toBe(1);
      expect(age.lines().at(-1)?.note ?? '').toMatch(/FAILED/);
      const viewer = runAge({}, ['age', '--url', server.url, '--token', await testToken(['viewer'])]);
      expect(await viewer.exit).toBe(1);
      expect(viewer.output()).toMatch(/FORBIDDEN|not allowed/);
    } finally {
      await server.kill();
    }
  });

  it('survives a dropped connection: reconnects and resumes after its last event', async () => {
    const port = String(await freePort());
    const env = { ...dataPaths(join(root.path, 'dropped')), AKOSHA_PORT: port };
    let server = await startServerProcess({ ...env, AKOSHA_FAILPOINT: 'warm_to_cold:verified' });
    await seed(server);
    const age = runAge({ AKOSHA_API_URL: server.url, AKOSHA_API_TOKEN: await testToken(['admin']) });
    try {
      const until = Date.now() + 30_000;
      while (!server.logs().includes('failpoint reached') && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
      await server.kill('SIGKILL');
      server = await startServerProcess(env);
      expect(await age.exit).toBe(0);
      const lines = age.lines();
      expect(lines.some((l) => /connection lost/.test(l.note ?? ''))).toBe(true);
      const seqs = lines.filter((l) => l.seq !== undefined).map((l) => l.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(lines.filter((l) => l.seq !== undefined).at(-1)?.state).toBe('DONE');
    } finally {
      await server.kill();
    }
  });
});
