import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import type { Logger } from '../../monitoring/logger.ts';
import type { ColdStore } from '../cold/cold-store.ts';
import type { StartMigrationParams } from '../port.ts';
import type { Shard } from '../shards/shard.ts';
import type { ShardSet } from '../shards/shard-set.ts';
import { systemsAcrossTiers } from '../tier-reads.ts';
import type { ForgetFilter, Job, JobParams, ProgressEvent, ProgressPhase } from '../types.ts';
import { createFailpoint, type Failpoint } from './failpoint.ts';
import { forgetCold, forgetHot, forgetWarm, planForget } from './forget.ts';
import { hotToWarm } from './hot-to-warm.ts';
import { MigrationLedger, type Phase, type Step, type StepChange, type StepMove } from './ledger.ts';
import { coldDueEstimate, planSteps } from './planner.ts';
import { Progress, type ShareProgress } from './progress.ts';
import { type RetentionRules, retentionFilters } from './retention.ts';
import { inLanes, type StepContext } from './step-context.ts';
import { GROUP_ROWS, GROUP_STEPS, warmToCold } from './warm-to-cold.ts';

export type MigratorOptions = {
  engine: DuckDBInstance;
  hot: ShardSet;
  warm: ShardSet;
  cold: ColdStore;
  dimension: number;
  hotDays: number;
  warmDays: number;
  clock: () => Date;
  logger: Logger;
  tmpDir: string;
  failpoint?: string | undefined;
  /** Hot tier size (files and logs, as akosha_hot_store_size_bytes) above which its oldest data ages; 0: never. */
  hotMaxBytes?: number | undefined;
  /** Maximum ages: a new ALL job (not a dry run) queues the FORGET jobs they ask for after it. */
  retention?: RetentionRules | undefined;
  /** Pause after each step (group of warm → cold steps) in its lane, to limit the I/O aging takes from queries. */
  stepPauseMs?: number | undefined;
  /** Most rows of a hot → warm step (unless one day holds more): one transaction of its warm shard. */
  hotStepRows?: number | undefined;
  /** Each step that finished its delete, with the rows it moved. */
  onMoved?: ((move: StepMove, rows: number) => void) | undefined;
  /** Rows a step deleted from a hot or warm shard, by seq (so their index forgets them). */
  onRowsDeleted?: StepContext['onRowsDeleted'];
  onJobEnd?: ((job: Job, seconds: number) => void) | undefined;
  /** Each progress event, after it is in the ledger. */
  onEvent?: ((event: ProgressEvent) => void) | undefined;
  /** Stores of a scale-out deployment: a job's events numbered and summed across stores (progress.ts). */
  shareProgress?: ShareProgress | undefined;
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
/** The runner's connections: hot → warm steps and warm → cold COPYs run this many at once (see `lanes`). */
const STEP_LANES = 4;

/**
 * A move's steps in the groups that run together: warm → cold steps, consecutive, up to
 * GROUP_STEPS steps and GROUP_ROWS rows (a COPY a shard, one ledger statement a phase, one delete
 * transaction a shard: a step of one system-day alone spent most of its time in those fixed
 * costs); every other step alone.
 */
function groups(steps: readonly Step[]): Step[][] {
  const out: Step[][] = [];
  let rows = 0;
  for (const step of steps) {
    const last = out[out.length - 1];
    const first = last?.[0];
    if (
      last &&
      first &&
      step.move === 'warm_to_cold' &&
      first.move === 'warm_to_cold' &&
      first.cutoff.getTime() === step.cutoff.getTime() &&
      last.length < GROUP_STEPS &&
      rows + step.rows <= GROUP_ROWS
    ) {
      last.push(step);
      rows += step.rows;
    } else {
      out.push([step]);
      rows = step.rows;
    }
  }
  return out;
}

/** A job id: kind, start time to the second, a random part (job-20261202133000-1a2b3c4d). */
export const newJobId = (prefix: string, now: Date): string =>
  `${prefix}-${now
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}-${randomUUID().slice(0, 8)}`;

/**
 * Runs aging and FORGET jobs. A job is a list of steps (planner.ts, forget.ts); each step goes
 * copy → verify → switch → delete (hot-to-warm.ts, warm-to-cold.ts, forget.ts) and the ledger
 * records each phase, so a restarted process redoes at most one phase, idempotently. One job
 * runs at a time.
 */
export class Migrator {
  readonly ledger: MigrationLedger;
  private readonly o: MigratorOptions;
  private readonly conn: DuckDBConnection;
  private readonly conns: readonly DuckDBConnection[];
  private running: Promise<void> | null = null;
  /** Hot rows when size-based aging last started: it starts again only once there are more. */
  private rowsAged = 0;
  private readonly cancelled = new Set<string>();
  private progress: Progress | null = null;
  private readonly failpoint: Failpoint;
  /**
   * A step context a lane: hot → warm runs a step a lane side by side. A shard's quantising INSERT
   * keeps one core busy and the rest of a step (commit, verify, ledger, delete) mostly waits, so
   * four lanes on two cores (110k: 2 lanes 42.9k / 48.6k, 3 lanes 49.3k / 52.6k, 4 lanes 54.1k /
   * 58.7k memories/s; the warm index caught up as soon after the job either way).
   */
  private readonly lanes: readonly StepContext[];

  private constructor(
    o: MigratorOptions,
    ledger: MigrationLedger,
    conns: [DuckDBConnection, ...DuckDBConnection[]],
  ) {
    const [conn] = conns;
    this.o = o;
    this.ledger = ledger;
    this.conn = conn;
    this.conns = conns;
    const failpoint = createFailpoint(o.failpoint, o.logger);
    this.lanes = conns.map((laneConn) => ({
      conn: laneConn,
      conns,
      dimension: o.dimension,
      tmpDir: o.tmpDir,
      failpoint,
      advance: (step, phase, extra) => this.advance([{ step, extra }], phase),
      advanceAll: (changes, phase) => this.advance(changes, phase),
      addBytes: (n) => {
        if (this.progress) this.progress.bytes += n;
      },
      onRowsDeleted: o.onRowsDeleted,
    }));
    this.failpoint = failpoint;
  }

  static async open(o: MigratorOptions): Promise<Migrator> {
    await mkdir(resolve(o.tmpDir), { recursive: true });
    const ledger = await MigrationLedger.open(o.engine);
    const conns: [DuckDBConnection, ...DuckDBConnection[]] = [await o.engine.connect()];
    while (conns.length < STEP_LANES) conns.push(await o.engine.connect());
    return new Migrator(o, ledger, conns);
  }

  /**
   * Starts a job, or returns the one already pending or running (one job at a time). With an id
   * (a job an api pod runs on every store) the job of that id: made once, queued behind a running one.
   */
  async start(input: StartMigrationParams, opts: { hotCutoff?: Date; id?: string } = {}): Promise<Job> {
    const { hotCutoff, id } = opts;
    const known = id ? await this.ledger.job(id) : null;
    if (known) return known;
    const active = id ? [] : await this.ledger.jobs({ statuses: ['PENDING', 'RUNNING'], limit: 1 });
    if (active[0]) return active[0];
    const now = this.o.clock();
    const params: JobParams = {
      move: input.move,
      systemIds: input.systemIds?.length ? input.systemIds : null,
      dryRun: input.dryRun,
      hotCutoff: (
        hotCutoff ?? new Date(now.getTime() - (input.olderThanDays ?? this.o.hotDays) * DAY)
      ).toISOString(),
      warmCutoff: new Date(now.getTime() - (input.olderThanDays ?? this.o.warmDays) * DAY).toISOString(),
      hotSeqs: this.hotSeqs(),
    };
    const job = await this.create('job', params, now, id);
    if (input.move === 'ALL' && !input.dryRun && this.o.retention) {
      const systems = params.systemIds ?? (await systemsAcrossTiers(this.o)).map((s) => s.id);
      for (const filter of retentionFilters(this.o.retention, systems, now)) await this.startForget(filter);
    }
    return job;
  }

  /**
   * Size-based aging: when the hot tier is over hotMaxBytes, a HOT_TO_WARM job moves its oldest
   * memories, as many as bring it to 80 % of the limit (by row count, in proportion). The files keep
   * freed space for reuse, so they do not shrink: another job starts only once hot holds more rows
   * than when this one started (only then do the files grow again). Returns the job started, if any.
   */
  async ageIfHotTooLarge(): Promise<Job | null> {
    const max = this.o.hotMaxBytes ?? 0;
    if (max <= 0) return null;
    const sizes = await Promise.all(this.o.hot.shards.map((s) => s.sizeBytes()));
    const size = sizes.reduce((a, b) => a + b, 0);
    if (size <= max) return null;
    const rows = (await Promise.all(this.o.hot.shards.map((s) => s.count()))).reduce((a, b) => a + b, 0);
    if (rows <= this.rowsAged) return null;
    const active = await this.ledger.jobs({ statuses: ['PENDING', 'RUNNING'], limit: 1 });
    if (active[0]) return null;
    const fraction = Math.min(1, (size - 0.8 * max) / size);
    const tables = this.o.hot.shards.map((s) => `SELECT ts FROM ${s.table}`).join(' UNION ALL ');
    const r = await this.conn.runAndReadAll(
      `SELECT epoch_ms(quantile_disc(ts, ${fraction}))::DOUBLE AS t FROM (${tables})`,
    );
    const t = z.object({ t: z.number().nullable() }).parse(r.getRowObjectsJS()[0]).t;
    if (t === null) return null;
    this.rowsAged = rows;
    this.o.logger.info('hot tier over its size limit: aging its oldest memories', { size, max, fraction });
    // Everything at or before the quantile moves (the cutoff is exclusive).
    return this.start(
      { move: 'HOT_TO_WARM', olderThanDays: null, systemIds: null, dryRun: false },
      { hotCutoff: new Date(t + 1) },
    );
  }

  /** Starts a FORGET job (it runs after any job already running; never merged with one). */
  async startForget(filter: ForgetFilter, id?: string): Promise<Job> {
    const known = id ? await this.ledger.job(id) : null;
    if (known) return known;
    const now = this.o.clock();
    const params: JobParams = {
      move: 'FORGET',
      systemIds: filter.systemIds,
      dryRun: false,
      hotCutoff: now.toISOString(),
      warmCutoff: now.toISOString(),
      forget: filter,
      hotSeqs: this.hotSeqs(),
    };
    return this.create('forget', params, now, id);
  }

  /** Each hot shard's last seq now (0 for a shard another process holds): what a job asked now may touch. */
  private hotSeqs(): number[] {
    return Array.from({ length: this.o.hot.total }, (_, i) =>
      this.o.hot.holds(i) ? this.o.hot.at(i).lastSeqGiven : 0,
    );
  }

  /** Records a job (id: prefix, start time, random part, unless given) and queues it behind any running one. */
  private async create(prefix: string, params: JobParams, now: Date, given?: string): Promise<Job> {
    const id = given ?? newJobId(prefix, now);
    await this.ledger.createJob(id, params, now);
    this.launch(id);
    return this.requireJob(id);
  }

  /** Resumes jobs a stopped process left pending or running. */
  async resume(): Promise<void> {
    for (const job of await this.ledger.jobs({ statuses: ['PENDING', 'RUNNING'] })) {
      this.o.logger.info('resuming migration', { job: job.id });
      // A job recorded before jobs bounded their hot rows (when its steps held their shards'
      // writes) is bounded now, before any of its steps runs on: every row it could have meant
      // is here, and none written from now on is touched.
      if (!job.params.hotSeqs)
        await this.ledger.updateJob(
          job.id,
          { params: { ...job.params, hotSeqs: this.hotSeqs() } },
          this.o.clock(),
        );
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

  /**
   * Runs `fn` when no job runs, and holds back any job until it is done (a backup must not see
   * a memory halfway between two tiers: in both, or in neither).
   */
  between<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.running ?? Promise.resolve();
    const result = previous.then(fn);
    const run = result.then(
      () => {},
      () => {},
    );
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    });
    return result;
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
    const now = () => this.o.clock();
    await this.ledger.updateJob(id, { status: 'RUNNING' }, now());
    let job = await this.requireJob(id);
    const progress = new Progress(job, {
      ledger: this.ledger,
      clock: this.o.clock,
      publish: (e) => this.o.onEvent?.(e),
      share: this.o.shareProgress,
      logger: this.o.logger,
    });
    this.progress = progress;
    await progress.emit('RUNNING');
    // An event at least every second while the job runs, whatever a single step takes.
    const heartbeat = setInterval(() => void progress.emit('RUNNING').catch(() => {}), 1000);
    try {
      const moves: StepMove[] =
        job.params.move === 'FORGET'
          ? ['forget_hot', 'forget_warm', 'forget_cold']
          : job.params.move === 'ALL'
            ? ['hot_to_warm', 'warm_to_cold']
            : [job.params.move === 'HOT_TO_WARM' ? 'hot_to_warm' : 'warm_to_cold'];
      for (const move of moves) {
        let steps = await this.ledger.steps(id, move);
        if (steps.length === 0) {
          progress.phase = 'PLAN';
          steps = await this.plan(job, move);
          job = await this.requireJob(id);
          await progress.emit('RUNNING');
        }
        if (job.params.dryRun) continue;
        // Hot → warm steps (a shard each) a lane each; the others one at a time (a warm → cold
        // group already runs its COPYs side by side).
        const lanes = move === 'hot_to_warm' ? this.lanes.length : 1;
        await inLanes(groups(steps), lanes, async (group, lane) => {
          if (this.cancelled.has(id)) return;
          await this.runSteps(job, group, this.lanes[lane] as StepContext);
          if (this.o.stepPauseMs) await new Promise((r) => setTimeout(r, this.o.stepPauseMs));
        });
        job = await this.requireJob(id);
      }
      await this.ledger.updateJob(id, { status: this.cancelled.has(id) ? 'CANCELLED' : 'DONE' }, now());
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
    await progress.emit(
      job.status === 'RUNNING' || job.status === 'PENDING' ? 'FAILED' : job.status,
      job.error ? [job.error] : [],
    );
    this.progress = null;
    this.o.onJobEnd?.(job, progress.seconds);
    this.o.logger.info('migration ended', { job: id, status: job.status, records: job.recordsDone });
  }

  private async requireJob(id: string): Promise<Job> {
    const job = await this.ledger.job(id);
    if (!job) throw new Error(`job ${id} not in the ledger`);
    return job;
  }

  private async plan(job: Job, move: StepMove): Promise<Step[]> {
    const src = { conn: this.conn, hot: this.o.hot, warm: this.o.warm };
    if (job.params.move === 'FORGET') {
      // Every step of a FORGET job is planned at once, the first time.
      if ((await this.ledger.steps(job.id)).length === 0) {
        const all = await planForget({ ...src, cold: this.o.cold }, job, 0);
        await this.ledger.addSteps(all);
        const total = all.reduce((a, s) => a + s.rows, 0);
        await this.ledger.updateJob(job.id, { recordsTotal: total }, this.o.clock());
      }
      return this.ledger.steps(job.id, move);
    }
    const first = (await this.ledger.steps(job.id)).length;
    const steps = await planSteps(src, job, move, first, this.o.hotStepRows);
    await this.ledger.addSteps(steps);
    const planned = (await this.ledger.steps(job.id)).reduce((a, s) => a + s.rows, 0);
    const ahead = move === 'hot_to_warm' && job.params.move === 'ALL' ? await coldDueEstimate(src, job) : 0;
    await this.ledger.updateJob(job.id, { recordsTotal: planned + ahead }, this.o.clock());
    return steps;
  }

  /** Runs steps of one move and shard together (several only for warm → cold: `groups`). */
  private async runSteps(job: Job, group: readonly Step[], ctx: StepContext): Promise<void> {
    const steps = group.filter((s) => s.phase !== 'deleted');
    const step = steps[0];
    if (!step) return;
    await this.setPhase(WORKING[step.phase]);
    const hot = this.shard(this.o.hot, step.shard);
    const warm = this.shard(this.o.warm, step.shard);
    if (step.move === 'hot_to_warm') await hotToWarm(ctx, job, step, hot, warm);
    else if (step.move === 'warm_to_cold')
      await warmToCold(ctx, job, steps, (n) => this.shard(this.o.warm, n), this.o.cold);
    else if (step.move === 'forget_hot') await forgetHot(ctx, job, step, hot);
    else if (step.move === 'forget_warm') await forgetWarm(ctx, job, step, warm);
    else await forgetCold(ctx, job, step, warm, this.o.cold);
    const rows = steps.reduce((n, s) => n + s.rows, 0);
    this.o.onMoved?.(step.move, rows);
    await this.ledger.updateJob(job.id, { addDone: rows }, this.o.clock());
    if (this.progress && step.move === 'hot_to_warm') this.progress.bytes += rows * (this.o.dimension + 12);
    await this.progress?.emit('RUNNING');
  }

  private async setPhase(phase: ProgressPhase): Promise<void> {
    if (!this.progress) return;
    this.progress.phase = phase;
    await this.progress.emit('RUNNING');
  }

  private shard(set: ShardSet, index: number): Shard {
    return set.at(index);
  }

  private async advance(changes: readonly StepChange[], phase: Phase): Promise<void> {
    await this.ledger.setPhase(changes, phase);
    for (const { step, extra } of changes) Object.assign(step, { phase, ...extra });
    if (this.progress) this.progress.phase = WORKING[phase];
    if (phase !== 'deleted') await this.progress?.emit('RUNNING');
    const move = changes[0]?.step.move;
    if (move) await this.failpoint(`${move}:${phase}`);
  }

  async close(): Promise<void> {
    await this.ledger.close();
    for (const c of this.conns) c.closeSync();
  }
}
