/**
 * Merges calls that arrive while one is running: a call on an idle function runs on the next turn
 * of the event loop; calls arriving while one runs wait for it and then run as one, with their
 * items together, and each caller gets that merged call's result (callers pick their part). Many
 * concurrent requests then cost one read per shard, not one each.
 */
export function coalescing<T, R>(
  run: (items: T[]) => Promise<R>,
  /**
   * The least time from the end of one run to the start of the next: calls arriving meanwhile wait
   * and go together (a call after a longer quiet still runs on the next turn).
   */
  gapMs = 0,
): (items: readonly T[]) => Promise<R> {
  let idle: Promise<void> = Promise.resolve();
  let lastEnd = 0;
  let open: { items: T[]; result: Promise<R> } | null = null;
  return (items) => {
    if (!open) {
      const batch: { items: T[]; result: Promise<R> } = {
        items: [],
        result: idle
          .then(() => {
            const wait = lastEnd + gapMs - performance.now();
            return new Promise<void>((resolve) =>
              wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve),
            );
          })
          .then(() => {
            if (open === batch) open = null;
            return run(batch.items);
          }),
      };
      idle = batch.result.then(
        () => {
          lastEnd = performance.now();
        },
        () => {
          lastEnd = performance.now();
        },
      );
      open = batch;
    }
    open.items.push(...items);
    return open.result;
  };
}
