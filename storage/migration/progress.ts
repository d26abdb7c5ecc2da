import type { Job, ProgressEvent, ProgressPhase, ProgressState } from '../types.ts';
import type { MigrationLedger } from './ledger.ts';

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

  constructor(
    job: Job,
    deps: { ledger: MigrationLedger; clock: () => Date; publish: (event: ProgressEvent) => void },
  ) {
    this.jobId = job.id;
    this.doneAtStart = job.recordsDone;
    this.ledger = deps.ledger;
    this.clock = deps.clock;
    this.publish = deps.publish;
  }

  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  async emit(state: ProgressState, errors: string[] = []): Promise<void> {
    const job = await this.ledger.job(this.jobId);
    if (!job) return;
    const rate = (job.recordsDone - this.doneAtStart) / Math.max(this.seconds, 0.001);
    const left = job.recordsTotal - job.recordsDone;
    const event = await this.ledger.addEvent({
      jobId: job.id,
      at: this.clock(),
      phase: this.phase,
      state,
      recordsDone: job.recordsDone,
      recordsTotal: job.recordsTotal,
      bytesDone: this.bytes,
      rate,
      etaSeconds: state !== 'RUNNING' ? 0 : rate > 0 ? left / rate : null,
      errors,
    });
    this.publish(event);
  }
}
