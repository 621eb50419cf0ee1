import { computeCoverage, describeGaps, INCOMPLETE_STATUSES, mergeCoverage, summarizeProblems, windowDays } from '../../../checks/model/completeness';

const d = (iso: string) => new Date(iso);

describe('windowDays', () => {
  test('a window ending at 00:00:00Z does not include the day only its last instant touches', () => {
    expect(windowDays(d('2026-11-18T00:00:00Z'), d('2026-11-20T00:00:00Z'))).toEqual(['2026-11-18', '2026-11-19']);
  });

  test('a window starting mid-day includes that day; one ending a millisecond into a day includes it', () => {
    expect(windowDays(d('2026-11-18T23:59:59.999Z'), d('2026-11-20T00:00:00.001Z'))).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
  });

  test('a window ending before it starts has no days', () => {
    expect(windowDays(d('2026-11-20T12:00:00Z'), d('2026-11-19T12:00:00Z'))).toEqual([]);
  });
});

describe('computeCoverage', () => {
  const from = d('2026-11-01T00:00:00Z');
  const to = d('2026-11-06T00:00:00Z');

  test('one account: the days without events, as runs, without an account', () => {
    const seen = new Map([['111111111111', new Set(['2026-11-01', '2026-11-04'])]]);
    expect(computeCoverage(from, to, seen)).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-06T00:00:00.000Z',
      gaps: [
        { from: '2026-11-02', to: '2026-11-03' },
        { from: '2026-11-05', to: '2026-11-05' },
      ],
    });
  });

  test('records naming no account and one account are one view', () => {
    const seen = new Map([
      ['', new Set(['2026-11-01', '2026-11-02'])],
      ['111111111111', new Set(['2026-11-03', '2026-11-04', '2026-11-05'])],
    ]);
    expect(computeCoverage(from, to, seen).gaps).toEqual([]);
  });

  test('several accounts: each account\'s own gaps, sorted by account', () => {
    const seen = new Map([
      ['222222222222', new Set(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'])],
      ['111111111111', new Set(['2026-11-01', '2026-11-05'])],
    ]);
    expect(computeCoverage(from, to, seen).gaps).toEqual([{ from: '2026-11-02', to: '2026-11-04', account: '111111111111' }]);
  });

  test('an expected account without a single event is a gap for every day; the gaps carry the account', () => {
    const seen = new Map([['111111111111', new Set(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'])]]);
    expect(computeCoverage(from, to, seen, ['111111111111', '333333333333']).gaps).toEqual([
      { from: '2026-11-05', to: '2026-11-05', account: '111111111111' },
      { from: '2026-11-01', to: '2026-11-05', account: '333333333333' },
    ]);
  });

  test('no events at all: the whole window is one gap', () => {
    expect(computeCoverage(from, to, new Map()).gaps).toEqual([{ from: '2026-11-01', to: '2026-11-05' }]);
  });
});

describe('mergeCoverage', () => {
  test('no views: undefined', () => {
    expect(mergeCoverage([])).toBeUndefined();
  });

  test('a day missing from any view is a gap; adjacent days from different views join into one run', () => {
    const a = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-11T00:00:00.000Z', gaps: [{ from: '2026-11-02', to: '2026-11-03' }] };
    const b = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-11T00:00:00.000Z', gaps: [{ from: '2026-11-04', to: '2026-11-04' }, { from: '2026-11-08', to: '2026-11-10' }] };
    expect(mergeCoverage([a, b])).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-11T00:00:00.000Z',
      gaps: [
        { from: '2026-11-02', to: '2026-11-04' },
        { from: '2026-11-08', to: '2026-11-10' },
      ],
    });
  });

  test('account gaps stay per account, sorted, account-less first', () => {
    const view = {
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-11T00:00:00.000Z',
      gaps: [
        { from: '2026-11-05', to: '2026-11-05', account: '222222222222' },
        { from: '2026-11-03', to: '2026-11-03', account: '111111111111' },
        { from: '2026-11-09', to: '2026-11-09' },
      ],
    };
    expect(mergeCoverage([view])?.gaps).toEqual([
      { from: '2026-11-09', to: '2026-11-09' },
      { from: '2026-11-03', to: '2026-11-03', account: '111111111111' },
      { from: '2026-11-05', to: '2026-11-05', account: '222222222222' },
    ]);
  });
});

describe('describeGaps and summarizeProblems: one line for a check\'s error', () => {
  test('a one-day gap is its day, a run is "from to to", an account is named', () => {
    expect(describeGaps([{ from: '2026-10-21', to: '2026-10-23' }, { from: '2026-11-02', to: '2026-11-02', account: '111111111111' }])).toBe(
      '2026-10-21 to 2026-10-23, 2026-11-02 (account 111111111111)',
    );
  });

  test('at most five gaps, then how many more', () => {
    const gaps = Array.from({ length: 7 }, (_, i) => ({ from: `2026-11-0${i + 1}`, to: `2026-11-0${i + 1}` }));
    expect(describeGaps(gaps)).toBe('2026-11-01, 2026-11-02, 2026-11-03, 2026-11-04, 2026-11-05 and 2 more');
    expect(describeGaps(gaps.slice(0, 5))).toBe('2026-11-01, 2026-11-02, 2026-11-03, 2026-11-04, 2026-11-05');
    expect(describeGaps(gaps, 2)).toBe('2026-11-01, 2026-11-02 and 5 more');
  });

  test('at most five problems, then how many more, pointing to inputs', () => {
    const problems = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(summarizeProblems(problems)).toBe('a; b; c; d; e; and 1 more (see inputs)');
    expect(summarizeProblems(problems.slice(0, 5))).toBe('a; b; c; d; e');
    expect(summarizeProblems(['only'])).toBe('only');
  });
});

test('partial, skipped and refused inputs are incomplete; read and ignored are not', () => {
  expect([...INCOMPLETE_STATUSES].sort()).toEqual(['partial', 'refused', 'skipped']);
});

describe('mergeCoverage: order of the views', () => {
  test('gaps given latest first still come out in day order, joined into runs', () => {
    const window = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-11T00:00:00.000Z' };
    const late = { ...window, gaps: [{ from: '2026-11-08', to: '2026-11-09' }] };
    const early = { ...window, gaps: [{ from: '2026-11-02', to: '2026-11-02' }, { from: '2026-11-07', to: '2026-11-07' }] };
    expect(mergeCoverage([late, early])?.gaps).toEqual([
      { from: '2026-11-02', to: '2026-11-02' },
      { from: '2026-11-07', to: '2026-11-09' },
    ]);
  });
});

describe('computeCoverage: several accounts', () => {
  test('each account\'s gaps, in account order whatever the order they were seen in', () => {
    const seen = new Map([
      ['333333333333', new Set(['2026-11-01'])],
      ['111111111111', new Set(['2026-11-02', '2026-11-03'])],
    ]);
    expect(computeCoverage(d('2026-11-01T00:00:00Z'), d('2026-11-04T00:00:00Z'), seen, ['222222222222']).gaps).toEqual([
      { from: '2026-11-01', to: '2026-11-01', account: '111111111111' },
      { from: '2026-11-01', to: '2026-11-03', account: '222222222222' },
      { from: '2026-11-02', to: '2026-11-03', account: '333333333333' },
    ]);
  });

  test('a window of part of one day needs that day only', () => {
    expect(windowDays(d('2026-11-18T10:00:00Z'), d('2026-11-18T11:00:00Z'))).toEqual(['2026-11-18']);
    expect(computeCoverage(d('2026-11-18T10:00:00Z'), d('2026-11-18T11:00:00Z'), new Map([['', new Set(['2026-11-18'])]])).gaps).toEqual([]);
  });
});

test('computeCoverage: one expected account alone still names it on its gaps; events naming no account do not cover it', () => {
  const seen = new Map([
    ['111111111111', new Set(['2026-11-01'])],
    ['', new Set(['2026-11-02'])],
  ]);
  expect(computeCoverage(d('2026-11-01T00:00:00Z'), d('2026-11-04T00:00:00Z'), seen, ['111111111111']).gaps).toEqual([{ from: '2026-11-02', to: '2026-11-03', account: '111111111111' }]);
  // No account expected and none seen: the window still has to be covered (it was reported covered).
  expect(computeCoverage(d('2026-11-01T00:00:00Z'), d('2026-11-04T00:00:00Z'), new Map(), []).gaps).toEqual([{ from: '2026-11-01', to: '2026-11-03' }]);
  expect(computeCoverage(d('2026-11-01T00:00:00Z'), d('2026-11-04T00:00:00Z'), new Map([['', new Set(['2026-11-02'])]]), []).gaps).toEqual([
    { from: '2026-11-01', to: '2026-11-01' },
    { from: '2026-11-03', to: '2026-11-03' },
  ]);
});
