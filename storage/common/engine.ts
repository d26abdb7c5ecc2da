import { type DuckDBConnection, DuckDBInstance, timestampValue } from '@duckdb/node-api';

export type EngineOptions = {
  checkpointThreshold: string;
  memoryLimit?: string | undefined;
  threads?: number | undefined;
  /** Where DuckDB spills when a query outgrows the memory limit (else .tmp in the working directory). */
  tempDirectory?: string | undefined;
};

/**
 * One in-memory DuckDB instance to which every shard file (hot and warm) and the metadata
 * database are attached: they share one thread pool and one memory limit, and aging copies
 * between tiers in SQL without the rows passing through JavaScript.
 */
export async function createEngine(opts: EngineOptions): Promise<DuckDBInstance> {
  const settings: Record<string, string> = { checkpoint_threshold: opts.checkpointThreshold };
  if (opts.memoryLimit) settings.memory_limit = opts.memoryLimit;
  if (opts.threads) settings.threads = String(opts.threads);
  if (opts.tempDirectory) settings.temp_directory = opts.tempDirectory;
  return DuckDBInstance.create(':memory:', settings);
}

/** ATTACH takes no bound parameters; paths come from operator configuration, quotes escaped. */
export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Runs `fn` in one transaction of `conn`: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const out = await fn();
    await conn.run('COMMIT');
    return out;
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** A JS date as a DuckDB TIMESTAMP parameter (microseconds). */
export const micros = (d: Date) => timestampValue(BigInt(d.getTime()) * 1000n);
