import { systemMatcher } from '../common/system-pattern.ts';
import type { ForgetFilter } from '../types.ts';

/** AKOSHA_RETENTION_DAYS and AKOSHA_RETENTION_SYSTEMS: maximum ages, 0 = keep forever. */
export type RetentionRules = { days: number; systems: { pattern: string; days: number }[] };

const DAY = 86_400_000;

/**
 * The forgetting that retention asks for at `now`: each system's maximum age is that of the first
 * rule whose pattern matches it, else the global one; systems of the same age share one filter.
 */
export function retentionFilters(rules: RetentionRules, systemIds: string[], now: Date): ForgetFilter[] {
  const tests = rules.systems.map((r) => ({ matches: systemMatcher(r.pattern), days: r.days }));
  const byDays = new Map<number, string[]>();
  for (const s of new Set(systemIds)) {
    const days = tests.find((t) => t.matches(s))?.days ?? rules.days;
    if (days > 0) byDays.set(days, [...(byDays.get(days) ?? []), s]);
  }
  return [...byDays].map(([days, ids]) => ({
    systemIds: ids.sort(),
    ids: null,
    from: null,
    // Memories at or before this instant are older than the maximum age.
    to: new Date(now.getTime() - days * DAY - 1).toISOString(),
    projects: null,
    tags: null,
    requestedBy: `retention (${days} days)`,
  }));
}
