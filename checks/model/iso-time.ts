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
  // CloudTrail's own form, YYYY-MM-DDTHH:MM:SSZ, read without a regular expression: every event
  // has one. The same checks; anything else takes the general path below.
  if (value.length === 20 && value.charCodeAt(19) === 90 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 && value.charCodeAt(10) === 84 && value.charCodeAt(13) === 58 && value.charCodeAt(16) === 58) {
    const y = digits(value, 0, 4);
    const mo = digits(value, 5, 2);
    const d = digits(value, 8, 2);
    const h = digits(value, 11, 2);
    const mi = digits(value, 14, 2);
    const s = digits(value, 17, 2);
    if (y >= 100 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && s >= 0) {
      if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
      return Date.UTC(y, mo - 1, d, h, mi, s);
    }
  }
  const m = INSTANT_RE.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, , zone, zh, zm] = m;
  if (!isCalendarDate(Number(y), Number(mo), Number(d))) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  if (zone.toUpperCase() !== 'Z' && (Number(zh) > 23 || Number(zm) > 59)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The decimal number of `length` ASCII digits at `at`, or -1 when one is not a digit. */
function digits(value: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}
