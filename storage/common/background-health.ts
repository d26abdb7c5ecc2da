/**
 * What background tasks of the stores (saving the index, catching it up) last did: a task that
 * failed is reported (`/ready`, `akosha_background_task_up`) until its next run succeeds. The
 * tasks retry on their own schedule; a failure is never fatal.
 */
export class BackgroundHealth {
  private readonly failing = new Map<string, string>();
  private readonly tasks = new Set<string>();

  ok(task: string): void {
    this.tasks.add(task);
    this.failing.delete(task);
  }

  fail(task: string, err: unknown): void {
    this.tasks.add(task);
    this.failing.set(task, err instanceof Error ? err.message : String(err));
  }

  /** Every task seen so far, with its last error when it is failing. */
  report(): { task: string; error: string | null }[] {
    return [...this.tasks].sort().map((task) => ({ task, error: this.failing.get(task) ?? null }));
  }
}
