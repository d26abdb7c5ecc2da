import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { recordColdKeysSql } from '../cold/cold-keys.ts';
import { COLD_PARQUET, type ColdStore } from '../cold/cold-store.ts';
import { type RowSummary, summarizeEach } from '../cold/object-summary.ts';
import { sqlString } from '../common/engine.ts';
import type { Shard } from '../shards/shard.ts';
import type { Job } from '../types.ts';
import { dayStart, type Step } from './ledger.ts';
import { deleteRows, inLanes, type StepContext } from './step-context.ts';

const COLUMNS =
  'system_id, id, kind, content, content_hash, ts, uploaded_at, project, tags, metadata, embedding_q, scale, norm, terms, embedding_model';
/** A system-day's name in the grouped statements: `system_id/YYYY-MM-DD` (system ids hold no `/`). */
const PART = `system_id || '/' || strftime(ts, '%Y-%m-%d')`;

/**
 * Most warm → cold steps one group runs (one COPY writes a file per step; DuckDB keeps at most
 * 100 open at once and splits a partition when it has to reopen one).
 */
export const GROUP_STEPS = 64;
/** Most rows in a group (the pause between groups is what lets queries have the disk). */
export const GROUP_ROWS = 100_000;

/** One step's system-day and its object's key. */
type Slice = { step: Step; systemId: string; day: string; key: string };

function sliceOf(job: Job, step: Step): Slice {
  const systemId = step.systemId ?? '';
  const day = step.day ?? '';
  const key = `memories/${systemId}/${day.slice(0, 4)}/${day.slice(5, 7)}/${day.slice(8, 10)}/part-${job.id}-${step.step}.parquet`;
  return { step, systemId, day, key };
}

const partOf = (s: Slice) => `${s.systemId}/${s.day}`;

/**
 * SQL (unqualified columns of a warm table): the rows of these slices, those of their system-days
 * before the move's cutoff (one job's move: one cutoff). Values are inlined (COPY takes no
 * parameters): system ids passed input validation (letters, digits, _ and -), days and times are ours.
 */
function inSlices(slices: readonly Slice[]): string {
  const cutoff = sqlString((slices[0] as Slice).step.cutoff.toISOString());
  return `ts < ${cutoff}::TIMESTAMP AND list_contains([${slices.map((s) => sqlString(partOf(s))).join(', ')}], ${PART})`;
}

/** The slices' warm shards, each with its slices. */
const byShard = (slices: readonly Slice[], warmOf: (shard: number) => Shard) =>
  [...Map.groupBy(slices, (s) => s.step.shard)].map(([n, of]) => ({ shard: warmOf(n), slices: of }));

/**
 * The warm rows of these slices (grouped by shard, as `byShard` gives them), summarized per slice
 * on `conn`: what the verify compares with the objects, and the delete with what was verified.
 */
function warmSummaries(
  conn: DuckDBConnection,
  shards: readonly { shard: Shard; slices: readonly Slice[] }[],
) {
  const rows = shards
    .map(
      ({ shard, slices }) =>
        `SELECT system_id, id, content_hash, ts, ${PART} AS part FROM ${shard.table} WHERE ${inSlices(slices)}`,
    )
    .join(' UNION ALL ');
  return summarizeEach(conn, `(${rows})`, 'part');
}

/** A stored object's summary and size in bytes. */
type Stored = RowSummary & { bytes: number };

/**
 * The objects of these slices as the store holds them, summarized in one query (`fresh`: read
 * again from the store itself), with their sizes (of the files read: no request an object).
 */
async function storedSummaries(ctx: StepContext, cold: ColdStore, slices: readonly Slice[], fresh: boolean) {
  const files = new Map<string, { path: string; bytes: number }>();
  for (const s of slices) {
    const path = await cold.objects.localPath(s.key, { fresh });
    files.set(s.key, { path, bytes: (await stat(path)).size });
  }
  const all = await summarizeEach(
    ctx.conn,
    `read_parquet([${[...files.values()].map((f) => sqlString(f.path)).join(', ')}], filename = true, hive_partitioning = false)`,
    'filename',
  );
  return (s: Slice): Stored => {
    const file = files.get(s.key);
    return { ...summaryOf(all, file?.path ?? ''), bytes: file?.bytes ?? 0 };
  };
}

