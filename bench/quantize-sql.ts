// node bench/quantize-sql.ts: the hot → warm quantization SQL on 110k random 384-float rows in an
// in-memory DuckDB: the statement of the move (`quantizeInput` + `quantizeSelect`: scale from one
// pass over |v|, codes by a cast to TINYINT, norm by list_dot_product) against the one before
// 2026-12-03 night (scale from list_max and list_min, codes by round() then the cast), and a check
// that both give codes at most 1 apart (a cast rounds halves to even, round() away from zero) and
// norms at most 0.2 apart (one code of 127 moved by 1 moves a norm of about 1400 by 0.09).
import { DuckDBInstance } from '@duckdb/node-api';
import { quantizeInput, quantizeSelect } from '../storage/shards/tier-layout.ts';

const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run(`CREATE TABLE h AS SELECT i AS id, 's' AS system_id, 'x' AS kind, '' AS content, '' AS content_hash,
  now()::TIMESTAMP AS ts, now()::TIMESTAMP AS uploaded_at, NULL::VARCHAR AS project, NULL::VARCHAR[] AS tags,
  '{}' AS metadata, list_transform(range(384), x -> (random() - 0.5)::FLOAT)::FLOAT[384] AS embedding,
  NULL::DOUBLE[] AS terms, NULL::VARCHAR AS embedding_model FROM range(110000) r(i)`);
const variants: Record<string, string> = {
  round: `SELECT h.id, ${quantizeSelect(384, 'NULL', 1)} FROM (SELECT *, list_transform(embedding::FLOAT[], lambda x: round(x / s)::TINYINT) AS q FROM (
    SELECT *, greatest(abs(list_max(embedding::FLOAT[])), abs(list_min(embedding::FLOAT[]))) / 127 AS s FROM h)) h`,
  now: `SELECT h.id, ${quantizeSelect(384, 'NULL', 1)} FROM ${quantizeInput('SELECT * FROM h')} h`,
};
for (let round = 0; round < 2; round++)
  for (const [name, sql] of Object.entries(variants)) {
    const started = performance.now();
    await c.run(`CREATE OR REPLACE TABLE out_${name} AS ${sql}`);
    process.stdout.write(`${name}: ${(performance.now() - started).toFixed(0)} ms\n`);
  }
const check = await c.runAndReadAll(`SELECT count(*)::INTEGER AS differ,
    count(*) FILTER (WHERE list_max(list_transform(range(1, 385), lambda i: abs(a.embedding_q[i] - b.embedding_q[i]))) > 1
      OR abs(a.norm - b.norm) > 0.2)::INTEGER AS apart
  FROM out_round a JOIN out_now b USING (id) WHERE a.embedding_q <> b.embedding_q OR a.norm <> b.norm`);
const { differ, apart } = check.getRowObjectsJS()[0] ?? {};
process.stdout.write(
  `rows whose codes differ (a half rounded the other way): ${differ}; more than 1 apart: ${apart}\n`,
);
