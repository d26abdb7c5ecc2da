import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type DuckDBConnection, LIST, listValue, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import { z } from 'zod';
import type { Logger } from '../monitoring/logger.ts';
import { micros, sqlString } from './engine.ts';
import {
  type Job,
  type JobParams,
  MigrationLedger,
  type Move,
  type Phase,
  type ProgressEvent,
  type ProgressPhase,
  type ProgressState,
  type Step,
  type StepMove,
} from './migration-ledger.ts';
import type { Shard } from './shard.ts';
import type { Storage } from './storage.ts';
import { quantizeSelect } from './tier-layout.ts';

export type MigrationHooks = {
  /** Each step that finished its delete, with the rows it moved. */
  onMoved?(move: StepMove, rows: number): void;
  /** Seqs of the rows a hot → warm step deleted from a hot shard. */
  onHotRowsDeleted?(shard: number, seqs: number[]): void;
  onJobEnd?(job: Job, seconds: number): void;
  /** Each progress event, after it is in the ledger. */
  onEvent?(event: ProgressEvent): void;
};

export type StartInput = {
  move: Move;
  olderThanDays?: number | null;
  systemIds?: string[] | null;
  dryRun?: boolean;
};

export type MigratorOptions = {
  storage: Storage;
  hotDays: number;
  warmDays: number;
  clock: () => Date;
  logger: Logger;
  tmpDir: string;
  hooks?: MigrationHooks;
  /** Test aid: `<move>:<point>` makes the job stop there (as if the process hung) so a test can kill it. */
  failpoint?: string | undefined;
  /** Pause between steps, to limit the I/O aging takes from queries. */
  stepPauseMs?: number;
};

/** The work that follows a step phase. */
const WORKING: Record<Phase, ProgressPhase> = {
  planned: 'COPY',
  copied: 'VERIFY',
  verified: 'SWITCH',
  switched: 'DELETE',
  deleted: 'COPY',
};

const DAY = 86_400_000;

/**
 * Ages memories between tiers. A job is a list of steps (hot → warm: one per shard; warm → cold:
 * one per shard, system and day); each step goes copy → verify (row count and a checksum over ids
 * and content hashes) → switch (readers see it in the new tier) → delete (from the old tier), and
 * the ledger records each phase, so a restarted process redoes at most one phase, idempotently.
 * One job runs at a time.
 */
export class Migrator {
  readonly ledger: MigrationLedger;
  private readonly o: MigratorOptions;
  private readonly conn: DuckDBConnection;
  private running: Promise<void> | null = null;
  private readonly cancelled = new Set<string>();
  /** What the running job is doing, for its progress events. */
  private progress: {
    jobId: string;
    phase: ProgressPhase;
    started: number;
    doneAtStart: number;
    bytes: number;
  } | null = null;

  private constructor(o: MigratorOptions, ledger: MigrationLedger, conn: DuckDBConnection) {
    this.o = o;
    this.ledger = ledger;
    this.conn = conn;
  }

  static async open(o: MigratorOptions): Promise<Migrator> {
    await mkdir(resolve(o.tmpDir), { recursive: true });
    const ledger = await MigrationLedger.open(o.storage.engine);
    return new Migrator(o, ledger, await o.storage.engine.connect());
  }

  /** Starts a job, or returns the one already pending or running (one job at a time). */
  async start(input: StartInput): Promise<Job> {
    const active = await this.ledger.jobs({ statuses: ['PENDING', 'RUNNING'], limit: 1 });
    if (active[0]) return active[0];
    const now = this.o.clock();
    const params: JobParams = {
      move: input.move,
      systemIds: input.systemIds?.length ? input.systemIds : null,
      dryRun: input.dryRun ?? false,
      hotCutoff: new Date(now.getTime() - (input.olderThanDays ?? this.o.hotDays) * DAY).toISOString(),
      warmCutoff: new Date(now.getTime() - (input.olderThanDays ?? this.o.warmDays) * DAY).toISOString(),
    };
    const id = `job-${now
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14)}-${randomUUID().slice(0, 8)}`;
    await this.ledger.createJob(id, params, now);
    this.launch(id);
    const job = await this.ledger.job(id);
    if (!job) throw new Error('job vanished');
    return job;
  }

