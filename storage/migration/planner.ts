import { type DuckDBConnection, LIST, listValue, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import { z } from 'zod';
import { micros } from '../common/engine.ts';
import type { ShardSet } from '../shards/shard-set.ts';
import type { Job } from '../types.ts';
import type { Step, StepMove } from './ledger.ts';

// What a job has to move: hot → warm one step per hot shard with due rows; warm → cold one step
// per shard, system and day. Planning only reads.

export type PlanSource = { conn: DuckDBConnection; hot: ShardSet; warm: ShardSet };

const systemsOf = (job: Job) => (job.params.systemIds ? listValue(job.params.systemIds) : null);
const DUE = `ts < $1 AND ($2::VARCHAR[] IS NULL OR list_contains($2::VARCHAR[], system_id))`;
const DUE_TYPES = [TIMESTAMP, LIST(VARCHAR)];

/** The steps of one move of a job, numbered from `first`. */
export async function planSteps(src: PlanSource, job: Job, move: StepMove, first: number): Promise<Step[]> {
  const steps: Step[] = [];
  let n = first;
  const step = (shard: number, systemId: string | null, day: string | null, cutoff: Date, rows: number) =>
    steps.push({
      jobId: job.id,
      step: n++,
      move,
      shard,
      systemId,
      day,
      cutoff,
      rows,
      phase: 'planned',
      objectKey: null,
      checksum: null,
    });
  if (move === 'hot_to_warm') {
    const cutoff = new Date(job.params.hotCutoff);
    for (const shard of src.hot.shards) {
      const r = await src.conn.runAndReadAll(
        `SELECT count(*)::DOUBLE AS n FROM ${shard.table} WHERE ${DUE}`,
        [micros(cutoff), systemsOf(job)],
        DUE_TYPES,
      );
      const rows = z.object({ n: z.number() }).parse(r.getRowObjectsJS()[0]).n;
      if (rows > 0) step(shard.index, null, null, cutoff, rows);
    }
    return steps;
  }
  const cutoff = new Date(job.params.warmCutoff);
  for (const shard of src.warm.shards) {
    const r = await src.conn.runAndReadAll(
      `SELECT system_id, strftime(ts, '%Y-%m-%d') AS day, count(*)::DOUBLE AS n FROM ${shard.table}
       WHERE ${DUE} GROUP BY ALL ORDER BY system_id, day`,
      [micros(cutoff), systemsOf(job)],
      DUE_TYPES,
    );
    for (const raw of r.getRowObjectsJS()) {
      const p = z.object({ system_id: z.string(), day: z.string(), n: z.number() }).parse(raw);
      step(shard.index, p.system_id, p.day, cutoff, p.n);
    }
  }
  return steps;
}

/**
 * Before hot → warm has run, warm → cold can only be estimated: what is already due in warm,
 * plus what hot → warm is about to bring that is old enough for cold too.
 */
export async function coldDueEstimate(src: PlanSource, job: Job): Promise<number> {
  const tables = [...src.hot.shards, ...src.warm.shards]
    .map((s) => `SELECT system_id, ts FROM ${s.table}`)
    .join(' UNION ALL ');
  const r = await src.conn.runAndReadAll(
    `SELECT count(*)::DOUBLE AS n FROM (${tables}) WHERE ${DUE}`,
    [micros(new Date(job.params.warmCutoff)), systemsOf(job)],
    DUE_TYPES,
  );
  return z.object({ n: z.number() }).parse(r.getRowObjectsJS()[0]).n;
}
