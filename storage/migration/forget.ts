import { rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type DuckDBConnection, VARCHAR } from '@duckdb/node-api';
import { z } from 'zod';
import { coldKeysTable } from '../cold/cold-keys.ts';
import { COLD_PARQUET, type ColdStore } from '../cold/cold-store.ts';
import { summarize } from '../cold/object-summary.ts';
import { sqlString } from '../common/engine.ts';
import { FILTER_SQL, FILTER_TYPES, filterParams } from '../common/memory-filter.ts';
import type { Shard } from '../shards/shard.ts';
import { shardOf } from '../shards/shard-hash.ts';
import type { ShardSet } from '../shards/shard-set.ts';
import type { ForgetFilter, Job } from '../types.ts';
import type { Step } from './ledger.ts';
import { askedBefore, deleteRows, type StepContext } from './step-context.ts';

// FORGET jobs: delete a system's memories matching a filter from every tier, through the same
// ledger as aging (one step per hot shard, per warm shard, per cold object; each phase recorded,
// so a restart redoes at most one phase). A cold object is rewritten without the rows, the copy
// verified, the catalog switched to it and the key directory updated, and only then is the old
// object removed.

const count = async (conn: DuckDBConnection, source: string, f: ForgetFilter, extra = 'TRUE') => {
  const r = await conn.runAndReadAll(
    `SELECT count(*)::DOUBLE AS n FROM ${source} WHERE ${FILTER_SQL} AND ${extra}`,
    filterParams(f),
    FILTER_TYPES,
  );
  return z.object({ n: z.number() }).parse(r.getRowObjectsJS()[0]).n;
};

/** The steps of a FORGET job: shards and cold objects that hold matching memories. */
export async function planForget(
  src: { conn: DuckDBConnection; hot: ShardSet; warm: ShardSet; cold: ColdStore },
  job: Job,
  first: number,
): Promise<Step[]> {
  const f = job.params.forget;
  if (!f) return [];
  const steps: Step[] = [];
  let n = first;
  // For forget_cold, `checksum` holds the number of rows the copy keeps (planned once: a redo
  // after the catalog switched must not recount from a catalog that no longer names the object).
  const step = (
    move: Step['move'],
    shard: number,
    rows: number,
    objectKey: string | null,
    kept: number | null = null,
  ) =>
    steps.push({
      jobId: job.id,
      step: n++,
      move,
      shard,
      systemId: null,
      day: null,
      cutoff: new Date(0),
      rows,
      phase: 'planned',
      objectKey,
      checksum: kept === null ? null : String(kept),
    });
  // The asked systems' shards that this process holds (a store forgets its share of a job).
  const shards = [...new Set(f.systemIds.map((s) => shardOf(s, src.hot.total)))].filter((i) =>
    src.hot.holds(i),
  );
  for (const i of shards) {
    const hot = src.hot.at(i);
    const warm = src.warm.at(i);
    const h = await count(src.conn, hot.table, f, askedBefore(job, i));
    if (h > 0) step('forget_hot', i, h, null);
    const w = await count(src.conn, warm.table, f);
    if (w > 0) step('forget_warm', i, w, null);
  }
  for (const o of await src.cold.candidates({ systemIds: f.systemIds, from: null, to: null })) {
    const file = await src.cold.objects.localPath(o.key);
    const c = await count(src.conn, `read_parquet(${sqlString(file)})`, f);
    if (c > 0) step('forget_cold', shardOf(o.systemId, src.warm.total), c, o.key, o.rows - c);
  }
  return steps;
}

/** Deletes the matching rows of a hot shard, in turn with its writes (index entries removed too). */
export async function forgetHot(ctx: StepContext, job: Job, step: Step, hot: Shard): Promise<void> {
  const f = job.params.forget as ForgetFilter;
  const deleted = await hot.write((conn) =>
    deleteRows(
      ctx,
      conn,
      hot,
      `${FILTER_SQL} AND ${askedBefore(job, step.shard)}`,
      filterParams(f),
      FILTER_TYPES,
    ),
  );
  ctx.onRowsDeleted?.('hot', step.shard, deleted);
  await ctx.advance(step, 'deleted');
}

