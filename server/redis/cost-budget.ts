import type { CostBudget } from '../cost-budget.ts';
import type { RedisLink } from './connection.ts';

// Per-principal cost budgets shared by every process: the same token bucket as
// server/cost-budget.ts, kept in a Redis hash and updated atomically by a Lua script. While
// Redis is down the process falls back to its own bucket.

const SCRIPT = `
local perMinute = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local perMs = perMinute / 60000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or perMinute
local at = tonumber(b[2]) or now
tokens = math.min(perMinute, tokens + math.max(0, now - at) * perMs)
local ok = 0
if cost <= tokens then
  tokens = tokens - cost
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
if ok == 1 then return {1, 0} end
local missing = math.min(cost, perMinute) - tokens
return {0, math.max(1, math.ceil(missing / perMs / 1000))}
`;

export function redisCostBudget(link: RedisLink, perMinute: number, fallback: CostBudget): CostBudget {
  return {
    async charge(principal, cost) {
      if (!link.up()) return fallback.charge(principal, cost);
      try {
        const [ok, retry] = (await link.commands.eval(
          SCRIPT,
          1,
          `${link.prefix}budget:${principal}`,
          String(perMinute),
          String(Date.now()),
          String(cost),
        )) as [number, number];
        return ok === 1 ? { ok: true } : { ok: false, retryAfterSeconds: retry };
      } catch {
        return fallback.charge(principal, cost);
      }
    },
  };
}
