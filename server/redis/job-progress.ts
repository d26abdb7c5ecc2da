import type { ShareProgress } from '../../storage/migration/progress.ts';
import type { ProgressEvent, ProgressState } from '../../storage/types.ts';
import type { RedisLink } from './connection.ts';

// One job, many stores (AKOSHA_ROLE=store): the api pod that starts a job names its stores here
// (each PENDING), then every store's progress event goes through one MULTI: take the job's next
// seq, record this store's part, read all parts. The event a store keeps and publishes is the
// job as a whole: records summed over the parts, and a final state only once every part is final
// (FAILED if any failed, else CANCELLED if any was, else DONE). Keys expire after 30 days.

const TTL_SECONDS = 30 * 86_400;
const FINAL = new Set(['DONE', 'FAILED', 'CANCELLED']);

type Part = Pick<ProgressEvent, 'recordsDone' | 'recordsTotal' | 'bytesDone' | 'rate' | 'etaSeconds'> & {
  state: ProgressState | 'PENDING';
};
const PENDING: Part = {
  state: 'PENDING',
  recordsDone: 0,
  recordsTotal: 0,
  bytesDone: 0,
  rate: 0,
  etaSeconds: null,
};

function readPart(text: string): Part {
  try {
    const p = JSON.parse(text) as Partial<Part>;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
    return {
      state: typeof p.state === 'string' ? (p.state as Part['state']) : 'PENDING',
      recordsDone: n(p.recordsDone),
      recordsTotal: n(p.recordsTotal),
      bytesDone: n(p.bytesDone),
      rate: n(p.rate),
      etaSeconds: typeof p.etaSeconds === 'number' ? p.etaSeconds : null,
    };
  } catch {
    return PENDING;
  }
}

function wholeState(parts: Part[]): ProgressState {
  if (!parts.every((p) => FINAL.has(p.state))) return 'RUNNING';
  if (parts.some((p) => p.state === 'FAILED')) return 'FAILED';
  return parts.some((p) => p.state === 'CANCELLED') ? 'CANCELLED' : 'DONE';
}

export function redisJobProgress(link: RedisLink, ordinal: number) {
  const keys = (id: string) => ({
    seq: `${link.prefix}job:${id}:seq`,
    parts: `${link.prefix}job:${id}:parts`,
  });
  const share: ShareProgress = async (event) => {
    const k = keys(event.jobId);
    const own: Part = {
      state: event.state,
      recordsDone: event.recordsDone,
      recordsTotal: event.recordsTotal,
      bytesDone: event.bytesDone,
      rate: event.rate,
      etaSeconds: event.etaSeconds,
    };
    const r = await link.commands
      .multi()
      .incr(k.seq)
      .hset(k.parts, String(ordinal), JSON.stringify(own))
      .hgetall(k.parts)
      .expire(k.seq, TTL_SECONDS)
      .expire(k.parts, TTL_SECONDS)
      .exec();
    const failed = r?.find(([err]) => err);
    if (!r || failed) throw failed?.[0] ?? new Error('redis: transaction discarded');
    const seq = Number(r[0]?.[1]);
    const parts = Object.values((r[2]?.[1] ?? {}) as Record<string, string>).map(readPart);
    const running = parts.filter((p) => p.state !== 'PENDING' && !FINAL.has(p.state));
    return {
      ...event,
      seq,
      state: wholeState(parts),
      recordsDone: parts.reduce((n, p) => n + p.recordsDone, 0),
      recordsTotal: parts.reduce((n, p) => n + p.recordsTotal, 0),
      bytesDone: parts.reduce((n, p) => n + p.bytesDone, 0),
      rate: running.reduce((n, p) => n + p.rate, 0),
      etaSeconds:
        wholeState(parts) !== 'RUNNING'
          ? 0
          : running.some((p) => p.etaSeconds === null)
            ? null
            : Math.max(0, ...running.map((p) => p.etaSeconds ?? 0)),
    };
  };
  return {
    share,
    /** Names the stores of a job before any starts it. */
    async register(id: string, ordinals: number[]): Promise<void> {
      const k = keys(id);
      const fields = Object.fromEntries(ordinals.map((o) => [String(o), JSON.stringify(PENDING)]));
      await link.commands.multi().hset(k.parts, fields).expire(k.parts, TTL_SECONDS).exec();
    },
  };
}