  /** Resumes jobs a stopped process left pending or running. */
  async resume(): Promise<void> {
    for (const job of await this.ledger.jobs({ statuses: ['PENDING', 'RUNNING'] })) {
      this.o.logger.info('resuming migration', { job: job.id });
      this.launch(job.id);
    }
  }

  /** Cancellation takes effect between steps, so no step is left half done. */
  async cancel(id: string): Promise<Job | null> {
    const job = await this.ledger.job(id);
    if (!job) return null;
    if (job.status === 'PENDING' || job.status === 'RUNNING') this.cancelled.add(id);
    return job;
  }

  /** Resolves when no job runs (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private launch(id: string): void {
    const previous = this.running ?? Promise.resolve();
    const run = previous.then(() => this.run(id));
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    });
  }

  private async run(id: string): Promise<void> {
    const started = performance.now();
    const now = () => this.o.clock();
    await this.ledger.updateJob(id, { status: 'RUNNING' }, now());
    let job = await this.requireJob(id);
    this.progress = { jobId: id, phase: 'PLAN', started, doneAtStart: job.recordsDone, bytes: 0 };
    await this.emit('RUNNING');
    // An event at least every second while the job runs, whatever a single step takes.
    const heartbeat = setInterval(() => void this.emit('RUNNING').catch(() => {}), 1000);
    try {
      const moves: StepMove[] =
        job.params.move === 'ALL'
          ? ['hot_to_warm', 'warm_to_cold']
          : [job.params.move === 'HOT_TO_WARM' ? 'hot_to_warm' : 'warm_to_cold'];
      for (const move of moves) {
        let steps = await this.ledger.steps(id, move);
        if (steps.length === 0) {
          this.setPhase('PLAN');
          steps = await this.plan(job, move);
          job = await this.requireJob(id);
          await this.emit('RUNNING');
        }
        if (job.params.dryRun) continue;
        for (const step of steps) {
          if (this.cancelled.has(id)) break;
          await this.runStep(job, step);
          if (this.o.stepPauseMs) await new Promise((r) => setTimeout(r, this.o.stepPauseMs));
          job = await this.requireJob(id);
        }
      }
      const status = this.cancelled.has(id) ? 'CANCELLED' : 'DONE';
      await this.ledger.updateJob(id, { status }, now());
    } catch (err) {
      this.o.logger.error('migration failed', { job: id, error: String(err) });
      await this.ledger.updateJob(
        id,
        { status: 'FAILED', error: String(err instanceof Error ? err.message : err) },
        now(),
      );
    } finally {
      clearInterval(heartbeat);
    }
    this.cancelled.delete(id);
    job = await this.requireJob(id);
    await this.emit(
      job.status === 'RUNNING' || job.status === 'PENDING' ? 'FAILED' : job.status,
      job.error ? [job.error] : [],
    );
    this.progress = null;
    this.o.hooks?.onJobEnd?.(job, (performance.now() - started) / 1000);
    this.o.logger.info('migration ended', { job: id, status: job.status, records: job.recordsDone });
  }

  private async requireJob(id: string): Promise<Job> {
    const job = await this.ledger.job(id);
    if (!job) throw new Error(`job ${id} not in the ledger`);
    return job;
  }

  private async plan(job: Job, move: StepMove): Promise<Step[]> {
    const { hot, warm } = this.o.storage;
    const systems = job.params.systemIds ? listValue(job.params.systemIds) : null;
    const steps: Step[] = [];
    let n = (await this.ledger.steps(job.id)).length;
    if (move === 'hot_to_warm') {
      const cutoff = new Date(job.params.hotCutoff);
      for (const shard of hot.shards) {
        const r = await this.conn.runAndReadAll(
          `SELECT count(*)::DOUBLE AS n FROM ${shard.table} WHERE ts < $1 AND ($2::VARCHAR[] IS NULL OR list_contains($2::VARCHAR[], system_id))`,
          [micros(cutoff), systems],
          [TIMESTAMP, LIST(VARCHAR)],
        );
        const rows = z.object({ n: z.number() }).parse(r.getRowObjectsJS()[0]).n;
        if (rows > 0) steps.push(this.newStep(job.id, n++, move, shard.index, null, null, cutoff, rows));
      }
    } else {
      const cutoff = new Date(job.params.warmCutoff);
      for (const shard of warm.shards) {
        const r = await this.conn.runAndReadAll(
          `SELECT system_id, strftime(ts, '%Y-%m-%d') AS day, count(*)::DOUBLE AS n FROM ${shard.table}
           WHERE ts < $1 AND ($2::VARCHAR[] IS NULL OR list_contains($2::VARCHAR[], system_id))
           GROUP BY ALL ORDER BY system_id, day`,
          [micros(cutoff), systems],
          [TIMESTAMP, LIST(VARCHAR)],
        );
        for (const raw of r.getRowObjectsJS()) {
          const p = z.object({ system_id: z.string(), day: z.string(), n: z.number() }).parse(raw);
          steps.push(this.newStep(job.id, n++, move, shard.index, p.system_id, p.day, cutoff, p.n));
        }
      }
    }
    await this.ledger.addSteps(steps);
    const planned = (await this.ledger.steps(job.id)).reduce((a, s) => a + s.rows, 0);
    // Before hot → warm has run, warm → cold can only be estimated: what is already due in warm,
    // plus what hot → warm is about to bring that is old enough for cold too.
    const ahead = move === 'hot_to_warm' && job.params.move === 'ALL' ? await this.coldDueEstimate(job) : 0;
    await this.ledger.updateJob(job.id, { recordsTotal: planned + ahead }, this.o.clock());
    return steps;
  }

  private async coldDueEstimate(job: Job): Promise<number> {
    const { hot, warm } = this.o.storage;
    const systems = job.params.systemIds ? listValue(job.params.systemIds) : null;
    const tables = [...hot.shards, ...warm.shards]
      .map((s) => `SELECT system_id, ts FROM ${s.table}`)
      .join(' UNION ALL ');
    const r = await this.conn.runAndReadAll(
      `SELECT count(*)::DOUBLE AS n FROM (${tables})
       WHERE ts < $1 AND ($2::VARCHAR[] IS NULL OR list_contains($2::VARCHAR[], system_id))`,
      [micros(new Date(job.params.warmCutoff)), systems],
      [TIMESTAMP, LIST(VARCHAR)],
    );
    return z.object({ n: z.number() }).parse(r.getRowObjectsJS()[0]).n;
  }

  private newStep(
    jobId: string,
    step: number,
    move: StepMove,
    shard: number,
    systemId: string | null,
    day: string | null,
    cutoff: Date,
    rows: number,
  ): Step {
    return {
      jobId,
      step,
      move,
      shard,
      systemId,
      day,
      cutoff,
      rows,
      phase: 'planned',
      objectKey: null,
      checksum: null,
    };
  }

  private async runStep(job: Job, step: Step): Promise<void> {
    if (step.phase === 'deleted') return;
    this.setPhase(WORKING[step.phase]);
    await this.emit('RUNNING');
    if (step.move === 'hot_to_warm') {
      const hot = this.shard('hot', step.shard);
      await hot.exclusive((tx) => this.hotToWarm(job, step, hot, tx));
    } else {
      await this.warmToCold(job, step);
    }
    this.o.hooks?.onMoved?.(step.move, step.rows);
    const fresh = await this.requireJob(job.id);
    await this.ledger.updateJob(job.id, { recordsDone: fresh.recordsDone + step.rows }, this.o.clock());
    if (this.progress && step.move === 'hot_to_warm')
      this.progress.bytes += step.rows * (this.o.storage.dimension + 12);
    await this.emit('RUNNING');
  }

  private setPhase(phase: ProgressPhase): void {
    if (this.progress) this.progress.phase = phase;
  }

  /** Records a progress event of the running job in the ledger, then hands it to the hook. */
  private async emit(state: ProgressState, errors: string[] = []): Promise<void> {
    const p = this.progress;
    if (!p) return;
    const job = await this.requireJob(p.jobId);
    const seconds = Math.max((performance.now() - p.started) / 1000, 0.001);
    const rate = (job.recordsDone - p.doneAtStart) / seconds;
    const left = job.recordsTotal - job.recordsDone;
    const event = await this.ledger.addEvent({
      jobId: job.id,
      at: this.o.clock(),
      phase: p.phase,
      state,
      recordsDone: job.recordsDone,
      recordsTotal: job.recordsTotal,
      bytesDone: p.bytes,
      rate,
      etaSeconds: state !== 'RUNNING' ? 0 : rate > 0 ? left / rate : null,
      errors,
    });
    this.o.hooks?.onEvent?.(event);
  }

