import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { type Listening, listen } from '../../server/app.ts';
import { startTestApp, tempDir } from '../support/app.ts';

// Uploads as bounded, cancellable jobs. Vectors are 8-dimensional here so files of 100k rows stay small.

type App = Awaited<ReturnType<typeof startTestApp>>;
const DIM = 8;
const UPLOAD = graphql(`mutation HardeningUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file) { format accepted rejected }
}`);
const SYSTEMS = graphql(`query HardeningUploadSystems { systems { id memoryCount } }`);

function jsonLines(n: number, content = (i: number) => `row ${i}`): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const embedding = Array.from({ length: DIM }, (_, j) => Math.sin(i + j + 1));
    lines.push(
      JSON.stringify({
        id: `r${i}`,
        kind: 'CONVERSATION',
        content: content(i),
        embedding,
        timestamp: '2026-11-20T10:00:00Z',
      }),
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function duckDbFile(path: string, sql: string[]): Promise<Buffer> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  for (const s of sql) await conn.run(s);
  conn.closeSync();
  instance.closeSync();
  return readFileSync(path);
}

function form(app: App, systemId: string, bytes: Uint8Array) {
  const body = new FormData();
  body.append('operations', JSON.stringify({ query: UPLOAD, variables: { systemId, file: null } }));
  body.append('map', JSON.stringify({ 0: ['variables.file'] }));
  body.append('0', new Blob([Buffer.from(bytes)]), 'upload.bin');
  return app.token('operator').then((token) => ({
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-graphql-yoga-csrf': '1' },
    body,
  }));
}

async function upload(app: App, systemId: string, bytes: Uint8Array) {
  const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', await form(app, systemId, bytes));
  const body = (await res.json()) as {
    data?: { uploadSystemSnapshot: { format: string; accepted: number } | null };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: res.status, data: body.data?.uploadSystemSnapshot ?? null, errors: body.errors };
}

