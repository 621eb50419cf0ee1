/**
 * Strict ISO 8601 instants. `Date.parse` rolls 2026-02-30 over to March 2 and reads a time
 * without a zone in the machine's own zone; evidence and `--as-of` must do neither.
 */

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/i;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether year-month-day is a day of the calendar (2026-02-30 is not). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // The Gregorian rule, proleptic as Date's calendar is (year 0 is a leap year, 1900 is not):
  // arithmetic, since this runs for every event.
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` naming a real day. */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Milliseconds of an ISO 8601 time with a zone (`Z` or `±hh:mm`) naming a real instant; undefined otherwise. */
export function parseInstant(value: string): number | undefined {
  // CloudTrail's own form, YYYY-MM-DDTHH:MM:SSZ, read without a regular expression: every event
  // has one. Twenty characters with these separators match the general pattern only in this
  // form, so a field that is not digits is a refusal here, not a case for the general path.
  if (value.length === 20 && value.charCodeAt(19) === 90 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 && value.charCodeAt(10) === 84 && value.charCodeAt(13) === 58 && value.charCodeAt(16) === 58) {
    const y = digits(value, 0, 4);
    const mo = digits(value, 5, 2);
    const d = digits(value, 8, 2);
    const h = digits(value, 11, 2);
    const mi = digits(value, 14, 2);
    const s = digits(value, 17, 2);
    if (Math.min(y, mo, d, h, mi, s) < 0) return undefined;
    return instant(y, mo, d, h, mi, s, 0, 0);
  }
  const m = INSTANT_RE.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone, zh, zm] = m;
  // Fractions past milliseconds are cut, as Date.parse cuts them.
  const ms = fraction === undefined ? 0 : Number(fraction.slice(1, 4).padEnd(3, '0'));
  const offset = zone.toUpperCase() === 'Z' ? 0 : offsetMinutes(zone[0], Number(zh), Number(zm));
  if (offset === undefined) return undefined;
  return instant(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), ms, offset);
}

/** Minutes east of UTC of a `±hh:mm` zone, undefined past 23:59. */
function offsetMinutes(sign: string, hours: number, minutes: number): number | undefined {
  if (hours > 23 || minutes > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** The instant of a local calendar time `offset` minutes east of UTC; undefined when no such day or time exists. */
function instant(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): number | undefined {
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  return utcMs(y, mo, d, h, mi, s, ms) - offset * 60_000;
}

/** Date.UTC, without its reading of years 0-99 as 1900-1999. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  // Stryker disable next-line EqualityOperator: at 100 both ways give the same instant.
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.setUTCHours(h, mi, s, ms);
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
