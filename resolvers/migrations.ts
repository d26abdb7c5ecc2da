import type { ShardPort, TierStats } from '../storage/port.ts';
import type { Job, JobStatus, Move, ProgressEvent } from '../storage/types.ts';
import { AkoshaError, badInput } from './errors.ts';
import type { EventBus } from './event-bus.ts';
import { checkUnrestricted, checkWritable, type Scope, UNRESTRICTED } from './scope.ts';
import { checkSystemIds, clampLimit } from './validation.ts';

export type MigrationDeps = { stores: Pick<ShardPort, 'migrations'> };

export type StartMigrationInput = {
  move?: Move | null;
  olderThanDays?: number | null;
  systemIds?: readonly string[] | null;
  dryRun?: boolean | null;
};

/** Starts aging (by default everything that is due), or returns the job already running. */
/** A job is visible to a token limited to systems only when all its systems are in scope. */
const visible = (job: Job | null, scope: Scope): Job | null =>
  job && (!scope.patterns || (job.params.systemIds?.every((s) => scope.allows(s)) ?? false)) ? job : null;

export function startMigration(
  deps: MigrationDeps,
  input: StartMigrationInput | null | undefined,
  scope: Scope = UNRESTRICTED,
): Promise<Job> {
  if (scope.patterns) {
    if (!input?.systemIds?.length)
      throw new AkoshaError(
        'FORBIDDEN',
        'a token limited to systems must name the systems to age (systemIds)',
      );
    checkWritable(scope, input.systemIds);
  }
  const days = input?.olderThanDays;
  if (days != null && !(Number.isInteger(days) && days >= 0))
    throw badInput('olderThanDays must be a whole number ≥ 0');
  checkSystemIds(input?.systemIds);
  return deps.stores.migrations.start({
    move: input?.move ?? 'ALL',
    olderThanDays: days ?? null,
    systemIds: input?.systemIds ? [...input.systemIds] : null,
    dryRun: input?.dryRun ?? false,
  });
}

export async function migrationJob(deps: MigrationDeps, id: string, scope: Scope): Promise<Job | null> {
  return visible(await deps.stores.migrations.job(id), scope);
}

export async function migrationJobs(
  deps: MigrationDeps,
  status: JobStatus | null | undefined,
  limit: number | null | undefined,
  scope: Scope,
): Promise<Job[]> {
  const jobs = await deps.stores.migrations.jobs({
    ...(status ? { statuses: [status] } : {}),
    limit: clampLimit(limit, 20, 500),
  });
  return jobs.filter((j) => visible(j, scope));
}

export async function cancelMigration(deps: MigrationDeps, id: string, scope: Scope): Promise<Job | null> {
  if (!visible(await deps.stores.migrations.job(id), scope)) return null;
  return deps.stores.migrations.cancel(id);
}

/** Rows and bytes per tier and shard (cold: per catalog, objects counted as one unit). */
export async function storageStats(
  deps: { stores: Pick<ShardPort, 'stats'> },
  scope: Scope,
): Promise<TierStats[]> {
  checkUnrestricted(scope, 'storageStats');
  return deps.stores.stats();
}

const FINAL = new Set(['DONE', 'FAILED', 'CANCELLED']);
const FOREIGN_JOB_WAIT_MS = 10_000;

/** The first item of `source` that passes `keep` within `ms`, or null. */
async function nextOf<T>(source: AsyncIterator<T>, keep: (t: T) => boolean, ms: number): Promise<T | null> {
  const deadline = Date.now() + ms;
  let timer: NodeJS.Timeout | undefined;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const r = await Promise.race([
        source.next(),
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), left);
        }),
      ]);
      clearTimeout(timer);
      if (r === null || r.done) return null;
      if (keep(r.value)) return r.value;
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The progress events of a job after `after`: first those already in the ledger, then live ones,
 * ending after the final event (DONE, FAILED or CANCELLED). A finished job replays and ends.
 */
export async function* migrationProgress(
  deps: MigrationDeps & { events: Pick<EventBus, 'subscribe'> },
  jobId: string,
  after: number,
  scope: Scope = UNRESTRICTED,
): AsyncGenerator<ProgressEvent> {
  const { migrations } = deps.stores;
  // Subscribe before reading the ledger so nothing emitted in between is missed.
  const live = deps.events.subscribe('migration');
  try {
    const job = await migrations.job(jobId);
    if (job && !visible(job, scope)) throw new AkoshaError('NOT_FOUND', `no migration job ${jobId}`);
    let last = after;
    if (!job) {
      if (scope.patterns) throw new AkoshaError('NOT_FOUND', `no migration job ${jobId}`);
      // A job of another process (its events come through the shared bus): follow it live.
      const first = await nextOf(live, (e) => e.jobId === jobId && e.seq > after, FOREIGN_JOB_WAIT_MS);
      if (!first) throw new AkoshaError('NOT_FOUND', `no migration job ${jobId}`);
      yield first;
      last = first.seq;
      if (FINAL.has(first.state)) return;
      for await (const e of live) {
        if (e.jobId !== jobId || e.seq <= last) continue;
        yield e;
        last = e.seq;
        if (FINAL.has(e.state)) return;
      }
      return;
    }
    for (const e of await migrations.events(jobId, after)) {
      yield e;
      last = e.seq;
      if (FINAL.has(e.state)) return;
    }
    if (FINAL.has(job.status) && (await migrations.events(jobId, last)).length === 0) return;
    for await (const e of live) {
      if (e.jobId !== jobId || e.seq <= last) continue;
      yield e;
      last = e.seq;
      if (FINAL.has(e.state)) return;
    }
  } finally {
    await live.return?.();
  }
}
