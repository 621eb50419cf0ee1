import { evidenceText, formatInstant, plural } from '../../../checks/report/format-text';

describe('formatInstant', () => {
  test('an ISO instant in any zone is shown in UTC to the minute', () => {
    expect(formatInstant('2026-11-20T12:00:00Z')).toBe('2026-11-20 12:00 UTC');
    expect(formatInstant('2026-11-20T07:05:59.999-05:00')).toBe('2026-11-20 12:05 UTC');
    expect(formatInstant('2026-11-20T12:34Z')).toBe('2026-11-20 12:34 UTC');
    expect(formatInstant('2026-11-21T01:00:00+02:00')).toBe('2026-11-20 23:00 UTC');
  });

  test('anything else is shown as given', () => {
    for (const v of ['2026-11-20', 'yesterday', '2026-11-20T12:00:00', 'x2026-11-20T12:00:00Z', '2026-11-20T12:00:00Zx', '2026-11-20T12:00:00+0200', '2026-13-45T99:99:00Z', '2026-11-20T12:00:00.Z', '']) {
      expect(formatInstant(v)).toBe(v);
    }
  });
});

describe('evidenceText', () => {
  test('absent values are a dash; strings as they are; numbers and booleans as text', () => {
    expect(evidenceText(null)).toBe('—');
    expect(evidenceText(undefined)).toBe('—');
    expect(evidenceText('')).toBe('');
    expect(evidenceText('a b')).toBe('a b');
    expect(evidenceText(0)).toBe('0');
    expect(evidenceText(false)).toBe('false');
    expect(evidenceText(BigInt(12))).toBe('12');
  });

  test('a list of plain values is joined; an empty one is "(none)"; nested values are compact JSON', () => {
    expect(evidenceText(['a', 1, null, true])).toBe('a, 1, —, true');
    expect(evidenceText([])).toBe('(none)');
    expect(evidenceText([{ a: 1 }, 'b'])).toBe('[{"a":1},"b"]');
    expect(evidenceText({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });
});

test('plural', () => {
  expect(plural(1, 'finding')).toBe('1 finding');
  expect(plural(0, 'finding')).toBe('0 findings');
  expect(plural(2, 'body', 'bodies')).toBe('2 bodies');
});
