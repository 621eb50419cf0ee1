import fc from 'fast-check';
import { isCalendarDate, isIsoDate, parseInstant } from '../../../checks/model/iso-time';

describe('isCalendarDate: a day the calendar has', () => {
  test.each([
    [2026, 1, 1],
    [2026, 1, 31],
    [2026, 2, 28],
    [2024, 2, 29],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i-%i is a day', (y, m, d) => expect(isCalendarDate(y, m, d)).toBe(true));

  test.each([
    [2026, 0, 10, 'month 0'],
    [2026, 13, 1, 'month 13'],
    [2026, 1, 0, 'day 0'],
    [2026, 2, 29, 'February 29 of a common year'],
    [2026, 2, 30, 'February 30'],
    [2026, 4, 31, 'April 31'],
    [2026, 12, 32, 'December 32'],
  ])('%i-%i-%i is not (%s)', (y, m, d) => expect(isCalendarDate(y, m, d)).toBe(false));
});

describe('isIsoDate: YYYY-MM-DD naming a real day', () => {
  test('accepts real days', () => {
    expect(isIsoDate('2026-11-20')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });

  test.each(['2026-02-30', '2026-13-01', '2026-00-10', '2026-11-00', '2026-1-20', '26-11-20', '2026-11-2', '2026-11-200', 'x2026-11-20', '2026-11-20x', '2026-11-20T00:00:00Z', '2026/11/20', ''])(
    'refuses %p',
    (value) => expect(isIsoDate(value)).toBe(false),
  );
});

describe('parseInstant: ISO 8601 instants with a zone', () => {
  test.each([
    ['2026-11-20T12:00:00Z', Date.UTC(2026, 10, 20, 12)],
    ['2026-11-20T12:00:00z', Date.UTC(2026, 10, 20, 12)],
    ['2026-11-20T12:00Z', Date.UTC(2026, 10, 20, 12)],
    ['2026-11-20T12:34:56.789Z', Date.UTC(2026, 10, 20, 12, 34, 56, 789)],
    ['2026-11-20T12:34:56.7Z', Date.UTC(2026, 10, 20, 12, 34, 56, 700)],
    ['2026-11-20T12:00:00+02:00', Date.UTC(2026, 10, 20, 10)],
    ['2026-11-20T12:00:00-05:30', Date.UTC(2026, 10, 20, 17, 30)],
    ['2026-11-20T23:59:59Z', Date.UTC(2026, 10, 20, 23, 59, 59)],
    ['2026-11-20T00:00:00Z', Date.UTC(2026, 10, 20)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('%s is %i', (value, ms) => expect(parseInstant(value)).toBe(ms));

  test.each([
    ['2026-11-20T12:00:00', 'no zone (would be read in the machine\'s zone)'],
    ['2026-11-20 12:00:00Z', 'a space for T'],
    ['2026-11-20', 'a date only'],
    ['2026-02-30T00:00:00Z', 'February 30 (Date.parse rolls it over to March 2)'],
    ['2026-13-01T00:00:00Z', 'month 13'],
    ['2026-11-20T24:00:00Z', 'hour 24'],
    ['2026-11-20T12:60:00Z', 'minute 60'],
    ['2026-11-20T12:00:60Z', 'second 60'],
    ['2026-11-20T12:00:00+24:00', 'zone hour 24'],
    ['2026-11-20T12:00:00+02:60', 'zone minute 60'],
    ['2026-11-20T12:00:00+0200', 'a zone without its colon'],
    ['2026-11-20T12:00:00.Z', 'a fraction without digits'],
    ['2026-11-20T12:00:00.1234567890Z', 'more than nine fraction digits'],
    ['2026-11-20T12Z', 'hours only'],
    ['2026-11-20T1:00:00Z', 'a one-digit hour'],
    ['2026-11-20T12:00:0Z', 'a one-digit second'],
    ['x2026-11-20T12:00:00Z', 'leading text'],
    ['2026-11-20T12:00:00Zx', 'trailing text'],
    ['+2026-11-20T12:00:00Z', 'a signed year'],
    ['', 'empty'],
  ])('%p is refused: %s', (value) => expect(parseInstant(value)).toBeUndefined());

  test('a zone hour of 23 and minute of 59 is the latest offset it reads', () => {
    expect(parseInstant('2026-11-20T12:00:00+23:59')).toBe(Date.UTC(2026, 10, 20, 12) - (23 * 60 + 59) * 60_000);
    expect(parseInstant('2026-11-20T12:00:00-23:59')).toBe(Date.UTC(2026, 10, 20, 12) + (23 * 60 + 59) * 60_000);
  });
});

describe('parseInstant: the fast path for CloudTrail\'s own form refuses what the general path refuses', () => {
  // Twenty characters with the dashes, T, colons and Z in place, but a field that is not digits.
  test.each([
    'abcd-11-20T12:00:00Z',
    '2026-1x-20T12:00:00Z',
    '2026-11-2/T12:00:00Z',
    '2026-11-20Tx1:00:00Z',
    '2026-11-20T12:0::00Z',
    '2026-11-20T12:00:x0Z',
    '2026-11-20T12:00:0xZ',
    '2026-11-20T12:00:-1Z',
  ])('%p is refused', (value) => expect(parseInstant(value)).toBeUndefined());

  test('a year below 100 is that year, not 19xx (Date.UTC would map it)', () => {
    expect(parseInstant('0099-01-01T00:00:00Z')).toBe(Date.parse('0099-01-01T00:00:00Z'));
    expect(new Date(parseInstant('0099-01-01T00:00:00Z') ?? 0).getUTCFullYear()).toBe(99);
    expect(new Date(parseInstant('0100-03-01T00:00:00Z') ?? 0).getUTCFullYear()).toBe(100);
  });

  test.each([
    ['2026-02-29T00:00:00Z', 'February 29 of a common year'],
    ['2026-11-20T24:00:00Z', 'hour 24'],
    ['2026-11-20T23:60:00Z', 'minute 60'],
    ['2026-11-20T23:59:60Z', 'second 60 (a leap second is not an instant here)'],
    ['2026-00-20T12:00:00Z', 'month 0'],
    ['2026-11-00T12:00:00Z', 'day 0'],
  ])('%p is refused: %s', (value) => expect(parseInstant(value)).toBeUndefined());

  test('the last second of a day, month and year is read', () => {
    expect(parseInstant('2026-12-31T23:59:59Z')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
    expect(parseInstant('2026-01-01T00:00:00Z')).toBe(Date.UTC(2026, 0, 1));
  });
});

describe('parseInstant: the general path (fractions, offsets, no seconds) checks the calendar and the clock too', () => {
  test.each([
    ['2026-02-30T00:00:00.000Z', 'February 30 with a fraction'],
    ['2026-02-30T00:00+00:00', 'February 30 with an offset and no seconds'],
    ['2026-11-20T24:00:00.000Z', 'hour 24 with a fraction'],
    ['2026-11-20T12:60+01:00', 'minute 60 with an offset'],
    ['2026-11-20T12:00:60.5Z', 'second 60 with a fraction'],
    ['2026-11-20T23:59:60+00:00', 'second 60 with an offset'],
  ])('%p is refused: %s', (value) => expect(parseInstant(value)).toBeUndefined());

  test('the largest hour, minute and second it reads on that path', () => {
    expect(parseInstant('2026-11-20T23:59:59.999Z')).toBe(Date.UTC(2026, 10, 20, 23, 59, 59, 999));
    expect(parseInstant('2026-11-20T23:59+00:00')).toBe(Date.UTC(2026, 10, 20, 23, 59));
  });
});

describe('parseInstant agrees with Date.parse on every valid instant', () => {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  test('any calendar day, clock time, fraction and offset (years from 0 on, whatever Date.UTC does with 0-99)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }),
        fc.option(fc.stringMatching(/^\.[0-9]{1,9}$/), { nil: undefined }),
        fc.option(fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })), { nil: undefined }),
        fc.boolean(),
        (y, mo, d, h, mi, s, fraction, zone, withSeconds) => {
          fc.pre(isCalendarDate(y, mo, d));
          const clock = withSeconds || fraction !== undefined ? `${pad(h)}:${pad(mi)}:${pad(s)}${fraction ?? ''}` : `${pad(h)}:${pad(mi)}`;
          const value = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${clock}${zone ? `${zone[0]}${pad(zone[1])}:${pad(zone[2])}` : 'Z'}`;
          expect(parseInstant(value)).toBe(Date.parse(value));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('years 0 and 99 keep their own leap days and are not read as 1900 and 1999', () => {
    expect(parseInstant('0000-02-29T00:00:00Z')).toBe(Date.parse('0000-02-29T00:00:00Z'));
    expect(new Date(parseInstant('0099-12-31T23:59:59+01:00') ?? 0).getUTCFullYear()).toBe(99);
    expect(parseInstant('0096-02-29T12:00:00.250-02:30')).toBe(Date.parse('0096-02-29T12:00:00.250-02:30'));
  });

  test('a fraction past milliseconds is cut, not rounded', () => {
    expect(parseInstant('2026-11-20T12:34:56.7899Z')).toBe(Date.UTC(2026, 10, 20, 12, 34, 56, 789));
    expect(parseInstant('2026-11-20T12:34:56.000999999Z')).toBe(Date.UTC(2026, 10, 20, 12, 34, 56, 0));
    expect(parseInstant('2026-11-20T12:34:56.05Z')).toBe(Date.UTC(2026, 10, 20, 12, 34, 56, 50));
  });

  test('an offset of minutes only moves the instant by those minutes, either way', () => {
    expect(parseInstant('2026-11-20T12:00:00+00:45')).toBe(Date.UTC(2026, 10, 20, 11, 15));
    expect(parseInstant('2026-11-20T12:00:00-00:45')).toBe(Date.UTC(2026, 10, 20, 12, 45));
    expect(parseInstant('2026-11-20T12:00:00+00:00')).toBe(Date.UTC(2026, 10, 20, 12));
    expect(parseInstant('2026-11-20T12:00:00-00:00')).toBe(Date.UTC(2026, 10, 20, 12));
  });
});

test('isCalendarDate: leap years of the Gregorian calendar, years 0-99 included', () => {
  expect([isCalendarDate(2000, 2, 29), isCalendarDate(1900, 2, 29), isCalendarDate(0, 2, 29), isCalendarDate(4, 2, 29), isCalendarDate(1, 2, 29), isCalendarDate(99, 2, 29)]).toEqual([true, false, true, true, false, false]);
  expect(isIsoDate('0000-02-29')).toBe(true);
});