describe('uploads as bounded, cancellable jobs', () => {
  const dir = tempDir();
  const scratch = join(dir.path, 'tmp');
  let app: App;
  let previousTmp: string | undefined;
  const stored = async (systemId: string) =>
    (await app.gql(SYSTEMS)).data.systems.find((s: { id: string }) => s.id === systemId)?.memoryCount ?? 0;
  const leftovers = () => readdirSync(scratch).filter((f) => f.startsWith('akosha-upload-'));
  const healthy = async () => {
    const started = performance.now();
    expect((await app.akosha.yoga.fetch('http://akosha.test/health')).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  };

  beforeAll(async () => {
    mkdirSync(scratch, { recursive: true });
    previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    app = await startTestApp({
      AKOSHA_EMBEDDING_DIMENSION: String(DIM),
      AKOSHA_MAX_UPLOAD_ROWS: '50000',
      AKOSHA_MAX_UPLOAD_BYTES: String(40 * 1024 * 1024),
      AKOSHA_MAX_REQUEST_BYTES: String(1024 * 1024),
    });
  });
  afterAll(async () => {
    await app.akosha.close();
    process.env.TMPDIR = previousTmp;
    app.dir.remove();
    dir.remove();
  });

  it('reads only plain tables: views over range(2e10) or duckdb_settings() and macros are refused at once', async () => {
    const cases: [string, string[], RegExp][] = [
      [
        'range-view',
        [
          `CREATE VIEW conversations_v2 AS SELECT i::VARCHAR AS id, 'x' AS content FROM range(20000000000) t(i)`,
        ],
        /no Session-Buddy memory or knowledge-graph tables/,
      ],
      [
        'settings-view',
        [`CREATE VIEW reflections_v2 AS SELECT name AS id, value AS content FROM duckdb_settings()`],
        /no Session-Buddy memory or knowledge-graph tables/,
      ],
      [
        'macro',
        [
          `CREATE TABLE conversations_v2 (id VARCHAR, content VARCHAR, embedding FLOAT[${DIM}], "timestamp" TIMESTAMP)`,
          `INSERT INTO conversations_v2 VALUES ('m1', 'hello', [1,2,3,4,5,6,7,8], '2026-11-20 10:00:00')`,
          `CREATE MACRO timezone(a, b) AS b`,
        ],
        /defines macros/,
      ],
    ];
    for (const [name, sql, why] of cases) {
      const started = performance.now();
      const r = await upload(app, `hostile-${name}`, await duckDbFile(join(dir.path, `${name}.duckdb`), sql));
      expect(r.errors?.[0]?.extensions?.code, name).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message, name).toMatch(why);
      expect(performance.now() - started, name).toBeLessThan(5000);
      expect(await stored(`hostile-${name}`)).toBe(0);
    }
    expect(leftovers()).toEqual([]);
    await healthy();
  });

  it('refuses a file over AKOSHA_MAX_UPLOAD_ROWS before storing any of it, in every format', async () => {
    const jsonl = await upload(app, 'too-many-jsonl', jsonLines(50_001));
    expect(jsonl.errors?.[0]?.message).toMatch(/holds 50001 rows; an upload may hold at most 50000/);
    const db = await duckDbFile(join(dir.path, 'many.duckdb'), [
      `CREATE TABLE conversations_v2 (id VARCHAR, content VARCHAR, embedding FLOAT[${DIM}], "timestamp" TIMESTAMP)`,
      `INSERT INTO conversations_v2 SELECT 'c' || i, 'x', [1,2,3,4,5,6,7,8]::FLOAT[${DIM}], TIMESTAMP '2026-11-20 10:00:00' FROM range(50001) t(i)`,
    ]);
    const duck = await upload(app, 'too-many-db', db);
    expect(duck.errors?.[0]?.message).toMatch(/holds 50001 rows/);
    expect(await stored('too-many-jsonl')).toBe(0);
    expect(await stored('too-many-db')).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('stops an upload at AKOSHA_INGESTION_TIMEOUT with a coded error, keeps what it stored, cleans up', async () => {
    const quick = await startTestApp({
      AKOSHA_EMBEDDING_DIMENSION: String(DIM),
      AKOSHA_INGESTION_TIMEOUT: '1',
    });
    try {
      const count = async () =>
        (await quick.gql(SYSTEMS)).data.systems.find((s: { id: string }) => s.id === 'slow')?.memoryCount ??
        0;
      // Far more than a second's work on any run (50k rows finished within 1 s in one CI run).
      const rows = 250_000;
      const r = await upload(quick, 'slow', jsonLines(rows));
      expect(r.status).toBe(504);
      expect(r.errors?.[0]?.extensions?.code).toBe('INGESTION_TIMEOUT');
      const kept = await count();
      expect(kept).toBeLessThan(rows);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await count()).toBe(kept);
      expect(leftovers()).toEqual([]);
      expect((await quick.akosha.yoga.fetch('http://akosha.test/health')).status).toBe(200);
    } finally {
      await quick.akosha.close();
      quick.dir.remove();
    }
  });

  it('stops an upload whose client went away', async () => {
    const http: Listening = await listen(app.akosha, '127.0.0.1', 0);
    try {
      const abort = new AbortController();
      const request = fetch(http.url, {
        ...(await form(app, 'gone', jsonLines(50_000))),
        signal: abort.signal,
      }).catch((e: unknown) => e);
      const until = Date.now() + 5000;
      while ((await stored('gone')) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      abort.abort();
      await request;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const kept = await stored('gone');
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(50_000);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(await stored('gone')).toBe(kept);
      expect(leftovers()).toEqual([]);
    } finally {
      await http.stop();
    }
  });

  it('accepts an upload above 25 MB up to AKOSHA_MAX_UPLOAD_BYTES, while other bodies keep their own limit', async () => {
    const big = jsonLines(300, (i) => `${i} ${'y'.repeat(110_000)}`);
    expect(big.length).toBeGreaterThan(30 * 1024 * 1024);
    const r = await upload(app, 'large-upload', big);
    expect(r.errors?.map((e) => e.message)).toBeUndefined();
    expect(r.data).toMatchObject({ format: 'JSON_LINES', accepted: 300 });
    const over = await upload(app, 'too-large', Buffer.alloc(42 * 1024 * 1024, 0x20));
    expect(over.status).toBe(413);
    expect(over.errors?.[0]?.extensions?.code).toBe('REQUEST_TOO_LARGE');
    const json = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.token('admin')}` },
      body: JSON.stringify({
        query: '{ health { status } }',
        variables: { pad: 'z'.repeat(2 * 1024 * 1024) },
      }),
    });
    expect(json.status).toBe(413);
    expect(
      ((await json.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('REQUEST_TOO_LARGE');
    await healthy();
  });
});
