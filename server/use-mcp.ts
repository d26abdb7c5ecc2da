import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';
import type { Principal } from '../resolvers/principal.ts';
import { graphql } from '../schema/operations/gql.ts';
import { bearerToken, type Verifier } from './auth.ts';
import type { RunGraphQL } from './push-tools.ts';
import { readBounded } from './use-push-compat.ts';

// An MCP endpoint (Streamable HTTP, stateless) at /mcp for assistants (Session-Buddy, Mahavishnu):
// the caller's bearer JWT is verified as for GraphQL, and every tool call runs one GraphQL
// operation as that principal through the same envelop (permissions, scopes, cost, audit), so a
// tool can do exactly what the token may do over GraphQL, and a refusal comes back with the same
// code (FORBIDDEN, BAD_USER_INPUT…) as a tool error.

const SEARCH =
  graphql(`query McpSearch($v: Vector, $text: String, $systemIds: [String!], $projects: [String!],
  $tags: [String!], $from: DateTime, $to: DateTime, $minScore: Float, $limit: Int, $tiers: [Tier!],
  $mode: SearchMode, $alpha: Float) {
  search(nearVector: $v, query: $text, systemIds: $systemIds, projects: $projects, tags: $tags, from: $from,
    to: $to, minScore: $minScore, limit: $limit, tiers: $tiers, mode: $mode, alpha: $alpha) {
    partial
    hits { score tier systemId clientId memory { kind content timestamp metadata } }
  }
}`);
const MEMORY = graphql(`query McpMemory($s: String!, $id: String!) {
  memory(systemId: $s, id: $id) { id systemId clientId kind content timestamp metadata }
}`);
const INGEST = graphql(`mutation McpIngest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }
}`);
const SYSTEMS = graphql(`query McpSystems { systems { id memoryCount lastUploadAt } }`);
const START = graphql(`mutation McpStartMigration($input: StartMigrationInput) {
  startMigration(input: $input) { id status recordsTotal recordsDone }
}`);
const JOB = graphql(`query McpMigrationJob($id: ID!) {
  migrationJob(id: $id) { id status recordsTotal recordsDone error }
}`);

const strings = z.array(z.string()).optional();
const FILTERS = {
  systemIds: strings.describe('Only these systems.'),
  projects: strings.describe('Only memories whose metadata.project is one of these.'),
  tags: strings.describe('Only memories with one of these metadata.tags.'),
  from: z.string().optional().describe('RFC 3339: not before.'),
  to: z.string().optional().describe('RFC 3339: not after.'),
};

type ToolAnswer = {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

/** A tool's answer: the operation's data, or its errors (message and code) as a tool error. */
async function answer(run: RunGraphQL, doc: { toString(): string }, variables: Record<string, unknown>) {
  const r = await run(doc, variables);
  if (r.errors?.length) {
    const errors = r.errors.map((e) => ({
      message: e.message,
      code: (e as { extensions?: { code?: string } }).extensions?.code ?? null,
    }));
    return { content: [{ type: 'text', text: JSON.stringify({ errors }) }], isError: true } as ToolAnswer;
  }
  const data = r.data ?? {};
  return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data } as ToolAnswer;
}

