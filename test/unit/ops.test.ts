import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { listen } from '../../server/app.ts';
import { shardOf } from '../../storage/shards/shard-hash.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

describe('operations endpoints', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const get = (path: string, accept = '*/*') =>
    app.akosha.yoga.fetch(`http://akosha.test${path}`, { headers: { accept } });

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('/health answers; /ready is 503 until the server listens, 200 while it does, 503 again after', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const before = await get('/ready');
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ ready: false, problems: ['not listening yet'] });
    const http = await listen(app.akosha, '127.0.0.1', 0);
    try {
      const ready = await fetch(http.url.replace(/graphql$/, 'ready'));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true });
    } finally {
      await http.stop();
    }
    expect((await get('/ready')).status).toBe(503);
  });

  it('/metrics exports the seed’s names with real values', async () => {
    const source = createVectorSource(3);
    const input = Array.from({ length: 20 }, (_, i) => ({
      id: `m${i}`,
      systemId: 'metrics-sys',
      kind: 'REFLECTION',
      content: 'x',
      embedding: source.next(),
      timestamp: '2026-11-01T00:00:00Z',
    }));
    await app.gql(INGEST, { input });
    await app.gql(graphql(`query OpsSearch($v: Vector!) { search(nearVector: $v) { tookMs } }`), {
      v: source.next(),
    });
    const text = await (await get('/metrics')).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(text).toMatch(/^akosha_ingestion_requests_total\{outcome="ok",path="mutation"\} 1$/m);
    expect(text).toMatch(/^akosha_ingestion_records_total\{outcome="accepted"\} 20$/m);
    expect(text).toMatch(/^akosha_ingestion_duration_seconds_count\{path="mutation"\} 1$/m);
    expect(text).toMatch(/^akosha_query_requests_total\{outcome="ok"\} 1$/m);
    expect(value('akosha_query_duration_seconds_count')).toBe(1);
    expect(value('akosha_hot_store_size_bytes')).toBeGreaterThan(0);
    expect(value('akosha_hot_store_memories')).toBe(20);
    expect(text).toMatch(/^akosha_shard_scans_total\{shard="hot-\d"\} 1$/m);
    expect(text).toMatch(/^akosha_shard_scans_total\{shard="warm-\d"\} 1$/m);
  });

  it('serves GraphiQL without any CDN', async () => {
    const page = await get('/graphql', 'text/html');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Akosha</title>');
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdn\./);
  });

  it('health is a public GraphQL field', async () => {
    const r = await app.gql(graphql(`query OpsHealth { health { status shards version } }`));
    expect(r.data.health).toMatchObject({ status: 'ok', shards: 4 });
  });
});

describe('readiness when a store is lost', () => {
  it('turns /ready to 503 naming the lost shard and the metadata database, and akosha_shard_up to 0 for them only', async () => {
    const app = await startTestApp();
    const http = await listen(app.akosha, '127.0.0.1', 0);
    const url = (path: string) => http.url.replace(/\/graphql$/, path);
    const shardUp = async (shard: string) => {
      const text = await (await fetch(url('/metrics'))).text();
      return Number(new RegExp(`^akosha_shard_up\\{shard="${shard}"\\} (\\S+)$`, 'm').exec(text)?.[1]);
    };
    try {
      expect((await fetch(url('/ready'))).status).toBe(200);
      expect(await shardUp('hot-1')).toBe(1);
      rmSync(join(app.dir.path, 'hot', 'shard-1.duckdb'));
      const lost = await fetch(url('/ready'));
      expect(lost.status).toBe(503);
      const body = (await lost.json()) as { ready: boolean; problems: string[] };
      expect(body.ready).toBe(false);
      expect(body.problems).toHaveLength(1);
      expect(body.problems[0]).toMatch(/^hot-1: /);
      expect(await shardUp('hot-1')).toBe(0);
      expect(await shardUp('hot-0')).toBe(1);
      expect(await shardUp('warm-1')).toBe(1);
      expect(await shardUp('meta')).toBe(1);

      rmSync(join(app.dir.path, 'meta', 'akosha.duckdb'));
      const problems = ((await (await fetch(url('/ready'))).json()) as { problems: string[] }).problems;
      expect(problems.map((p) => p.split(':')[0])).toEqual(['hot-1', 'meta']);
      expect(await shardUp('meta')).toBe(0);
    } finally {
      await http.stop();
      await app.akosha.close();
      app.dir.remove();
    }
  });
});

describe('shard choice', () => {
  it('is stable and spreads systems over shards', () => {
    expect(shardOf('alpha', 8)).toBe(shardOf('alpha', 8));
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 800; i++) counts[shardOf(`system-${i}`, 8)]++;
    expect(Math.min(...counts)).toBeGreaterThan(60);
    expect(Math.max(...counts)).toBeLessThan(140);
  });
});
