import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';
import type { Principal } from '../resolvers/principal.ts';
import { createPushTools, type RunGraphQL } from './push-tools.ts';

const envelope = z.object({
  jsonrpc: z.literal('2.0').optional(),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  method: z.string(),
  params: z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()).optional() }).optional(),
});

/** The principal a push runs as: it may only upload, and only to the systems of its token. */
export function pushPrincipal(systems: readonly string[] | null): Principal {
  return { sub: 'session-buddy-push', roles: [], permissions: new Set(['ingest:upload']), systems };
}

const sameToken = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Session-Buddy's HTTP push, unchanged: off unless AKOSHA_PUSH_TOKEN is set; then the client's
 * base URL is http(s)://host/push/<token>/mcp and it calls {base}/mcp/v1 (also {base}/../mcp/v1)
 * and probes {base}/status. Anything else under /push, or a wrong token, is a plain 404.
 */
export function usePushCompat(opts: {
  /** Push tokens and the systems each may write (null: any system). */
  tokens: ReadonlyMap<string, readonly string[] | null>;
  maxBodyBytes: number;
  run: (principal: Principal) => RunGraphQL;
  zoneOf: (systemId: string) => string;
}): Plugin {
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith('/push/')) return;
      const json = (status: number, body: unknown) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      const [, , token = '', ...rest] = url.pathname.split('/');
      const path = `/${rest.join('/')}`;
      const match = [...opts.tokens].find(([t]) => sameToken(token, t));
      if (!match) return json(404, { error: 'not found' });
      if (request.method === 'GET' && (path === '/mcp/status' || path === '/status'))
        return json(200, { status: 'ok' });
      if (request.method !== 'POST' || (path !== '/mcp/mcp/v1' && path !== '/mcp/v1'))
        return json(404, { error: 'not found' });
      const text = await readBounded(request, opts.maxBodyBytes);
      if (text === null)
        return json(413, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'request too large' } });
      let parsed: z.infer<typeof envelope>;
      try {
        parsed = envelope.parse(JSON.parse(text));
      } catch {
        return json(400, {
          jsonrpc: '2.0',
          id: null,
          error: { code: -32700, message: 'not a JSON-RPC request' },
        });
      }
      const id = parsed.id ?? null;
      if (parsed.method !== 'tools/call' || !parsed.params) {
        return json(200, {
          jsonrpc: '2.0',
          id,
          error: { code: -32601, message: `unsupported method ${parsed.method}` },
        });
      }
      const tools = createPushTools(opts.run(pushPrincipal(match[1])), opts.zoneOf);
      // Own properties only: `constructor` or `toString` are not tools.
      const tool = Object.hasOwn(tools, parsed.params.name) ? tools[parsed.params.name] : undefined;
      if (!tool)
        return json(200, {
          jsonrpc: '2.0',
          id,
          error: { code: -32602, message: `unknown tool ${parsed.params.name}` },
        });
      try {
        const result = await tool(parsed.params.arguments ?? {});
        return json(200, { jsonrpc: '2.0', id, result });
      } catch (err) {
        // Transient: the client retries 5xx, and every tool is idempotent.
        return json(503, {
          jsonrpc: '2.0',
          id,
          error: { code: -32603, message: err instanceof Error ? err.message : 'failed' },
        });
      }
    },
  };
}

/**
 * The body as text, read chunk by chunk and abandoned once it passes `max` bytes (null then):
 * a huge body is never held in memory whole.
 */
export async function readBounded(request: Request, max: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > max) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
