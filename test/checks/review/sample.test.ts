import { seededSample } from '../../../checks/review/sample';

const items = Array.from({ length: 100 }, (_, i) => i);

describe('seededSample', () => {
  test('the same seed gives the same sample', () => {
    expect(seededSample(items, 10, 'week 2026-11-14')).toEqual(seededSample(items, 10, 'week 2026-11-14'));
  });

  test('another seed gives another sample', () => {
    expect(seededSample(items, 10, 'week 2026-11-14')).not.toEqual(seededSample(items, 10, 'week 2026-11-21'));
  });

  test('draws distinct items in their original order', () => {
    const sample = seededSample(items, 25, 's');
    expect(new Set(sample).size).toBe(25);
    expect([...sample].sort((a, b) => a - b)).toEqual(sample);
  });

  test('takes everything when asked for more than there is, nothing when asked for none', () => {
    expect(seededSample([3, 1, 2], 10, 's')).toEqual([3, 1, 2]);
    expect(seededSample(items, 0, 's')).toEqual([]);
  });

  test('is not biased to the front: over many seeds every item gets drawn', () => {
    const seen = new Set<number>();
    for (let s = 0; s < 200; s++) for (const i of seededSample(items, 5, `seed-${s}`)) seen.add(i);
    expect(seen.size).toBeGreaterThan(95);
  });
});

describe('seededSample: the draw is fixed for all time (an auditor redraws it years later)', () => {
  test('the exact samples of known seeds', () => {
    expect(seededSample(items, 10, 'week 2026-11-14')).toEqual([2, 5, 8, 36, 49, 59, 61, 64, 70, 98]);
    expect(seededSample(Array.from({ length: 20 }, (_, i) => i), 5, 'log-review')).toEqual([6, 7, 10, 14, 19]);
  });

  test('a fractional size is rounded down, a negative one is none', () => {
    expect(seededSample([0, 1, 2, 3], 2.7, 's')).toEqual([1, 3]);
    expect(seededSample([0, 1, 2, 3], -3, 's')).toEqual([]);
    expect(seededSample([], 5, 's')).toEqual([]);
  });
});
