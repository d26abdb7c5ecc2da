import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../storage/shard-hash.ts';
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

  it('/health and /ready answer', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await get('/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
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
    await app.gql('query($v: Vector!) { search(nearVector: $v) { tookMs } }', { v: source.next() });
    const text = await (await get('/metrics')).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(text).toMatch(/^akosha_ingestion_requests_total\{outcome="ok"\} 1$/m);
    expect(text).toMatch(/^akosha_ingestion_records_total\{outcome="accepted"\} 20$/m);
    expect(value('akosha_ingestion_duration_seconds_count')).toBe(1);
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
    const r = await app.gql('{ health { status shards version } }');
    expect(r.data.health).toMatchObject({ status: 'ok', shards: 4 });
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