const summaryOf = (all: Map<string, RowSummary>, name: string): RowSummary =>
  all.get(name) ?? { n: 0, sum: null, min_ts: null, max_ts: null };

/**
 * Warm → cold for a group of steps (one system-day each, consecutive in the job, of any warm
 * shards, at any phases): each step's rows become a Parquet object, verified by reading it back
 * from the object store, registered in the cold catalog (the switch), then deleted from warm.
 * Each phase works on the whole group at once (a COPY a shard, four side by side; one delete
 * transaction a shard; one ledger statement a phase); every step keeps its own object and ledger
 * row, so a restart resumes each where it stopped.
 */
export async function warmToCold(
  ctx: StepContext,
  job: Job,
  steps: readonly Step[],
  warmOf: (shard: number) => Shard,
  cold: ColdStore,
): Promise<void> {
  const slices = steps.map((step) => sliceOf(job, step));
  const at = (phase: Step['phase']) => slices.filter((s) => s.step.phase === phase);
  const planned = at('planned');
  if (planned.length > 0) {
    const files = await copy(ctx, job, warmOf, planned);
    for (const s of planned) ctx.addBytes(await cold.objects.put(s.key, files.get(s.key) ?? ''));
    await rm(copyDir(ctx, job, planned), { recursive: true, force: true });
    await ctx.failpoint('warm_to_cold:in-copy');
    await ctx.advanceAll(
      planned.map((s) => ({ step: s.step, extra: { objectKey: s.key } })),
      'copied',
    );
  }
  const copied = at('copied');
  // The stored objects' summaries read to verify them, kept for the switch that follows.
  let verifiedNow: ((s: Slice) => Stored) | null = null;
  if (copied.length > 0) {
    const stored = await storedSummaries(ctx, cold, copied, true);
    const source = await warmSummaries(ctx.conn, byShard(copied, warmOf));
    for (const s of copied) {
      const o = stored(s);
      const w = summaryOf(source, partOf(s));
      if (o.n !== w.n || o.sum !== w.sum || !o.min_ts || !o.max_ts) {
        throw new Error(
          `verify failed for ${s.key}: ${o.n} rows stored, ${w.n} in warm, checksums ${o.sum} / ${w.sum}`,
        );
      }
    }
    await ctx.advanceAll(
      copied.map((s) => ({ step: s.step, extra: { rows: stored(s).n, checksum: stored(s).sum ?? '0' } })),
      'verified',
    );
    verifiedNow = stored;
  }
  const verified = at('verified');
  if (verified.length > 0) {
    const stored =
      verifiedNow && verified.every((s) => copied.includes(s))
        ? verifiedNow
        : await storedSummaries(ctx, cold, verified, false);
    const objects = [];
    for (const s of verified) {
      const o = stored(s);
      const start = dayStart(s.day);
      objects.push({
        key: s.key,
        systemId: s.systemId,
        day: s.day,
        minTs: o.min_ts ?? start,
        maxTs: o.max_ts ?? start,
        rows: o.n,
        checksum: o.sum ?? '0',
        bytes: o.bytes,
        jobId: job.id,
      });
    }
    await cold.register(objects);
    await ctx.advanceAll(
      verified.map((s) => ({ step: s.step })),
      'switched',
    );
  }
  const switched = at('switched');
  for (const { shard: warm, slices: of } of byShard(switched, warmOf)) {
    const keyOf = `CASE ${PART} ${of.map((s) => `WHEN ${sqlString(partOf(s))} THEN ${sqlString(s.key)}`).join(' ')} END`;
    const deleted = await warm.write(async (conn) => {
      const moved = await movedRows(conn, warm, of, cold);
      // In the same transaction: the keys stay known to ingest without reading cold objects.
      await conn.run(recordColdKeysSql(warm, moved, keyOf));
      const seqs = await deleteRows(ctx, conn, warm, moved);
      await ctx.failpoint('warm_to_cold:in-delete');
      return seqs;
    });
    ctx.onRowsDeleted?.('warm', warm.index, deleted);
    await ctx.failpoint('warm_to_cold:shard-deleted');
  }
  // One ledger statement for every shard's deletes: a restart that finds a step still
  // `switched` deletes again, and finds nothing left to delete.
  if (switched.length > 0)
    await ctx.advanceAll(
      switched.map((s) => ({ step: s.step })),
      'deleted',
    );
}

