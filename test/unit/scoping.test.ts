import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { mintDevelopmentToken } from '../../server/auth.ts';
import { INGEST, startTestApp, type TestMemory } from '../support/app.ts';
import { pushTool } from '../support/push.ts';
import { migrate, NOW } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

// The scoping matrix: a token limited to team-a-* against every read and write path, in hot,
// warm and cold, next to an unrestricted token.

const DAY = 86_400_000;
const SYSTEMS = ['team-a-1', 'team-a-2', 'other'];
const source = createVectorSource(121);
const memories: TestMemory[] = SYSTEMS.flatMap((systemId) =>
  [1, 30, 200].flatMap((age) =>
    Array.from({ length: 4 }, (_, i) => ({
      id: `${systemId}-${age}-${i}`,
      systemId,
      kind: 'CONVERSATION' as const,
      content: `${systemId} memory ${age} days old`,
      embedding: source.next(),
      timestamp: new Date(NOW.getTime() - age * DAY - i * 60_000).toISOString(),
    })),
  ),
);
const inScope = (s: string) => s.startsWith('team-a-');

const SEARCH = graphql(`query ScopeSearch($v: Vector!, $s: [String!]) {
  search(nearVector: $v, systemIds: $s, limit: 50, tiers: [HOT, WARM, COLD]) { hits { systemId clientId tier } }
}`);
const MEMORY = graphql(
  `query ScopeMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId } }`,
);
const SYSTEMS_Q = graphql(`query ScopeSystems { systems { id } }`);
const ENTITIES = graphql(`query ScopeEntities($s: String!) { entities(systemId: $s) { clientId } }`);
const RELATIONS = graphql(`query ScopeRelations($e: String!) { relations(entityId: $e) { systemId id } }`);
const STORE_ENTITIES = graphql(`mutation ScopeStoreEntities($s: String!) {
  storeEntities(systemId: $s, input: [{ id: "e1", name: "Akosha", entityType: "project" }]) { created }
}`);
const STORE_RELATIONS = graphql(`mutation ScopeStoreRelations($s: String!) {
  storeRelations(systemId: $s, input: [{ id: "r1", fromEntity: "e1", toEntity: "e2", relationType: "uses" }]) { created }
}`);
const STATS = graphql(`query ScopeStats { storageStats { tier rows } }`);
const JOBS = graphql(`query ScopeJobs { migrationJobs { id } }`);
const START = graphql(
  `mutation ScopeStart($s: [String!]) { startMigration(input: { systemIds: $s, dryRun: true }) { id } }`,
);
const UPLOAD = graphql(`mutation ScopeUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted }
}`);

