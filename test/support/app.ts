import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../monitoring/logger.ts';
import type { Role } from '../../resolvers/principal.ts';
import { type Akosha, createAkosha } from '../../server/app.ts';
import { mintDevelopmentToken } from '../../server/auth.ts';
import { loadConfig } from '../../server/config.ts';

export function tempDir(prefix = 'akosha-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every data folder of an Akosha process, under one test folder. */
export function dataPaths(root: string): Record<string, string> {
  return {
    AKOSHA_HOT_PATH: join(root, 'hot'),
    AKOSHA_WARM_PATH: join(root, 'warm'),
    AKOSHA_COLD_PATH: join(root, 'cold'),
    AKOSHA_COLD_CACHE_PATH: join(root, 'cold-cache'),
    AKOSHA_META_PATH: join(root, 'meta'),
  };
}

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

/** An app on real DuckDB files in a temp folder; `gql` calls it as an admin unless told otherwise. */
export async function startTestApp(
  env: Record<string, string> = {},
  dir = tempDir(),
  opts: { clock?: () => Date } = {},
) {
  const config = loadConfig({
    ...dataPaths(dir.path),
    AKOSHA_SHARDS: '4',
    AKOSHA_JWT_SECRET: TEST_SECRET,
    ...env,
  });
  const akosha = await createAkosha(config, createLogger('error'), opts);
  const token = (role: Role, sub = `test-${role}`) =>
    mintDevelopmentToken(config, { sub, roles: [role], ttlSeconds: 600 });
  const admin = await token('admin');
  return {
    akosha,
    dir,
    config,
    token,
    gql: (query: string, variables?: Record<string, unknown>, bearer: string | null = admin) =>
      gql(akosha, query, variables, bearer),
  };
}

export type GqlResponse = {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected field by field
  data: any;
  errors: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] | undefined;
};

export async function gql(
  akosha: Akosha,
  query: string,
  variables?: Record<string, unknown>,
  bearer: string | null = null,
): Promise<GqlResponse> {
  const res = await akosha.yoga.fetch('http://akosha.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: GqlResponse['errors'] };
  return { status: res.status, data: body.data, errors: body.errors };
}

export const INGEST = `mutation Ingest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) { accepted duplicates rejected { index id systemId reason } }
}`;

export type TestMemory = {
  id: string;
  systemId: string;
  kind: 'CONVERSATION' | 'REFLECTION';
  content: string;
  embedding: number[] | string;
  timestamp: string;
  metadata?: Record<string, unknown>;
};
