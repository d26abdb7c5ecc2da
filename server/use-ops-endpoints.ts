import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';

export type OpsOptions = {
  ready: () => boolean;
  /** Undefined when AKOSHA_METRICS_ENABLED is false. */
  metrics?: { registry: Registry; refresh: () => Promise<void> } | undefined;
  version: string;
};

/** /health (the process is up), /ready (the shards are open) and /metrics (Prometheus text). */
export function useOpsEndpoints(opts: OpsOptions): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
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
        json(opts.ready() ? 200 : 503, { ready: opts.ready() });
      } else if (url.pathname === '/metrics' && opts.metrics) {
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
