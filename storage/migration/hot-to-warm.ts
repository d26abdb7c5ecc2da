import { LIST, listValue, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import { z } from 'zod';
import { micros } from '../common/engine.ts';
import type { Shard } from '../shards/shard.ts';
import { quantizeInput, quantizeSelect } from '../shards/tier-layout.ts';
import type { Job } from '../types.ts';
import { dayStart, type Step } from './ledger.ts';
import { askedBefore, deleteRows, type StepContext } from './step-context.ts';

/** A row's part of a step's checksum: its key and content hash (`t`: the table's alias). */
const rowHash = (t: string) => `hash(${t}.system_id || chr(0) || ${t}.id || chr(0) || ${t}.content_hash)`;

/**
 * One hot → warm step for one shard: copy the due rows as int8 codes, verify count and checksum,
 * switch, delete from hot. The hot shard goes on taking writes while the step copies and verifies
 * (4.7–12.5 s for 125k rows at 1M, four steps at once, when the step held them): the step's rows
 * are those the shard held when the job was asked for (`askedBefore`), which nothing but a job
 * changes, so a memory written meanwhile, whatever its time, is neither copied, checked nor
 * deleted. Only the delete waits its turn with the shard's writes.
 */
export async function hotToWarm(
  ctx: StepContext,
  job: Job,
  step: Step,
  hot: Shard,
  warm: Shard,
): Promise<void> {
  const tag = `${job.id}:${step.step}`;
  const systems = job.params.systemIds ? listValue(job.params.systemIds) : null;
  // The step's days: from its `day` (none: from the start) up to its cutoff.
  const from = step.day === null ? null : dayStart(step.day);
  const where = `ts < $1 AND ($2::VARCHAR[] IS NULL OR list_contains($2::VARCHAR[], system_id))
    AND ($3::TIMESTAMP IS NULL OR ts >= $3::TIMESTAMP) AND ${askedBefore(job, step.shard)}`;
  const params = [micros(step.cutoff), systems, from && micros(from)];
  const types = [TIMESTAMP, LIST(VARCHAR), TIMESTAMP];
  if (step.phase === 'planned') {
    const redone = await warm.write(async (conn) => {
      // A redo after a crash first removes what this step copied before.
      const removed = await deleteRows(ctx, conn, warm, 'job_id = $1', [tag], [VARCHAR]);
      const first = warm.lastSeqGiven + 1;
      const copied = await conn.run(
        `INSERT INTO ${warm.table} BY NAME
         SELECT ${quantizeSelect(ctx.dimension, '$4', first)} FROM ${quantizeInput(`SELECT * FROM ${hot.table} WHERE ${where}`)} h
         WHERE NOT EXISTS (SELECT 1 FROM ${warm.table} w WHERE w.system_id = h.system_id AND w.id = h.id)`,
        [...params, tag],
        [...types, VARCHAR],
      );
      warm.advanceSeq(first - 1 + copied.rowsChanged);
      await ctx.failpoint('hot_to_warm:in-copy');
      return removed;
    });
    ctx.onRowsDeleted?.('warm', step.shard, redone);
    await ctx.advance(step, 'copied');
  }
  if (step.phase === 'copied') {
    const r = await ctx.conn.runAndReadAll(
      `SELECT count(*)::DOUBLE AS n, count(w.id)::DOUBLE AS matched,
              (sum(${rowHash('h')}) - coalesce(sum(${rowHash('w')}), 0))::VARCHAR AS diff,
              sum(${rowHash('h')})::VARCHAR AS sum
       FROM (SELECT * FROM ${hot.table} WHERE ${where}) h
       LEFT JOIN ${warm.table} w ON w.system_id = h.system_id AND w.id = h.id`,
      params,
      types,
    );
    const row = z
      .object({ n: z.number(), matched: z.number(), diff: z.string().nullable(), sum: z.string().nullable() })
      .parse(r.getRowObjectsJS()[0]);
    if (row.n !== row.matched || (row.diff !== null && row.diff !== '0')) {
      throw new Error(
        `verify failed on hot shard ${step.shard}: ${row.matched} of ${row.n} rows in warm with equal checksums`,
      );
    }
    await ctx.advance(step, 'verified', { rows: row.n, checksum: row.sum ?? '0' });
  }
  if (step.phase === 'verified') await ctx.advance(step, 'switched');
  if (step.phase === 'switched') {
    const deleted = await hot.write(async (conn) => {
      // The slice as it is when it still holds exactly the rows verified (the job's bound keeps
      // new rows out of it, and nothing but a job deletes hot rows); otherwise (its delete already
      // done before a restart) its rows found in warm.
      const now = await conn.runAndReadAll(
        `SELECT count(*)::DOUBLE AS n, coalesce(sum(${rowHash('h')})::VARCHAR, '0') AS sum
         FROM ${hot.table} h WHERE ${where}`,
        params,
        types,
      );
      const slice = z.object({ n: z.number(), sum: z.string() }).parse(now.getRowObjectsJS()[0]);
      const unchanged = slice.n === step.rows && slice.sum === step.checksum;
      const rows = unchanged
        ? where
        : `${where} AND system_id || chr(0) || id IN (SELECT system_id || chr(0) || id FROM ${warm.table})`;
      const seqs = await deleteRows(ctx, conn, hot, rows, params, types);
      await ctx.failpoint('hot_to_warm:in-delete');
      return seqs;
    });
    ctx.onRowsDeleted?.('hot', step.shard, deleted);
    await ctx.failpoint('hot_to_warm:shard-deleted');
    await ctx.advance(step, 'deleted');
  }
}