export async function forgetWarm(ctx: StepContext, job: Job, step: Step, warm: Shard): Promise<void> {
  const f = job.params.forget as ForgetFilter;
  const deleted = await warm.write((conn) =>
    deleteRows(ctx, conn, warm, FILTER_SQL, filterParams(f), FILTER_TYPES),
  );
  ctx.onRowsDeleted?.('warm', step.shard, deleted);
  await ctx.advance(step, 'deleted');
}

/**
 * Rewrites one cold object without the matching rows: copy → verify (the copy holds exactly the
 * other rows) → switch (catalog and key directory point at the copy) → delete the old object.
 */
export async function forgetCold(
  ctx: StepContext,
  job: Job,
  step: Step,
  warm: Shard,
  cold: ColdStore,
): Promise<void> {
  const f = job.params.forget as ForgetFilter;
  const oldKey = step.objectKey ?? '';
  const newKey = oldKey.replace(/part-[^/]+\.parquet$/, `part-${job.id}-${step.step}.parquet`);
  const keptRows = Number(step.checksum ?? 0);
  if (step.phase === 'planned') {
    if (keptRows > 0) {
      const file = await cold.objects.localPath(oldKey);
      const tmp = join(resolve(ctx.tmpDir), `${job.id}-${step.step}.parquet`);
      await ctx.conn.run(
        `COPY (SELECT * FROM read_parquet(${sqlString(file)}) WHERE NOT (${FILTER_SQL}) ORDER BY ts, id) TO ${sqlString(tmp)} (${COLD_PARQUET})`,
        filterParams(f),
        FILTER_TYPES,
      );
      ctx.addBytes(await cold.objects.put(newKey, tmp));
      await rm(tmp, { force: true });
    }
    await ctx.advance(step, 'copied');
  }
  if (step.phase === 'copied') {
    if (keptRows > 0) {
      const stored = await summarize(
        ctx.conn,
        `read_parquet(${sqlString(await cold.objects.localPath(newKey, { fresh: true }))})`,
      );
      if (stored.n !== keptRows)
        throw new Error(`verify failed for ${newKey}: ${stored.n} rows, expected ${keptRows}`);
    }
    await ctx.advance(step, 'verified');
  }
  if (step.phase === 'verified') {
    const old = await cold.object(oldKey);
    if (old && keptRows > 0) {
      const copy = await cold.objects.localPath(newKey);
      const s = await summarize(ctx.conn, `read_parquet(${sqlString(copy)})`);
      await cold.register([
        {
          ...old,
          key: newKey,
          rows: s.n,
          checksum: s.sum ?? '0',
          minTs: s.min_ts ?? old.minTs,
          maxTs: s.max_ts ?? old.maxTs,
          // The object's size from the file just read (with S3, a HEAD request an object).
          bytes: (await stat(copy)).size,
          jobId: job.id,
        },
      ]);
    }
    await cold.unregister(oldKey);
    // The key directory: forgotten keys leave it, the others now live in the copy.
    const keys = coldKeysTable(warm);
    await warm.write(async (conn) => {
      if (keptRows > 0) {
        const copy = await cold.objects.localPath(newKey);
        await conn.run(
          `DELETE FROM ${keys} WHERE object_key = $1 AND id NOT IN (SELECT id FROM read_parquet(${sqlString(copy)}))`,
          [oldKey],
          [VARCHAR],
        );
        await conn.run(
          `UPDATE ${keys} SET object_key = $2 WHERE object_key = $1`,
          [oldKey, newKey],
          [VARCHAR, VARCHAR],
        );
      } else await conn.run(`DELETE FROM ${keys} WHERE object_key = $1`, [oldKey], [VARCHAR]);
    });
    await ctx.advance(step, 'switched');
  }
  if (step.phase === 'switched') {
    await cold.objects.delete(oldKey);
    await ctx.advance(step, 'deleted');
  }
}