/**
 * SQL (unqualified columns of the shard's warm table, read in the delete's transaction `conn`):
 * the slices' rows that are in their objects. Rows reach warm only through jobs, one at a time,
 * so a slice still holds the rows verified in its object (same count and checksum, checked
 * here): then the slice itself. Otherwise (e.g. a delete already done before a restart) the
 * slice's rows found in its object, by system and id (unique in warm; an object holds only its
 * system-day's rows): reading every object's keys again, three times, was 0.4 s of a 110k move.
 */
async function movedRows(conn: DuckDBConnection, warm: Shard, slices: readonly Slice[], cold: ColdStore) {
  const now = await warmSummaries(conn, [{ shard: warm, slices }]);
  const unchanged = slices.every((s) => {
    const w = summaryOf(now, partOf(s));
    return w.n === s.step.rows && w.sum === s.step.checksum;
  });
  if (unchanged) return inSlices(slices);
  const files = [];
  for (const s of slices) files.push(sqlString(await cold.objects.localPath(s.key)));
  return `${inSlices(slices)} AND system_id || chr(0) || id IN
    (SELECT system_id || chr(0) || id FROM read_parquet([${files.join(', ')}], hive_partitioning = false))`;
}

const copyDir = (ctx: StepContext, job: Job, slices: readonly Slice[]) =>
  join(resolve(ctx.tmpDir), `${job.id}-${(slices[0] as Slice).step.step}`);

/**
 * Writes each slice's rows to a local Parquet file, one COPY a shard partitioned by system-day
 * (four shards' COPYs at once); a slice DuckDB wrote as several files (or none: its rows went
 * meanwhile) is written again on its own. Returns each slice's file by object key.
 */
async function copy(
  ctx: StepContext,
  job: Job,
  warmOf: (shard: number) => Shard,
  slices: readonly Slice[],
): Promise<Map<string, string>> {
  const dir = copyDir(ctx, job, slices);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  // Not sorted by ts and id (as a step's own COPY was): an object is one system-day, read whole,
  // and sorting was a fifth of the statement.
  // A COPY on each of the runner's connections at once (each keeps about one core busy and waits
  // on the disk part of the time: four against two at 110k, 61.3k against 55.3k memories/s; what
  // they hold together is bounded by the group, not by the lanes: peak RSS 955 against 879 MB).
  // Largest shards first: the lanes end close together.
  const rowsOf = (of: readonly Slice[]) => of.reduce((n, s) => n + s.step.rows, 0);
  const shards = byShard(slices, warmOf).sort((a, b) => rowsOf(b.slices) - rowsOf(a.slices));
  await inLanes(shards, ctx.conns.length, ({ shard, slices: of }, lane) =>
    (ctx.conns[lane] as DuckDBConnection).run(
      `COPY (SELECT ${COLUMNS}, system_id AS part_system, strftime(ts, '%Y-%m-%d') AS part_day
             FROM ${shard.table} WHERE ${inSlices(of)})
       TO ${sqlString(join(dir, `shard-${shard.index}`))} (${COLD_PARQUET}, PARTITION_BY (part_system, part_day))`,
    ),
  );
  const files = new Map<string, string>();
  for (const s of slices) {
    const partition = join(dir, `shard-${s.step.shard}`, `part_system=${s.systemId}`, `part_day=${s.day}`);
    const written = (await readdir(partition).catch(() => [] as string[])).filter((f) =>
      f.endsWith('.parquet'),
    );
    if (written.length === 1) files.set(s.key, join(partition, written[0] as string));
    else {
      const file = join(dir, `step-${s.step.step}.parquet`);
      await ctx.conn.run(
        `COPY (SELECT ${COLUMNS} FROM ${warmOf(s.step.shard).table} WHERE ${inSlices([s])})
         TO ${sqlString(file)} (${COLD_PARQUET})`,
      );
      files.set(s.key, file);
    }
  }
  return files;
}