describe('scoping by system', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let scoped: string;
  let scopedWriter: string;
  const PUSH = 'push-token-team-a-1-0123456789';
  const count = async (systemId: string) =>
    (await app.gql(SYSTEMS_Q)).data.systems.some((s: { id: string }) => s.id === systemId);

  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_PUSH_TOKENS: `${PUSH}=team-a-1` }, undefined, { clock: () => NOW });
    expect((await app.gql(INGEST, { input: memories })).data.ingestMemories.accepted).toBe(memories.length);
    for (const s of SYSTEMS) await app.gql(STORE_ENTITIES, { s });
    for (const s of SYSTEMS) await app.gql(STORE_RELATIONS, { s });
    expect(await migrate(app)).toMatchObject({ status: 'DONE' });
    const mint = (roles: ('viewer' | 'admin')[], sub: string) =>
      mintDevelopmentToken(app.config, { sub, roles, ttlSeconds: 600, systems: ['team-a-*'] });
    scoped = await mint(['viewer'], 'scoped-viewer');
    scopedWriter = await mint(['admin'], 'scoped-admin');
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('search: only systems in scope, in every tier, whatever the filter or the vector', async () => {
    const tiersSeen = new Set<string>();
    for (const m of memories) {
      const r = await app.gql(SEARCH, { v: m.embedding }, scoped);
      expect(r.errors).toBeUndefined();
      const ids = r.data.search.hits.map((h: { systemId: string; tier: string }) => {
        tiersSeen.add(h.tier);
        return h.systemId;
      });
      expect(ids.every(inScope), m.id).toBe(true);
      if (inScope(m.systemId)) expect(r.data.search.hits[0].clientId).toBe(m.id);
    }
    expect([...tiersSeen].sort()).toEqual(['COLD', 'HOT', 'WARM']);
    const other = memories.find((m) => m.systemId === 'other') as TestMemory;
    expect((await app.gql(SEARCH, { v: other.embedding, s: ['other'] }, scoped)).data.search.hits).toEqual(
      [],
    );
    const mixed = await app.gql(SEARCH, { v: other.embedding, s: ['other', 'team-a-1'] }, scoped);
    expect(mixed.data.search.hits.every((h: { systemId: string }) => h.systemId === 'team-a-1')).toBe(true);
    // The unrestricted token still sees everything (and a cached scoped answer is not served to it).
    expect((await app.gql(SEARCH, { v: other.embedding })).data.search.hits[0].clientId).toBe(other.id);
  });

  it('memory, systems, entities and relations: nothing out of scope, in any tier', async () => {
    for (const m of memories) {
      const r = await app.gql(MEMORY, { s: m.systemId, id: m.id }, scoped);
      expect(r.data.memory, m.id).toEqual(inScope(m.systemId) ? { clientId: m.id } : null);
    }
    expect((await app.gql(SYSTEMS_Q, {}, scoped)).data.systems.map((s: { id: string }) => s.id)).toEqual([
      'team-a-1',
      'team-a-2',
    ]);
    expect((await app.gql(ENTITIES, { s: 'other' }, scoped)).data.entities).toEqual([]);
    expect((await app.gql(ENTITIES, { s: 'team-a-1' }, scoped)).data.entities).toEqual([{ clientId: 'e1' }]);
    const rel = (await app.gql(RELATIONS, { e: 'e1' }, scoped)).data.relations as { systemId: string }[];
    expect(rel.map((r) => r.systemId).sort()).toEqual(['team-a-1', 'team-a-2']);
  });

  it('whole-store reads are refused to a scoped token; jobs of other systems are not shown', async () => {
    expect((await app.gql(STATS, {}, scoped)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(STATS)).errors).toBeUndefined();
    expect((await app.gql(JOBS)).data.migrationJobs.length).toBeGreaterThan(0);
    expect((await app.gql(JOBS, {}, scoped)).data.migrationJobs).toEqual([]);
  });

  it('writes out of scope are refused with FORBIDDEN and write nothing, in every write path', async () => {
    const item = (id: string, systemId: string) => ({
      id,
      systemId,
      kind: 'CONVERSATION',
      content: 'x',
      embedding: source.next(),
      timestamp: NOW.toISOString(),
    });
    const mixed = await app.gql(
      INGEST,
      { input: [item('w1', 'team-a-1'), item('w2', 'intruder')] },
      scopedWriter,
    );
    expect(mixed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(MEMORY, { s: 'team-a-1', id: 'w1' })).data.memory).toBeNull();
    expect(await count('intruder')).toBe(false);
    const ok = await app.gql(INGEST, { input: [item('w3', 'team-a-2')] }, scopedWriter);
    expect(ok.data.ingestMemories.accepted).toBe(1);

    expect((await app.gql(STORE_ENTITIES, { s: 'other' }, scopedWriter)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await app.gql(START, { s: null }, scopedWriter)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(START, { s: ['other'] }, scopedWriter)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );

    const form = new FormData();
    const line = JSON.stringify({
      id: 'up1',
      content: 'u',
      embedding: source.next(),
      timestamp: NOW.toISOString(),
    });
    form.append(
      'operations',
      JSON.stringify({ query: UPLOAD, variables: { systemId: 'uploaded-other', file: null } }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new Blob([`${line}\n`]), 'm.jsonl');
    const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
      method: 'POST',
      headers: { authorization: `Bearer ${scopedWriter}`, 'x-graphql-yoga-csrf': '1' },
      body: form,
    });
    const upload = (await res.json()) as { errors?: { extensions: { code: string } }[] };
    expect(upload.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await count('uploaded-other')).toBe(false);
  });

  it('a push token bound to one system cannot write another system', async () => {
    const push = async (system: string, id: string) =>
      (
        await pushTool(app.akosha, PUSH, 'batch_store_memories', {
          memories: [{ memory_id: id, text: 't', embedding: source.next(), metadata: { source: system } }],
        })
      ).result;
    expect(await push('other', 'p-out')).toMatchObject({ status: 'failed' });
    expect((await app.gql(MEMORY, { s: 'other', id: 'p-out' })).data.memory).toBeNull();
    expect(await push('team-a-1', 'p-in')).toMatchObject({ status: 'completed' });
    expect((await app.gql(MEMORY, { s: 'team-a-1', id: 'p-in' })).data.memory).toEqual({ clientId: 'p-in' });
  });

  it('ingestEvents: a scoped subscriber sees only its systems', async () => {
    const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${scoped}`,
      },
      body: JSON.stringify({ query: 'subscription { ingestEvents { systemId accepted } }' }),
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await new Promise((r) => setTimeout(r, 100));
    const item = (id: string, systemId: string) => ({
      id,
      systemId,
      kind: 'CONVERSATION',
      content: 'e',
      embedding: source.next(),
      timestamp: NOW.toISOString(),
    });
    await app.gql(INGEST, { input: [item('ev-out', 'other')] });
    await app.gql(INGEST, { input: [item('ev-in', 'team-a-2')] });
    let text = '';
    while (!text.includes('team-a-2')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toContain('"systemId":"team-a-2"');
    expect(text).not.toContain('"systemId":"other"');
  });
});
