// node bench/quantize-sql.ts: the hot → warm quantization SQL on 110k random 384-float rows in an
// in-memory DuckDB: the statement of the move (`quantizeInput` + `quantizeSelect`: scale from
// list_max/list_min, codes once, norm by list_dot_product) against the earlier one (codes and their
// squares each computed by a lambda), and a check that both give the same codes and norms.
import { DuckDBInstance } from '@duckdb/node-api';
import { quantizeInput, quantizeSelect } from '../storage/shards/tier-layout.ts';

const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run(`CREATE TABLE h AS SELECT i AS id, 's' AS system_id, 'x' AS kind, '' AS content, '' AS content_hash,
  now()::TIMESTAMP AS ts, now()::TIMESTAMP AS uploaded_at, NULL::VARCHAR AS project, NULL::VARCHAR[] AS tags,
  '{}' AS metadata, list_transform(range(384), x -> (random() - 0.5)::FLOAT)::FLOAT[384] AS embedding,
  NULL::DOUBLE[] AS terms, NULL::VARCHAR AS embedding_model FROM range(110000) r(i)`);
const variants: Record<string, string> = {
  earlier: `SELECT h.id, list_transform(h.embedding::FLOAT[], lambda x: round(x / h.s)::TINYINT)::TINYINT[384] AS embedding_q,
    sqrt(list_sum(list_transform(h.embedding::FLOAT[], lambda x: round(x / h.s) * round(x / h.s))))::FLOAT AS norm
    FROM (SELECT *, list_max(list_transform(embedding::FLOAT[], lambda x: abs(x))) / 127 AS s FROM h) h`,
  now: `SELECT h.id, ${quantizeSelect(384, 'NULL', 1)} FROM ${quantizeInput('SELECT * FROM h')} h`,
};
for (let round = 0; round < 2; round++)
  for (const [name, sql] of Object.entries(variants)) {
    const started = performance.now();
    await c.run(`CREATE OR REPLACE TABLE out_${name} AS ${sql}`);
    process.stdout.write(`${name}: ${(performance.now() - started).toFixed(0)} ms\n`);
  }
const check =
  await c.runAndReadAll(`SELECT count(*)::INTEGER AS differ FROM out_earlier a JOIN out_now b USING (id)
  WHERE a.embedding_q <> b.embedding_q OR abs(a.norm - b.norm) > 1e-4`);
process.stdout.write(
  `rows whose codes or norm differ: ${JSON.stringify(check.getRowObjectsJS()[0]?.differ)}\n`,
);
