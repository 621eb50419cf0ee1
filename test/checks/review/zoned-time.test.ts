import { formatInZone, startOfDayInZone } from '../../../checks/review/zoned-time';

describe('formatInZone', () => {
  test('shows an instant as local date, time and zone', () => {
    expect(formatInZone('2026-11-18T03:47:12Z', 'America/New_York')).toBe('2026-11-17 22:47 EST');
    expect(formatInZone('2026-07-01T12:00:00Z', 'America/New_York')).toBe('2026-07-01 08:00 EDT');
    expect(formatInZone('2026-11-18T03:47:12Z', 'UTC')).toBe('2026-11-18 03:47 UTC');
  });
  test('leaves what is not an instant as it is', () => {
    expect(formatInZone('yesterday', 'UTC')).toBe('yesterday');
  });
});

describe('startOfDayInZone', () => {
  test('is local midnight, on either side of a DST change', () => {
    expect(startOfDayInZone('2026-11-20', 'America/New_York').toISOString()).toBe('2026-11-20T05:00:00.000Z');
    expect(startOfDayInZone('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDayInZone('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfDayInZone('2026-11-20', 'Asia/Kolkata').toISOString()).toBe('2026-11-19T18:30:00.000Z');
  });
});

describe('formatInZone: only instants are converted', () => {
  test('a date alone, or text starting like a date, is left as given', () => {
    expect(formatInZone('2026-11-18', 'UTC')).toBe('2026-11-18');
    expect(formatInZone('x2026-11-18T03:47:12Z', 'UTC')).toBe('x2026-11-18T03:47:12Z');
    expect(formatInZone('2026-11-18T99:00:00Z', 'UTC')).toBe('2026-11-18T99:00:00Z');
  });
});

describe('startOfDayInZone: the offset settles in two rounds', () => {
  test('the day after the autumn change, and a zone far from UTC', () => {
    expect(startOfDayInZone('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfDayInZone('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(startOfDayInZone('2026-11-20', 'Pacific/Kiritimati').toISOString()).toBe('2026-11-19T10:00:00.000Z');
    expect(startOfDayInZone('2026-11-20', 'UTC').toISOString()).toBe('2026-11-20T00:00:00.000Z');
  });
});
