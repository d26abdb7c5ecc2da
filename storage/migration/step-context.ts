import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { Shard } from '../shards/shard.ts';
import type { Tier } from '../shards/tier-layout.ts';
import type { Failpoint } from './failpoint.ts';
import type { Phase, Step } from './ledger.ts';

/** What a move's step needs from the job runner. */
export type StepContext = {
  /** A connection of the runner's own, for reads and cross-tier statements. */
  conn: DuckDBConnection;
  dimension: number;
  tmpDir: string;
  /** Records that the step reached `phase` (in the ledger first), then reports progress. */
  advance(
    step: Step,
    phase: Phase,
    extra?: { rows?: number; objectKey?: string; checksum?: string },
  ): Promise<void>;
  failpoint: Failpoint;
  addBytes(n: number): void;
  /** Seqs of the rows a step deleted from a hot or warm shard (set when an index needs them). */
  onRowsDeleted?: ((tier: Tier, shard: number, seqs: number[]) => void) | undefined;
};

/**
 * Runs `DELETE FROM <shard's table> WHERE <where>` on a connection in the shard's transaction and
 * returns the deleted rows' seqs when an index needs them (RETURNING costs about a quarter of a
 * hot → warm step); the caller tells `ctx.onRowsDeleted` once the transaction committed.
 */
export async function deleteRows(
  ctx: StepContext,
  conn: DuckDBConnection,
  shard: Shard,
  where: string,
  values?: DuckDBValue[],
  types?: DuckDBType[],
): Promise<number[]> {
  const returning = ctx.onRowsDeleted ? 'RETURNING seq::DOUBLE AS seq' : '';
  const r = await conn.runAndReadAll(`DELETE FROM ${shard.table} WHERE ${where} ${returning}`, values, types);
  return returning ? ((r.getColumnsJS()[0] as number[] | undefined) ?? []) : [];
}
