import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { NOW, STATS } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

// Size-based aging: a hot tier over AKOSHA_HOT_MAX_BYTES ages its oldest memories first, though
// none is older than AKOSHA_HOT_TIER_DAYS; it does not start again while hot has not grown.

const HOUR = 3_600_000;
const SEARCH = graphql(`query SizeAgingSearch($v: Vector!) {
  search(nearVector: $v, limit: 100, tiers: [HOT, WARM, COLD]) { hits { clientId tier } }
}`);
const JOBS = graphql(`query SizeAgingJobs { migrationJobs { id status } }`);

describe('size-based aging', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const source = createVectorSource(161);
  const memories = Array.from({ length: 60 }, (_, i) => ({
    id: `size-${i}`,
    systemId: ['a', 'b', 'c'][i % 3] as string,
    kind: 'CONVERSATION' as const,
    content: `memory ${i} `.repeat(20),
    embedding: source.next(),
    // All younger than the 7 hot days; size-0 is the newest.
    timestamp: new Date(NOW.getTime() - (i + 1) * HOUR).toISOString(),
  }));
  const env = { AKOSHA_HOT_SIZE_CHECK_SCHEDULE: 'off' };

  it('moves the oldest memories when hot is over its limit, once', async () => {
    const first = await startTestApp(env, dir, { clock: () => NOW });
    expect((await first.gql(INGEST, { input: memories })).data.ingestMemories.accepted).toBe(60);
    const { hotPath } = first.config.storage;
    await first.akosha.close();
    const hotBytes = [0, 1, 2, 3]
      .flatMap((i) => [`shard-${i}.duckdb`, `shard-${i}.duckdb.wal`])
      .reduce((n, f) => n + (statSync(join(hotPath, f), { throwIfNoEntry: false })?.size ?? 0), 0);
    expect(hotBytes).toBeGreaterThan(0);

    const app = await startTestApp(
      {
        AKOSHA_HOT_MAX_BYTES: String(Math.floor(hotBytes / 2)),
        AKOSHA_HOT_SIZE_CHECK_SCHEDULE: '* * * * * *',
      },
      dir,
      { clock: () => NOW },
    );
    try {
      const jobs = async () => (await app.gql(JOBS)).data.migrationJobs as { id: string; status: string }[];
      const until = Date.now() + 15_000;
      while (Date.now() < until && !(await jobs()).some((j) => j.status === 'DONE'))
        await new Promise((r) => setTimeout(r, 100));
      await app.akosha.stores.migrator.idle();
      const [hot, warm] = (await app.gql(STATS)).data.storageStats as { rows: number }[];
      expect(hot?.rows).toBeGreaterThan(0);
      expect(warm?.rows).toBeGreaterThan(0);
      expect((hot?.rows ?? 0) + (warm?.rows ?? 0)).toBe(60);
      // Oldest first: every warm memory is older than every hot one.
      const hits = (await app.gql(SEARCH, { v: memories[0]?.embedding })).data.search.hits as {
        clientId: string;
        tier: string;
      }[];
      const age = (id: string) => Number(id.slice('size-'.length));
      const hotAges = hits.filter((h) => h.tier === 'HOT').map((h) => age(h.clientId));
      const warmAges = hits.filter((h) => h.tier === 'WARM').map((h) => age(h.clientId));
      expect(hotAges.length + warmAges.length).toBe(60);
      expect(Math.max(...hotAges)).toBeLessThan(Math.min(...warmAges));
      // Checks go on every second; with no new memories, no further job starts.
      await new Promise((r) => setTimeout(r, 2500));
      expect(await jobs()).toHaveLength(1);
    } finally {
      await app.akosha.close();
    }
  });
});
