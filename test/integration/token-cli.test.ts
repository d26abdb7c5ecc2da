import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { dataPaths, tempDir } from '../support/app.ts';
import { post, startServerProcess } from '../support/process.ts';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

describe('npm run token', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('mints a token the server accepts, for the generated development secret when none is set', async () => {
    const env = { ...process.env, AKOSHA_META_PATH: join(dir.path, 'meta'), AKOSHA_JWT_SECRET: '' };
    const { stdout } = await run(process.execPath, [MAIN, 'token', '--role', 'viewer', '--sub', 'cli-user'], {
      env,
    });
    const token = stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const server = await startServerProcess({
      ...dataPaths(dir.path),
      AKOSHA_JWT_SECRET: '',
    });
    try {
      const ok = await post(
        server.url,
        graphql(`query TokenCliSystems { systems { id } }`),
        {},
        { authorization: `Bearer ${token}` },
      );
      expect(ok.body.errors).toBeUndefined();
      const denied = await post(
        server.url,
        graphql(`mutation TokenCliIngestMemories { ingestMemories(input: []) { accepted } }`),
        {},
        {
          authorization: `Bearer ${token}`,
        },
      );
      expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await server.kill();
    }
    await expect(run(process.execPath, [MAIN, 'token', '--role', 'root'], { env })).rejects.toMatchObject({
      code: 2,
    });
  });
});
