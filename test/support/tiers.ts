import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import type { startTestApp } from './app.ts';
import { createVectorSource } from './vectors.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

export const NOW = new Date('2026-11-27T12:00:00Z');
const DAY = 86_400_000;

export type AgedMemory = {
  id: string;
  systemId: string;
  kind: 'CONVERSATION' | 'REFLECTION';
  content: string;
  embedding: number[];
  timestamp: string;
  metadata: Record<string, unknown>;
};

/** Memories of three ages (1, 30 and 200 days before NOW) over a few systems. */
export function agedMemories(perAge: number, seed = 3, now = NOW): AgedMemory[] {
  const source = createVectorSource(seed);
  const ages = [1, 30, 200];
  return ages.flatMap((age) =>
    Array.from({ length: perAge }, (_, i) => ({
      id: `age${age}-${i}`,
      systemId: ['laptop', 'desktop', 'server-01'][i % 3] ?? 'laptop',
      kind: i % 2 ? ('REFLECTION' as const) : ('CONVERSATION' as const),
      content: `memory ${i} from ${age} days ago`,
      embedding: source.next(),
      timestamp: new Date(now.getTime() - age * DAY - (i % 5) * 3_600_000).toISOString(),
      metadata: { project: `p${i % 2}`, tags: [`age-${age}`], importance: i % 10, nested: { ok: true } },
    })),
  );
}

export const START = graphql(
  `mutation Start($input: StartMigrationInput) { startMigration(input: $input) { id status } }`,
);
export const JOB = graphql(
  `query Job($id: ID!) { migrationJob(id: $id) { id status recordsDone recordsTotal error } }`,
);
export const STATS = graphql(
  `query TiersStorageStats { storageStats { tier rows bytes shards { shard rows } } }`,
);

/** Starts a migration through GraphQL and waits for it to end. */
export async function migrate(app: App, input: Record<string, unknown> = {}) {
  const started = await app.gql(START, { input });
  expect(started.errors).toBeUndefined();
  const id = started.data.startMigration.id as string;
  await app.akosha.stores.migrator.idle();
  return (await app.gql(JOB, { id })).data.migrationJob;
}

/** The bytes of every file under the cold objects' folder: what the catalog must say cold holds. */
export function coldBytesOnDisk(coldPath: string): number {
  return readdirSync(join(coldPath, 'memories'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
}
