// Per-principal cost budgets: a token bucket per principal holding at most `perMinute` units and
// refilled continuously. In-process; the interface is what a Redis-backed budget will implement.

export type Charge = { ok: true } | { ok: false; retryAfterSeconds: number };
export type CostBudget = { charge(principal: string, cost: number): Charge | Promise<Charge> };

export function createCostBudget(
  perMinute: number,
  now: () => number = Date.now,
): { charge(principal: string, cost: number): Charge } {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    charge(principal, cost) {
      const t = now();
      const b = buckets.get(principal) ?? { tokens: perMinute, at: t };
      b.tokens = Math.min(perMinute, b.tokens + (t - b.at) * perMs);
      b.at = t;
      buckets.set(principal, b);
      if (cost > b.tokens) {
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil((Math.min(cost, perMinute) - b.tokens) / perMs / 1000)),
        };
      }
      b.tokens -= cost;
      return { ok: true };
    },
  };
}