  private shard(tier: 'hot' | 'warm', index: number): Shard {
    const shard = this.o.storage[tier].shards[index];
    if (!shard) throw new Error(`no ${tier} shard ${index}`);
    return shard;
  }

  private async advance(
    step: Step,
    phase: Phase,
    extra: { rows?: number; objectKey?: string; checksum?: string } = {},
  ) {
    await this.ledger.setPhase(step, phase, extra);
    Object.assign(step, { phase, ...extra });
    this.setPhase(WORKING[phase]);
    if (phase !== 'deleted') await this.emit('RUNNING');
    await this.failpoint(`${step.move}:${phase}`);
  }

  private async failpoint(point: string): Promise<void> {
    if (this.o.failpoint !== point) return;
    this.o.logger.warning('failpoint reached', { failpoint: point });
    await new Promise(() => {});
  }

  private async hotToWarm(
    job: Job,
    step: Step,
    hot: Shard,
    tx: <U>(g: (conn: DuckDBConnection) => Promise<U>) => Promise<U>,
  ): Promise<void> {
    const warm = this.shard('warm', step.shard);
    const tag = `${job.id}:${step.step}`;
    const systems = job.params.systemIds ? listValue(job.params.systemIds) : null;
    const where = `ts < $1 AND ($2::VARCHAR[] IS NULL OR list_contains($2::VARCHAR[], system_id))`;
    const params = [micros(step.cutoff), systems];
    const types = [TIMESTAMP, LIST(VARCHAR)];
    const d = this.o.storage.dimension;
    if (step.phase === 'planned') {
      await warm.write(async (conn) => {
        // A redo after a crash first removes what this step copied before.
        await conn.run(`DELETE FROM ${warm.table} WHERE job_id = $1`, [tag]);
        await conn.run(
          `INSERT INTO ${warm.table}
           SELECT ${quantizeSelect(d, '$3')} FROM (
             SELECT *, list_max(list_transform(embedding::FLOAT[], lambda x: abs(x))) / 127 AS s
             FROM ${hot.table} WHERE ${where}) h
           WHERE NOT EXISTS (SELECT 1 FROM ${warm.table} w WHERE w.system_id = h.system_id AND w.id = h.id)`,
          [...params, tag],
          [...types, VARCHAR],
        );
        await this.failpoint('hot_to_warm:in-copy');
      });
      await this.advance(step, 'copied');
    }
    if (step.phase === 'copied') {
      const r = await this.conn.runAndReadAll(
        `SELECT count(*)::DOUBLE AS n, count(w.id)::DOUBLE AS matched,
                (sum(hash(h.system_id || chr(0) || h.id || chr(0) || h.content_hash)) -
                 coalesce(sum(hash(w.system_id || chr(0) || w.id || chr(0) || w.content_hash)), 0))::VARCHAR AS diff,
                sum(hash(h.system_id || chr(0) || h.id || chr(0) || h.content_hash))::VARCHAR AS sum
         FROM (SELECT * FROM ${hot.table} WHERE ${where}) h
         LEFT JOIN ${warm.table} w ON w.system_id = h.system_id AND w.id = h.id`,
        params,
        types,
      );
      const row = z
        .object({
          n: z.number(),
          matched: z.number(),
          diff: z.string().nullable(),
          sum: z.string().nullable(),
        })
        .parse(r.getRowObjectsJS()[0]);
      if (row.n !== row.matched || (row.diff !== null && row.diff !== '0')) {
        throw new Error(
          `verify failed on hot shard ${step.shard}: ${row.matched} of ${row.n} rows in warm with equal checksums`,
        );
      }
      await this.advance(step, 'verified', { rows: row.n, checksum: row.sum ?? '0' });
    }
    if (step.phase === 'verified') await this.advance(step, 'switched');
    if (step.phase === 'switched') {
      // RETURNING costs about a quarter of the step; only an approximate index needs the seqs.
      const returning = this.o.hooks?.onHotRowsDeleted ? 'RETURNING seq::DOUBLE AS seq' : '';
      const deleted = await tx(async (conn) => {
        const r = await conn.runAndReadAll(
          `DELETE FROM ${hot.table} WHERE ${where}
             AND system_id || chr(0) || id IN (SELECT system_id || chr(0) || id FROM ${warm.table})
           ${returning}`,
          params,
          types,
        );
        await this.failpoint('hot_to_warm:in-delete');
        return returning ? (r.getColumnsJS()[0] as number[] | undefined) : [];
      });
      this.o.hooks?.onHotRowsDeleted?.(step.shard, deleted ?? []);
      await this.advance(step, 'deleted');
    }
  }

