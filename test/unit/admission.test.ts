import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmission } from '../../resolvers/admission.ts';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { pushTool } from '../support/push.ts';

// Admission control over every ingest path: one at a time here, one more may wait, the next is
// refused with 503 + Retry-After and writes nothing.

const DIM = 8;
const TOKEN = 'push-token-admission-0123456789';
const UPLOAD = graphql(`mutation AdmissionUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }
}`);
const MEMORY = graphql(
  `query AdmissionMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }`,
);
const SYSTEMS = graphql(`query AdmissionSystems { systems { id memoryCount } }`);

const vector = (i: number) => Array.from({ length: DIM }, (_, j) => Math.sin(i * 7 + j + 1));
function jsonLines(n: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(
      JSON.stringify({
        id: `u${i}`,
        content: `row ${i}`,
        embedding: vector(i),
        timestamp: '2026-11-20T10:00:00Z',
      }),
    );
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('admission control', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({
      AKOSHA_EMBEDDING_DIMENSION: String(DIM),
      AKOSHA_MAX_CONCURRENT_INGESTS: '1',
      AKOSHA_INGESTION_QUEUE_SIZE: '1',
      AKOSHA_PUSH_TOKEN: TOKEN,
    });
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('lets a push wait behind a slow upload and refuses a third ingestion with 503, writing nothing of it', async () => {
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({ query: UPLOAD, variables: { systemId: 'slow-up', file: null } }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new Blob([new Uint8Array(jsonLines(60_000))]), 'upload.jsonl');
    const upload = Promise.resolve(
      app.akosha.yoga.fetch('http://akosha.test/graphql', {
        method: 'POST',
        headers: { authorization: `Bearer ${await app.token('operator')}`, 'x-graphql-yoga-csrf': '1' },
        body: form,
      }),
    ).then(async (r) => (await r.json()) as { data?: { uploadSystemSnapshot: { accepted: number } } });
    const stored = async (s: string) =>
      (await app.gql(SYSTEMS)).data.systems.find((x: { id: string }) => x.id === s)?.memoryCount ?? 0;
    const until = Date.now() + 10_000;
    while ((await stored('slow-up')) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(await stored('slow-up')).toBeGreaterThan(0);

    // The push waits for the upload's slot...
    let pushDone = false;
    const push = pushTool(app.akosha, TOKEN, 'batch_store_memories', {
      memories: [
        { memory_id: 'p1', text: 'pushed', embedding: vector(1), metadata: { source: 'pushed-sys' } },
      ],
    }).then((r) => {
      pushDone = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(pushDone).toBe(false);
    expect(await (await app.akosha.yoga.fetch('http://akosha.test/metrics')).text()).toMatch(
      /^akosha_ingestion_queue_size\{source="admission"\} 1$/m,
    );

    // ...and a third finds the queue full.
    const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.token('admin')}` },
      body: JSON.stringify({
        query: String(INGEST),
        variables: {
          input: [
            {
              id: 'refused-1',
              systemId: 'third',
              kind: 'CONVERSATION',
              content: 'x',
              embedding: vector(3),
              timestamp: '2026-11-20T10:00:00Z',
            },
          ],
        },
      }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('OVERLOADED');

    expect((await upload).data?.uploadSystemSnapshot.accepted).toBe(60_000);
    expect((await push).result).toMatchObject({ status: 'completed', stored: 1 });
    expect((await app.gql(MEMORY, { s: 'third', id: 'refused-1' })).data.memory).toBeNull();
    expect((await app.gql(MEMORY, { s: 'pushed-sys', id: 'p1' })).data.memory).toEqual({ clientId: 'p1' });
    const metrics = await (await app.akosha.yoga.fetch('http://akosha.test/metrics')).text();
    expect(metrics).toMatch(/^akosha_ingestion_requests_total\{outcome="ok",path="upload"\} 1$/m);
    expect(metrics).toMatch(/^akosha_ingestion_requests_total\{outcome="ok",path="mutation"\} 1$/m);
    expect(metrics).toMatch(/^akosha_ingestion_requests_total\{outcome="overloaded",path="mutation"\} 1$/m);
    expect(metrics).toMatch(/^akosha_ingestion_duration_seconds_count\{path="upload"\} 1$/m);
    expect(metrics).toMatch(/^akosha_ingestion_queue_size\{source="admission"\} 0$/m);
  });
});

describe('the admission queue', () => {
  it('admits in order, refuses when full, and refuses one that waited longer than its limit', async () => {
    const admission = createAdmission({ maxConcurrent: 1, maxQueue: 1, waitMs: 200 });
    let releaseFirst = () => {};
    let releaseSecond = () => {};
    const first = admission.run(() => new Promise<void>((r) => (releaseFirst = r)));
    const order: number[] = [];
    const second = admission.run(async () => {
      order.push(2);
      await new Promise<void>((r) => (releaseSecond = r));
    });
    expect(admission.waiting).toBe(1);
    await expect(admission.run(async () => order.push(3))).rejects.toMatchObject({ code: 'OVERLOADED' });
    releaseFirst();
    await first;
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([2]);
    const started = performance.now();
    await expect(admission.run(async () => order.push(4))).rejects.toMatchObject({ code: 'OVERLOADED' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    releaseSecond();
    await second;
    expect(order).toEqual([2]);
    expect(admission.running).toBe(0);
    expect(admission.waiting).toBe(0);
  });
});

describe('the emergency stop (AKOSHA_INGESTION_PAUSED)', () => {
  it('refuses every ingestion with INGESTION_PAUSED and 503, writing nothing, while searches answer', async () => {
    const app = await startTestApp({
      AKOSHA_EMBEDDING_DIMENSION: String(DIM),
      AKOSHA_INGESTION_PAUSED: 'true',
    });
    try {
      const memory = {
        id: 'p-1',
        systemId: 'paused-sys',
        kind: 'CONVERSATION',
        content: 'paused',
        embedding: vector(1),
        timestamp: '2026-11-20T10:00:00Z',
      };
      const refused = await app.gql(INGEST, { input: [memory] });
      expect(refused.status).toBe(503);
      expect(refused.errors?.[0]?.extensions?.code).toBe('INGESTION_PAUSED');
      expect((await app.gql(SYSTEMS)).data.systems).toEqual([]);
      const search = await app.gql('query($v: Vector!) { search(nearVector: $v) { hits { score } } }', {
        v: vector(1),
      });
      expect(search.errors).toBeUndefined();
      expect(search.data.search.hits).toEqual([]);
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });
});
