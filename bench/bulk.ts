// The bulk path of `npm run bench`: memories of one system written to a Parquet file (the shape
// uploadSystemSnapshot reads: id, kind, content, embedding, timestamp, metadata) and uploaded
// through the GraphQL multipart mutation; the rate is memories stored per second of the request.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARRAY,
  DuckDBArrayValue,
  type DuckDBArrayVector,
  DuckDBDataChunk,
  DuckDBInstance,
  FLOAT,
  VARCHAR,
} from '@duckdb/node-api';
import { graphql } from '../schema/operations/gql.ts';
import { contentOf } from './keyword.ts';
import { type Client, DIM } from './lib.ts';

const UPLOAD = graphql(`mutation BenchUpload($systemId: String!, $file: Upload!) {
  uploadSystemSnapshot(systemId: $systemId, file: $file) { accepted rejected }
}`);

/**
 * Writes the vectors as a Parquet snapshot of memories (`${prefix}${i}`) and returns its path. Row
 * groups of 10k memories: the upload reader holds one at a time under AKOSHA_UPLOAD_READER_MEMORY
 * (256 MB by default), and DuckDB's default (122,880 rows, 190 MB of embeddings) does not fit it.
 */
export async function snapshotParquet(
  dir: string,
  vectors: readonly Float32Array[],
  prefix: string,
): Promise<string> {
  const file = join(dir, `${prefix}snapshot.parquet`);
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(
      `CREATE TABLE m (id VARCHAR, kind VARCHAR, content VARCHAR, embedding FLOAT[${DIM}], "timestamp" VARCHAR, metadata VARCHAR)`,
    );
    const appender = await conn.createAppender('m');
    const when = new Date(Date.now() - 200 * 86_400_000).toISOString();
    for (let start = 0; start < vectors.length; start += 2048) {
      const rows = vectors.slice(start, start + 2048);
      const chunk = DuckDBDataChunk.create(
        [VARCHAR, VARCHAR, VARCHAR, ARRAY(FLOAT, DIM), VARCHAR, VARCHAR],
        rows.length,
      );
      chunk.setColumnValues(
        0,
        rows.map((_, i) => `${prefix}${start + i}`),
      );
      chunk.setColumnValues(
        1,
        rows.map(() => 'CONVERSATION'),
      );
      chunk.setColumnValues(
        2,
        rows.map((_, i) => contentOf(start + i)),
      );
      const embeddings = chunk.getColumnVector(3) as DuckDBArrayVector;
      rows.forEach((v, i) => {
        embeddings.setItem(i, new DuckDBArrayValue(v as unknown as number[]));
      });
      embeddings.flush();
      chunk.setColumnValues(
        4,
        rows.map(() => when),
      );
      chunk.setColumnValues(
        5,
        rows.map((_, i) => JSON.stringify({ project: `p${(start + i) % 5}` })),
      );
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
    await conn.run(
      `COPY (SELECT id, kind, content, embedding, "timestamp"::TIMESTAMPTZ AS "timestamp", metadata FROM m) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 10000)`,
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return file;
}

/** Uploads the file for one system; memories stored per second of the request. */
export async function uploadRate(
  server: Client,
  systemId: string,
  file: string,
  expected: number,
): Promise<number> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: String(UPLOAD), variables: { systemId, file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([readFileSync(file)]), 'snapshot.parquet');
  const started = performance.now();
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}` },
    body: form,
  });
  const json = (await res.json()) as {
    errors?: unknown[];
    data?: { uploadSystemSnapshot: { accepted: number; rejected: number } };
  };
  const seconds = (performance.now() - started) / 1000;
  rmSync(file, { force: true });
  const accepted = json.data?.uploadSystemSnapshot.accepted;
  if (json.errors || accepted !== expected)
    throw new Error(`upload stored ${accepted} of ${expected}: ${JSON.stringify(json.errors ?? json.data)}`);
  return expected / seconds;
}
