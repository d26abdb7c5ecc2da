import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';

export type OpsOptions = {
  /**
   * Why this process is not ready (empty when it is); an api pod also says which shards it
   * reaches (it stays ready while any store answers: the others' shards are partial, not down).
   */
  ready: () => Promise<{ problems: string[]; shards?: { reachable: string[]; unreachable: string[] } }>;
  /** Undefined when AKOSHA_METRICS_ENABLED is false. */
  metrics?: { registry: Registry; refresh: () => Promise<void>; token?: string | undefined } | undefined;
  version: string;
};

/**
 * /health (the process is up), /ready (it listens and every shard and the metadata database
 * answer; 503 with the reasons otherwise) and /metrics (Prometheus text).
 */
export function useOpsEndpoints(opts: OpsOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const json = (status: number, body: unknown) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      if (url.pathname === '/health') {
        json(200, { status: 'ok', version: opts.version });
      } else if (url.pathname === '/ready') {
        const { problems, shards } = await opts.ready();
        json(
          problems.length === 0 ? 200 : 503,
          problems.length === 0
            ? { ready: true, ...(shards && { shards }) }
            : { ready: false, problems, ...(shards && { shards }) },
        );
      } else if (url.pathname === '/metrics' && opts.metrics) {
        if (opts.metrics.token && !sameToken(request.headers.get('authorization'), opts.metrics.token)) {
          json(401, {
            error: 'UNAUTHENTICATED',
            message: '/metrics needs the AKOSHA_METRICS_TOKEN bearer token',
          });
          return;
        }
        await opts.metrics.refresh();
        endResponse(
          new fetchAPI.Response(await opts.metrics.registry.metrics(), {
            headers: { 'content-type': opts.metrics.registry.contentType },
          }),
        );
      }
    },
  };
}

export function sameToken(header: string | null, token: string): boolean {
  const sent = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}
