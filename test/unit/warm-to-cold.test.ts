import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { GROUP_STEPS } from '../../storage/migration/warm-to-cold.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { coldBytesOnDisk, migrate, NOW, STATS } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

const DAY = 86_400_000;
const SYSTEMS = ['alpha', 'beta', 'gamma', 'delta', 'eps-1'];
const DAYS = 30;
/** The columns of a cold object (what warm → cold always wrote). */
const COLD_COLUMNS = [
  'system_id',
  'id',
  'kind',
  'content',
  'content_hash',
  'ts',
  'uploaded_at',
  'project',
  'tags',
  'metadata',
  'embedding_q',
  'scale',
  'norm',
  'terms',
  'embedding_model',
];
const VERIFY = graphql(`query WarmToColdVerify { verifyStorage { ok problems { part problem } } }`);
const MEMORY = graphql(
  `query WarmToColdMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }`,
);

/** Two memories a day for 30 days (200 to 229 days old) of five systems, and one warm and one hot each. */
function memories() {
  const source = createVectorSource(29);
  const at = (days: number, hours: number) => new Date(NOW.getTime() - days * DAY - hours * 3_600_000);
  return SYSTEMS.flatMap((systemId) => [
    ...Array.from({ length: DAYS * 2 }, (_, i) => ({
      systemId,
      days: 200 + Math.floor(i / 2),
      hours: 1 + (i % 2) * 5,
    })),
    { systemId, days: 30, hours: 0 },
    { systemId, days: 1, hours: 0 },
  ]).map(({ systemId, days, hours }, i) => ({
    id: `m${i}`,
    systemId,
    kind: 'CONVERSATION' as const,
    content: `memory ${i} of ${systemId}, ${days} days old`,
    embedding: source.next(),
    timestamp: at(days, hours).toISOString(),
    metadata: { project: 'p' },
  }));
}

describe('warm → cold in groups of steps', () => {
  const dir = tempDir();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const all = memories();

  beforeAll(async () => {
    app = await startTestApp({}, dir, { clock: () => NOW });
    expect((await app.gql(INGEST, { input: all })).data.ingestMemories.accepted).toBe(all.length);
  });
  afterAll(async () => {
    await app.akosha.close();
    dir.remove();
  });

  it('writes one object per system-day holding exactly its rows, across shards and groups, and deletes them from warm', async () => {
    const job = await migrate(app);
    expect(job).toMatchObject({ status: 'DONE', error: null });
    const steps = await app.akosha.stores.migrator.ledger.steps(job.id, 'warm_to_cold');
    // More steps than a group holds, of more than one shard: several groups, each over shards.
    expect(steps).toHaveLength(SYSTEMS.length * DAYS);
    expect(steps.length).toBeGreaterThan(GROUP_STEPS);
    expect(new Set(steps.map((s) => s.shard)).size).toBeGreaterThan(1);
    for (const s of steps) expect(s).toMatchObject({ phase: 'deleted', rows: 2 });

    const expected = new Map<string, string[]>();
    for (const m of all) {
      const part = `${m.systemId}/${m.timestamp.slice(0, 10)}`;
      expected.set(part, [...(expected.get(part) ?? []), m.id].sort());
    }
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      const glob = `${join(dir.path, 'cold', 'memories')}/**/*.parquet`;
      const columns = await conn.runAndReadAll(
        `DESCRIBE SELECT * FROM read_parquet('${glob}', hive_partitioning = false)`,
      );
      expect(columns.getRowObjectsJS().map((c) => c.column_name)).toEqual(COLD_COLUMNS);
      // Written with zstd and Parquet 2 encodings (the int8 codes delta-packed, not plain).
      const codes = await conn.runAndReadAll(
        `SELECT DISTINCT encodings::VARCHAR AS enc, compression::VARCHAR AS comp
         FROM parquet_metadata('${glob}') WHERE path_in_schema::VARCHAR LIKE 'embedding_q%'`,
      );
      expect(codes.getRowObjectsJS()).toEqual([{ enc: 'DELTA_BINARY_PACKED', comp: 'ZSTD' }]);
      const rows = await conn.runAndReadAll(
        `SELECT filename, system_id, id, strftime(ts, '%Y-%m-%d') AS day
         FROM read_parquet('${glob}', filename = true, hive_partitioning = false)`,
      );
      const byFile = new Map<string, { systemId: string; id: string; day: string }[]>();
      for (const r of rows.getRowObjectsJS()) {
        const file = String(r.filename);
        byFile.set(file, [
          ...(byFile.get(file) ?? []),
          { systemId: String(r.system_id), id: String(r.id), day: String(r.day) },
        ]);
      }
      expect(byFile.size).toBe(steps.length);
      for (const s of steps) {
        const held = byFile.get(join(dir.path, 'cold', ...(s.objectKey ?? '').split('/'))) ?? [];
        expect(held.every((r) => r.systemId === s.systemId && r.day === s.day)).toBe(true);
        expect(held.map((r) => r.id).sort()).toEqual(expected.get(`${s.systemId}/${s.day}`));
      }
    } finally {
      conn.closeSync();
      db.closeSync();
    }

    const stats = (await app.gql(STATS)).data.storageStats;
    expect(stats.map((t: { tier: string; rows: number }) => [t.tier, t.rows])).toEqual([
      ['HOT', SYSTEMS.length],
      ['WARM', SYSTEMS.length],
      ['COLD', SYSTEMS.length * DAYS * 2],
    ]);
    // The catalog's sizes are the objects' own.
    const onDisk = coldBytesOnDisk(join(dir.path, 'cold'));
    expect(onDisk).toBeGreaterThan(0);
    expect(stats.find((t: { tier: string }) => t.tier === 'COLD')?.bytes).toBe(onDisk);
    const cold = all[7] as (typeof all)[number];
    expect((await app.gql(MEMORY, { s: cold.systemId, id: cold.id })).data.memory).toEqual({
      clientId: cold.id,
      content: cold.content,
    });
    // Sent again, a memory that went cold is known (its key was recorded when it left warm).
    const again = await app.gql(INGEST, { input: [cold] });
    expect(again.data.ingestMemories).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await app.gql(VERIFY)).data.verifyStorage).toEqual({ ok: true, problems: [] });
  });
});
