import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const run = promisify(execFile);
const GENERATOR = fileURLToPath(new URL('./session-buddy/make-fixture.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type Fixture = {
  dir: string;
  reflection: string;
  knowledgeGraph: string;
  manifest: {
    upload_id: string;
    system_id: string;
    files: { name: string; path: string; compression: string }[];
  };
  bucket: string;
};

/** Runs Session-Buddy's fixture generator (from the project root, so it finds @duckdb/node-api). */
export async function makeFixture(
  dir: string,
  opts: {
    n?: number;
    seed?: number;
    tz?: string;
    kg?: boolean;
    compression?: 'gzip' | 'none';
    systemId?: string;
    now?: string;
  },
): Promise<Fixture> {
  const reflection = join(dir, 'reflection.duckdb');
  const args = [GENERATOR, reflection, String(opts.n ?? 120), '--seed', String(opts.seed ?? 1)];
  if (opts.kg) args.push('--with-kg');
  if (opts.tz) args.push('--tz', opts.tz);
  if (opts.compression) args.push('--compression', opts.compression);
  if (opts.systemId) args.push('--system-id', opts.systemId);
  args.push('--now', opts.now ?? '2026-11-20T12:00:00Z');
  await run(process.execPath, args, { cwd: ROOT });
  return {
    dir,
    reflection,
    knowledgeGraph: join(dir, 'knowledge_graph.duckdb'),
    manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')),
    bucket: join(dir, 'bucket'),
  };
}

/** Reads a fixture database directly (read-only), as ground truth for the tests. */
export async function queryFile(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
