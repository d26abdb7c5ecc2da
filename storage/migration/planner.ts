import { type DuckDBConnection, LIST, listValue, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import { z } from 'zod';
import { micros } from '../common/engine.ts';
import type { ShardSet } from '../shards/shard-set.ts';
import type { Job } from '../types.ts';
import { dayStart, type Step, type StepMove } from './ledger.ts';
import { askedBefore } from './step-context.ts';

// What a job has to move: hot → warm steps of a hot shard's due rows by day, up to a number of
// rows a step; warm → cold one step per shard, system and day. Planning only reads.

export type PlanSource = { conn: DuckDBConnection; hot: ShardSet; warm: ShardSet };

const systemsOf = (job: Job) => (job.params.systemIds ? listValue(job.params.systemIds) : null);
const DUE = `ts < $1 AND ($2::VARCHAR[] IS NULL OR list_contains($2::VARCHAR[], system_id))`;
const DUE_TYPES = [TIMESTAMP, LIST(VARCHAR)];

/**
 * Most rows of a hot → warm step by default (unless one day holds more): a step's copy is one
 * transaction of its warm shard, and each step checks its rows against the whole warm shard
 * (steps of 4096 made a 110k move 2.6× slower).
 */
export const HOT_STEP_ROWS = 32_768;

/** A hot → warm step's days: from `day` (none: from the start) up to `until`, its cutoff. */
type Run = { day: string | null; until: Date; rows: number };

/** The steps of one move of a job, numbered from `first`; a hot → warm step of at most `hotStepRows` rows unless one day holds more. */
export async function planSteps(
  src: PlanSource,
  job: Job,
  move: StepMove,
  first: number,
  hotStepRows = HOT_STEP_ROWS,
): Promise<Step[]> {
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
    const byShard: { shard: number; runs: Run[] }[] = [];
    for (const shard of src.hot.shards) {
      const r = await src.conn.runAndReadAll(
        `SELECT strftime(ts, '%Y-%m-%d') AS day, count(*)::DOUBLE AS n FROM ${shard.table}
         WHERE ${DUE} AND ${askedBefore(job, shard.index)} GROUP BY ALL ORDER BY day`,
        [micros(cutoff), systemsOf(job)],
        DUE_TYPES,
      );
      const days = r.getRowObjectsJS().map((raw) => z.object({ day: z.string(), n: z.number() }).parse(raw));
      // Consecutive days, up to hotStepRows a run; each run ends where the next begins, the
      // first has no start and the last ends at the job's cutoff.
      const runs: Run[] = [];
      for (const d of days) {
        const last = runs.at(-1);
        if (last && last.rows + d.n <= hotStepRows) last.rows += d.n;
        else {
          if (last) last.until = dayStart(d.day);
          runs.push({ day: last ? d.day : null, until: cutoff, rows: d.n });
        }
      }
      byShard.push({ shard: shard.index, runs });
    }
    // Shards taken in turn, so that the steps running side by side are of different shards.
    for (let i = 0; byShard.some((s) => i < s.runs.length); i++)
      for (const s of byShard) {
        const run = s.runs[i];
        if (run) step(s.shard, null, run.day, run.until, run.rows);
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
