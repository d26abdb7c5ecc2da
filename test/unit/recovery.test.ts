import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { type AgedMemory, agedMemories, coldBytesOnDisk, migrate, NOW, STATS } from '../support/tiers.ts';

// A data directory that lost a part is not served silently: start-up names what is missing and
// how to recover; with AKOSHA_RECOVER the lost parts are recreated and the cold catalog is
// rebuilt from the objects alone.

const COLD_SEARCH = graphql(`query RecoveryColdSearch($v: Vector!) {
  search(nearVector: $v, tiers: [COLD], limit: 1) { hits { clientId tier } partial }
}`);

describe('a data directory that lost parts', () => {
  const dir = tempDir();
  const memories = agedMemories(12, 31);
  const cold = memories.filter((m) => m.id.startsWith('age200-'));
  const start = (env: Record<string, string> = {}) => startTestApp(env, dir, { clock: () => NOW });
  const removeWithWal = (file: string) => {
    for (const f of [file, `${file}.wal`]) rmSync(f, { force: true });
  };

  beforeAll(async () => {
    const app = await start();
    await app.gql(INGEST, { input: memories });
    expect(await migrate(app)).toMatchObject({ status: 'DONE' });
    await app.akosha.close();
  });
  afterAll(() => dir.remove());

  it('refuses to start without the metadata database, then rebuilds the cold catalog from the objects', async () => {
    removeWithWal(join(dir.path, 'meta', 'akosha.duckdb'));
    await expect(start()).rejects.toThrow(/lost .*meta\/akosha\.duckdb.*AKOSHA_RECOVER=true/);
    expect(existsSync(join(dir.path, 'meta', 'akosha.duckdb'))).toBe(false);
    const app = await start({ AKOSHA_RECOVER: 'true' });
    try {
      const stats = (await app.gql(STATS)).data.storageStats;
      expect(stats[2]).toMatchObject({ tier: 'COLD', rows: cold.length });
      // Each object's size as its file has it.
      expect(stats[2].bytes).toBe(coldBytesOnDisk(join(dir.path, 'cold')));
      for (const m of cold) {
        const r = await app.gql(COLD_SEARCH, { v: m.embedding });
        expect(r.data.search.hits[0]).toEqual({ clientId: m.id, tier: 'COLD' });
      }
      // Identity of cold memories held too: sending them again adds nothing.
      const again = await app.gql(INGEST, { input: cold });
      expect(again.data.ingestMemories).toMatchObject({ accepted: 0, duplicates: cold.length });
    } finally {
      await app.akosha.close();
    }
  });

  it('refuses to start without a hot shard file, naming it; recovers the rest when told to', async () => {
    const lostFile = join(dir.path, 'hot', 'shard-1.duckdb');
    removeWithWal(lostFile);
    await expect(start()).rejects.toThrow(/lost .*hot\/shard-1\.duckdb/);
    const app = await start({ AKOSHA_RECOVER: 'true' });
    try {
      const stats = (await app.gql(STATS)).data.storageStats as { tier: string; rows: number }[];
      const hotLeft = stats[0]?.rows ?? 0;
      expect(hotLeft).toBeLessThan(memories.filter((m: AgedMemory) => m.id.startsWith('age1-')).length);
      expect(stats[2]).toMatchObject({ tier: 'COLD', rows: cold.length });
    } finally {
      await app.akosha.close();
    }
    // Once recreated, a normal start works again.
    const again = await start();
    await again.akosha.close();
  });
});
