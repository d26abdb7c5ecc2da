import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { PAGE_ROWS, Pages, type SnapshotMemory } from '../../storage/sources/snapshot-reader.ts';
import { startTestApp, tempDir } from '../support/app.ts';
import { type Fixture, makeFixture, queryFile } from '../support/fixtures.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

const UPLOAD =
  graphql(`mutation SnapshotsUploadSystemSnapshot($systemId: String!, $file: Upload!, $tz: String) {
  uploadSystemSnapshot(systemId: $systemId, file: $file, timeZone: $tz) {
    format compressed sha256 accepted duplicates rejected
    tables { table rows accepted duplicates rejected }
    rejections { clientId index reason }
    entities { created updated } relations { created updated }
  }
}`);

/** A GraphQL multipart request, as a client following the spec sends it. */
async function upload(app: App, systemId: string, bytes: Uint8Array, tz?: string, token?: string) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: UPLOAD, variables: { systemId, file: null, tz } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([Buffer.from(bytes)]), 'upload.bin');
  const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token ?? (await app.token('operator'))}`,
      'x-graphql-yoga-csrf': '1',
    },
    body: form,
  });
  const body = (await res.json()) as {
    data?: { uploadSystemSnapshot: Record<string, unknown> };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: res.status, data: body.data?.uploadSystemSnapshot, errors: body.errors };
}

async function storedCount(app: App, systemId: string): Promise<number> {
  const systems = (
    await app.gql(graphql(`query SnapshotsSystems3 { systems { id memoryCount embeddingModels } }`))
  ).data.systems as { id: string; memoryCount: number; embeddingModels: string[] }[];
  const system = systems.find((s) => s.id === systemId);
  // A snapshot's vectors are Session-Buddy's: the model is recorded with them.
  if (system) expect(system.embeddingModels).toEqual(['all-MiniLM-L6-v2']);
  return system?.memoryCount ?? 0;
}

const MEMORY_EMBEDDING = graphql(`query SnapshotsMemoryEmbedding($id: String!, $systemId: String!) {
  memory(id: $id, systemId: $systemId) { embedding }
}`);

const TABLES = ['conversations_v2', 'reflections_v2', 'conversations', 'reflections'];

describe('uploadSystemSnapshot with Session-Buddy fixtures', () => {
  const dir = tempDir();
  let app: App;
  let la: Fixture;
  let tokyo: Fixture;
  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_SYSTEM_TIME_ZONES: 'devbox-la=America/Los_Angeles' });
    la = await makeFixture(join(dir.path, 'la'), {
      seed: 3,
      tz: 'America/Los_Angeles',
      kg: true,
      systemId: 'devbox-la',
    });
    tokyo = await makeFixture(join(dir.path, 'tokyo'), {
      seed: 9,
      tz: 'Asia/Tokyo',
      n: 80,
      compression: 'none',
      systemId: 'devbox-tokyo',
    });
  }, 60_000);
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
    dir.remove();
  });

  it('ingests every row of a gzip-compressed reflection.duckdb, counted per table', async () => {
    const objectKey = la.manifest.files.find((f) => f.name === 'reflection.duckdb')?.path ?? '';
    const gz = readFileSync(join(la.bucket, objectKey));
    expect(gz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const r = await upload(app, 'devbox-la', gz);
    expect(r.errors).toBeUndefined();
    expect(r.data).toMatchObject({ format: 'REFLECTION_DB', compressed: true });
    const truth = await queryFile(
      la.reflection,
      TABLES.map((t) => `SELECT '${t}' AS t, count(*)::INT AS n, count(embedding)::INT AS e FROM ${t}`).join(
        ' UNION ALL ',
      ),
    );
    const tables = r.data?.tables as {
      table: string;
      rows: number;
      accepted: number;
      duplicates: number;
      rejected: number;
    }[];
    for (const row of truth) {
      const counts = tables.find((t) => t.table === row.t);
      expect(counts?.rows, String(row.t)).toBe(row.n);
      expect((counts?.accepted ?? 0) + (counts?.duplicates ?? 0), String(row.t)).toBe(row.e);
      expect(counts?.rejected, String(row.t)).toBe(Number(row.n) - Number(row.e));
    }
    expect(await storedCount(app, 'devbox-la')).toBe(r.data?.accepted);
    expect(((r.data?.rejections ?? []) as { reason: string }[])[0]?.reason).toMatch(/embedding is NULL/);
  });

  it('adds nothing when the same snapshot is uploaded again', async () => {
    const before = await storedCount(app, 'devbox-la');
    const again = await upload(app, 'devbox-la', readFileSync(la.reflection));
    expect(again.data).toMatchObject({ compressed: false, accepted: 0 });
    expect(await storedCount(app, 'devbox-la')).toBe(before);
  });

  it('finds a row first when searching by its own vector, with project and tags intact', async () => {
    const [row] = await queryFile(
      la.reflection,
      `SELECT id, embedding::FLOAT[] AS embedding, tags, project, content FROM reflections_v2
       WHERE embedding IS NOT NULL AND len(tags) > 0 AND project IS NOT NULL ORDER BY id LIMIT 1`,
    );
    expect(row).toBeDefined();
    const r = await app.gql(
      graphql(`query SnapshotsSearch3($v: Vector!) { search(nearVector: $v, systemIds: ["devbox-la"], limit: 3) {
        hits { clientId score memory { content metadata kind } } } }`),
      { v: row?.embedding },
    );
    const hit = r.data.search.hits[0];
    expect(hit.clientId).toBe(row?.id);
    expect(hit.score).toBeGreaterThan(0.999);
    expect(hit.memory).toMatchObject({ content: row?.content, kind: 'REFLECTION' });
    expect(hit.memory.metadata).toMatchObject({
      project: row?.project,
      tags: row?.tags,
      source_table: 'reflections_v2',
    });
    const filtered = await app.gql(
      graphql(
        `query SnapshotsSearch2($v: Vector!, $p: [String!], $t: [String!]) { search(nearVector: $v, projects: $p, tags: $t, limit: 1) { hits { clientId } } }`,
      ),
      { v: row?.embedding, p: [row?.project], t: [((row?.tags ?? []) as string[])[0]] },
    );
    expect(filtered.data.search.hits[0].clientId).toBe(row?.id);
  });

  it("reads naive timestamps in the system's time zone", async () => {
    const r = await upload(app, 'devbox-tokyo', readFileSync(tokyo.reflection), 'Asia/Tokyo');
    expect(r.errors).toBeUndefined();
    const [row] = await queryFile(
      tokyo.reflection,
      `SELECT id, strftime("timestamp", '%Y-%m-%dT%H:%M:%S.%g') AS naive FROM conversations_v2 WHERE embedding IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const m = await app.gql(
      graphql(
        `query SnapshotsMemory2($id: String!) { memory(systemId: "devbox-tokyo", id: $id) { timestamp metadata } }`,
      ),
      {
        id: row?.id,
      },
    );
    expect(m.data.memory.timestamp).toBe(new Date(`${row?.naive}+09:00`).toISOString());
    expect(m.data.memory.metadata.source_time_zone).toBe('Asia/Tokyo');
    const la2 = await queryFile(
      la.reflection,
      `SELECT id, strftime("timestamp", '%Y-%m-%dT%H:%M:%S.%g') AS naive FROM conversations_v2 WHERE embedding IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const m2 = await app.gql(
      graphql(`query SnapshotsMemory($id: String!) { memory(systemId: "devbox-la", id: $id) { timestamp } }`),
      {
        id: la2[0]?.id,
      },
    );
    const utc = new Date(`${la2[0]?.naive}Z`).getTime();
    const offsetHours = (utc - new Date(m2.data.memory.timestamp).getTime()) / 3_600_000;
    expect([-7, -8]).toContain(offsetHours);
  });

  it('stores a knowledge graph per system and answers entities and relations', async () => {
    const r = await upload(app, 'devbox-la', gzipSync(readFileSync(la.knowledgeGraph)));
    expect(r.errors).toBeUndefined();
    const truth = await queryFile(
      la.knowledgeGraph,
      `SELECT (SELECT count(*)::INT FROM kg_entities) AS e, (SELECT count(*)::INT FROM kg_relationships) AS r`,
    );
    expect(r.data).toMatchObject({
      format: 'KNOWLEDGE_GRAPH_DB',
      entities: { created: truth[0]?.e, updated: 0 },
      relations: { created: truth[0]?.r, updated: 0 },
    });
    const [rel] = await queryFile(
      la.knowledgeGraph,
      'SELECT from_entity, relation_type FROM kg_relationships ORDER BY id LIMIT 1',
    );
    const e = await app.gql(
      graphql(
        `query SnapshotsEntities { entities(systemId: "devbox-la", limit: 1000) { id name entityType } }`,
      ),
    );
    expect(e.data.entities).toHaveLength(Number(truth[0]?.e));
    const rels = await app.gql(
      graphql(
        `query SnapshotsRelations($id: String!) { relations(entityId: $id) { fromEntity toEntity relationType systemId } }`,
      ),
      {
        id: rel?.from_entity,
      },
    );
    expect(
      rels.data.relations.some((x: { relationType: string }) => x.relationType === rel?.relation_type),
    ).toBe(true);
    const again = await upload(app, 'devbox-la', readFileSync(la.knowledgeGraph));
    expect(again.data).toMatchObject({ entities: { created: 0 }, relations: { created: 0 } });
  });

  it('accepts Parquet and JSON Lines of memories', async () => {
    const [row] = await queryFile(
      la.reflection,
      'SELECT embedding::FLOAT[] AS e FROM conversations_v2 WHERE embedding IS NOT NULL LIMIT 1',
    );
    const jsonl = [1, 2, 3]
      .map((i) =>
        JSON.stringify({
          id: `jl-${i}`,
          kind: 'REFLECTION',
          content: `line ${i}`,
          embedding: row?.e,
          timestamp: '2026-11-01T10:00:00Z',
          metadata: { project: 'lines', tags: ['x'] },
        }),
      )
      .join('\n');
    const j = await upload(app, 'lines-sys', new TextEncoder().encode(jsonl));
    expect(j.data).toMatchObject({ format: 'JSON_LINES', accepted: 3, rejected: 0 });
    const parquet = join(dir.path, 'm.parquet');
    await queryFile(
      la.reflection,
      `COPY (SELECT 'pq-' || id AS id, 'CONVERSATION' AS kind, content, embedding, "timestamp", '{"project":"pq"}'::JSON AS metadata
             FROM conversations_v2 WHERE embedding IS NOT NULL LIMIT 10) TO '${parquet}' (FORMAT parquet)`,
    ).catch(async () => {
      // read-only databases refuse COPY on some builds; fall back to an in-memory copy
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const inst = await DuckDBInstance.create(':memory:');
      const c = await inst.connect();
      await c.run(`ATTACH '${la.reflection}' AS f (READ_ONLY)`);
      await c.run(
        `COPY (SELECT 'pq-' || id AS id, 'CONVERSATION' AS kind, content, embedding, "timestamp", '{"project":"pq"}'::JSON AS metadata
               FROM f.conversations_v2 WHERE embedding IS NOT NULL LIMIT 10) TO '${parquet}' (FORMAT parquet)`,
      );
      c.closeSync();
      inst.closeSync();
    });
    const p = await upload(app, 'parquet-sys', readFileSync(parquet), 'America/Los_Angeles');
    expect(p.data).toMatchObject({ format: 'PARQUET', accepted: 10, rejected: 0 });
    const s = await app.gql(
      graphql(
        `query SnapshotsSearch($v: Vector!) { search(nearVector: $v, systemIds: ["parquet-sys"], limit: 1) { hits { memory { metadata } } } }`,
      ),
      {
        v: row?.e,
      },
    );
    expect(s.data.search.hits[0].memory.metadata.project).toBe('pq');
  });

  it('stores every embedding exactly across pages, and refuses NULL lists and NULL elements by file row, in each format', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    const n = 9000; // more than a page (8,192 rows), in chunks of 2,048
    // Row 100's list is NULL, row 8500's element 7 is NULL; all others are distinct vectors.
    await c.run(
      `CREATE TABLE conversations_v2 AS SELECT 'big-' || i AS id, 'content ' || i AS content,
         (CASE WHEN i = 100 THEN NULL ELSE list_transform(range(384),
           k -> CASE WHEN i = 8500 AND k = 7 THEN NULL ELSE (((i * 384 + k) % 997) + 1)::FLOAT / 998 END) END)::FLOAT[384] AS embedding,
         TIMESTAMPTZ '2026-11-01 10:00:00+00' AS "timestamp" FROM range(${n}) t(i)`,
    );
    const files = {
      parquet: join(dir.path, 'big.parquet'),
      jsonl: join(dir.path, 'big.jsonl'),
      duckdb: join(dir.path, 'big.duckdb'),
    };
    await c.run(`COPY conversations_v2 TO '${files.parquet}' (FORMAT parquet)`);
    await c.run(`COPY conversations_v2 TO '${files.jsonl}' (FORMAT json)`);
    await c.run(`ATTACH '${files.duckdb}' AS f`);
    await c.run('CREATE TABLE f.conversations_v2 AS SELECT * FROM conversations_v2');
    await c.run('DETACH f');
    const ids = ['big-0', 'big-4097', 'big-8999'];
    const expected = (
      await c.runAndReadAll(
        `SELECT id, embedding::FLOAT[] AS e FROM conversations_v2 WHERE id IN (${ids.map((id) => `'${id}'`).join(', ')}) ORDER BY id`,
      )
    ).getRowObjectsJson() as { id: string; e: number[] }[];
    c.closeSync();
    inst.closeSync();
    for (const [format, file] of Object.entries(files)) {
      const systemId = `pages-${format}`;
      const r = await upload(app, systemId, readFileSync(file));
      expect(r.errors, format).toBeUndefined();
      expect(r.data, format).toMatchObject({ accepted: n - 2, rejected: 2 });
      const rejections = r.data?.rejections as { clientId: string; index: number; reason: string }[];
      expect(
        rejections.map((x) => [x.clientId, x.index]),
        format,
      ).toEqual([
        ['big-100', 100],
        ['big-8500', 8500],
      ]);
      expect(rejections[0]?.reason, format).toMatch(/embedding is NULL/);
      expect(rejections[1]?.reason, format).toMatch(/embedding\[7\] is not a finite/);
      for (const { id, e } of expected) {
        const m = await app.gql(MEMORY_EMBEDDING, { id, systemId });
        expect(m.data.memory.embedding, `${format} ${id}`).toEqual(e);
      }
    }
  });

  it('refuses hostile or broken files with a clear error and writes nothing', async () => {
    const before = (await app.gql(graphql(`query SnapshotsSystems2 { systems { memoryCount } }`))).data
      .systems.length;
    const cases: [string, string, Uint8Array, RegExp][] = [
      ['bad system id', '../../etc', readFileSync(tokyo.reflection), /systemId/],
      ['random bytes', 'broken-1', new Uint8Array(4096).fill(7), /unknown file/],
      [
        'corrupt gzip',
        'broken-2',
        Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(100, 1)]),
        /gzip/,
      ],
      ['truncated database', 'broken-3', readFileSync(tokyo.reflection).subarray(0, 20_000), /database/],
      ['unknown time zone', 'broken-4', readFileSync(tokyo.reflection), /time zone/],
    ];
    for (const [name, systemId, bytes, message] of cases) {
      const r = await upload(app, systemId, bytes, name === 'unknown time zone' ? 'Mars/Olympus' : undefined);
      expect(r.errors?.[0]?.extensions?.code, name).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message, name).toMatch(message);
    }
    expect(
      (await app.gql(graphql(`query SnapshotsSystems { systems { memoryCount } }`))).data.systems.length,
    ).toBe(before);
    const viewer = await upload(
      app,
      'devbox-x',
      readFileSync(tokyo.reflection),
      undefined,
      await app.token('viewer'),
    );
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('pages of an upload', () => {
  const memory = (i: number, content: string): SnapshotMemory => ({
    id: `m${i}`,
    kind: 'CONVERSATION',
    content,
    embedding: null,
    timestamp: null,
    metadata: {},
  });

  it('gathers 8,192 rows a page, fewer when their contents reach 32 Mi characters', () => {
    const pages = new Pages();
    const small = Array.from({ length: PAGE_ROWS + 5 }, (_, i) => memory(i, 'x'));
    const full = pages.add(small);
    expect(full.map((p) => p.length)).toEqual([PAGE_ROWS]);
    expect(full[0]?.[0]?.id).toBe('m0');
    expect(pages.take().map((m) => m.id)).toEqual(['m8192', 'm8193', 'm8194', 'm8195', 'm8196']);
    expect(pages.take()).toEqual([]);
    // Three contents of 12 Mi characters: the third reaches the bound, the page goes.
    const big = 'y'.repeat(12 * 2 ** 20);
    const heavy = pages.add([0, 1, 2, 3].map((i) => memory(i, big)));
    expect(heavy.map((p) => p.map((m) => m.id))).toEqual([['m0', 'm1', 'm2']]);
    expect(pages.take().map((m) => m.id)).toEqual(['m3']);
  });
});

describe('upload size bounds', () => {
  it('refuses an oversized upload and a gzip bomb', async () => {
    const app = await startTestApp({
      AKOSHA_MAX_UPLOAD_BYTES: '100000',
      AKOSHA_MAX_UNCOMPRESSED_BYTES: '1000000',
    });
    const dir = tempDir();
    try {
      const big = await upload(app, 'big', new Uint8Array(200_000));
      expect(big.errors?.[0]?.message).toMatch(/larger than 100000 bytes/);
      const bomb = gzipSync(Buffer.alloc(50_000_000));
      expect(bomb.length).toBeLessThan(100_000);
      const b = await upload(app, 'bomb', bomb);
      expect(b.errors?.[0]?.message).toMatch(/decompressed upload is larger than 1000000 bytes/);
      writeFileSync(join(dir.path, 'x'), '');
    } finally {
      await app.akosha.close();
      app.dir.remove();
      dir.remove();
    }
  });
});
