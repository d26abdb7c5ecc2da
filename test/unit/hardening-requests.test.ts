import { Agent, request } from 'node:http';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { type Listening, listen } from '../../server/app.ts';
import { boundedParserCache } from '../../server/use-request-limits.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// Requests that tried to game the limits, exhaust memory, or see what they should not.

type App = Awaited<ReturnType<typeof startTestApp>>;
const source = createVectorSource(21);

async function healthyWithinASecond(app: App) {
  const started = performance.now();
  expect((await app.akosha.yoga.fetch('http://akosha.test/health')).status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1000);
}

describe('cost and list limits that cannot be gamed', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_MAX_COST: '300' });
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('a negative limit no longer makes an over-cost operation cheap', async () => {
    const expensive = 'big: search(nearText: "a", limit: 100) { hits { memory { content metadata } } }';
    const direct = await app.gql(`{ ${expensive} neg: migrationJobs(limit: -1000000) { id } }`);
    expect(direct.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const viaVariable = await app.gql(`query($l: Int) { ${expensive} neg: uploads(limit: $l) { key } }`, {
      l: -5_000_000,
    });
    expect(viaVariable.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    await healthyWithinASecond(app);
  });

  it('refuses a limit below 1 on every list field with BAD_USER_INPUT', async () => {
    for (const q of [
      '{ migrationJobs(limit: -5) { id } }',
      '{ uploads(limit: 0) { key } }',
      '{ auditLog(limit: -1) { at } }',
      '{ entities(systemId: "s", limit: -3) { id } }',
      '{ search(nearText: "a", limit: -1) { tookMs } }',
    ]) {
      const r = await app.gql(q);
      expect(r.errors?.[0]?.extensions?.code, q).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message, q).toBe('limit must be a positive integer');
    }
  });
});

describe('responses and operations of bounded size', () => {
  let app: App;
  const BIG = 200_000;
  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_MAX_RESPONSE_BYTES: String(4 * 1024 * 1024), AKOSHA_SHARDS: '2' });
    for (let b = 0; b < 4; b++) {
      const input = Array.from({ length: 50 }, (_, i) => ({
        id: `big-${b}-${i}`,
        systemId: 'bulky',
        kind: 'CONVERSATION',
        content: `${b}-${i} ${'x'.repeat(BIG)}`,
        embedding: source.next(),
        timestamp: '2026-11-20T10:00:00Z',
      }));
      expect((await app.gql(INGEST, { input })).data.ingestMemories.accepted).toBe(50);
    }
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('stops a request that would return more than AKOSHA_MAX_RESPONSE_BYTES with RESPONSE_TOO_LARGE, memory bounded', async () => {
    const aliases = Array.from(
      { length: 4 },
      (_, i) => `a${i}: search(nearVector: $v${i}, limit: 50) { hits { clientId memory { content } } }`,
    ).join(' ');
    const query = `query(${[0, 1, 2, 3].map((i) => `$v${i}: Vector!`).join(', ')}) { ${aliases} }`;
    const rssBefore = process.memoryUsage().rss;
    const runs = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const variables = Object.fromEntries([0, 1, 2, 3].map((i) => [`v${i}`, source.next()]));
        const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${await app.token('viewer')}`,
          },
          body: JSON.stringify({ query, variables }),
        });
        const text = await res.text();
        return {
          bytes: text.length,
          body: JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] },
        };
      }),
    );
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    for (const r of runs) {
      expect(r.body.errors?.some((e) => e.extensions?.code === 'RESPONSE_TOO_LARGE')).toBe(true);
      // 200 distinct hits of 200 kB each would be 40 MB; the budget stops at 4 MB.
      expect(r.bytes).toBeLessThan(5 * 1024 * 1024);
    }
    // Unbounded, six such requests held ~240 MB of strings at once (several times that in JSON).
    expect(rssGrowth).toBeLessThan(200 * 1024 * 1024);
    await healthyWithinASecond(app);
    // A request within the budget is untouched.
    const small = await app.gql(
      graphql(
        `query HardeningSmall($v: Vector!) { search(nearVector: $v, limit: 5) { hits { memory { content } } } }`,
      ),
      { v: source.next() },
    );
    expect(small.errors).toBeUndefined();
    expect(small.data.search.hits).toHaveLength(5);
    expect(small.data.search.hits[0].memory.content.length).toBeGreaterThan(BIG);
  });

  it('refuses an operation text longer than AKOSHA_MAX_QUERY_BYTES before parsing it, even anonymously', async () => {
    for (const size of [5_000_000, 70_000]) {
      const query = `{ health { status } } # ${'c'.repeat(size)}`;
      const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(res.status).toBe(413);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('QUERY_TOO_LARGE');
    }
    await healthyWithinASecond(app);
  });

  it('keeps only short operation texts in the parse cache, at most 1000 of them', () => {
    const cache = boundedParserCache();
    const documents = cache.errorCache;
    documents.set(`{ health { status } } # ${'c'.repeat(60_000)}`, 'parsed');
    expect(documents.get(`{ health { status } } # ${'c'.repeat(60_000)}`)).toBeUndefined();
    for (let i = 0; i < 1001; i++) documents.set(`{ a${i} }`, i);
    expect(documents.get('{ a0 }')).toBeUndefined();
    expect(documents.get('{ a1000 }')).toBe(1000);
    expect(documents.get('{ a1 }')).toBe(1);
  });
});

