import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DuckDBInstance, LIST, listValue, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import { z } from 'zod';
import { micros } from '../common/engine.ts';
import { SerialQueue } from '../common/serial-queue.ts';

export type AuditEntry = {
  at: Date;
  principal: string;
  operation: string;
  fields: string[];
  outcome: 'ok' | 'error' | 'denied';
  errorCodes: string[];
  counts: Record<string, number>;
};

const row = z.object({
  recorded_at: z.date(),
  principal: z.string(),
  operation: z.string(),
  fields: z.array(z.string()),
  outcome: z.enum(['ok', 'error', 'denied']),
  error_codes: z.array(z.string()),
  counts: z.string(),
});

/** The audit trail of mutations, in its own DuckDB file under AKOSHA_META_PATH. */
export class AuditRepo {
  private readonly instance: DuckDBInstance;
  private readonly conn: Awaited<ReturnType<DuckDBInstance['connect']>>;
  private readonly queue = new SerialQueue();

  private constructor(instance: DuckDBInstance, conn: AuditRepo['conn']) {
    this.instance = instance;
    this.conn = conn;
  }

  static async open(metaPath: string): Promise<AuditRepo> {
    const dir = resolve(metaPath);
    await mkdir(dir, { recursive: true });
    const instance = await DuckDBInstance.create(join(dir, 'audit.duckdb'), { threads: '1' });
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE IF NOT EXISTS audit (
      recorded_at TIMESTAMP NOT NULL, principal VARCHAR NOT NULL, operation VARCHAR NOT NULL, fields VARCHAR[] NOT NULL,
      outcome VARCHAR NOT NULL, error_codes VARCHAR[] NOT NULL, counts JSON NOT NULL)`);
    return new AuditRepo(instance, conn);
  }

  record(e: AuditEntry): Promise<void> {
    return this.queue.run(async () => {
      await this.conn.run(
        'INSERT INTO audit VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          micros(e.at),
          e.principal,
          e.operation,
          listValue(e.fields),
          e.outcome,
          listValue(e.errorCodes),
          JSON.stringify(e.counts),
        ],
        [TIMESTAMP, VARCHAR, VARCHAR, LIST(VARCHAR), VARCHAR, LIST(VARCHAR), VARCHAR],
      );
    });
  }

  async list(filter: { principal?: string | null; limit: number }): Promise<AuditEntry[]> {
    await this.queue.idle();
    const result = await this.conn.runAndReadAll(
      `SELECT * FROM audit WHERE $1::VARCHAR IS NULL OR principal = $1 ORDER BY recorded_at DESC LIMIT $2`,
      [filter.principal ?? null, filter.limit],
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = row.parse(raw);
      return {
        at: r.recorded_at,
        principal: r.principal,
        operation: r.operation,
        fields: r.fields,
        outcome: r.outcome,
        errorCodes: r.error_codes,
        counts: z.record(z.string(), z.number()).parse(JSON.parse(r.counts)),
      };
    });
  }

  async close(): Promise<void> {
    await this.queue.idle();
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
