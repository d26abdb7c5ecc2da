import { type DuckDBConnection, type DuckDBInstance, INTEGER, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import { z } from 'zod';
import { micros } from '../common/engine.ts';
import { SerialQueue } from '../common/serial-queue.ts';

// Which dropped uploads were ingested: one row per manifest key, so each upload is ingested once
// even across restarts, and a bad one stays quarantined with its reason instead of being retried.

export type UploadStatus = 'PENDING' | 'DONE' | 'QUARANTINED';
export type UploadRecord = {
  key: string;
  systemId: string | null;
  uploadId: string | null;
  status: UploadStatus;
  reason: string | null;
  accepted: number;
  duplicates: number;
  rejected: number;
  firstSeenAt: Date;
  updatedAt: Date;
};

const row = z.object({
  key: z.string(),
  system_id: z.string().nullable(),
  upload_id: z.string().nullable(),
  status: z.enum(['PENDING', 'DONE', 'QUARANTINED']),
  reason: z.string().nullable(),
  accepted: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  first_seen_at: z.date(),
  updated_at: z.date(),
});

export class UploadLedger {
  private readonly conn: DuckDBConnection;
  private readonly queue = new SerialQueue();

  private constructor(conn: DuckDBConnection) {
    this.conn = conn;
  }

  static async open(instance: DuckDBInstance): Promise<UploadLedger> {
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE IF NOT EXISTS meta.main.uploads (
      key VARCHAR PRIMARY KEY, system_id VARCHAR, upload_id VARCHAR, status VARCHAR NOT NULL, reason VARCHAR,
      accepted INTEGER NOT NULL, duplicates INTEGER NOT NULL, rejected INTEGER NOT NULL,
      first_seen_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`);
    return new UploadLedger(conn);
  }

  /** Records manifests not seen before as PENDING; returns how many were new. */
  discover(keys: readonly string[], now: Date): Promise<number> {
    return this.queue.run(async () => {
      let added = 0;
      for (const key of keys) {
        const r = await this.conn.run(
          `INSERT OR IGNORE INTO meta.main.uploads VALUES ($1, NULL, NULL, 'PENDING', NULL, 0, 0, 0, $2, $2)`,
          [key, micros(now)],
          [VARCHAR, TIMESTAMP],
        );
        added += Number(r.rowsChanged);
      }
      return added;
    });
  }

  finish(
    key: string,
    outcome: {
      status: 'DONE' | 'QUARANTINED';
      systemId?: string | null;
      uploadId?: string | null;
      reason?: string | null;
      accepted?: number;
      duplicates?: number;
      rejected?: number;
    },
    now: Date,
  ): Promise<void> {
    return this.queue.run(async () => {
      await this.conn.run(
        `UPDATE meta.main.uploads SET status = $2, system_id = coalesce($3, system_id), upload_id = coalesce($4, upload_id),
           reason = $5, accepted = $6, duplicates = $7, rejected = $8, updated_at = $9 WHERE key = $1`,
        [
          key,
          outcome.status,
          outcome.systemId ?? null,
          outcome.uploadId ?? null,
          outcome.reason ?? null,
          outcome.accepted ?? 0,
          outcome.duplicates ?? 0,
          outcome.rejected ?? 0,
          micros(now),
        ],
        [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, INTEGER, INTEGER, TIMESTAMP],
      );
    });
  }

  async list(filter: { status?: UploadStatus | null; limit: number }): Promise<UploadRecord[]> {
    await this.queue.idle();
    const result = await this.conn.runAndReadAll(
      `SELECT * FROM meta.main.uploads WHERE $1::VARCHAR IS NULL OR status = $1 ORDER BY first_seen_at, key LIMIT $2`,
      [filter.status ?? null, filter.limit],
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = row.parse(raw);
      return {
        key: r.key,
        systemId: r.system_id,
        uploadId: r.upload_id,
        status: r.status,
        reason: r.reason,
        accepted: r.accepted,
        duplicates: r.duplicates,
        rejected: r.rejected,
        firstSeenAt: r.first_seen_at,
        updatedAt: r.updated_at,
      };
    });
  }

  async pendingCount(): Promise<number> {
    await this.queue.idle();
    const r = await this.conn.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM meta.main.uploads WHERE status = 'PENDING'`,
    );
    return z.object({ n: z.number() }).parse(r.getRowObjectsJS()[0]).n;
  }

  async close(): Promise<void> {
    await this.queue.idle();
    this.conn.closeSync();
  }
}
