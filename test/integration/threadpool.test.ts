import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPaths, tempDir } from '../support/app.ts';
import { post, startServerProcess } from '../support/process.ts';
import { STATS } from '../support/tiers.ts';

/**
 * Threads named libuv-worker in a running server: libuv's pool, plus DuckDB's own worker threads,
 * which are started from a pool thread and keep its name.
 */
async function libuvWorkers(env: Record<string, string>): Promise<number> {
  const server = await startServerProcess(env);
  try {
    // A request that reads every shard: the pool has started.
    expect((await post(server.url, STATS)).body.data.storageStats).toHaveLength(3);
    const pid = server.child.pid;
    if (pid === undefined) throw new Error('no pid');
    return readdirSync(`/proc/${pid}/task`).filter(
      (t) => readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim() === 'libuv-worker',
    ).length;
  } finally {
    await server.kill('SIGKILL');
  }
}

describe("libuv's thread pool, which runs every DuckDB statement", () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('has 16 threads unless UV_THREADPOOL_SIZE says otherwise', async () => {
    const byDefault = await libuvWorkers(dataPaths(`${dir.path}/default`));
    const six = await libuvWorkers({ ...dataPaths(`${dir.path}/six`), UV_THREADPOOL_SIZE: '6' });
    expect(byDefault).toBeGreaterThanOrEqual(16);
    expect(byDefault - six).toBe(10);
  });
});
