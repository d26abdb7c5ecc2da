import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { dataPaths, tempDir } from '../support/app.ts';
import { post, startServerProcess, testToken } from '../support/process.ts';

const UPLOAD = graphql(`mutation ShutdownUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }
}`);
const SYSTEMS = graphql(`query ShutdownSystems { systems { id memoryCount } }`);

function jsonLines(n: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const embedding = Array.from({ length: 8 }, (_, j) => Math.cos(i + j + 1));
    lines.push(
      JSON.stringify({ id: `s${i}`, content: `row ${i}`, embedding, timestamp: '2026-11-20T10:00:00Z' }),
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('SIGTERM during an upload', () => {
  it('stops the upload, cleans its scratch folder and exits 0 promptly, keeping what was acknowledged', async () => {
    const dir = tempDir();
    const scratch = join(dir.path, 'tmp');
    mkdirSync(scratch, { recursive: true });
    const env = {
      ...dataPaths(dir.path),
      TMPDIR: scratch,
      AKOSHA_EMBEDDING_DIMENSION: '8',
      AKOSHA_MAX_UPLOAD_ROWS: '1000000',
    };
    let server = await startServerProcess(env);
    try {
      const token = await testToken();
      const form = new FormData();
      form.append(
        'operations',
        JSON.stringify({ query: UPLOAD, variables: { systemId: 'term', file: null } }),
      );
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', new Blob([new Uint8Array(jsonLines(300_000))]), 'upload.jsonl');
      const pending = fetch(server.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-graphql-yoga-csrf': '1' },
        body: form,
      }).then(
        (r) => r.status,
        () => 0,
      );
      const stored = async (url = server.url) =>
        ((await post(url, SYSTEMS)).body.data.systems as { id: string; memoryCount: number }[]).find(
          (s) => s.id === 'term',
        )?.memoryCount ?? 0;
      const until = Date.now() + 20_000;
      while ((await stored()) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      const before = await stored();
      expect(before).toBeGreaterThan(0);
      const started = Date.now();
      await server.kill('SIGTERM');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(server.child.exitCode).toBe(0);
      expect([0, 503]).toContain(await pending);
      expect(readdirSync(scratch).filter((f) => f.startsWith('akosha-upload-'))).toEqual([]);
      expect(server.logs()).not.toContain('unexpected error');
      // Every memory counted before the signal is there after a restart.
      server = await startServerProcess(env);
      const after = await stored();
      expect(after).toBeGreaterThanOrEqual(before);
      expect(after).toBeLessThan(300_000);
    } finally {
      await server.kill('SIGKILL');
      dir.remove();
    }
  });
});
