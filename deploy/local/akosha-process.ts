import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { own } from './children.ts';

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

export type AkoshaProcess = {
  /** The URL it printed when it started listening (…/graphql). */
  url: string;
  child: ChildProcess;
  logs: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

/**
 * Starts `node server/main.ts` (or another script printing the same line) with `env` on top of
 * this process's environment and waits for its "akosha listening" line (30 s by default; its
 * output is in the error otherwise). Port 0 by default; killed when this process exits.
 */
export async function startAkoshaProcess(
  env: Record<string, string>,
  opts: {
    echo?: (line: string) => void;
    script?: string;
    /** How long it may take to listen (a store of millions loads its indexes first). */
    startMs?: number;
  } = {},
): Promise<AkoshaProcess> {
  const startMs = opts.startMs ?? 30_000;
  const child = spawn(process.execPath, [opts.script ?? MAIN], {
    env: { ...process.env, AKOSHA_HOST: '127.0.0.1', AKOSHA_PORT: '0', AKOSHA_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  own(child);
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A process that did not come up is not left behind.
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${startMs / 1000} s:\n${output}`));
    }, startMs);
    let listening = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      opts.echo?.(chunk.toString());
      // Looked for until found: a server that runs long (the bench's) writes on for hours.
      if (listening) return;
      const match = /"msg":"akosha listening","url":"([^"]+)"/.exec(output);
      if (match?.[1]) {
        listening = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    logs: () => output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
