import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { recordColdKeysSql } from '../cold/cold-keys.ts';
import type { ColdStore } from '../cold/cold-store.ts';
import { summarize } from '../cold/object-summary.ts';
import { sqlString } from '../common/engine.ts';
import type { Shard } from '../shards/shard.ts';
import type { Job } from '../types.ts';
import type { Step } from './ledger.ts';
import { deleteRows, type StepContext } from './step-context.ts';

const DAY = 86_400_000;

/**
 * One warm → cold step for one system-day of one shard: write a Parquet object, verify it by
 * reading it back from the object store, register it in the cold catalog (the switch), then
 * delete the rows from warm.
 */
export async function warmToCold(
  ctx: StepContext,
  job: Job,
  step: Step,
  warm: Shard,
  cold: ColdStore,
): Promise<void> {
  const systemId = step.systemId ?? '';
  const day = step.day ?? '';
  const start = new Date(`${day}T00:00:00Z`);
  const end = new Date(start.getTime() + DAY);
  const until = end < step.cutoff ? end : step.cutoff;
  // Values are inlined into COPY (it takes no parameters): the system id passed input validation
  // (letters, digits, _ and -) and the times are ours.
  const where = `system_id = ${sqlString(systemId)} AND ts >= ${sqlString(start.toISOString())}::TIMESTAMP AND ts < ${sqlString(until.toISOString())}::TIMESTAMP`;
  const key = `memories/${systemId}/${day.slice(0, 4)}/${day.slice(5, 7)}/${day.slice(8, 10)}/part-${job.id}-${step.step}.parquet`;
  const summary = (source: string) => summarize(ctx.conn, source);
  if (step.phase === 'planned') {
    const tmp = join(resolve(ctx.tmpDir), `${job.id}-${step.step}.parquet`);
    await ctx.conn.run(
      `COPY (SELECT system_id, id, kind, content, content_hash, ts, uploaded_at, project, tags, metadata, embedding_q, scale, norm, terms, embedding_model
             FROM ${warm.table} WHERE ${where} ORDER BY ts, id)
       TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    const local = await summary(`read_parquet(${sqlString(tmp)})`);
    ctx.addBytes(await cold.objects.put(key, tmp));
    await rm(tmp, { force: true });
    await ctx.failpoint('warm_to_cold:in-copy');
    await ctx.advance(step, 'copied', { objectKey: key, rows: local.n, checksum: local.sum ?? '0' });
  }
  if (step.phase === 'copied') {
    const stored = await summary(
      `read_parquet(${sqlString(await cold.objects.localPath(key, { fresh: true }))})`,
    );
    const source = await summary(`${warm.table} WHERE ${where}`);
    if (stored.n !== source.n || stored.sum !== source.sum || !stored.min_ts || !stored.max_ts) {
      throw new Error(
        `verify failed for ${key}: ${stored.n} rows stored, ${source.n} in warm, checksums ${stored.sum} / ${source.sum}`,
      );
    }
    await ctx.advance(step, 'verified', { rows: stored.n });
  }
  if (step.phase === 'verified') {
    const stored = await summary(`read_parquet(${sqlString(await cold.objects.localPath(key))})`);
    await cold.register({
      key,
      systemId,
      day,
      minTs: stored.min_ts ?? start,
      maxTs: stored.max_ts ?? start,
      rows: stored.n,
      checksum: stored.sum ?? '0',
      bytes: await cold.objects.size(key),
      jobId: job.id,
    });
    await ctx.advance(step, 'switched');
  }
  if (step.phase === 'switched') {
    const file = await cold.objects.localPath(key);
    const deleted = await warm.write(async (conn) => {
      const moved = `${where} AND id IN (SELECT id FROM read_parquet(${sqlString(file)}))`;
      // In the same transaction: the keys stay known to ingest without reading cold objects.
      await conn.run(recordColdKeysSql(warm, moved, sqlString(key)));
      const seqs = await deleteRows(ctx, conn, warm, moved);
      await ctx.failpoint('warm_to_cold:in-delete');
      return seqs;
    });
    ctx.onRowsDeleted?.('warm', step.shard, deleted);
    await ctx.advance(step, 'deleted');
  }
}
