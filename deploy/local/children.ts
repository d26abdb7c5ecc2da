import type { ChildProcess } from 'node:child_process';

// Processes started for the local topology, the tests and the bench (servers, redis-server) must
// not outlive the process that started them: one killed or interrupted halfway would otherwise
// leave them holding their ports and their stores' files (a later run could not open them).

const children = new Set<ChildProcess>();
let hooked = false;

/**
 * Kills `child` (SIGKILL) when this process exits, through `process.exit` or the end of its event
 * loop, if it is still running then. A signal that ends this process without running its exit
 * handlers (an unhandled SIGINT or SIGTERM) is the caller's to turn into `process.exit`.
 */
export function own(child: ChildProcess): void {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const c of children) c.kill('SIGKILL');
    });
  }
  children.add(child);
  child.once('exit', () => children.delete(child));
}
