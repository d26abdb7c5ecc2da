import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { startTestApp } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// Session-Buddy's HTTP push as an attacker or a broken client would use it.

const TOKEN = 'push-token-hardening-0123456789';
const ENTITIES = graphql(
  `query HardeningPushEntities($s: String!) { entities(systemId: $s) { clientId name } }`,
);
const SYSTEM = graphql(
  `query HardeningPushMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }`,
);

describe('the push bridge, hardened', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const source = createVectorSource(31);
  const url = `http://akosha.test/push/${TOKEN}/mcp/mcp/v1`;
  const call = async (name: string, args: Record<string, unknown>) => {
    const res = await app.akosha.yoga.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name, arguments: args },
      }),
    });
    return (await res.json()) as {
      result?: Record<string, unknown>;
      error?: { code: number; message: string };
    };
  };
  const healthy = async () => {
    const started = performance.now();
    expect((await app.akosha.yoga.fetch('http://akosha.test/health')).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  };

  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_PUSH_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('stops reading a body past the limit, holding only what it read', async () => {
    const rssBefore = process.memoryUsage().rss;
    let produced = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    // 300 MB, produced only as the server reads it.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (produced >= 300) return controller.close();
        produced++;
        controller.enqueue(chunk);
      },
    });
    const res = await app.akosha.yoga.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: -32600, message: 'request too large' } });
    expect(produced).toBeLessThan(20);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    // A declared length over the limit is refused without reading at all.
    const declared = await app.akosha.yoga.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(600 * 1024 * 1024) },
      body: '{}',
    });
    expect(declared.status).toBe(413);
    await healthy();
  });

  it('answers only its own tools: constructor, toString and __proto__ are unknown', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const r = await call(name, {});
      expect(r.error, name).toMatchObject({ code: -32602, message: `unknown tool ${name}` });
    }
  });

  it('validates graph rows like the mutations: no empty name, no unreadable created_at, nothing stored', async () => {
    const entity = (name: unknown, created: unknown, id: string) => ({
      name,
      entity_type: 'project',
      observations: [],
      properties: { source_system: 'push-hard', original_id: id, created_at: created },
    });
    const empty = await call('create_entity', entity('', '2026-11-20T10:00:00', 'e-empty'));
    expect(empty.result).toMatchObject({ status: 'failed' });
    expect(String(empty.result?.error)).toMatch(/name must not be empty/);
    const badDate = await call('create_entity', entity('Akosha', 'next tuesday', 'e-date'));
    expect(badDate.result).toEqual({ status: 'failed', error: 'created_at is not a date-time' });
    const badRelation = await call('create_relation', {
      from_entity: 'a',
      to_entity: '',
      relation_type: 'uses',
      properties: { source_system: 'push-hard', original_id: 'r-1' },
    });
    expect(String(badRelation.result?.error)).toMatch(/toEntity must not be empty/);
    const good = await call('create_entity', entity('Akosha', '2026-11-20T10:00:00', 'e-good'));
    expect(good.result).toEqual({ status: 'created', id: 'e-good' });
    const stored = await app.gql(ENTITIES, { s: 'push-hard' });
    expect(stored.data.entities).toEqual([{ clientId: 'e-good', name: 'Akosha' }]);
  });

  it('refuses a memory whose created_at cannot be read instead of stamping it with now', async () => {
    const memory = (id: string, created: unknown) => ({
      memory_id: id,
      text: `text ${id}`,
      embedding: source.next(),
      metadata: { source: 'push-hard', created_at: created },
    });
    const r = await call('batch_store_memories', {
      memories: [
        memory('m-bad', '2026-13-45T99:00:00'),
        memory('m-bad2', 12345),
        memory('m-good', '2026-11-20T10:00:00'),
      ],
    });
    expect(r.result).toMatchObject({
      status: 'partial',
      stored: 1,
      errors: ['m-bad: created_at is not a date-time', 'm-bad2: created_at is not a date-time'],
    });
    expect((await app.gql(SYSTEM, { s: 'push-hard', id: 'm-bad' })).data.memory).toBeNull();
    expect((await app.gql(SYSTEM, { s: 'push-hard', id: 'm-good' })).data.memory).toEqual({
      clientId: 'm-good',
    });
    await healthy();
  });
});
