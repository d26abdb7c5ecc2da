import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { type Listening, listen } from '../../server/app.ts';
import { INGEST, startTestApp, TEST_SECRET } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

const source = createVectorSource(5);
const batch = (prefix: string, systemId: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    systemId,
    kind: 'CONVERSATION',
    content: 'x',
    embedding: source.next(),
    timestamp: '2026-11-01T00:00:00Z',
  }));

const SUB = graphql(
  `subscription SubscriptionsIngestEvents($s: [String!]) { ingestEvents(systemIds: $s) { systemId accepted duplicates } }`,
);

type Result = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

/** Subscribes over graphql-ws and collects results until completion or error. */
function subscribe(
  url: string,
  connectionParams: Record<string, unknown>,
  variables: Record<string, unknown>,
) {
  const client = createClient({ url, connectionParams, retryAttempts: 0, lazy: true });
  const results: Result[] = [];
  let error: unknown;
  const done = new Promise<void>((resolve) => {
    client.subscribe(
      { query: SUB.toString(), variables },
      {
        next: (r) => {
          results.push(r as Result);
        },
        error: (e) => {
          error = e;
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return { results, done, error: () => error, dispose: () => client.dispose() };
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('subscriptions over graphql-ws and SSE', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let http: Listening;
  let wsUrl: string;
  beforeAll(async () => {
    app = await startTestApp();
    http = await listen(app.akosha, '127.0.0.1', 0);
    wsUrl = http.url.replace(/^http/, 'ws');
  });
  afterAll(async () => {
    await http.stop();
    await app.akosha.close();
    app.dir.remove();
  });

  it('delivers ingestion events to a viewer over graphql-ws, filtered by system', async () => {
    const viewer = await app.token('viewer');
    const sub = subscribe(wsUrl, { authorization: `Bearer ${viewer}` }, { s: ['ws-a'] });
    await new Promise((r) => setTimeout(r, 150));
    await app.gql(INGEST, { input: [...batch('b', 'ws-b', 2), ...batch('a', 'ws-a', 3)] });
    await app.gql(INGEST, { input: batch('a', 'ws-a', 3) });
    await waitFor(() => sub.results.length >= 2);
    expect(sub.results.map((r) => r.data)).toEqual([
      { ingestEvents: { systemId: 'ws-a', accepted: 3, duplicates: 0 } },
      { ingestEvents: { systemId: 'ws-a', accepted: 0, duplicates: 3 } },
    ]);
    await sub.dispose();
  });

  it('refuses a subscription without a valid token (UNAUTHENTICATED) or without permission (FORBIDDEN)', async () => {
    const anonymous = subscribe(wsUrl, {}, {});
    await anonymous.done;
    const err = anonymous.error() as Result['errors'];
    expect(err?.[0]?.extensions?.code ?? anonymous.results[0]?.errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    await anonymous.dispose();
    const noRoles = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('nobody')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_SECRET));
    const forbidden = subscribe(wsUrl, { authorization: `Bearer ${noRoles}` }, {});
    await forbidden.done;
    const ferr = forbidden.error() as Result['errors'];
    expect(ferr?.[0]?.extensions?.code ?? forbidden.results[0]?.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    await forbidden.dispose();
  });

  it('ends a graphql-ws subscription with UNAUTHENTICATED when its token expires', async () => {
    const shortLived = await new SignJWT({ roles: ['viewer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('short')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(new TextEncoder().encode(TEST_SECRET));
    const sub = subscribe(wsUrl, { authorization: `Bearer ${shortLived}` }, { s: ['ws-exp'] });
    await new Promise((r) => setTimeout(r, 150));
    await app.gql(INGEST, { input: batch('e', 'ws-exp', 1) });
    await waitFor(() => sub.results.length >= 1);
    await sub.done;
    expect(sub.results[0]?.data).toEqual({
      ingestEvents: { systemId: 'ws-exp', accepted: 1, duplicates: 0 },
    });
    const last = sub.results.at(-1);
    expect(last?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(last?.errors?.[0]?.message).toMatch(/expired/);
    await sub.dispose();
  });

  it('streams the same subscription over SSE with the Authorization header', async () => {
    const controller = new AbortController();
    const res = await fetch(http.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${await app.token('viewer')}`,
      },
      body: JSON.stringify({ query: SUB, variables: { s: ['sse'] } }),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    await new Promise((r) => setTimeout(r, 150));
    await app.gql(INGEST, { input: batch('s', 'sse', 4) });
    while (!text.includes('"accepted":4')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toMatch(
      /event: next\s*\ndata: \{"data":\{"ingestEvents":\{"systemId":"sse","accepted":4,"duplicates":0\}\}\}/,
    );
  });
});
