import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../deploy/local/redis.ts';

/**
 * Debian's prometheus on a free 127.0.0.1 port, scraping `targets` (host:port) every second,
 * with its data in a temporary folder; `query` runs an instant PromQL query.
 */
export async function startPrometheus(targets: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'akosha-prometheus-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: { scrape_interval: 1s, evaluation_interval: 1s }\n` +
      `scrape_configs:\n  - job_name: akosha\n    static_configs:\n      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]\n`,
  );
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${base}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || Date.now() > until)
      throw new Error(`prometheus did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    async query(expr: string): Promise<{ status: string; error?: string; data?: { result: unknown[] } }> {
      const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}`);
      return (await res.json()) as { status: string; error?: string; data?: { result: unknown[] } };
    },
    logs: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
