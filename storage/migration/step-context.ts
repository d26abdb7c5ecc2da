import type { DuckDBConnection } from '@duckdb/node-api';
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
  /** Seqs of the rows a hot → warm step deleted from a hot shard (set when an index needs them). */
  onHotRowsDeleted?: ((shard: number, seqs: number[]) => void) | undefined;
};
