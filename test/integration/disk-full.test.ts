import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { dataPaths, INGEST, tempDir } from '../support/app.ts';
import { post, type ServerProcess, startServerProcess } from '../support/process.ts';
import { createVectorSource } from '../support/vectors.ts';

// The hot path on a small filesystem made by the test (tmpfs, needs root): writes and index
// saves fail with clear errors, the server stays up, and once space returns it recovers with
// every acknowledged memory present.

const dir = tempDir();
const hot = join(dir.path, 'small');
mkdirSync(hot, { recursive: true });

function mountSmall(): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', hot], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs here (${String(err).split('\n')[0]}); the disk-full test needs root`;
  }
}
const skipReason = mountSmall();
if (skipReason) process.stdout.write(`disk-full test skipped: ${skipReason}\n`);

const COUNT = graphql(`query DiskFullSystems { systems { id memoryCount } }`);
const MEMORY = graphql(
  `query DiskFullMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }`,
);

describe.skipIf(skipReason !== null)('a full disk under the hot path', () => {
  let server: ServerProcess | null = null;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    try {
      execFileSync('umount', [hot]);
    } catch {
      // not mounted
    }
    dir.remove();
  });

  it('fails writes clearly, keeps serving, and recovers once space returns with every acknowledged memory', async () => {
    const env = {
      ...dataPaths(dir.path),
      AKOSHA_HOT_PATH: hot,
      AKOSHA_SHARDS: '2',
      AKOSHA_INDEX_SAVE_SECONDS: '1',
    };
    server = await startServerProcess(env);
    const source = createVectorSource(51);
    const acknowledged: string[] = [];
    let failed: { clientId: string; reason: string }[] = [];
    let failedBatch: unknown[] = [];
    for (let b = 0; b < 100 && failed.length === 0; b++) {
      const input = Array.from({ length: 200 }, (_, i) => ({
        id: `f${b}-${i}`,
        systemId: i % 2 ? 'full-a' : 'full-b',
        kind: 'CONVERSATION',
        content: `memory ${b}-${i} ${'z'.repeat(500)}`,
        embedding: source.next(),
        timestamp: '2026-11-20T10:00:00Z',
      }));
      const r = await post(server.url, INGEST, { input });
      expect(r.status).toBe(200);
      const out = r.body.data?.ingestMemories as
        | { rejected: { clientId: string; reason: string }[] }
        | undefined;
      expect(out).toBeDefined();
      const rejected = new Set(out?.rejected.map((x) => x.clientId));
      for (const m of input) if (!rejected.has(m.id)) acknowledged.push(m.id);
      if (out && out.rejected.length > 0) {
        failed = out.rejected;
        failedBatch = input.filter((m) => rejected.has(m.id));
        expect(r.body.errors?.[0]?.extensions?.code).toBe('STORAGE_UNAVAILABLE');
      }
    }
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.reason).toMatch(/^STORAGE_UNAVAILABLE: not written/);
    // Still serving, quickly.
    const base = server.url.replace(/\/graphql$/, '');
    const started = performance.now();
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
    // The periodic index save fails too: reported, not fatal.
    await new Promise((r) => setTimeout(r, 3000));
    expect(server.child.exitCode).toBeNull();
    const ready = await fetch(`${base}/ready`);
    const problems = ((await ready.json()) as { problems?: string[] }).problems ?? [];
    expect(ready.status).toBe(503);
    expect(problems.some((p) => p.startsWith('index-save: '))).toBe(true);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(
      /^akosha_background_task_up\{task="index-save"\} 0$/m,
    );

    // Space returns.
    execFileSync('mount', ['-o', 'remount,size=256m', hot]);
    const until = Date.now() + 15_000;
    let readyAgain = 0;
    while (Date.now() < until) {
      readyAgain = (await fetch(`${base}/ready`)).status;
      if (readyAgain === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(readyAgain).toBe(200);
    const resent = await post(server.url, INGEST, { input: failedBatch });
    expect(resent.body.errors).toBeUndefined();
    expect(resent.body.data.ingestMemories.rejected).toEqual([]);
    acknowledged.push(...failedBatch.map((m) => (m as { id: string }).id));

    // Every acknowledged memory survives a restart.
    await server.kill('SIGTERM');
    server = await startServerProcess(env);
    const systems = (await post(server.url, COUNT)).body.data.systems as {
      id: string;
      memoryCount: number;
    }[];
    const total = systems.filter((s) => s.id.startsWith('full-')).reduce((n, s) => n + s.memoryCount, 0);
    expect(total).toBe(acknowledged.length);
    for (const id of acknowledged.filter((_, i) => i % 97 === 0)) {
      const s = Number(id.split('-')[1]) % 2 ? 'full-a' : 'full-b';
      expect((await post(server.url, MEMORY, { s, id })).body.data.memory).toEqual({ clientId: id });
    }
  });
});
