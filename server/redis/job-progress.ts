import type { ShareProgress } from '../../storage/migration/progress.ts';
import type { ProgressEvent } from '../../storage/types.ts';
import type { RedisLink } from './connection.ts';
import { busChannel, parseBusMessage } from './event-bus.ts';

// One job, many stores (AKOSHA_ROLE=store): the api pod that starts a job names its stores here
// (each PENDING), then each store's progress event goes through one script, run atomically by
// Redis: take the job's next seq, record this store's part, sum all parts into the event of the
// whole job (a final state only once every part is final: FAILED if any failed, else CANCELLED
// if any was, else DONE) and publish it on the event channel. Seq order is therefore publication
// order: an api pod relaying the job's events never sees seq 10 before seq 9. Keys expire after 30 days.

const TTL_SECONDS = 30 * 86_400;

// KEYS: seq, parts, channel. ARGV: ordinal, this part (JSON), the event without the summed fields
// (a JSON object), ttl. Returns the message it published.
const SCRIPT = `
local seq = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
local function n(v) if type(v) == 'number' then return v end return 0 end
local done, total, bytes, rate, eta = 0, 0, 0, 0, 0
local final, failed, cancelled, etaUnknown = true, false, false, false
for _, text in ipairs(redis.call('HVALS', KEYS[2])) do
  local ok, p = pcall(cjson.decode, text)
  if ok and type(p) == 'table' then
    done = done + n(p.recordsDone)
    total = total + n(p.recordsTotal)
    bytes = bytes + n(p.bytesDone)
    if p.state == 'FAILED' then failed = true
    elseif p.state == 'CANCELLED' then cancelled = true
    elseif p.state ~= 'DONE' then
      final = false
      if p.state ~= 'PENDING' then
        rate = rate + n(p.rate)
        if type(p.etaSeconds) == 'number' then
          if p.etaSeconds > eta then eta = p.etaSeconds end
        else etaUnknown = true end
      end
    end
  else final = false end
end
local state = 'RUNNING'
if final then
  if failed then state = 'FAILED' elseif cancelled then state = 'CANCELLED' else state = 'DONE' end
end
local etaText = 'null'
if state ~= 'RUNNING' then etaText = '0' elseif not etaUnknown then etaText = tostring(eta) end
local event = string.sub(ARGV[3], 1, -2) .. ',"seq":' .. seq .. ',"state":"' .. state
  .. '","recordsDone":' .. tostring(done) .. ',"recordsTotal":' .. tostring(total)
  .. ',"bytesDone":' .. tostring(bytes) .. ',"rate":' .. tostring(rate) .. ',"etaSeconds":' .. etaText .. '}'
local message = '{"topic":"migration","event":' .. event .. '}'
redis.call('PUBLISH', KEYS[3], message)
return message
`;

const PENDING = {
  state: 'PENDING',
  recordsDone: 0,
  recordsTotal: 0,
  bytesDone: 0,
  rate: 0,
  etaSeconds: null,
};

export function redisJobProgress(link: RedisLink, ordinal: number) {
  const keys = (id: string) => [
    `${link.prefix}job:${id}:seq`,
    `${link.prefix}job:${id}:parts`,
    busChannel(link),
  ];
  /** Numbers, sums and publishes this store's event (the caller keeps it in its ledger, and does not publish it again). */
  const share: ShareProgress = async (event) => {
    const { recordsDone, recordsTotal, bytesDone, rate, etaSeconds, state, ...rest } = event;
    const part = JSON.stringify({ state, recordsDone, recordsTotal, bytesDone, rate, etaSeconds });
    const message = (await link.commands.eval(
      SCRIPT,
      3,
      ...keys(event.jobId),
      String(ordinal),
      part,
      JSON.stringify(rest),
      String(TTL_SECONDS),
    )) as string;
    const parsed = parseBusMessage(message);
    if (parsed?.topic !== 'migration') throw new Error('redis: the progress script answered something else');
    return parsed.event as ProgressEvent;
  };
  return {
    share,
    /** Names the stores of a job before any starts it. */
    async register(id: string, ordinals: number[]): Promise<void> {
      const [, parts] = keys(id) as [string, string];
      const fields = Object.fromEntries(ordinals.map((o) => [String(o), JSON.stringify(PENDING)]));
      await link.commands.multi().hset(parts, fields).expire(parts, TTL_SECONDS).exec();
    },
  };
}
