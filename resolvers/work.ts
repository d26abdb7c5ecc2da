/**
 * Long jobs a request starts (uploads): each gets the shutdown signal, and `stop` aborts them
 * all and waits until they have cleaned up, so SIGTERM never waits on, or leaves behind, an
 * upload in flight.
 */
export type WorkTracker = {
  readonly signal: AbortSignal;
  run<T>(job: (shutdown: AbortSignal) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
};

export function createWorkTracker(): WorkTracker {
  const shutdown = new AbortController();
  const running = new Set<Promise<unknown>>();
  return {
    signal: shutdown.signal,
    run(job) {
      if (shutdown.signal.aborted) return Promise.reject(shutdown.signal.reason);
      const p = job(shutdown.signal);
      const settled = p.then(
        () => {},
        () => {},
      );
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return p;
    },
    async stop() {
      shutdown.abort(new Error('the server is shutting down'));
      await Promise.all(running);
    },
  };
}
