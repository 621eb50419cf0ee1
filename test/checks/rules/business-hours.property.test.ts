import fc from 'fast-check';
import { localClock, withinBusinessHours } from '../../../checks/rules/business-hours';
import type { Weekday } from '../../../lib/config/schema';

/** Wall-clock weekday and minutes straight from Intl, the reference. */
function reference(instant: number, timeZone: string): { weekday: string; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const n = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { weekday: n('weekday'), minute: Number(n('hour')) * 60 + Number(n('minute')) };
}

// Daylight-saving changes of 2026: New York (1 h), London (1 h), Lord Howe Island (30 min), Santiago (southern), Kolkata (none).
const TRANSITIONS: [string, number][] = [
  ['America/New_York', Date.UTC(2026, 2, 8, 7)],
  ['America/New_York', Date.UTC(2026, 10, 1, 6)],
  ['Europe/London', Date.UTC(2026, 2, 29, 1)],
  ['Europe/London', Date.UTC(2026, 9, 25, 1)],
  ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
  ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30)],
  ['America/Santiago', Date.UTC(2026, 3, 5, 3)],
  ['Asia/Kolkata', Date.UTC(2026, 5, 1)],
];
const around = fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 })).map(([[zone, t], d]) => ({ zone, instant: t + d }));
const hhmm = fc.integer({ min: 0, max: 24 * 4 - 1 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
const DAYS: Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

describe('business hours across daylight saving (property-based)', () => {
  test('the local clock agrees with Intl at every instant around a transition', () => {
    fc.assert(
      fc.property(around, ({ zone, instant }) => {
        const ref = reference(instant, zone);
        const got = localClock(instant, zone);
        expect(got.weekday).toBe(ref.weekday);
        expect(Number(got.time.slice(0, 2)) * 60 + Number(got.time.slice(3))).toBe(ref.minute);
      }),
      { numRuns: 500 },
    );
  });

  test('inside [start, end) on a business day, by local wall-clock time', () => {
    fc.assert(
      fc.property(around, hhmm, hhmm, fc.subarray(DAYS, { minLength: 1 }), ({ zone, instant }, a, b, days) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const ref = reference(instant, zone);
        const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
        const expected = (days as string[]).includes(ref.weekday) && ref.minute >= m(start) && ref.minute < m(end);
        expect(withinBusinessHours(instant, zone, { start, end, days })).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