  private async warmToCold(job: Job, step: Step): Promise<void> {
    const warm = this.shard('warm', step.shard);
    const { cold } = this.o.storage;
    const systemId = step.systemId ?? '';
    const day = step.day ?? '';
    const start = new Date(`${day}T00:00:00Z`);
    const end = new Date(start.getTime() + DAY);
    const until = end < step.cutoff ? end : step.cutoff;
    // Values are inlined into COPY (it takes no parameters): the system id passed input validation
    // (letters, digits, _ and -) and the times are ours.
    const where = `system_id = ${sqlString(systemId)} AND ts >= ${sqlString(start.toISOString())}::TIMESTAMP AND ts < ${sqlString(until.toISOString())}::TIMESTAMP`;
    const key = `memories/${systemId}/${day.slice(0, 4)}/${day.slice(5, 7)}/${day.slice(8, 10)}/part-${job.id}-${step.step}.parquet`;
    const summary = async (source: string) => {
      const r = await this.conn.runAndReadAll(
        `SELECT count(*)::DOUBLE AS n, sum(hash(system_id || chr(0) || id || chr(0) || content_hash))::VARCHAR AS sum,
                min(ts) AS min_ts, max(ts) AS max_ts FROM ${source}`,
      );
      return z
        .object({
          n: z.number(),
          sum: z.string().nullable(),
          min_ts: z.date().nullable(),
          max_ts: z.date().nullable(),
        })
        .parse(r.getRowObjectsJS()[0]);
    };
    if (step.phase === 'planned') {
      const tmp = join(resolve(this.o.tmpDir), `${job.id}-${step.step}.parquet`);
      await this.conn.run(
        `COPY (SELECT system_id, id, kind, content, content_hash, ts, uploaded_at, project, tags, metadata, embedding_q, scale, norm
               FROM ${warm.table} WHERE ${where} ORDER BY ts, id)
         TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      const local = await summary(`read_parquet(${sqlString(tmp)})`);
      const bytes = await cold.objects.put(key, tmp);
      if (this.progress) this.progress.bytes += bytes;
      await rm(tmp, { force: true });
      await this.failpoint('warm_to_cold:in-copy');
      await this.advance(step, 'copied', { objectKey: key, rows: local.n, checksum: local.sum ?? '0' });
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
      await this.advance(step, 'verified', { rows: stored.n });
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
      await this.advance(step, 'switched');
    }
    if (step.phase === 'switched') {
      const file = await cold.objects.localPath(key);
      await warm.write(async (conn) => {
        await conn.run(
          `DELETE FROM ${warm.table} WHERE ${where} AND id IN (SELECT id FROM read_parquet(${sqlString(file)}))`,
        );
        await this.failpoint('warm_to_cold:in-delete');
      });
      await this.advance(step, 'deleted');
    }
  }

  async close(): Promise<void> {
    await this.ledger.close();
    this.conn.closeSync();
  }
}
