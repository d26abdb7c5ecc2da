import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, SCALARS } from '../../schema/client-codegen.ts';
import { graphql } from '../../schema/operations/gql.ts';
import type { CodegenMemoryQuery, TypedDocumentString } from '../../schema/operations/graphql.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

const MEMORY = graphql(`query CodegenMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) { clientId systemId timestamp metadata embedding }
}`);

const PROBE = `query Probe($v: Vector!, $from: DateTime) {
  search(nearVector: $v, from: $from) { hits { memory { timestamp metadata embedding } } }
}`;

async function generated(config: ReturnType<typeof clientConfig>): Promise<string> {
  const files = await generate(config, false);
  return files.map((f: { content: string }) => f.content).join('\n');
}

describe('typed documents (codegen.ts, GraphQL Code Generator client preset)', () => {
  it('generate for a strictScalars consumer: every custom scalar is mapped', async () => {
    const text = await generated(clientConfig([PROBE], '/tmp/akosha-codegen-probe/'));
    // Inputs as a client sends them, outputs as it reads them.
    expect(text).toMatch(
      /export type ProbeQueryVariables = Exact<\{\s*v: number\[\] \| string;\s*from\?: string/,
    );
    expect(text).toContain(
      'export type ProbeQuery = { search: { hits: Array<{ memory: { timestamp: string, metadata: Record<string, unknown>, embedding: number[] | null } | null }> } };',
    );
  });

  it('fail under strictScalars when a scalar is left unmapped', async () => {
    for (const scalar of Object.keys(SCALARS)) {
      const config = clientConfig([PROBE], '/tmp/akosha-codegen-probe/');
      const target = Object.values(config.generates)[0] as { config: { scalars: Record<string, unknown> } };
      const { [scalar]: _dropped, ...rest } = target.config.scalars;
      target.config.scalars = rest;
      await expect(generated(config), scalar).rejects.toThrow(new RegExp(`Unknown scalar type ${scalar}`));
    }
  });
});

describe('a typed document against the server', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  /** What a client typed by the generated documents does: send the text, read the typed result. */
  async function run<R, V>(doc: TypedDocumentString<R, V>, variables: V): Promise<R> {
    const r = await app.gql(doc, variables as Record<string, unknown>);
    expect(r.errors).toBeUndefined();
    return r.data as R;
  }

  it('returns values of the types the generated result type names', async () => {
    const embedding = createVectorSource(5).next();
    const ingested = await run(INGEST, {
      input: [
        {
          id: 'typed-1',
          systemId: 'typed-sys',
          kind: 'REFLECTION',
          content: 'typed',
          embedding,
          timestamp: '2026-11-30T10:00:00Z',
          metadata: { project: 'p' },
        },
      ],
    });
    expect(ingested.ingestMemories.accepted).toBe(1);
    const data: CodegenMemoryQuery = await run(MEMORY, { s: 'typed-sys', id: 'typed-1' });
    const m = data.memory;
    if (!m) throw new Error('memory not found');
    // DateTime → string, JSONObject → Record<string, unknown>, Vector → number[]: checked by
    // the type checker through these declarations, and at run time below.
    const timestamp: string = m.timestamp;
    const metadata: Record<string, unknown> = m.metadata;
    const vector: number[] | null = m.embedding;
    expect(timestamp).toBe('2026-11-30T10:00:00.000Z');
    expect(metadata).toEqual({ project: 'p' });
    expect(vector).toHaveLength(384);
    expect(vector?.[0]).toBeCloseTo(embedding[0] ?? Number.NaN, 6);
  });
});
