import {
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  type DuckDBInstance,
  type DuckDBValue,
  INTEGER,
  LIST,
  listValue,
  TIMESTAMP,
  VARCHAR,
} from '@duckdb/node-api';
import { z } from 'zod';
import { micros } from '../common/engine.ts';
import { SerialQueue } from '../common/serial-queue.ts';
import type { Job, JobParams, JobStatus, ProgressEvent } from '../types.ts';

// The job ledger: jobs and their steps, in the metadata database. Every step records the phase
// it reached, so a restarted process resumes each step where it stopped.

export type Phase = 'planned' | 'copied' | 'verified' | 'switched' | 'deleted';
const STEP_MOVES = ['hot_to_warm', 'warm_to_cold', 'forget_hot', 'forget_warm', 'forget_cold'] as const;
export type StepMove = (typeof STEP_MOVES)[number];

export type Step = {
  jobId: string;
  step: number;
  move: StepMove;
  shard: number;
  systemId: string | null;
  day: string | null;
  cutoff: Date;
  rows: number;
  phase: Phase;
  objectKey: string | null;
  checksum: string | null;
};

/** A step's `day` (YYYY-MM-DD) as the instant it starts, midnight UTC. */
export const dayStart = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/** What a step learned in a phase, recorded with it. */
export type StepExtra = { rows?: number; objectKey?: string; checksum?: string };
export type StepChange = { step: Step; extra?: StepExtra };

/** One list parameter: a value of each item (statements over many rows take one list a column). */
const column = <T>(items: readonly T[], of: (item: T) => DuckDBValue) => listValue(items.map(of));

