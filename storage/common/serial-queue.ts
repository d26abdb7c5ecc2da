/**
 * Runs async tasks one after another, in the order they were queued (one writer per DuckDB
 * connection: DuckDB's optimistic concurrency would refuse racing writes). A failed task does
 * not stop the ones after it.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => {});
    return result;
  }

  /** Resolves once everything queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
