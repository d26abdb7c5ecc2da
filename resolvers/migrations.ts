import type { Job, JobStatus, Move, ProgressEvent } from '../storage/migration-ledger.ts';
import type { Services } from './context.ts';
import { AkoshaError, badInput } from './errors.ts';
import { SYSTEM_ID_PATTERN } from './ingest.ts';

export type StartMigrationInput = {
  move?: Move | null;
  olderThanDays?: number | null;
  systemIds?: readonly string[] | null;
  dryRun?: boolean | null;
};

/** Starts aging (by default everything that is due), or returns the job already running. */
export async function startMigration(
  services: Services,
  input: StartMigrationInput | null | undefined,
): Promise<Job> {
  const days = input?.olderThanDays;
  if (days != null && !(Number.isInteger(days) && days >= 0))
    throw badInput('olderThanDays must be a whole number ≥ 0');
  for (const id of input?.systemIds ?? []) {
    if (!SYSTEM_ID_PATTERN.test(id))
      throw badInput(`systemIds: ${JSON.stringify(id)} is not a valid system id`);
  }
  return services.migrator.start({
    move: input?.move ?? 'ALL',
    olderThanDays: days ?? null,
    systemIds: input?.systemIds ? [...input.systemIds] : null,
    dryRun: input?.dryRun ?? false,
  });
}

export function migrationJob(services: Services, id: string): Promise<Job | null> {
  return services.migrator.ledger.job(id);
}

export function migrationJobs(
  services: Services,
  status: JobStatus | null | undefined,
  limit: number | null | undefined,
) {
  return services.migrator.ledger.jobs({
    ...(status ? { statuses: [status] } : {}),
    limit: Math.max(1, Math.min(limit ?? 20, 500)),
  });
}

export type ShardStats = { shard: string; rows: number; bytes: number };
export type TierStats = { tier: 'HOT' | 'WARM' | 'COLD'; rows: number; bytes: number; shards: ShardStats[] };

/** Rows and bytes per tier and shard (cold: per catalog, objects counted as one unit). */
export async function storageStats(services: Services): Promise<TierStats[]> {
  const { hot, warm, cold } = services.storage;
  const shardStats = (set: typeof hot) =>
    Promise.all(
      set.shards.map(async (s) => ({ shard: s.name, rows: await s.count(), bytes: await s.sizeBytes() })),
    );
  const [h, w, c] = await Promise.all([shardStats(hot), shardStats(warm), cold.stats()]);
  const sum = (xs: ShardStats[], f: 'rows' | 'bytes') => xs.reduce((n, x) => n + x[f], 0);
  return [
    { tier: 'HOT', rows: sum(h, 'rows'), bytes: sum(h, 'bytes'), shards: h },
    { tier: 'WARM', rows: sum(w, 'rows'), bytes: sum(w, 'bytes'), shards: w },
    {
      tier: 'COLD',
      rows: c.rows,
      bytes: c.bytes,
      shards: [{ shard: cold.objects.name, rows: c.rows, bytes: c.bytes }],
    },
  ];
}

export async function cancelMigration(services: Services, id: string): Promise<Job | null> {
  return services.migrator.cancel(id);
}

const FINAL = new Set(['DONE', 'FAILED', 'CANCELLED']);

/**
 * The progress events of a job after `after`: first those already in the ledger, then live ones,
 * ending after the final event (DONE, FAILED or CANCELLED). A finished job replays and ends.
 */
export async function* migrationProgress(
  services: Services,
  jobId: string,
  after: number,
): AsyncGenerator<ProgressEvent> {
  const job = await services.migrator.ledger.job(jobId);
  if (!job) throw new AkoshaError('NOT_FOUND', `no migration job ${jobId}`);
  // Subscribe before reading the ledger so nothing emitted in between is missed.
  const live = services.events.subscribe('migration');
  try {
    let last = after;
    for (const e of await services.migrator.ledger.events(jobId, after)) {
      yield e;
      last = e.seq;
      if (FINAL.has(e.state)) return;
    }
    if (FINAL.has(job.status) && (await services.migrator.ledger.events(jobId, last)).length === 0) return;
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
