import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AkoshaClientError, createAkoshaClient } from '../../client/index.ts';
import type { Listening } from '../../server/app.ts';
import { startHttpApp } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// client/: the typed functions a user imports, against a real server over HTTP and graphql-ws.

describe('the typed client (client/index.ts)', () => {
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  let http: Listening;
  const source = createVectorSource(61);
  beforeAll(async () => {
    app = await startHttpApp();
    http = app.http;
  });
  afterAll(() => app.close());

  it('ingests, searches, uploads and follows a migration to its end', async () => {
    const client = createAkoshaClient({ url: http.url, token: () => app.token('admin') });
    const v = source.next();
    const stored = await client.ingest([
      {
        id: 'c-1',
        systemId: 'client-sys',
        kind: 'CONVERSATION',
        content: 'typed',
        embedding: v,
        timestamp: '2026-11-20T10:00:00Z',
      },
      {
        id: 'c-2',
        systemId: 'bad id!',
        kind: 'CONVERSATION',
        content: 'x',
        embedding: v,
        timestamp: '2026-11-20T10:00:00Z',
      },
    ]);
    expect(stored.accepted).toBe(1);
    expect(stored.rejected[0]).toMatchObject({ index: 1, clientId: 'c-2' });
    const found = await client.search({ nearVector: v, limit: 1 });
    expect(found.partial).toBe(false);
    expect(found.hits[0]).toMatchObject({
      clientId: 'c-1',
      memory: { content: 'typed', systemId: 'client-sys' },
    });
    const byWords = await client.search({ query: 'typed', mode: 'KEYWORD' });
    expect(byWords.hits.map((h) => h.clientId)).toEqual(['c-1']);
    expect(byWords.hits[0]?.explain.terms.map((t) => t.clause)).toEqual(['typed']);
    expect(byWords.hits[0]?.explain.keywordPart).toBe(byWords.hits[0]?.score);
    const lines = [0, 1].map((i) =>
      JSON.stringify({
        id: `u-${i}`,
        content: `up ${i}`,
        embedding: source.next(),
        timestamp: '2026-11-20T10:00:00Z',
      }),
    );
    const uploaded = await client.upload('client-sys', new Blob([`${lines.join('\n')}\n`]), {
      name: 'm.jsonl',
      timeZone: 'UTC',
    });
    expect(uploaded).toMatchObject({ format: 'JSON_LINES', accepted: 2 });
    const job = await client.startMigration({ move: 'HOT_TO_WARM', dryRun: true });
    const states: string[] = [];
    for await (const e of client.migrationProgress(job.id)) states.push(e.state);
    expect(states.at(-1)).toBe('DONE');
  });

  it('throws the server’s code for a refusal', async () => {
    const viewer = createAkoshaClient({ url: http.url, token: await app.token('viewer') });
    const err = await viewer
      .ingest([
        {
          id: 'v-1',
          systemId: 's',
          kind: 'CONVERSATION',
          content: 'x',
          embedding: source.next(),
          timestamp: '2026-11-20T10:00:00Z',
        },
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AkoshaClientError);
    expect((err as AkoshaClientError).code).toBe('FORBIDDEN');
    const job = await createAkoshaClient({ url: http.url, token: await app.token('admin') }).startMigration({
      dryRun: true,
    });
    const stranger = createAkoshaClient({ url: http.url, token: 'not-a-token' });
    const refused = await stranger
      .migrationProgress(job.id)
      .next()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AkoshaClientError);
    expect((refused as AkoshaClientError).code).toBe('UNAUTHENTICATED');
  });
});
