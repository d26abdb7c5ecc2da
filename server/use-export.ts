import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Plugin } from 'graphql-yoga';
import { AkoshaError } from '../resolvers/errors.ts';
import { exportJsonLines } from '../resolvers/export.ts';
import { scopeOf } from '../resolvers/scope.ts';
import { jsonLinesToParquet } from '../storage/common/parquet-export.ts';
import { bearerToken, type Verifier } from './auth.ts';
import type { AppDeps } from './context.ts';

/**
 * GET /export/<systemId>.jsonl (or .parquet) with a bearer token that may `query:search` that system: its
 * memories of every tier as JSON Lines, streamed (upload the file to import them elsewhere);
 * `?from=&to=&project=&tag=&id=` narrow it.
 */
export function useExport(deps: { app: AppDeps; verifier: Verifier }): Plugin {
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      const match = /^\/export\/([^/]+)\.(jsonl|parquet)$/.exec(url.pathname);
      if (!match || request.method !== 'GET') return;
      const fail = (status: number, code: string, message: string) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      const auth = await deps.verifier.verify(bearerToken(request.headers.get('authorization')));
      if (!auth.principal)
        return fail(401, 'UNAUTHENTICATED', `export needs a valid token: ${auth.problem ?? 'none was sent'}`);
      if (!auth.principal.permissions.has('query:search'))
        return fail(403, 'FORBIDDEN', 'export needs the query:search permission');
      const lines = exportJsonLines(
        deps.app,
        decodeURIComponent(match[1] ?? ''),
        scopeOf(auth.principal),
        url.searchParams,
      );
      // The first page decides the status: a refusal before any byte is sent is a coded error.
      let first: IteratorResult<string>;
      try {
        first = await lines.next();
      } catch (err) {
        if (err instanceof AkoshaError) return fail(err.httpStatus, err.code, err.message);
        throw err;
      }
      if (match[2] === 'parquet') {
        // Parquet is written whole (its footer comes last), through a private temporary folder.
        const dir = await mkdtemp(join(tmpdir(), 'akosha-export-'));
        try {
          const jsonl = join(dir, 'export.jsonl');
          const parquet = join(dir, 'export.parquet');
          await writeFile(jsonl, first.done ? [] : [first.value]);
          for await (const chunk of lines) await writeFile(jsonl, chunk, { flag: 'a' });
          await jsonLinesToParquet(jsonl, parquet);
          const file = createReadStream(parquet);
          file.on('close', () => void rm(dir, { recursive: true, force: true }));
          return endResponse(
            new fetchAPI.Response(Readable.toWeb(file) as ReadableStream, {
              headers: { 'content-type': 'application/vnd.apache.parquet' },
            }),
          );
        } catch (err) {
          await rm(dir, { recursive: true, force: true });
          throw err;
        }
      }
      const encoder = new TextEncoder();
      const body = new fetchAPI.ReadableStream({
        async start(controller) {
          try {
            if (!first.done) controller.enqueue(encoder.encode(first.value));
            for await (const chunk of lines) controller.enqueue(encoder.encode(chunk));
            controller.close();
          } catch (err) {
            controller.error(err);
          }
        },
      });
      endResponse(new fetchAPI.Response(body, { headers: { 'content-type': 'application/x-ndjson' } }));
    },
  };
}
