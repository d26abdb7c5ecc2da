import type { BackupJob } from '../storage/port.ts';
import type { ProgressEvent } from '../storage/types.ts';

/** Published after each ingestion, one per system that received memories. */
export type IngestEvent = { systemId: string; accepted: number; duplicates: number; at: Date };

export type AppEvents = { ingested: IngestEvent; migration: ProgressEvent; backup: BackupJob };
export type Topic = keyof AppEvents;

/**
 * How use cases publish and follow events. In-process here; a shared implementation (Redis)
 * lets a subscriber on one process see events of another. An iterator stops listening when it
 * is returned (a subscription ending).
 */
export type EventBus = {
  publish<T extends Topic>(topic: T, event: AppEvents[T]): void;
  subscribe<T extends Topic>(topic: T): AsyncIterableIterator<AppEvents[T]>;
};

/** An in-process bus: each subscriber has its own unbounded queue of the events since it subscribed. */
export function createLocalEventBus(): EventBus {
  const listeners = new Map<Topic, Set<(e: unknown) => void>>();
  return {
    publish(topic, event) {
      for (const listener of listeners.get(topic) ?? []) listener(event);
    },
    subscribe<T extends Topic>(topic: T): AsyncIterableIterator<AppEvents[T]> {
      const queue: AppEvents[T][] = [];
      let wake: (() => void) | null = null;
      let done = false;
      const listener = (e: unknown) => {
        queue.push(e as AppEvents[T]);
        wake?.();
      };
      const set = listeners.get(topic) ?? new Set();
      listeners.set(topic, set);
      set.add(listener);
      const finish = (): Promise<IteratorResult<AppEvents[T]>> => {
        done = true;
        set.delete(listener);
        wake?.();
        return Promise.resolve({ done: true, value: undefined });
      };
      const iterator: AsyncIterableIterator<AppEvents[T]> = {
        async next() {
          while (queue.length === 0 && !done) await new Promise<void>((r) => (wake = r));
          wake = null;
          const value = queue.shift();
          return value === undefined ? { done: true, value: undefined } : { done: false, value };
        },
        return: finish,
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
  };
}

/**
 * The events of `source` that pass `keep`. Returning it returns the source at once, even while a
 * `next` waits (an async generator would wait for the next event first).
 */
export function filtered<T>(
  source: AsyncIterableIterator<T>,
  keep: (e: T) => boolean,
): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const r = await source.next();
        if (r.done || keep(r.value)) return r;
      }
    },
    return: async () => (await source.return?.()) ?? { done: true, value: undefined },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
