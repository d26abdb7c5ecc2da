import { AkoshaError } from './errors.ts';

/**
 * Admission control for every ingest path (mutations, snapshot uploads, the pull worker, HTTP
 * push): at most `maxConcurrent` run at once; the rest wait in a bounded queue, in order. A
 * request that finds the queue full, or waits longer than `waitMs`, is refused with OVERLOADED
 * (HTTP 503 + Retry-After) before it writes anything.
 */
export type Admission = {
  run<T>(fn: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
};

export type AdmissionOptions = {
  maxConcurrent: number;
  maxQueue: number;
  waitMs: number;
  /** The number waiting, each time it changes (for akosha_ingestion_queue_size). */
  onQueue?: (waiting: number) => void;
  /** The operator's emergency stop: every ingestion is refused, queries go on. */
  paused?: boolean;
};

const overloaded = (why: string) =>
  new AkoshaError('OVERLOADED', `${why}; try again shortly (AKOSHA_MAX_CONCURRENT_INGESTS)`, {
    retryAfterSeconds: 5,
  });

export function createAdmission(o: AdmissionOptions): Admission {
  let running = 0;
  const queue: { admit: () => void; timer: NodeJS.Timeout }[] = [];
  const changed = () => o.onQueue?.(queue.length);
  const release = () => {
    running--;
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      changed();
      running++;
      next.admit();
    }
  };
  return {
    async run(fn) {
      if (o.paused)
        throw new AkoshaError(
          'INGESTION_PAUSED',
          'ingestion is paused by the operator (AKOSHA_INGESTION_PAUSED); nothing was written, searches still work; send it again later',
          { retryAfterSeconds: 300 },
        );
      if (running >= o.maxConcurrent) {
        if (queue.length >= o.maxQueue) throw overloaded(`${queue.length} ingestions are already waiting`);
        await new Promise<void>((resolve, reject) => {
          const entry = {
            admit: resolve,
            timer: setTimeout(() => {
              queue.splice(queue.indexOf(entry), 1);
              changed();
              reject(overloaded(`waited ${o.waitMs / 1000} s for a free ingestion slot`));
            }, o.waitMs),
          };
          queue.push(entry);
          changed();
        });
      } else running++;
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
