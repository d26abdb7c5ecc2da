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

/** A list limit argument: `fallback` when absent, at most `max`; zero or negative is refused. */
export function clampLimit(limit: number | null | undefined, fallback: number, max: number): number {
  if (limit == null) return fallback;
  if (!Number.isInteger(limit) || limit < 1) throw badInput('limit must be a positive integer');
  return Math.min(limit, max);
}

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

/** Years a memory's time may fall in: outside them a date is a mistake (and 10000+ cannot be printed as RFC 3339). */
export const YEAR_RANGE = { min: 1900, max: 9999 } as const;

export function isSaneDate(d: Date): boolean {
  const t = d.getTime();
  if (Number.isNaN(t)) return false;
  const y = d.getUTCFullYear();
  return y >= YEAR_RANGE.min && y <= YEAR_RANGE.max;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * A strict RFC 3339 date-time: real calendar dates (no 2026-02-30), hours 00-23 (no T24:00),
 * seconds 00-59, offsets up to ±23:59, years in YEAR_RANGE; without an offset it is UTC. Returns
 * the instant, or why the text is not one.
 */
export function parseDateTime(text: string): { date: Date } | { problem: string } {
  const m = RFC3339.exec(text);
  if (!m) return { problem: 'must be an RFC 3339 date-time such as 2026-11-27T09:30:00Z' };
  const [, y, mo, d, h, mi, s = '00', frac = '', , sign, oh = '00', om = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max)
    return { problem: `year must be between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}` };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return { problem: 'is not a calendar date' };
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return { problem: 'is not a time of day' };
  if (Number(oh) > 23 || Number(om) > 59) return { problem: 'has an impossible UTC offset' };
  const ms = Number(frac.slice(1, 4).padEnd(3, '0') || 0);
  const local = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), ms);
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  const date = new Date(local - (sign ? offset : 0));
  if (!isSaneDate(date)) return { problem: `year must be between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}` };
  return { date };
}

/** What `hasControlCharacters` refuses, as every message about it names it. */
export const CONTROL_CHARACTERS = 'control characters or unpaired surrogates';

/**
 * Control characters (C0, DEL, C1) have no place in an id: U+0000 in particular joins keys. Nor do
 * unpaired surrogates: stored as UTF-8 they become U+FFFD, so two ids that differ only there would
 * be one memory in storage and two everywhere else.
 */
export function hasControlCharacters(text: string): boolean {
  if (!text.isWellFormed()) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

export const METADATA_LIMITS = { depth: 32, bytes: 65_536 } as const;

/** Why this metadata cannot be stored (not an object, nested too deep, too large), or null. */
export function metadataProblem(meta: unknown): string | null {
  if (!isJsonObject(meta)) return 'metadata must be a JSON object';
  // Iterative, so a hostile depth cannot overflow the stack here.
  const stack: { value: unknown; depth: number }[] = [{ value: meta, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof value !== 'object' || value === null) continue;
    if (depth > METADATA_LIMITS.depth)
      return `metadata is nested deeper than ${METADATA_LIMITS.depth} levels`;
    for (const v of Object.values(value))
      if (typeof v === 'object' && v !== null) stack.push({ value: v, depth: depth + 1 });
  }
  const bytes = Buffer.byteLength(JSON.stringify(meta));
  if (bytes > METADATA_LIMITS.bytes) return `metadata is larger than ${METADATA_LIMITS.bytes} bytes of JSON`;
  return null;
}
