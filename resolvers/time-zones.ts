// Naive local wall-clock times (Session-Buddy writes them without a zone) to instants.

import { parseDateTime } from './validation.ts';

function offsetMs(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/** `2026-08-22T08:30:54.318211` read as wall-clock time in `zone`; null when it is not such a string. */
export function naiveToDate(text: string, zone: string): Date | null {
  const m = NAIVE.exec(text.trim());
  if (!m) {
    const withZone = parseDateTime(text.trim());
    return 'date' in withZone ? withZone.date : null;
  }
  const [, y, mo, d, h, mi, s, frac] = m;
  // Checked as a UTC time first: a calendar date, a time of day, a sane year.
  if (!('date' in parseDateTime(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}Z`))) return null;
  const wall = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((frac ?? '0').padEnd(3, '0').slice(0, 3)),
  );
  // The zone's offset at the wall time, corrected once for a DST change between the two guesses.
  const first = wall - offsetMs(wall, zone);
  return new Date(wall - offsetMs(first, zone));
}