export function createMcpServer(run: RunGraphQL, version: string): McpServer {
  const server = new McpServer({ name: 'akosha', version });
  server.registerTool(
    'search',
    {
      description:
        'Search the memories of Session-Buddy installations: by meaning (VECTOR: a 384-dim vector, or text embedded by the server), by words (KEYWORD: BM25; "quoted phrases", prefix*), or both (HYBRID), with filters. Returns hits with score, tier and the memory.',
      inputSchema: {
        text: z.string().optional().describe('Search by text (embedded by the server).'),
        vector: z.array(z.number()).optional().describe('Search by this embedding instead of text.'),
        mode: z
          .enum(['VECTOR', 'KEYWORD', 'HYBRID'])
          .optional()
          .describe('VECTOR (default), KEYWORD (words in text) or HYBRID (both, weighed by alpha).'),
        alpha: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe('HYBRID: the vector side’s weight (default 0.75).'),
        ...FILTERS,
        minScore: z.number().optional(),
        limit: z.number().int().optional().describe('Hits to return (default 10).'),
        tiers: z
          .array(z.enum(['HOT', 'WARM', 'COLD']))
          .optional()
          .describe('Default HOT and WARM.'),
      },
    },
    (a) => answer(run, SEARCH, { ...a, v: a.vector, text: a.text }),
  );
  server.registerTool(
    'get_memory',
    {
      description: 'One memory by its system and id.',
      inputSchema: { systemId: z.string(), id: z.string() },
    },
    (a) => answer(run, MEMORY, { s: a.systemId, id: a.id }),
  );
  server.registerTool(
    'ingest_memories',
    {
      description:
        'Stores memories (at most AKOSHA_MAX_BATCH_SIZE): each with id, systemId, content, a 384-float embedding (or base64 float32), timestamp; re-sending one counts as a duplicate.',
      inputSchema: {
        memories: z.array(
          z.object({
            id: z.string(),
            systemId: z.string(),
            kind: z.enum(['CONVERSATION', 'REFLECTION']).optional(),
            content: z.string(),
            embedding: z.union([z.array(z.number()), z.string()]),
            timestamp: z.string(),
            metadata: z.record(z.string(), z.unknown()).optional(),
          }),
        ),
      },
    },
    (a) =>
      answer(run, INGEST, {
        input: a.memories.map((m) => ({ ...m, kind: m.kind ?? 'CONVERSATION', metadata: m.metadata ?? {} })),
      }),
  );
  server.registerTool(
    'list_systems',
    { description: 'Every system with stored memories, with counts.', inputSchema: {} },
    () => answer(run, SYSTEMS, {}),
  );
  server.registerTool(
    'start_migration',
    {
      description: 'Starts aging (hot → warm → cold) of what is due, or returns the job already running.',
      inputSchema: {
        move: z.enum(['ALL', 'HOT_TO_WARM', 'WARM_TO_COLD']).optional(),
        olderThanDays: z.number().int().optional(),
        systemIds: strings,
        dryRun: z.boolean().optional(),
      },
    },
    (a) => answer(run, START, { input: a }),
  );
  server.registerTool(
    'migration_status',
    { description: 'A migration job: status and records moved.', inputSchema: { jobId: z.string() } },
    (a) => answer(run, JOB, { id: a.jobId }),
  );
  return server;
}

/** /mcp: verifies the bearer token, then answers the JSON-RPC request with a server for this caller. */
export function useMcp(opts: {
  verifier: Verifier;
  run: (principal: Principal) => RunGraphQL;
  maxBodyBytes: number;
  version: string;
}): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/mcp') return;
      const refuse = (status: number, code: number, message: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
            status,
            headers: { 'content-type': 'application/json', ...headers },
          }),
        );
      const auth = await opts.verifier.verify(bearerToken(request.headers.get('authorization')));
      if (!auth.principal) {
        refuse(401, -32001, `/mcp needs a valid bearer token: ${auth.problem ?? 'none was sent'}`, {
          'www-authenticate': 'Bearer',
        });
        return;
      }
      // Stateless: no session, no server-to-client stream; a POST carries one JSON-RPC message.
      if (request.method !== 'POST') {
        refuse(405, -32000, 'POST JSON-RPC messages to /mcp (this server keeps no sessions)', {
          allow: 'POST',
        });
        return;
      }
      const text = await readBounded(request, opts.maxBodyBytes);
      if (text === null) {
        refuse(413, -32600, `the request is over ${opts.maxBodyBytes} bytes`);
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        refuse(400, -32700, 'the body is not JSON');
        return;
      }
      const server = createMcpServer(opts.run(auth.principal), opts.version);
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      await server.connect(transport);
      try {
        endResponse(await transport.handleRequest(request, { parsedBody: body }));
      } finally {
        await server.close();
      }
    },
  };
}
