import { daysBetween, earliest, latest, staleness } from '../../../checks/checklist/dates';

describe('checklist dates', () => {
  test('daysBetween counts calendar days, across a leap day and a year end', () => {
    expect(daysBetween('2026-11-20', '2026-11-20')).toBe(0);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-11-21', '2026-11-20')).toBe(-1);
  });

  test('a date exactly `days` before the as-of day still counts; one day more does not', () => {
    expect(staleness('2025-11-20', '2026-11-20', 365)).toBeUndefined();
    expect(staleness('2025-11-19', '2026-11-20', 365)).toBe('2025-11-19 is older than 365 days (366 days before 2026-11-20)');
    expect(staleness('2026-11-20', '2026-11-20', 0)).toBeUndefined();
  });

  test('a date after the as-of day does not count (evidence from the future proves nothing)', () => {
    expect(staleness('2026-11-21', '2026-11-20', 365)).toBe('2026-11-21 is after the as-of date 2026-11-20');
  });

  test('latest and earliest of dates in any order; none of no dates', () => {
    const dates = ['2026-03-01', '2026-11-02', '2025-12-31', '2026-06-15'];
    expect(latest(dates)).toBe('2026-11-02');
    expect(earliest(dates)).toBe('2025-12-31');
    expect(latest([...dates].reverse())).toBe('2026-11-02');
    expect(earliest([...dates].reverse())).toBe('2025-12-31');
    expect(latest([])).toBeUndefined();
    expect(earliest([])).toBeUndefined();
  });
});