describe('what anonymous callers can reach', () => {
  let app: App;
  let http: Listening;
  const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
  beforeAll(async () => {
    app = await startTestApp({
      AKOSHA_INTROSPECTION_ENABLED: 'false',
      AKOSHA_METRICS_TOKEN: METRICS_TOKEN,
      AKOSHA_GRAPHIQL_ENABLED: 'false',
    });
    http = await listen(app.akosha, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await http.stop();
    await app.akosha.close();
    app.dir.remove();
  });

  const wsUrl = () => http.url.replace(/^http/, 'ws');
  const collect = (connectionParams: Record<string, unknown>, query: string) => {
    const client = createClient({ url: wsUrl(), connectionParams, retryAttempts: 0, lazy: true });
    const results: { data?: unknown; errors?: { message: string }[] }[] = [];
    let failure: unknown = null;
    const done = new Promise<void>((resolve) =>
      client.subscribe(
        { query },
        {
          next: (r) => void results.push(r as (typeof results)[number]),
          error: (e) => {
            failure = e;
            resolve();
          },
          complete: resolve,
        },
      ),
    );
    return { client, results, done, failure: () => failure };
  };

  it('keeps an idle connection open past the 5 s Node default, and says for how long', async () => {
    // A request sent on a connection the server is closing fails with "other side closed" (the
    // bench lost a run to it); the server holds idle connections 65 s and announces it.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status?: number; keepAlive?: string; reused: boolean }>((resolve, reject) => {
        const req = request(http.url.replace('/graphql', '/health'), { agent }, (res) => {
          res.resume();
          res.on('end', () =>
            resolve({
              status: res.statusCode,
              keepAlive: String(res.headers['keep-alive']),
              reused: req.reusedSocket,
            }),
          );
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get()).toEqual({ status: 200, keepAlive: 'timeout=65', reused: false });
      await new Promise((r) => setTimeout(r, 6000));
      expect(await get()).toEqual({ status: 200, keepAlive: 'timeout=65', reused: true });
    } finally {
      agent.destroy();
    }
  }, 20_000);

  it('with introspection off, no transport answers __schema or __type', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Memory") { fields { name } } }',
    ]) {
      const overWs = collect({}, query);
      await overWs.done;
      const errors = (overWs.failure() as { message: string }[] | null) ?? overWs.results[0]?.errors ?? [];
      expect(JSON.stringify(errors)).toMatch(/introspection/i);
      expect(overWs.results.some((r) => r.data)).toBe(false);
      await overWs.client.dispose();
      const overHttp = await app.gql(query, {}, null);
      expect(overHttp.data ?? null).toBeNull();
      expect(JSON.stringify(overHttp.errors)).toMatch(/introspection/i);
    }
  });

  it('a syntax error in one graphql-ws subscribe ends only that subscription, not the socket', async () => {
    const token = await app.token('viewer');
    const client = createClient({
      url: wsUrl(),
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const events: unknown[] = [];
    const live = new Promise<void>((resolve, reject) =>
      client.subscribe(
        { query: '{ health { status } }' },
        { next: (r) => void events.push(r), error: reject, complete: resolve },
      ),
    );
    await live;
    let syntaxError: unknown = null;
    await new Promise<void>((resolve) =>
      client.subscribe(
        { query: 'subscription { ingestEvents {' },
        {
          next: () => {},
          error: (e) => {
            syntaxError = e;
            resolve();
          },
          complete: resolve,
        },
      ),
    );
    expect(JSON.stringify(syntaxError)).toMatch(/Syntax Error/);
    // The same socket still serves.
    const again = await new Promise<unknown>((resolve, reject) => {
      let got: unknown;
      client.subscribe(
        { query: '{ health { status } }' },
        {
          next: (r) => {
            got = r;
          },
          error: reject,
          complete: () => resolve(got),
        },
      );
    });
    expect(again).toMatchObject({ data: { health: { status: 'ok' } } });
    expect(events).toHaveLength(1);
    await client.dispose();
  });

  it('serves no GraphiQL page when AKOSHA_GRAPHIQL_ENABLED is false', async () => {
    const page = await fetch(http.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<title>Akosha</title>');
    expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
  });

  it('serves /metrics only with AKOSHA_METRICS_TOKEN when it is set', async () => {
    const metrics = http.url.replace(/\/graphql$/, '/metrics');
    expect((await fetch(metrics)).status).toBe(401);
    expect(
      (await fetch(metrics, { headers: { authorization: 'Bearer wrong-token-0123456789abc' } })).status,
    ).toBe(401);
    const ok = await fetch(metrics, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('akosha_shard_up');
  });
});