const paramsSchema = z.object({
  move: z.enum(['HOT_TO_WARM', 'WARM_TO_COLD', 'ALL', 'FORGET']),
  systemIds: z.array(z.string()).nullable(),
  dryRun: z.boolean(),
  hotCutoff: z.string(),
  warmCutoff: z.string(),
  forget: z
    .object({
      systemIds: z.array(z.string()),
      ids: z.array(z.string()).nullable(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      projects: z.array(z.string()).nullable(),
      tags: z.array(z.string()).nullable(),
      requestedBy: z.string().default('unknown'),
    })
    .nullish(),
  hotSeqs: z.array(z.number()).nullish(),
});

const jobRow = z.object({
  id: z.string(),
  status: z.enum(['PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED']),
  params: z.string(),
  records_total: z.number(),
  records_done: z.number(),
  error: z.string().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});

const stepRow = z.object({
  job_id: z.string(),
  step: z.number(),
  move: z.enum(STEP_MOVES),
  shard: z.number(),
  system_id: z.string().nullable(),
  day: z.string().nullable(),
  cutoff: z.date(),
  rows: z.number(),
  phase: z.enum(['planned', 'copied', 'verified', 'switched', 'deleted']),
  object_key: z.string().nullable(),
  checksum: z.string().nullable(),
});

const eventRow = z.object({
  job_id: z.string(),
  seq: z.number(),
  at: z.date(),
  phase: z.enum(['PLAN', 'COPY', 'VERIFY', 'SWITCH', 'DELETE']),
  state: z.enum(['RUNNING', 'DONE', 'FAILED', 'CANCELLED']),
  records_done: z.number(),
  records_total: z.number(),
  bytes_done: z.number(),
  rate: z.number(),
  eta_seconds: z.number().nullable(),
  errors: z.string(),
});

/** What the progress knows of an event; the counts, rate and ETA come from the job in the ledger. */
export type EventFacts = Pick<ProgressEvent, 'jobId' | 'at' | 'phase' | 'state' | 'bytesDone' | 'errors'>;
/** The rate is the records done since `done` over `seconds`. */
export type RateBase = { done: number; seconds: number };

const EVENT_NAMES =
  'job_id, seq, recorded_at, phase, state, records_done, records_total, bytes_done, rate, eta_seconds, errors';
const EVENT_COLUMNS = `job_id, seq, recorded_at AS "at", phase, state, records_done::DOUBLE AS records_done,
  records_total::DOUBLE AS records_total, bytes_done::DOUBLE AS bytes_done, rate, eta_seconds, errors`;
const EVENT_TYPES = [VARCHAR, TIMESTAMP, VARCHAR, VARCHAR, DOUBLE, VARCHAR, DOUBLE, DOUBLE];

function eventValues(f: EventFacts, since: RateBase): DuckDBValue[] {
  return [
    f.jobId,
    micros(f.at),
    f.phase,
    f.state,
    f.bytesDone,
    JSON.stringify(f.errors),
    since.done,
    Math.max(since.seconds, 0.001),
  ];
}

/** A job's event as a row of job_events, numbered by the `seq` expression; no row without the job. */
function eventSelect(seq: string): string {
  return `SELECT j.id, ${seq}, $2, $3, $4, j.records_done, j.records_total, $5::BIGINT, j.rate,
      CASE WHEN $4 <> 'RUNNING' THEN 0 WHEN j.rate > 0 THEN (j.records_total - j.records_done) / j.rate END, $6
    FROM (SELECT id, records_done, records_total, (records_done - $7) / $8 AS rate
          FROM meta.main.jobs WHERE id = $1) AS j`;
}

function eventsOf(rows: readonly Record<string, unknown>[]): ProgressEvent[] {
  return rows.map((raw) => {
    const r = eventRow.parse(raw);
    return {
      jobId: r.job_id,
      seq: r.seq,
      at: r.at,
      phase: r.phase,
      state: r.state,
      recordsDone: r.records_done,
      recordsTotal: r.records_total,
      bytesDone: r.bytes_done,
      rate: r.rate,
      etaSeconds: r.eta_seconds,
      errors: z.array(z.string()).parse(JSON.parse(r.errors)),
    };
  });
}

export class MigrationLedger {
  private readonly conn: DuckDBConnection;
  private readonly queue = new SerialQueue();

  private constructor(conn: DuckDBConnection) {
    this.conn = conn;
  }

  static async open(instance: DuckDBInstance): Promise<MigrationLedger> {
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE IF NOT EXISTS meta.main.jobs (
      id VARCHAR PRIMARY KEY, status VARCHAR NOT NULL, params JSON NOT NULL, records_total BIGINT NOT NULL,
      records_done BIGINT NOT NULL, error VARCHAR, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`);
    await conn.run(`CREATE TABLE IF NOT EXISTS meta.main.job_steps (
      job_id VARCHAR NOT NULL, step INTEGER NOT NULL, move VARCHAR NOT NULL, shard INTEGER NOT NULL,
      system_id VARCHAR, day VARCHAR, cutoff TIMESTAMP NOT NULL, rows BIGINT NOT NULL, phase VARCHAR NOT NULL,
      object_key VARCHAR, checksum VARCHAR, PRIMARY KEY (job_id, step))`);
    await conn.run(`CREATE TABLE IF NOT EXISTS meta.main.job_events (
      job_id VARCHAR NOT NULL, seq INTEGER NOT NULL, recorded_at TIMESTAMP NOT NULL, phase VARCHAR NOT NULL, state VARCHAR NOT NULL,
      records_done BIGINT NOT NULL, records_total BIGINT NOT NULL, bytes_done BIGINT NOT NULL, rate DOUBLE NOT NULL,
      eta_seconds DOUBLE, errors JSON NOT NULL, PRIMARY KEY (job_id, seq))`);
    return new MigrationLedger(conn);
  }

  /**
   * Records the job's next event with its counts as the ledger holds them, in one statement (the
   * job, its last seq and the insert were three round trips, each waiting for CPU while a move's
   * steps keep both cores busy: 4 % of a hot → warm job); null when the job is not in the ledger.
   */
  recordEvent(facts: EventFacts, since: RateBase): Promise<ProgressEvent | null> {
    return this.queue.run(async () => {
      const r = await this.conn.runAndReadAll(
        `INSERT INTO meta.main.job_events ${eventSelect(
          'coalesce((SELECT max(seq) FROM meta.main.job_events WHERE job_id = $1), 0) + 1',
        )}
         RETURNING ${EVENT_COLUMNS}`,
        eventValues(facts, since),
        EVENT_TYPES,
      );
      return eventsOf(r.getRowObjectsJS())[0] ?? null;
    });
  }

  /** The event `recordEvent` would record, not recorded (a store sharing one job's events numbers it elsewhere). */
  async eventNow(facts: EventFacts, since: RateBase): Promise<Omit<ProgressEvent, 'seq'> | null> {
    await this.queue.idle();
    const r = await this.conn.runAndReadAll(
      `SELECT ${EVENT_COLUMNS} FROM (${eventSelect('0')}) AS e(${EVENT_NAMES})`,
      eventValues(facts, since),
      EVENT_TYPES,
    );
    const event = eventsOf(r.getRowObjectsJS())[0];
    if (!event) return null;
    const { seq: _, ...rest } = event;
    return rest;
  }

  /** Records an event under `seq`, given by the stores that share its job. */
  addEvent(e: ProgressEvent): Promise<void> {
    return this.queue.run(async () => {
      await this.conn.run(
        `INSERT INTO meta.main.job_events VALUES ($1, $2, $3, $4, $5, $6::BIGINT, $7::BIGINT, $8::BIGINT, $9, $10, $11)`,
        [
          e.jobId,
          e.seq,
          micros(e.at),
          e.phase,
          e.state,
          e.recordsDone,
          e.recordsTotal,
          e.bytesDone,
          e.rate,
          e.etaSeconds,
          JSON.stringify(e.errors),
        ],
        [VARCHAR, INTEGER, TIMESTAMP, VARCHAR, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, VARCHAR],
      );
    });
  }

  async events(jobId: string, after: number): Promise<ProgressEvent[]> {
    await this.queue.idle();
    const result = await this.conn.runAndReadAll(
      `SELECT ${EVENT_COLUMNS} FROM meta.main.job_events WHERE job_id = $1 AND seq > $2 ORDER BY seq`,
      [jobId, after],
      [VARCHAR, INTEGER],
    );
    return eventsOf(result.getRowObjectsJS());
  }

  createJob(id: string, params: JobParams, now: Date): Promise<void> {
    return this.queue.run(async () => {
      await this.conn.run(
        `INSERT INTO meta.main.jobs VALUES ($1, 'PENDING', $2, 0, 0, NULL, $3, $3)`,
        [id, JSON.stringify(params), micros(now)],
        [VARCHAR, VARCHAR, TIMESTAMP],
      );
    });
  }

  updateJob(
    id: string,
    /** `addDone`: rows the job has now moved besides (added in the statement: steps may end side by side). */
    change: {
      status?: JobStatus;
      error?: string | null;
      recordsTotal?: number;
      addDone?: number;
      params?: JobParams;
    },
    now: Date,
  ): Promise<void> {
    return this.queue.run(async () => {
      await this.conn.run(
        `UPDATE meta.main.jobs SET status = coalesce($2, status), error = CASE WHEN $3 THEN $4 ELSE error END,
           records_total = coalesce($5::BIGINT, records_total), records_done = records_done + coalesce($6::BIGINT, 0),
           updated_at = $7, params = coalesce($8::JSON, params) WHERE id = $1`,
        [
          id,
          change.status ?? null,
          change.error !== undefined,
          change.error ?? null,
          change.recordsTotal ?? null,
          change.addDone ?? null,
          micros(now),
          change.params ? JSON.stringify(change.params) : null,
        ],
        [VARCHAR, VARCHAR, BOOLEAN, VARCHAR, DOUBLE, DOUBLE, TIMESTAMP, VARCHAR],
      );
    });
  }

  async job(id: string): Promise<Job | null> {
    return (await this.jobs({ id }))[0] ?? null;
  }

  async jobs(filter: { id?: string; statuses?: JobStatus[]; limit?: number } = {}): Promise<Job[]> {
    await this.queue.idle();
    const result = await this.conn.runAndReadAll(
      `SELECT id, status, params, records_total::DOUBLE AS records_total, records_done::DOUBLE AS records_done,
              error, created_at, updated_at
       FROM meta.main.jobs
       WHERE ($1::VARCHAR IS NULL OR id = $1) AND ($2::VARCHAR IS NULL OR list_contains(string_split($2, ','), status))
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [filter.id ?? null, filter.statuses ? filter.statuses.join(',') : null, filter.limit ?? 100],
      [VARCHAR, VARCHAR, INTEGER],
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = jobRow.parse(raw);
      return {
        id: r.id,
        status: r.status,
        params: paramsSchema.parse(JSON.parse(r.params)),
        recordsTotal: r.records_total,
        recordsDone: r.records_done,
        error: r.error,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    });
  }

  /** Records new steps (those already recorded are left as they are), in one statement. */
  addSteps(steps: readonly Step[]): Promise<void> {
    if (steps.length === 0) return Promise.resolve();
    return this.queue.run(async () => {
      await this.conn.run(
        `INSERT OR IGNORE INTO meta.main.job_steps SELECT unnest($1::VARCHAR[]), unnest($2::INTEGER[]),
         unnest($3::VARCHAR[]), unnest($4::INTEGER[]), unnest($5::VARCHAR[]), unnest($6::VARCHAR[]),
         unnest($7::TIMESTAMP[]), unnest($8::DOUBLE[])::BIGINT, unnest($9::VARCHAR[]), unnest($10::VARCHAR[]),
         unnest($11::VARCHAR[])`,
        [
          column(steps, (s) => s.jobId),
          column(steps, (s) => s.step),
          column(steps, (s) => s.move),
          column(steps, (s) => s.shard),
          column(steps, (s) => s.systemId),
          column(steps, (s) => s.day),
          column(steps, (s) => micros(s.cutoff)),
          column(steps, (s) => s.rows),
          column(steps, (s) => s.phase),
          column(steps, (s) => s.objectKey),
          column(steps, (s) => s.checksum),
        ],
        [
          LIST(VARCHAR),
          LIST(INTEGER),
          LIST(VARCHAR),
          LIST(INTEGER),
          LIST(VARCHAR),
          LIST(VARCHAR),
          LIST(TIMESTAMP),
          LIST(DOUBLE),
          LIST(VARCHAR),
          LIST(VARCHAR),
          LIST(VARCHAR),
        ],
      );
    });
  }

  /**
   * Records that steps reached `phase`, each with its own extra values, in one statement (a
   * statement per step took 80–90 ms for a group of 64).
   */
  setPhase(changes: readonly StepChange[], phase: Phase): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return this.queue.run(async () => {
      await this.conn.run(
        `UPDATE meta.main.job_steps AS s SET phase = $1, rows = coalesce(v.rows::BIGINT, s.rows),
           object_key = coalesce(v.object_key, s.object_key), checksum = coalesce(v.checksum, s.checksum)
         FROM (SELECT unnest($2::VARCHAR[]) AS job_id, unnest($3::INTEGER[]) AS step, unnest($4::DOUBLE[]) AS rows,
                 unnest($5::VARCHAR[]) AS object_key, unnest($6::VARCHAR[]) AS checksum) AS v
         WHERE s.job_id = v.job_id AND s.step = v.step`,
        [
          phase,
          column(changes, (c) => c.step.jobId),
          column(changes, (c) => c.step.step),
          column(changes, (c) => c.extra?.rows ?? null),
          column(changes, (c) => c.extra?.objectKey ?? null),
          column(changes, (c) => c.extra?.checksum ?? null),
        ],
        [VARCHAR, LIST(VARCHAR), LIST(INTEGER), LIST(DOUBLE), LIST(VARCHAR), LIST(VARCHAR)],
      );
    });
  }

  async steps(jobId: string, move?: StepMove): Promise<Step[]> {
    await this.queue.idle();
    const result = await this.conn.runAndReadAll(
      `SELECT job_id, step, move, shard, system_id, day, cutoff, rows::DOUBLE AS rows, phase, object_key, checksum
       FROM meta.main.job_steps WHERE job_id = $1 AND ($2::VARCHAR IS NULL OR move = $2) ORDER BY step`,
      [jobId, move ?? null],
      [VARCHAR, VARCHAR],
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = stepRow.parse(raw);
      return {
        jobId: r.job_id,
        step: r.step,
        move: r.move,
        shard: r.shard,
        systemId: r.system_id,
        day: r.day,
        cutoff: r.cutoff,
        rows: r.rows,
        phase: r.phase,
        objectKey: r.object_key,
        checksum: r.checksum,
      };
    });
  }

  async close(): Promise<void> {
    await this.queue.idle();
    this.conn.closeSync();
  }
}
