import { IncompleteCheckError } from '../../../checks/rules/incomplete-check';

describe('IncompleteCheckError', () => {
  test('carries the findings and the reasons, and says them all', () => {
    const finding = { check: 'privilege-creep', rule: 'direct-policy', principal: 'kchen', severity: 'medium' as const, summary: 's', evidence: {} };
    const err = new IncompleteCheckError([finding], ['cannot decide a', 'cannot decide b']);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('IncompleteCheckError');
    expect(err.message).toBe('cannot decide a; cannot decide b');
    expect(err.findings).toEqual([finding]);
    expect(err.reasons).toEqual(['cannot decide a', 'cannot decide b']);
  });
});
