import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'graphql-yoga';

/**
 * The migration dashboard (/dashboard/migrations): a static page that asks for a token and
 * subscribes over graphql-ws from the browser. The graphql-ws browser build is served from
 * node_modules, so the page works offline.
 */
export function useDashboard(): Plugin {
  const page = readFileSync(new URL('./dashboard/migrations.html', import.meta.url), 'utf8');
  const wsDir = dirname(createRequire(import.meta.url).resolve('graphql-ws/package.json'));
  const client = readFileSync(join(wsDir, 'umd', 'graphql-ws.min.js'), 'utf8');
  const files: Record<string, { body: string; type: string }> = {
    '/dashboard/migrations': { body: page, type: 'text/html; charset=utf-8' },
    '/dashboard/vendor/graphql-ws.js': { body: client, type: 'text/javascript; charset=utf-8' },
  };
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      const file = files[url.pathname];
      if (!file || request.method !== 'GET') return;
      endResponse(new fetchAPI.Response(file.body, { headers: { 'content-type': file.type } }));
    },
  };
}
