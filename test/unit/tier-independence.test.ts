import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3 } from '../../deploy/local/s3.ts';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { type AgedMemory, agedMemories, migrate, NOW } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

// One unreachable tier never blocks the others: with the cold store gone, ingest (fresh and
// 200-day-old memories) and hot/warm search still work, identity is still the key, and cold
// reads say TIER_UNAVAILABLE.

const SEARCH = graphql(`query IndependenceSearch($v: Vector!, $tiers: [Tier!]) {
  search(nearVector: $v, tiers: $tiers, limit: 3) { hits { clientId tier } partial failures { tier } }
}`);
const MEMORY = graphql(
  `query IndependenceMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }`,
);

const DAY = 86_400_000;
const source = createVectorSource(61);
const fresh = (id: string, daysAgo: number): AgedMemory => ({
  id,
  systemId: 'laptop',
  kind: 'CONVERSATION',
  content: `new ${id}`,
  embedding: source.next(),
  timestamp: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
  metadata: {},
});

type App = Awaited<ReturnType<typeof startTestApp>>;

async function coldGone(app: App, memories: AgedMemory[]) {
  const cold = memories.filter((m) => m.id.startsWith('age200-'));
  const warm = memories.find((m) => m.id.startsWith('age30-')) as AgedMemory;
  const moved = cold[0] as AgedMemory;
  // Ingest: fresh, 200 days old, and a cold memory sent again with its timestamp moved a day.
  const r = await app.gql(INGEST, {
    input: [
      fresh('new-1', 0),
      fresh('new-old-1', 200),
      { ...moved, timestamp: new Date(Date.parse(moved.timestamp) + DAY).toISOString() },
      { ...moved, timestamp: new Date(Date.parse(moved.timestamp) - 3_600_000).toISOString(), id: moved.id },
    ],
  });
  expect(r.errors).toBeUndefined();
  expect(r.data.ingestMemories).toEqual({ accepted: 2, duplicates: 2, rejected: [] });
  // Hot and warm answer; cold is partial with a coded error.
  const hotWarm = await app.gql(SEARCH, { v: warm.embedding });
  expect(hotWarm.errors).toBeUndefined();
  expect(hotWarm.data.search.hits[0]).toEqual({ clientId: warm.id, tier: 'WARM' });
  const coldSearch = await app.gql(SEARCH, { v: moved.embedding, tiers: ['COLD'] });
  expect(coldSearch.data.search.partial).toBe(true);
  expect(coldSearch.errors?.[0]?.extensions?.code).toBe('TIER_UNAVAILABLE');
  // memory(): unknown ids are null without touching cold; a cold one says which tier failed.
  const unknown = await app.gql(MEMORY, { s: 'laptop', id: 'never-stored' });
  expect(unknown.errors).toBeUndefined();
  expect(unknown.data.memory).toBeNull();
  const coldOne = await app.gql(MEMORY, { s: moved.systemId, id: moved.id });
  expect(coldOne.errors?.[0]?.extensions?.code).toBe('TIER_UNAVAILABLE');
  return moved;
}

describe('the cold store unreachable', () => {
  it('as a local folder that was removed', async () => {
    const dir = tempDir();
    const app = await startTestApp({}, dir, { clock: () => NOW });
    try {
      const memories = agedMemories(9, 21);
      await app.gql(INGEST, { input: memories });
      expect(await migrate(app)).toMatchObject({ status: 'DONE' });
      const coldPath = join(dir.path, 'cold');
      renameSync(coldPath, `${coldPath}-away`);
      const moved = await coldGone(app, memories);
      renameSync(`${coldPath}-away`, coldPath);
      // Back: the cold memory reads, and sending it again is still a duplicate.
      expect((await app.gql(MEMORY, { s: moved.systemId, id: moved.id })).data.memory.clientId).toBe(
        moved.id,
      );
      const again = await app.gql(INGEST, { input: [moved] });
      expect(again.data.ingestMemories).toMatchObject({ accepted: 0, duplicates: 1 });
    } finally {
      await app.akosha.close();
      dir.remove();
    }
  });

  describe('as an S3 server that stopped', () => {
    const dir = tempDir();
    let s3: Awaited<ReturnType<typeof startS3>>;
    let app: App;
    beforeAll(async () => {
      s3 = await startS3(join(dir.path, 's3'));
      app = await startTestApp({ ...s3.env(), AKOSHA_COLD_CACHE_BYTES: '1000000' }, dir, {
        clock: () => NOW,
      });
    });
    afterAll(async () => {
      await app.akosha.close();
      await s3.stop();
      dir.remove();
    });

    it('ingest and hot/warm search go on; cold reads are partial', async () => {
      const memories = agedMemories(9, 22);
      await app.gql(INGEST, { input: memories });
      expect(await migrate(app)).toMatchObject({ status: 'DONE' });
      await s3.stop();
      // Nothing left in the local cache of downloaded objects either.
      rmSync(join(dir.path, 'cold-cache'), { recursive: true, force: true });
      const moved = await coldGone(app, memories);
      await s3.start();
      const again = await app.gql(INGEST, { input: [moved] });
      expect(again.data.ingestMemories).toMatchObject({ accepted: 0, duplicates: 1 });
    });
  });
});
