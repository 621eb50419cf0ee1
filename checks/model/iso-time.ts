/**
 * Strict ISO 8601 instants. `Date.parse` rolls 2026-02-30 over to March 2 and reads a time
 * without a zone in the machine's own zone; evidence and `--as-of` must do neither.
 */

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/i;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether year-month-day is a day of the calendar (2026-02-30 is not). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` naming a real day. */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Milliseconds of an ISO 8601 time with a zone (`Z` or `±hh:mm`) naming a real instant; undefined otherwise. */
export function parseInstant(value: string): number | undefined {
  const m = INSTANT_RE.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, , zone, zh, zm] = m;
  if (!isCalendarDate(Number(y), Number(mo), Number(d))) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  if (zone.toUpperCase() !== 'Z' && (Number(zh) > 23 || Number(zm) > 59)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
