import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../monitoring/logger.ts';
import { type Akosha, createAkosha } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

export function tempDir(prefix = 'akosha-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function startTestApp(env: Record<string, string> = {}, dir = tempDir()) {
  const config = loadConfig({ AKOSHA_HOT_PATH: join(dir.path, 'hot'), AKOSHA_SHARDS: '4', ...env });
  const akosha = await createAkosha(config, silentLogger);
  return {
    akosha,
    dir,
    config,
    gql: (query: string, variables?: Record<string, unknown>) => gql(akosha, query, variables),
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
): Promise<GqlResponse> {
  const res = await akosha.yoga.fetch('http://akosha.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
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
