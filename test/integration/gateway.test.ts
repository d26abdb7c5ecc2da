import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../deploy/local/redis.ts';
import { schema } from '../../schema/index.ts';
import { type Listening, listen } from '../../server/app.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { NOTES_SDL, startNotesSubgraph } from '../support/notes-subgraph.ts';
import { waitFor } from '../support/process.ts';
import { createVectorSource } from '../support/vectors.ts';

// @graphql-hive/gateway as a real process in front of Akosha and a second subgraph (notes), from a
// supergraph composed of both: joins in each direction, a search, a mutation, a subscription, an
// upload, and a FORBIDDEN passed through. The gateway forwards the caller's Authorization header.

const root = fileURLToPath(new URL('../../', import.meta.url));
const GATEWAY_BIN = join(root, 'node_modules/@graphql-hive/gateway/dist/bin.js');
const source = createVectorSource(53);
// biome-ignore lint/suspicious/noExplicitAny: responses are inspected field by field
type Data = any;

describe('behind @graphql-hive/gateway', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let akosha: Listening;
  let notes: Awaited<ReturnType<typeof startNotesSubgraph>>;
  let gateway: ChildProcess;
  let gatewayUrl = '';
  let output = '';
  // Under node_modules, so the config file resolves @graphql-hive/gateway.
  const dir = (() => {
    const parent = join(root, 'node_modules/.cache');
    mkdirSync(parent, { recursive: true });
    return mkdtempSync(join(parent, 'akosha-gateway-'));
  })();
  let admin = '';
  let viewer = '';
  const laptopVector = source.next();

  beforeAll(async () => {
    app = await startTestApp();
    akosha = await listen(app.akosha, '127.0.0.1', 0);
    admin = await app.token('admin');
    viewer = await app.token('viewer');
    await app.gql(INGEST, {
      input: [
        {
          id: 'm-1',
          systemId: 'laptop-a',
          kind: 'CONVERSATION',
          content: 'the laptop memory',
          embedding: laptopVector,
          timestamp: '2026-11-20T10:00:00Z',
        },
      ],
    });
    notes = await startNotesSubgraph([
      { id: 'n-1', text: 'about the laptop', systemId: 'laptop-a', clientId: 'm-1' },
      { id: 'n-2', text: 'about the system', systemId: 'laptop-a', clientId: null },
    ]);
    const composed = composeServices([
      { name: 'akosha', typeDefs: parse(printSubgraphSchema(schema)), url: akosha.url },
      { name: 'notes', typeDefs: parse(NOTES_SDL), url: notes.url },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl ?? '');
    writeFileSync(
      join(dir, 'gateway.config.ts'),
      `import { defineConfig } from '@graphql-hive/gateway';
export const gatewayConfig = defineConfig({
  supergraph: './supergraph.graphql',
  // Uploads (uploadSystemSnapshot) are GraphQL multipart requests: off by default in the gateway.
  multipart: true,
  // Akosha authorises every field by the caller's bearer token: the gateway passes it on.
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? '' }),
  },
});
`,
    );
    const port = await freePort();
    gateway = spawn(
      process.execPath,
      [GATEWAY_BIN, 'supergraph', '--host', '127.0.0.1', '--port', String(port)],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_ENV: 'test' },
      },
    );
    gateway.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    gateway.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    await waitFor(
      `the gateway on ${gatewayUrl}`,
      async () => {
        if (gateway.exitCode !== null) throw new Error(`gateway exited:\n${output}`);
        const r = await fetch(`http://127.0.0.1:${port}/healthcheck`).catch(() => null);
        return r?.ok ? true : undefined;
      },
      60_000,
    );
  }, 120_000);

  afterAll(async () => {
    if (gateway && gateway.exitCode === null) {
      const exited = new Promise((r) => gateway.once('exit', r));
      gateway.kill('SIGTERM');
      await exited;
    }
    await notes?.stop();
    await akosha?.stop();
    await app?.akosha.close();
    app?.dir.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(query: string, variables: Record<string, unknown> = {}, token = admin) {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as {
      data?: Data;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  }

  it('joins Akosha’s systems to the notes subgraph, and notes to Akosha’s memories and systems', async () => {
    const fromAkosha = await post('{ systems { id memoryCount notes { text } } }');
    expect(fromAkosha.errors).toBeUndefined();
    expect(fromAkosha.data.systems).toEqual([
      { id: 'laptop-a', memoryCount: 1, notes: [{ text: 'about the laptop' }, { text: 'about the system' }] },
    ]);
    const fromNotes = await post(
      '{ notes(systemId: "laptop-a") { text memory { clientId content } system { memoryCount } } }',
    );
    expect(fromNotes.errors).toBeUndefined();
    expect(fromNotes.data.notes).toEqual([
      {
        text: 'about the laptop',
        memory: { clientId: 'm-1', content: 'the laptop memory' },
        system: { memoryCount: 1 },
      },
      { text: 'about the system', memory: null, system: { memoryCount: 1 } },
    ]);
  });

  it('searches, and a search hit’s memory joins its notes', async () => {
    const r = await post(
      'query($v: Vector!) { search(nearVector: $v, limit: 1) { hits { score clientId memory { content notes { text } } } } }',
      { v: laptopVector },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.search.hits[0]).toMatchObject({
      clientId: 'm-1',
      memory: { content: 'the laptop memory', notes: [{ text: 'about the laptop' }] },
    });
    expect(r.data.search.hits[0].score).toBeGreaterThan(0.999);
  });

  it('runs a mutation, and passes FORBIDDEN through for a viewer', async () => {
    const input = [
      {
        id: 'm-2',
        systemId: 'laptop-a',
        kind: 'REFLECTION',
        content: 'stored through the gateway',
        embedding: source.next(),
        timestamp: '2026-11-21T10:00:00Z',
      },
    ];
    const mutation = 'mutation($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }';
    const refused = await post(mutation, { input }, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stored = await post(mutation, { input });
    expect(stored.errors).toBeUndefined();
    expect(stored.data.ingestMemories.accepted).toBe(1);
  });

  it('carries a subscription: a migration’s progress to its final event', async () => {
    const started = await post(
      'mutation { startMigration(input: { move: HOT_TO_WARM, dryRun: true }) { id } }',
    );
    expect(started.errors).toBeUndefined();
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${admin}`,
      },
      body: JSON.stringify({
        query: 'subscription($id: ID!) { migrationProgress(jobId: $id) { seq state } }',
        variables: { id: started.data.startMigration.id },
      }),
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    const events = [...text.matchAll(/^data: (.+)$/gm)]
      .map((m) => JSON.parse(m[1] ?? '{}') as { data?: { migrationProgress: { state: string } } })
      .filter((e) => e.data);
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)?.data?.migrationProgress.state).toBe('DONE');
  });

  it('forwards an upload (GraphQL multipart) to Akosha', async () => {
    const rows = [0, 1, 2].map((i) =>
      JSON.stringify({
        id: `up-${i}`,
        content: `uploaded ${i}`,
        embedding: source.next(),
        timestamp: '2026-11-20T10:00:00Z',
      }),
    );
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({
        query:
          'mutation($file: Upload!) { uploadSystemSnapshot(systemId: "laptop-a", file: $file, timeZone: "UTC") { accepted } }',
        variables: { file: null },
      }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new Blob([`${rows.join('\n')}\n`]), 'memories.jsonl');
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: form,
    });
    const raw = await res.text();
    expect(raw, `status ${res.status}`).not.toBe('');
    const body = JSON.parse(raw) as {
      data?: { uploadSystemSnapshot: { accepted: number } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.uploadSystemSnapshot.accepted).toBe(3);
  });
});
