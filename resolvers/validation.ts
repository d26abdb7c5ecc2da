import { isJsonObject } from '../storage/common/json.ts';
import { badInput } from './errors.ts';

// Every check of input that more than one path makes, in one place.

/** Letters, digits, _ and -, at most 100: safe in a query, a path and an object key. */
export const SYSTEM_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
export const SYSTEM_ID_RULE = 'systemId must be 1-100 characters of letters, digits, _ or -';

export const isSystemId = (id: string): boolean => SYSTEM_ID_PATTERN.test(id);

/** Refuses a system id before it reaches a query, a path or a key. */
export function checkSystemId(systemId: string): string {
  if (!isSystemId(systemId)) throw badInput(SYSTEM_ID_RULE);
  return systemId;
}

/** Refuses a list argument (`field`) holding a bad system id, naming it. */
export function checkSystemIds(ids: readonly string[] | null | undefined, field = 'systemIds'): void {
  for (const id of ids ?? []) {
    if (!isSystemId(id)) throw badInput(`${field}: ${JSON.stringify(id)} is not a valid system id`);
  }
}

/** Session-Buddy system ids are unsanitised host names; ours are letters, digits, _ and -. */
export function normalizeSystemId(raw: unknown): string {
  const s = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : 'unknown-system';
  return s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
}

/** The object itself, or {} for anything that is not a JSON object. */
export const asJsonObject = (v: unknown): Record<string, unknown> => (isJsonObject(v) ? v : {});

/** A list limit argument: `fallback` when absent, kept within 1..max. */
export const clampLimit = (limit: number | null | undefined, fallback: number, max: number): number =>
  Math.max(1, Math.min(limit ?? fallback, max));

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function checkTimeZone(zone: string): string {
  if (!isTimeZone(zone))
    throw badInput(`unknown time zone ${JSON.stringify(zone)} (use an IANA name such as Europe/Berlin)`);
  return zone;
}
