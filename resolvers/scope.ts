import { isSystemPattern, systemMatcher } from '../storage/common/system-pattern.ts';
import { AkoshaError } from './errors.ts';
import type { Principal } from './principal.ts';

// Scoping by system: the one rule every read and write path goes through. A token may carry
// `systems` (ids, or glob patterns such as team-a-*); without the claim it sees every system.
// Reads return only systems in scope; writes to a system out of scope are refused with
// FORBIDDEN before anything is written.

export type Scope = {
  /** Null when unrestricted. */
  readonly patterns: readonly string[] | null;
  allows(systemId: string): boolean;
};

export function createScope(patterns: readonly string[] | null | undefined): Scope {
  if (!patterns) return { patterns: null, allows: () => true };
  const valid = patterns.filter(isSystemPattern);
  const tests = valid.map(systemMatcher);
  return { patterns: [...valid].sort(), allows: (id) => tests.some((t) => t(id)) };
}

export const UNRESTRICTED: Scope = createScope(null);

export const scopeOf = (principal: Principal | null): Scope => createScope(principal?.systems ?? null);

/** Refuses a write to any system out of scope (FORBIDDEN), naming them, before anything is written. */
export function checkWritable(scope: Scope, systemIds: Iterable<string>): void {
  if (!scope.patterns) return;
  const refused = [...new Set(systemIds)].filter((s) => !scope.allows(s));
  if (refused.length > 0)
    throw new AkoshaError(
      'FORBIDDEN',
      `this token may not write to ${refused.map((s) => JSON.stringify(s)).join(', ')}`,
      {
        systems: refused,
      },
    );
}

/** Refuses a read that covers every system (storage statistics, backups) to a scoped token. */
export function checkUnrestricted(scope: Scope, what: string): void {
  if (scope.patterns)
    throw new AkoshaError(
      'FORBIDDEN',
      `${what} covers every system; a token limited to systems cannot read it`,
    );
}

/**
 * The systems a read may touch: the asked ones within scope (refused ones dropped), or, when
 * none were asked, every known system in scope (null: all systems, unrestricted).
 */
export async function readableSystems(
  scope: Scope,
  asked: readonly string[] | null | undefined,
  known: () => Promise<string[]>,
): Promise<string[] | null> {
  if (asked?.length) return scope.patterns ? asked.filter((s) => scope.allows(s)) : [...asked];
  if (!scope.patterns) return null;
  return (await known()).filter((s) => scope.allows(s));
}
