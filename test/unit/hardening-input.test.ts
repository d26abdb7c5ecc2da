import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp, type TestMemory } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// Hostile or broken input: each refused with a precise reason, nothing of it written, the rest of
// its batch stored, and the server still answering.

const MEMORY = graphql(`query HardeningMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) { clientId content metadata }
}`);
const COUNT = graphql(`query HardeningSystems { systems { id memoryCount } }`);

const source = createVectorSource(11);
const memory = (id: string, extra: Partial<TestMemory> = {}): TestMemory => ({
  id,
  systemId: 'hostile',
  kind: 'CONVERSATION',
  content: `content of ${id}`,
  embedding: source.next(),
  timestamp: '2026-11-20T10:00:00Z',
  ...extra,
});

/** JSON text of an object nested `depth` levels deep (built as text: stringify would recurse). */
const nestedJson = (depth: number) => `${'{"n":'.repeat(depth - 1)}{"leaf":true}${'}'.repeat(depth - 1)}`;

describe('input validated at the edge', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const stored = async () =>
    (await app.gql(COUNT)).data.systems.find((s: { id: string }) => s.id === 'hostile')?.memoryCount ?? 0;
  const healthy = async () => {
    const started = performance.now();
    const r = await app.akosha.yoga.fetch('http://akosha.test/health');
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  };

  beforeAll(async () => {
    app = await startTestApp();
    const r = await app.gql(INGEST, { input: [memory('a')] });
    expect(r.data.ingestMemories.accepted).toBe(1);
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('refuses ids with control characters; U+0000 never resolves to another memory', async () => {
    const r = await app.gql(INGEST, {
      input: [memory('a\u0000evil'), memory('tab\there'), memory('fine-1')],
    });
    expect(r.data.ingestMemories).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        {
          index: 0,
          clientId: 'a\u0000evil',
          systemId: 'hostile',
          reason: 'id must not contain control characters or unpaired surrogates',
        },
        {
          index: 1,
          clientId: 'tab\there',
          systemId: 'hostile',
          reason: 'id must not contain control characters or unpaired surrogates',
        },
      ],
    });
    for (const id of ['a\u0000evil', 'a\u0000', 'x\u0085']) {
      const m = await app.gql(MEMORY, { s: 'hostile', id });
      expect(m.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(m.data?.memory ?? null).toBeNull();
    }
    expect((await app.gql(MEMORY, { s: 'hostile', id: 'a' })).data.memory.clientId).toBe('a');
    expect(await stored()).toBe(2);
    await healthy();
  });

  it('refuses ids with unpaired surrogates (storage would make two of them one); stores content with one as U+FFFD, read alike from the index', async () => {
    const before = await stored();
    const r = await app.gql(INGEST, {
      input: [
        memory('pair\ud800'),
        memory('pair\udbff'),
        memory('surrogate-content', { content: 'half \ud83d pair' }),
      ],
    });
    expect(r.data.ingestMemories.accepted).toBe(1);
    expect(
      r.data.ingestMemories.rejected.map((x: { index: number; reason: string }) => [x.index, x.reason]),
    ).toEqual([
      [0, 'id must not contain control characters or unpaired surrogates'],
      [1, 'id must not contain control characters or unpaired surrogates'],
    ]);
    expect(await stored()).toBe(before + 1);
    const m = await app.gql(MEMORY, { s: 'hostile', id: 'surrogate-content' });
    expect(m.data.memory.content).toBe('half \ufffd pair');
    // The index's record of the row (taken from the insert, not read back) says the same.
    const indexer = app.akosha.stores.indexer;
    await indexer?.caughtUp();
    const held = indexer?.indexes.flatMap((idx) =>
      [...idx.rows.keys()]
        .filter((seq) => idx.rows.get(seq)?.id === 'surrogate-content')
        .map((seq) => idx.records.read(seq)),
    );
    expect(held?.map((x) => x?.content)).toEqual(['half \ufffd pair']);
    const lookup = await app.gql(MEMORY, { s: 'hostile', id: 'pair\ud800' });
    expect(lookup.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses metadata nested too deep or too large, per item, and stores the rest of the batch', async () => {
    const before = await stored();
    // The body is written as text: the deep objects never pass through JSON.stringify here.
    const item = (id: string, metadataJson: string) =>
      JSON.stringify(memory(id)).replace(/}$/, `,"metadata":${metadataJson}}`);
    const body = `{"query":${JSON.stringify(String(INGEST))},"variables":{"input":[${[
      item('deep-4400', nestedJson(4400)),
      item('deep-4390', nestedJson(4390)),
      item('deep-33', nestedJson(33)),
      item('ok-32', nestedJson(32)),
      item('big', JSON.stringify({ blob: 'x'.repeat(70_000) })),
    ].join(',')}]}}`;
    const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.token('admin')}` },
      body,
    });
    const r = (await res.json()) as {
      data: { ingestMemories: { accepted: number; rejected: { clientId: string; reason: string }[] } };
      errors?: unknown[];
    };
    expect(r.errors).toBeUndefined();
    const reasons = r.data.ingestMemories.rejected.map((x: { clientId: string; reason: string }) => [
      x.clientId,
      x.reason,
    ]);
    expect(reasons).toEqual([
      ['deep-4400', 'metadata is nested deeper than 32 levels'],
      ['deep-4390', 'metadata is nested deeper than 32 levels'],
      ['deep-33', 'metadata is nested deeper than 32 levels'],
      ['big', 'metadata is larger than 65536 bytes of JSON'],
    ]);
    expect(r.data.ingestMemories.accepted).toBe(1);
    expect(await stored()).toBe(before + 1);
    // What was stored answers (the 4,390-level case used to break every response selecting it).
    const ok = await app.gql(MEMORY, { s: 'hostile', id: 'ok-32' });
    expect(ok.errors).toBeUndefined();
    expect(JSON.stringify(ok.data.memory.metadata)).toContain('"leaf":true');
    await healthy();
  });

  it('refuses impossible or out-of-range dates with a coded error and writes nothing', async () => {
    const before = await stored();
    const cases: [string, RegExp][] = [
      ['2026-02-30T00:00:00Z', /is not a calendar date/],
      ['2026-04-31T12:00:00Z', /is not a calendar date/],
      ['2026-11-20T24:00:00Z', /is not a time of day/],
      ['2026-11-20T23:60:00Z', /is not a time of day/],
      ['10000-01-01T00:00:00Z', /RFC 3339/],
      ['1899-12-31T23:59:59Z', /year must be between 1900 and 9999/],
      ['9999-12-31T23:00:00-05:00', /year must be between 1900 and 9999/],
      ['2026-11-20T10:00:00+24:00', /impossible UTC offset/],
    ];
    for (const [timestamp, why] of cases) {
      const r = await app.gql(INGEST, {
        input: [memory(`date-${timestamp}`, { timestamp }), memory('date-ok')],
      });
      expect(r.errors?.[0]?.extensions?.code, timestamp).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message, timestamp).toMatch(why);
    }
    expect(await stored()).toBe(before);
    // The strict parser still takes every RFC 3339 form a client sends.
    const fine = [
      '2024-02-29T00:00:00Z',
      '2026-11-20T10:00:00.123456+02:00',
      '2026-11-20 10:00',
      '2026-11-20t10:00:00z',
    ];
    const r = await app.gql(INGEST, {
      input: fine.map((timestamp, i) => memory(`fine-date-${i}`, { timestamp })),
    });
    expect(r.data.ingestMemories.accepted).toBe(fine.length);
    const m = await app.gql(
      graphql(
        `query HardeningTimestamp($s: String!, $id: String!) { memory(systemId: $s, id: $id) { timestamp } }`,
      ),
      { s: 'hostile', id: 'fine-date-1' },
    );
    expect(m.data.memory.timestamp).toBe('2026-11-20T08:00:00.123Z');
    await healthy();
  });
});
