/**
 * Merges calls that arrive while one is running: a call on an idle function runs on the next turn
 * of the event loop; calls arriving while one runs wait for it and then run as one, with their
 * items together, and each caller gets that merged call's result (callers pick their part). Many
 * concurrent requests then cost one read per shard, not one each.
 */
export function coalescing<T, R>(run: (items: T[]) => Promise<R>): (items: readonly T[]) => Promise<R> {
  let idle: Promise<void> = Promise.resolve();
  let open: { items: T[]; result: Promise<R> } | null = null;
  return (items) => {
    if (!open) {
      const batch: { items: T[]; result: Promise<R> } = {
        items: [],
        result: idle
          .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
          .then(() => {
            if (open === batch) open = null;
            return run(batch.items);
          }),
      };
      idle = batch.result.then(
        () => {},
        () => {},
      );
      open = batch;
    }
    open.items.push(...items);
    return open.result;
  };
}
