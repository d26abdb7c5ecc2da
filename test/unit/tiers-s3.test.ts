import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3 } from '../../deploy/local/s3.ts';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { type AgedMemory, agedMemories, migrate, NOW, STATS } from '../support/tiers.ts';

const SEARCH = graphql(`query TiersS3Search($v: Vector!, $tiers: [Tier!]) {
  search(nearVector: $v, tiers: $tiers, limit: 5) { hits { clientId tier shard memory { content metadata } } partial failures { tier message } }
}`);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('the cold tier in a real S3-compatible server (s3rver)', () => {
  const dir = tempDir();
  let s3: Awaited<ReturnType<typeof startS3>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const memories = agedMemories(12, 9);
  const byId = new Map(memories.map((m) => [m.id, m]));

  beforeAll(async () => {
    s3 = await startS3(join(dir.path, 's3'));
    app = await startTestApp(s3.env(), dir, { clock: () => NOW });
    await app.gql(INGEST, { input: memories });
  });
  afterAll(async () => {
    await app.akosha.close();
    await s3.stop();
    dir.remove();
  });

  it('ages into the bucket and searches the objects in place', async () => {
    expect(await migrate(app)).toMatchObject({ status: 'DONE' });
    const stats = (await app.gql(STATS)).data.storageStats;
    expect(stats[2]).toMatchObject({
      tier: 'COLD',
      rows: 12,
      shards: [{ shard: expect.stringMatching(/^s3:\/\/akosha-cold/) }],
    });
    const stored = walk(join(dir.path, 's3')).filter((f) => f.includes('part-job-'));
    expect(stored.length).toBeGreaterThan(0);
    expect(existsSync(join(dir.path, 'cold'))).toBe(false);

    const cold = byId.get('age200-6') as AgedMemory;
    const r = await app.gql(SEARCH, { v: cold.embedding, tiers: ['COLD'] });
    expect(r.data.search.hits[0]).toMatchObject({
      clientId: cold.id,
      tier: 'COLD',
      memory: { content: cold.content, metadata: cold.metadata },
    });
  });

  it('returns a partial result with an error naming the cold tier when S3 is down', async () => {
    await s3.stop();
    rmSync(join(dir.path, 'cold-cache'), { recursive: true, force: true });
    try {
      const warm = byId.get('age30-1') as AgedMemory;
      const r = await app.gql(SEARCH, { v: warm.embedding, tiers: ['HOT', 'WARM', 'COLD'] });
      expect(r.status).toBe(200);
      expect(r.data.search.partial).toBe(true);
      expect(r.data.search.hits[0]).toMatchObject({ clientId: warm.id, tier: 'WARM' });
      expect(r.data.search.failures[0]).toMatchObject({ tier: 'COLD' });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'TIER_UNAVAILABLE', tier: 'COLD' });
      expect(r.errors?.[0]?.message).toMatch(/COLD tier/);
    } finally {
      await s3.start();
    }
  });

  it('fails a warm → cold job cleanly while S3 is down, and a later run completes it', async () => {
    const more = agedMemories(6, 77)
      .filter((m) => m.id.startsWith('age200'))
      .map((m) => ({ ...m, id: `late-${m.id}` }));
    expect((await app.gql(INGEST, { input: more })).data.ingestMemories.accepted).toBe(6);
    expect(await migrate(app, { move: 'HOT_TO_WARM' })).toMatchObject({ status: 'DONE', recordsDone: 6 });
    await s3.stop();
    let failed: { status: string; error: string };
    try {
      failed = await migrate(app, { move: 'WARM_TO_COLD' });
    } finally {
      await s3.start();
    }
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBeTruthy();
    const stats = (await app.gql(STATS)).data.storageStats;
    expect(stats[1].rows).toBe(12 + 6);
    expect(await migrate(app, { move: 'WARM_TO_COLD' })).toMatchObject({ status: 'DONE', recordsDone: 6 });
    const after = (await app.gql(STATS)).data.storageStats;
    expect(after.map((t: { rows: number }) => t.rows)).toEqual([12, 12, 18]);
    const late = more[0] as AgedMemory;
    const r = await app.gql(SEARCH, { v: late.embedding, tiers: ['COLD'] });
    expect(r.data.search.hits[0]).toMatchObject({ clientId: late.id, tier: 'COLD' });
  });
});
