import { createClient } from 'graphql-ws';
import { graphql } from '../schema/operations/gql.ts';
import type { ProgressSubscription } from '../schema/operations/graphql.ts';

// The aging CronJob (AKOSHA_ROLE=age, or `node server/main.ts age`): starts a migration through
// the API, follows its progress subscription until the final event, and exits 0 only on DONE.
// A dropped connection is retried, resuming after the last event seen.

export type AgeOptions = {
  url: string;
  token: string;
  move: 'HOT_TO_WARM' | 'WARM_TO_COLD' | 'ALL';
  olderThanDays?: number | undefined;
  systemIds?: string[] | undefined;
  dryRun?: boolean | undefined;
  out: NodeJS.WritableStream & { isTTY?: boolean };
  maxReconnects?: number;
  reconnectDelayMs?: number;
};

type Event = ProgressSubscription['migrationProgress'];

const START = graphql(
  `mutation Start($input: StartMigrationInput) { startMigration(input: $input) { id status } }`,
);
const PROGRESS = graphql(`subscription Progress($jobId: ID!, $after: Int) {
  migrationProgress(jobId: $jobId, after: $after) {
    seq phase state recordsDone recordsTotal bytesDone rate etaSeconds errors
  }
}`);

export class AgeClientError extends Error {}

async function startJob(o: AgeOptions): Promise<string> {
  const input = {
    move: o.move,
    ...(o.olderThanDays !== undefined ? { olderThanDays: o.olderThanDays } : {}),
    ...(o.systemIds?.length ? { systemIds: o.systemIds } : {}),
    ...(o.dryRun ? { dryRun: true } : {}),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(o.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
        body: JSON.stringify({ query: START, variables: { input } }),
      });
      const body = (await res.json()) as {
        data?: { startMigration?: { id: string } };
        errors?: { message: string }[];
      };
      if (body.errors?.length)
        throw new AgeClientError(`startMigration refused: ${body.errors.map((e) => e.message).join('; ')}`);
      const id = body.data?.startMigration?.id;
      if (!id) throw new AgeClientError('startMigration returned no job');
      return id;
    } catch (err) {
      if (err instanceof AgeClientError || attempt >= (o.maxReconnects ?? 30)) throw err;
      await new Promise((r) => setTimeout(r, o.reconnectDelayMs ?? 1000));
    }
  }
}

function printer(out: AgeOptions['out']) {
  const tty = out.isTTY === true;
  return {
    event(jobId: string, e: Event) {
      if (!tty) {
        out.write(`${JSON.stringify({ jobId, ...e })}\n`);
        return;
      }
      const fraction = e.recordsTotal > 0 ? e.recordsDone / e.recordsTotal : e.state === 'DONE' ? 1 : 0;
      const width = 30;
      const filled = Math.round(fraction * width);
      const eta = e.etaSeconds === null ? '?' : `${Math.round(e.etaSeconds)}s`;
      out.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
          `${e.recordsDone}/${e.recordsTotal} ${e.phase.padEnd(6)} ${e.rate.toFixed(0)}/s ETA ${eta} ${e.state}   `,
      );
      if (e.state !== 'RUNNING') out.write('\n');
    },
    note(message: string) {
      if (tty) out.write(`\n${message}\n`);
      else out.write(`${JSON.stringify({ note: message })}\n`);
    },
  };
}

type Outcome =
  | { kind: 'final'; state: string; errors: string[] }
  | { kind: 'dropped'; reason: string }
  | { kind: 'refused'; reason: string };

function followOnce(
  o: AgeOptions,
  jobId: string,
  after: number,
  onEvent: (e: Event) => void,
): Promise<Outcome> {
  const client = createClient({
    url: o.url.replace(/^http/, 'ws'),
    connectionParams: { authorization: `Bearer ${o.token}` },
    retryAttempts: 0,
    lazy: true,
    shouldRetry: () => false,
  });
  return new Promise<Outcome>((resolve) => {
    let final: Outcome | null = null;
    client.subscribe<ProgressSubscription>(
      { query: PROGRESS.toString(), variables: { jobId, after } },
      {
        next: (r) => {
          if (r.errors?.length) {
            final = { kind: 'refused', reason: r.errors.map((e) => e.message).join('; ') };
            return;
          }
          const e = r.data?.migrationProgress;
          if (!e) return;
          onEvent(e);
          if (e.state !== 'RUNNING') final = { kind: 'final', state: e.state, errors: e.errors };
        },
        error: (err) => {
          const refused = Array.isArray(err);
          resolve(
            final ??
              (refused
                ? { kind: 'refused', reason: err.map((e: { message: string }) => e.message).join('; ') }
                : { kind: 'dropped', reason: err instanceof Error ? err.message : 'connection closed' }),
          );
        },
        complete: () => resolve(final ?? { kind: 'dropped', reason: 'stream ended before the final event' }),
      },
    );
  }).finally(() => client.dispose());
}

/** Returns the process exit code: 0 DONE, 1 FAILED or CANCELLED or refused, 3 when the API stayed unreachable. */
export async function runAgeClient(o: AgeOptions): Promise<number> {
  const print = printer(o.out);
  let jobId: string;
  try {
    jobId = await startJob(o);
  } catch (err) {
    print.note(err instanceof Error ? err.message : String(err));
    return err instanceof AgeClientError ? 1 : 3;
  }
  print.note(`following migration ${jobId}`);
  let last = 0;
  let attempts = 0;
  for (;;) {
    const outcome = await followOnce(o, jobId, last, (e) => {
      last = e.seq;
      attempts = 0;
      print.event(jobId, e);
    });
    if (outcome.kind === 'final') {
      if (outcome.state !== 'DONE')
        print.note(`migration ${jobId} ended ${outcome.state}: ${outcome.errors.join('; ')}`);
      return outcome.state === 'DONE' ? 0 : 1;
    }
    if (outcome.kind === 'refused') {
      print.note(`progress refused: ${outcome.reason}`);
      return 1;
    }
    attempts++;
    if (attempts > (o.maxReconnects ?? 30)) {
      print.note(`gave up after ${attempts - 1} reconnects: ${outcome.reason}`);
      return 3;
    }
    print.note(`connection lost (${outcome.reason}); resuming after event ${last}`);
    await new Promise((r) => setTimeout(r, o.reconnectDelayMs ?? 1000));
  }
}
