import { SignJWT } from 'jose';
import { type AkoshaProcess, startAkoshaProcess } from '../../deploy/local/akosha-process.ts';
import { TEST_SECRET } from './app.ts';
import { JOB } from './tiers.ts';

export type ServerProcess = AkoshaProcess;

/** Starts `node server/main.ts` on 127.0.0.1 with a free port and the test secret, and waits for its "listening" line. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return startAkoshaProcess({ AKOSHA_JWT_SECRET: TEST_SECRET, ...env });
}

/** A token for TEST_SECRET, the secret startServerProcess gives the server. */
export function testToken(roles: string[] = ['admin'], sub = 'test-process'): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(TEST_SECRET));
}

export async function post(
  url: string,
  query: string | { toString(): string },
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  headers ??= { authorization: `Bearer ${await testToken()}` };
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query: String(query), variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: responses are inspected field by field
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

/** Polls `check` every 50 ms until it gives a value; fails after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  ms = 30_000,
): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Waits until the server hangs at its AKOSHA_FAILPOINT, kills it with SIGKILL, starts it again on
 * `env` (without the failpoint) and waits for the job to end, as the restarted server reports it.
 */
export async function killAtFailpointAndResume(
  server: ServerProcess,
  env: Record<string, string>,
  jobId: string,
): Promise<{ server: ServerProcess; job: { status: string; error: string | null } }> {
  await waitFor('the failpoint', () => (server.logs().includes('failpoint reached') ? true : undefined));
  await server.kill('SIGKILL');
  const restarted = await startServerProcess(env);
  return { server: restarted, job: await jobEnded(restarted, jobId) };
}

/** Waits until a migration job is neither pending nor running, as the server reports it. */
export function jobEnded(
  server: ServerProcess,
  jobId: string,
): Promise<{ status: string; error: string | null }> {
  return waitFor(`job ${jobId} to end`, async () => {
    const j = (await post(server.url, JOB, { id: jobId })).body.data.migrationJob;
    return j.status === 'RUNNING' || j.status === 'PENDING' ? undefined : j;
  });
}
