import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { dataPaths, INGEST, tempDir } from '../support/app.ts';
import { post, type ServerProcess, startServerProcess } from '../support/process.ts';
import { createVectorSource } from '../support/vectors.ts';

describe('the server process', () => {
  const dir = tempDir();
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.kill('SIGKILL');
    server = undefined;
  });
  afterAll(() => dir.remove());

  it('keeps every acknowledged record when killed with SIGKILL right after the acknowledgement', async () => {
    const env = { ...dataPaths(dir.path), AKOSHA_SHARDS: '4' };
    server = await startServerProcess(env);
    const source = createVectorSource(11);
    const acknowledged: { systemId: string; id: string }[] = [];
    for (let b = 0; b < 5; b++) {
      const input = Array.from({ length: 500 }, (_, i) => ({
        id: `b${b}-${i}`,
        systemId: `sys-${i % 9}`,
        kind: 'CONVERSATION',
        content: `batch ${b} item ${i}`,
        embedding: source.next(),
        timestamp: '2026-11-20T12:00:00Z',
        metadata: { project: 'crash' },
      }));
      const r = await post(server.url, INGEST, { input });
      expect(r.body.data.ingestMemories.accepted).toBe(500);
      acknowledged.push(...input.map(({ systemId, id }) => ({ systemId, id })));
    }
    await server.kill('SIGKILL');

    server = await startServerProcess(env);
    const systems = await post(server.url, graphql(`query CrashSystems { systems { id memoryCount } }`));
    const total = systems.body.data.systems.reduce(
      (n: number, s: { memoryCount: number }) => n + s.memoryCount,
      0,
    );
    expect(total).toBe(acknowledged.length);
    const last = acknowledged.at(-1);
    const m = await post(
      server.url,
      graphql(
        `query CrashMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }`,
      ),
      {
        s: last?.systemId,
        id: last?.id,
      },
    );
    expect(m.body.data.memory).toEqual({ clientId: 'b4-499', content: 'batch 4 item 499' });
    const again = await post(server.url, INGEST, {
      input: [
        {
          id: 'b4-499',
          systemId: last?.systemId,
          kind: 'CONVERSATION',
          content: 'x',
          embedding: source.next(),
          timestamp: '2026-11-20T12:00:00Z',
        },
      ],
    });
    expect(again.body.data.ingestMemories).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
  });

  it('answers over real HTTP on 127.0.0.1 with /health, /ready and /metrics', async () => {
    server = await startServerProcess(dataPaths(join(dir.path, 'second')));
    const base = server.url.replace(/\/graphql$/, '');
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('akosha_hot_store_size_bytes');
  });

  it('refuses to start on a bad or unknown setting, naming the variable', async () => {
    const main = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, AKOSHA_SHARDS: 'many', AKOSHA_PORT: '-1', AKOSHA_HOT_TIER_DAY: '3' },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('AKOSHA_SHARDS');
    expect(stderr).toContain('AKOSHA_PORT');
    expect(stderr).toContain('AKOSHA_HOT_TIER_DAY: unknown setting (did you mean AKOSHA_HOT_TIER_DAYS?)');
  });
});
