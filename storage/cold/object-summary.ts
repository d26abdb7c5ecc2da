import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';

/** Row count, identity checksum and time range of memory rows (a warm slice or a Parquet object). */
export type RowSummary = { n: number; sum: string | null; min_ts: Date | null; max_ts: Date | null };

const SUMMARY = `count(*)::DOUBLE AS n, sum(hash(system_id || chr(0) || id || chr(0) || content_hash))::VARCHAR AS sum,
  min(ts) AS min_ts, max(ts) AS max_ts`;
const summaryRow = z.object({
  n: z.number(),
  sum: z.string().nullable(),
  min_ts: z.date().nullable(),
  max_ts: z.date().nullable(),
});

/**
 * The checksum is sum(hash(system_id, id, content_hash)) as text: the same over the same rows in
 * any order and any tier, so a copy is verified by comparing two summaries.
 */
export async function summarize(conn: DuckDBConnection, source: string): Promise<RowSummary> {
  const r = await conn.runAndReadAll(`SELECT ${SUMMARY} FROM ${source}`);
  return summaryRow.parse(r.getRowObjectsJS()[0]);
}

/** One summary per value of the column `by` of `source` (groups without rows are absent). */
export async function summarizeEach(
  conn: DuckDBConnection,
  source: string,
  by: string,
): Promise<Map<string, RowSummary>> {
  const r = await conn.runAndReadAll(`SELECT ${by}::VARCHAR AS name, ${SUMMARY} FROM ${source} GROUP BY ALL`);
  return new Map(
    r.getRowObjectsJS().map((raw) => [z.string().parse(raw.name), summaryRow.parse(raw)] as const),
  );
}

const OBJECT_KEY = /^memories\/([A-Za-z0-9_-]{1,100})\/(\d{4})\/(\d{2})\/(\d{2})\/part-(.+)-(\d+)\.parquet$/;

/** System, day and job of a cold object, read from its key (warm-to-cold.ts writes them there). */
export function parseObjectKey(key: string): { systemId: string; day: string; jobId: string } | null {
  const m = OBJECT_KEY.exec(key);
  if (!m) return null;
  const [, systemId = '', y, mo, d, jobId = ''] = m;
  return { systemId, day: `${y}-${mo}-${d}`, jobId };
}
