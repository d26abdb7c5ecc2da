import type { Akosha } from '../../server/app.ts';

/** One JSON-RPC tools/call to the HTTP push endpoint, as Session-Buddy sends it. */
export async function pushTool(
  akosha: Akosha,
  token: string,
  name: string,
  args: Record<string, unknown>,
): Promise<{ result?: Record<string, unknown>; error?: { code: number; message: string } }> {
  const res = await akosha.yoga.fetch(`http://akosha.test/push/${token}/mcp/mcp/v1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
  });
  return (await res.json()) as {
    result?: Record<string, unknown>;
    error?: { code: number; message: string };
  };
}
