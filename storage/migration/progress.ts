import type { Logger } from '../../monitoring/logger.ts';
import type { Job, ProgressEvent, ProgressPhase, ProgressState } from '../types.ts';
import type { MigrationLedger } from './ledger.ts';

/**
 * A store of a scale-out deployment runs its part of a job that every store runs under one id:
 * given this store's event, numbers it with the job's next seq across all stores, makes it the
 * event of the whole job (records summed over the stores; DONE only once every store is done) and
 * publishes it (in seq order). The ledger keeps that event, so any api pod can replay the job from
 * the stores' ledgers merged by seq; it is not published again.
 */
export type ShareProgress = (event: Omit<ProgressEvent, 'seq'>) => Promise<ProgressEvent>;

/**
 * The progress of the running job: its phase, rate and ETA. Each event goes to the ledger first
 * (so a client can resume after any seq), then to `publish`.
 */
export class Progress {
  phase: ProgressPhase = 'PLAN';
  bytes = 0;
  private readonly started = performance.now();
  private readonly jobId: string;
  private readonly doneAtStart: number;
  private readonly ledger: MigrationLedger;
  private readonly clock: () => Date;
  private readonly publish: (event: ProgressEvent) => void;
  private readonly share: ShareProgress | undefined;
  private readonly logger: Logger | undefined;

  constructor(
    job: Job,
    deps: {
      ledger: MigrationLedger;
      clock: () => Date;
      publish: (event: ProgressEvent) => void;
      share?: ShareProgress | undefined;
      logger?: Logger | undefined;
    },
  ) {
    this.jobId = job.id;
    this.doneAtStart = job.recordsDone;
    this.ledger = deps.ledger;
    this.clock = deps.clock;
    this.publish = deps.publish;
    this.share = deps.share;
    this.logger = deps.logger;
  }

  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  async emit(state: ProgressState, errors: string[] = []): Promise<void> {
    const facts = {
      jobId: this.jobId,
      at: this.clock(),
      phase: this.phase,
      state,
      bytesDone: this.bytes,
      errors,
    };
    const since = { done: this.doneAtStart, seconds: this.seconds };
    if (this.share) {
      const own = await this.ledger.eventNow(facts, since);
      if (!own) return;
      try {
        const shared = await this.share(own);
        await this.ledger.addEvent(shared);
        return;
      } catch (err) {
        this.logger?.warning('progress not shared across stores; numbered by this store', {
          job: own.jobId,
          error: String(err),
        });
      }
    }
    const event = await this.ledger.recordEvent(facts, since);
    if (event) this.publish(event);
  }
}
