import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHILDREN = fileURLToPath(new URL('../../deploy/local/children.ts', import.meta.url));

/** Runs a Node process that starts a sleeping child (owned or not), prints its pid and exits. */
function sleeperLeftBy(owned: boolean): number {
  const script = `
    import { spawn } from 'node:child_process';
    import { own } from ${JSON.stringify(CHILDREN)};
    const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    if (${owned}) own(sleeper);
    console.log(sleeper.pid);
    setTimeout(() => process.exit(0), 300);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return Number(out.trim());
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

describe('processes started for the topology, the tests and the bench', () => {
  it('are killed when the process that owns them exits; a child not owned outlives it', async () => {
    const owned = sleeperLeftBy(true);
    expect(owned).toBeGreaterThan(0);
    expect(await gone(owned, 3000)).toBe(true);
    const loose = sleeperLeftBy(false);
    try {
      expect(await gone(loose, 1000)).toBe(false);
    } finally {
      process.kill(loose, 'SIGKILL');
    }
  });
});
