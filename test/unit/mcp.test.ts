import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import type { Listening } from '../../server/app.ts';
import { startHttpApp } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// The official MCP SDK client against /mcp on a real HTTP server.

describe('the MCP endpoint', () => {
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  let http: Listening;
  const source = createVectorSource(9);
  const memories = Array.from({ length: 3 }, (_, i) => ({
    id: `mcp-${i}`,
    systemId: 'assistant-box',
    content: `memory ${i} told to an assistant`,
    embedding: source.next(),
    timestamp: '2026-11-30T10:00:00Z',
    metadata: { project: 'akosha' },
  }));
  const connect = async (role: 'admin' | 'viewer' | null) => {
    const token = role ? await app.token(role, `mcp-${role}`) : null;
    const client = new Client({ name: 'akosha-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(http.url.replace(/\/graphql$/, '/mcp')), {
      requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
    });
    await client.connect(transport);
    return client;
  };
  const json = (r: Awaited<ReturnType<Client['callTool']>>) =>
    JSON.parse((r.content as { type: string; text: string }[])[0]?.text ?? 'null');

  beforeAll(async () => {
    app = await startHttpApp();
    http = app.http;
  });
  afterAll(() => app.close());

  it('lists its tools, stores memories and finds them, with the caller’s permissions', async () => {
    const admin = await connect('admin');
    const { tools } = await admin.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'get_memory',
      'ingest_memories',
      'list_systems',
      'migration_status',
      'search',
      'start_migration',
    ]);
    const stored = await admin.callTool({ name: 'ingest_memories', arguments: { memories } });
    expect(stored.isError).toBeFalsy();
    expect(json(stored).ingestMemories).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const found = await admin.callTool({
      name: 'search',
      arguments: { vector: memories[1]?.embedding, systemIds: ['assistant-box'], limit: 2 },
    });
    const hits = json(found).search.hits;
    expect(hits[0]).toMatchObject({
      clientId: 'mcp-1',
      systemId: 'assistant-box',
      memory: { content: memories[1]?.content },
    });
    expect(hits[0].score).toBeGreaterThan(0.999);
    const byWords = await admin.callTool({
      name: 'search',
      arguments: { text: memories[2]?.content, mode: 'KEYWORD', limit: 1 },
    });
    expect(json(byWords).search.hits.map((h: { clientId: string }) => h.clientId)).toEqual(['mcp-2']);
    const one = await admin.callTool({
      name: 'get_memory',
      arguments: { systemId: 'assistant-box', id: 'mcp-2' },
    });
    expect(json(one).memory).toMatchObject({ clientId: 'mcp-2', content: memories[2]?.content });
    const systems = json(await admin.callTool({ name: 'list_systems', arguments: {} })).systems;
    expect(systems).toContainEqual(expect.objectContaining({ id: 'assistant-box', memoryCount: 3 }));
    const job = json(
      await admin.callTool({ name: 'start_migration', arguments: { dryRun: true } }),
    ).startMigration;
    const status = json(await admin.callTool({ name: 'migration_status', arguments: { jobId: job.id } }));
    expect(status.migrationJob.id).toBe(job.id);
    await admin.close();

    // A viewer may search but not ingest: the refusal is a tool error with the GraphQL code.
    const viewer = await connect('viewer');
    const refused = await viewer.callTool({
      name: 'ingest_memories',
      arguments: { memories: [{ ...memories[0], id: 'by-viewer' }] },
    });
    expect(refused.isError).toBe(true);
    expect(json(refused).errors[0].code).toBe('FORBIDDEN');
    const viewed = await viewer.callTool({ name: 'search', arguments: { text: 'assistant', limit: 1 } });
    expect(viewed.isError).toBeFalsy();
    await viewer.close();
    const byViewer = await app.gql(
      graphql(`query McpTestMemory { memory(systemId: "assistant-box", id: "by-viewer") { clientId } }`),
    );
    expect(byViewer.data.memory).toBeNull();

    // Every tool call is in the audit trail under the caller's name.
    const audit = (
      await app.gql(graphql(`query McpTestAudit { auditLog(limit: 50) { principal operation outcome } }`))
    ).data.auditLog as { principal: string; operation: string; outcome: string }[];
    expect(audit).toContainEqual({ principal: 'mcp-admin', operation: 'McpIngest', outcome: 'ok' });
    expect(audit).toContainEqual(
      expect.objectContaining({ principal: 'mcp-viewer', operation: 'McpIngest' }),
    );
  });

  it('refuses a caller without a valid token', async () => {
    await expect(connect(null)).rejects.toThrow(/401|bearer token/i);
    const res = await fetch(http.url.replace(/\/graphql$/, '/mcp'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /valid bearer token/,
    );
  });
});
