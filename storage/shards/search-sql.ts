import {
  ARRAY,
  arrayValue,
  DOUBLE,
  FLOAT,
  INTEGER,
  LIST,
  listValue,
  STRUCT,
  structValue,
  TIMESTAMP,
  VARCHAR,
} from '@duckdb/node-api';
import { z } from 'zod';
import { micros } from '../common/engine.ts';
import type { ShardHit, VectorQuery } from '../types.ts';

// Exact top-k for a whole batch of queries in one scan, shared by warm/hot shards and cold
// Parquet objects: the queries are one bound list of structs joined against the rows, each
// with its own filters, and max_by keeps each query's best k.

export const strings = (xs: readonly string[]) => listValue([...xs]);

export function boundQueries(queries: readonly VectorQuery[], dimension: number) {
  const type = LIST(
    STRUCT({
      qi: INTEGER,
      vec: ARRAY(FLOAT, dimension),
      min_score: DOUBLE,
      systems: LIST(VARCHAR),
      projects: LIST(VARCHAR),
      tags: LIST(VARCHAR),
      from_ts: TIMESTAMP,
      to_ts: TIMESTAMP,
    }),
  );
  const value = listValue(
    queries.map((q, qi) =>
      structValue({
        qi,
        vec: arrayValue(Array.from(q.vector)),
        min_score: q.minScore,
        systems: q.systemIds && strings(q.systemIds),
        projects: q.projects && strings(q.projects),
        tags: q.tags && strings(q.tags),
        from_ts: q.from && micros(q.from),
        to_ts: q.to && micros(q.to),
      }),
    ),
  );
  return { value, type };
}

const FILTERS = `(q.systems IS NULL OR list_contains(q.systems, m.system_id))
        AND (q.projects IS NULL OR list_contains(q.projects, m.project))
        AND (q.tags IS NULL OR list_has_any(q.tags, m.tags))
        AND (q.from_ts IS NULL OR m.ts >= q.from_ts)
        AND (q.to_ts IS NULL OR m.ts <= q.to_ts)`;

/** How many rows match each query's filters, in one scan ($1: the bound queries). */
export function countSql(source: string): string {
  return `
    WITH q AS (SELECT s.* FROM (SELECT unnest($1) AS s))
    SELECT q.qi, count(m.system_id)::DOUBLE AS n FROM q LEFT JOIN ${source} m ON ${FILTERS} GROUP BY q.qi`;
}

/**
 * `source` is a table or a table function; `score` an expression over m (row) and q (query);
 * `extra` an optional further condition on m (e.g. only rows the index has not seen yet).
 */
export function searchSql(
  source: string,
  score: string,
  queries: readonly VectorQuery[],
  extra = 'TRUE',
): string {
  const k = Math.max(...queries.map((q) => q.limit));
  // k is a checked integer; max_by needs a constant, so it is the one inlined value.
  if (!Number.isInteger(k) || k < 1) throw new Error('limit must be a positive integer');
  return `
    WITH q AS (SELECT s.* FROM (SELECT unnest($1) AS s)),
    scored AS (
      SELECT q.qi, q.min_score, m.system_id, m.id, ${score} AS score
      FROM q JOIN ${source} m ON ${FILTERS} AND ${extra}
    )
    SELECT qi, max_by({system_id: system_id, id: id, score: score}, score, ${k}) AS top
    FROM scored WHERE min_score IS NULL OR score >= min_score
    GROUP BY qi`;
}

const topRow = z.object({
  qi: z.number(),
  top: z.array(z.object({ system_id: z.string(), id: z.string(), score: z.number() })),
});

export function parseTop(
  rows: readonly Record<string, unknown>[],
  queries: readonly VectorQuery[],
): ShardHit[][] {
  const results: ShardHit[][] = queries.map(() => []);
  for (const raw of rows) {
    const row = topRow.parse(raw);
    const limit = queries[row.qi]?.limit ?? 0;
    results[row.qi] = row.top
      .slice(0, limit)
      .map((h) => ({ systemId: h.system_id, id: h.id, score: h.score }));
  }
  return results;
}

export const memoryRow = z.object({
  system_id: z.string(),
  id: z.string(),
  kind: z.enum(['CONVERSATION', 'REFLECTION']),
  content: z.string(),
  content_hash: z.string(),
  ts: z.date(),
  uploaded_at: z.date(),
  metadata: z.string(),
  embedding: z.array(z.number()).nullable(),
});

export const MEMORY_COLUMNS = 'system_id, id, kind, content, content_hash, ts, uploaded_at, metadata';
