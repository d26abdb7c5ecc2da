import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { mintDevelopmentToken } from '../../server/auth.ts';
import { INGEST, startTestApp, type TestMemory } from '../support/app.ts';
import { migrate, NOW } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

// Export → upload into a fresh server gives the same memories: ids, kinds, contents, times,
// metadata and vectors, from all three tiers.

const DAY = 86_400_000;
const FULL = graphql(`query ExportMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) { clientId kind content timestamp metadata embedding }
}`);
const UPLOAD = graphql(`mutation ExportUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: "UTC") { format accepted rejected }
}`);
const STATS = graphql(`query ExportStats { storageStats { tier rows } }`);

const source = createVectorSource(131);
const memories: TestMemory[] = [1, 30, 200].flatMap((age) =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `exp-${age}-${i}`,
    systemId: 'exported',
    kind: i % 2 ? ('REFLECTION' as const) : ('CONVERSATION' as const),
    content: `memory ${i}, ${age} days old — with “quotes”\nand a newline`,
    embedding: source.next(),
    timestamp: new Date(NOW.getTime() - age * DAY - i * 1234).toISOString(),
    metadata: {
      project: `p${i % 2}`,
      tags: ['a', `t${i}`],
      nested: { deep: [1, { x: null }] },
      importance: i / 3,
    },
  })),
);

describe('export', () => {
  let from: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    from = await startTestApp({}, undefined, { clock: () => NOW });
    expect((await from.gql(INGEST, { input: memories })).data.ingestMemories.accepted).toBe(memories.length);
    expect(await migrate(from)).toMatchObject({ status: 'DONE' });
    const tiers = (await from.gql(STATS)).data.storageStats as { tier: string; rows: number }[];
    expect(tiers.every((t) => t.rows > 0)).toBe(true);
  });
  afterAll(async () => {
    await from.akosha.close();
    from.dir.remove();
  });

  const exportOf = async (token: string | null, query = '', format = 'jsonl') =>
    from.akosha.yoga.fetch(`http://akosha.test/export/exported.${format}${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it.each(['jsonl', 'parquet'])(
    'round-trips every memory of every tier exactly as %s through an upload into a fresh server',
    async (format) => {
      const res = await exportOf(await from.token('viewer'), '', format);
      expect(res.status).toBe(200);
      const file = new Uint8Array(await res.arrayBuffer());
      const text = new TextDecoder().decode(file);
      if (format === 'jsonl') expect(text.trim().split('\n')).toHaveLength(memories.length);
      else expect([text.slice(0, 4), text.slice(-4)]).toEqual(['PAR1', 'PAR1']);
      const to = await startTestApp();
      onTestFinished(async () => {
        await to.akosha.close();
        to.dir.remove();
      });
      const form = new FormData();
      form.append(
        'operations',
        JSON.stringify({ query: UPLOAD, variables: { systemId: 'exported', file: null } }),
      );
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', new Blob([file]), `exported.${format}`);
      const up = await to.akosha.yoga.fetch('http://akosha.test/graphql', {
        method: 'POST',
        headers: { authorization: `Bearer ${await to.token('operator')}`, 'x-graphql-yoga-csrf': '1' },
        body: form,
      });
      const uploaded = (await up.json()) as {
        data: { uploadSystemSnapshot: { format: string; accepted: number; rejected: number } };
      };
      expect(uploaded.data.uploadSystemSnapshot).toMatchObject({
        format: format === 'parquet' ? 'PARQUET' : 'JSON_LINES',
        accepted: memories.length,
        rejected: 0,
      });
      const digest = async (app: typeof from) => {
        const hash = createHash('sha256');
        for (const m of memories) {
          const r = await app.gql(FULL, { s: 'exported', id: m.id });
          expect(r.errors).toBeUndefined();
          hash.update(JSON.stringify(r.data.memory));
        }
        return hash.digest('hex');
      };
      expect(await digest(to)).toBe(await digest(from));
      // Hot memories keep the vector exactly as sent.
      const hot = memories[0] as TestMemory;
      expect((await to.gql(FULL, { s: 'exported', id: hot.id })).data.memory.embedding).toEqual(
        Array.from(Float32Array.from(hot.embedding as number[])),
      );
    },
  );

  it('narrows an export by time, project, tag and id, in every tier; refuses a bad filter', async () => {
    const viewer = await from.token('viewer');
    const idsOf = async (query: string) => {
      const res = await exportOf(viewer, query);
      expect(res.status).toBe(200);
      const lines = (await res.text()).split('\n').filter(Boolean);
      return lines.map((l) => (JSON.parse(l) as { id: string }).id).sort();
    };
    const expected = (keep: (m: TestMemory) => boolean) =>
      memories
        .filter(keep)
        .map((m) => m.id)
        .sort();
    const cutoff = new Date(NOW.getTime() - 100 * DAY).toISOString();
    const projectOf = (m: TestMemory) => (m.metadata as { project: string }).project;
    expect(await idsOf(`?project=p1&to=${cutoff}`)).toEqual(
      expected((m) => projectOf(m) === 'p1' && m.timestamp <= cutoff),
    );
    expect(await idsOf(`?from=${cutoff}&tag=t0&tag=t3`)).toEqual(
      expected((m) => m.timestamp >= cutoff && /-[03]$/.test(m.id)),
    );
    expect(await idsOf('?id=exp-200-1&id=exp-1-2')).toEqual(['exp-1-2', 'exp-200-1']);
    for (const bad of ['?since=2026-01-01', '?from=yesterday', `?from=${NOW.toISOString()}&to=${cutoff}`]) {
      const res = await exportOf(viewer, bad);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    }
  });

  it('refuses a caller without a token, or whose token may not read the system', async () => {
    expect((await exportOf(null)).status).toBe(401);
    const other = await mintDevelopmentToken(from.config, {
      sub: 'x',
      roles: ['viewer'],
      ttlSeconds: 60,
      systems: ['team-*'],
    });
    const refused = await exportOf(other);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });
});
