import fc from 'fast-check';
import { globMatches, literal, wildcards } from '../../../../checks/rules/iam-evaluation/glob';

describe('IAM wildcard matching', () => {
  test('* is any run of characters, none included, across / and :', () => {
    expect(globMatches(wildcards('bucket/*'), 'bucket/a/b:c')).toBe(true);
    expect(globMatches(wildcards('bucket/*'), 'bucket/')).toBe(true);
    expect(globMatches(wildcards('*'), '')).toBe(true);
    expect(globMatches(wildcards('a*b*c'), 'aXXbYYc')).toBe(true);
    expect(globMatches(wildcards('a*b*c'), 'aXXbYY')).toBe(false);
    expect(globMatches(wildcards('*/orthopedics/*'), 'phi/orthopedics/P1')).toBe(true);
  });
  test('? is exactly one character', () => {
    expect(globMatches(wildcards('?ardiology'), 'cardiology')).toBe(true);
    expect(globMatches(wildcards('?ardiology'), 'ardiology')).toBe(false);
    expect(globMatches(wildcards('a??'), 'abcd')).toBe(false);
  });
  test('backtracks past a greedy * (the last occurrence decides)', () => {
    expect(globMatches(wildcards('*ab'), 'aab')).toBe(true);
    expect(globMatches(wildcards('*a*a*a*b'), 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(false);
  });
  test('literal units are literal: a * from ${*} or a variable value is not a wildcard', () => {
    expect(globMatches(literal('a*'), 'a*')).toBe(true);
    expect(globMatches(literal('a*'), 'abc')).toBe(false);
    expect(globMatches(literal('a.c'), 'abc')).toBe(false);
  });
  test('case-sensitive unless asked', () => {
    expect(globMatches(wildcards('GetObject'), 'getobject')).toBe(false);
    expect(globMatches(wildcards('Get*'), 'getobject', { ignoreCase: true })).toBe(true);
  });
  test('agrees with a regular expression over small alphabets (property-based)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*?:/]{0,8}$/), fc.stringMatching(/^[abAB:/]{0,10}$/), fc.boolean(), (pattern, value, ignoreCase) => {
        const regex = new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('')}$`, ignoreCase ? 'is' : 's');
        expect(globMatches(wildcards(pattern), value, { ignoreCase })).toBe(regex.test(value));
      }),
      { numRuns: 3000 },
    );
  });
});
