import { globMatches } from '../../../../checks/rules/iam-evaluation/glob';
import { NO_VALUE } from '../../../../checks/rules/iam-evaluation/outcome';
import { hasPolicyVariable, isGlob, resolvePolicyString } from '../../../../checks/rules/iam-evaluation/policy-variables';
import { requestContext } from '../../../../checks/rules/iam-evaluation/request-context';

const exact = requestContext({ 'aws:username': 'j*doe', 'aws:TagKeys': ['a', 'b'] });
const audit = requestContext({ 'aws:username': 'jdoe' }, { knownKeys: new Set(['s3:prefix']) });
const matches = (pattern: string, value: string, ctx = exact, wildcards = true) => {
  const r = resolvePolicyString(pattern, ctx, { wildcards });
  return isGlob(r) ? globMatches(r, value) : r;
};

describe('policy variables', () => {
  test('a variable is replaced by the key\'s value (key case-insensitive), which is literal text', () => {
    expect(matches('home/${AWS:UserName}/*', 'home/j*doe/x')).toBe(true);
    // The * in the user name is not a wildcard.
    expect(matches('home/${aws:username}/*', 'home/jXdoe/x')).toBe(false);
  });
  test('${*}, ${?} and ${$} are a literal *, ? and $', () => {
    expect(matches('a${*}b', 'a*b')).toBe(true);
    expect(matches('a${*}b', 'aXb')).toBe(false);
    expect(matches('a${?}', 'a?')).toBe(true);
    expect(matches('${$}1', '$1')).toBe(true);
  });
  test('an absent key with a default takes the default; without one the value has no value (matches in neither sense)', () => {
    expect(matches("home/${aws:PrincipalTag/team, 'none'}/*", 'home/none/x')).toBe(true);
    expect(matches('home/${aws:PrincipalTag/team}/*', 'home/x/y')).toBe(NO_VALUE);
  });
  test('a key the audit cannot know, or a multivalued key, is unsupported', () => {
    expect(matches('home/${aws:PrincipalTag/team}/*', 'home/x/y', audit)).toEqual({ unsupported: expect.stringContaining('${aws:PrincipalTag/team}') });
    expect(matches("home/${aws:PrincipalTag/team, 'none'}/*", 'home/none/y', audit)).toEqual({ unsupported: expect.stringContaining('does not know') });
    expect(matches('${aws:TagKeys}', 'a')).toEqual({ unsupported: expect.stringContaining('multivalued') });
    // A key the question fixes is known even when absent: no value, no match.
    expect(matches('${s3:prefix}*', 'x', audit)).toBe(NO_VALUE);
  });
  test('an unquoted default is refused; an unclosed ${ is literal', () => {
    expect(matches('${aws:username, none}', 'none')).toEqual({ unsupported: expect.stringContaining("quoted with '") });
    expect(matches('a${b', 'a${b')).toBe(true);
  });
  test('a default must be one quoted string, whole', () => {
    const quoted = "a default value must be quoted with '";
    for (const bad of ["x'none'", "'none'x", "'no'ne'"]) {
      expect(matches(`\${aws:PrincipalTag/team, ${bad}}`, 'none')).toEqual({ unsupported: `policy variable \${aws:PrincipalTag/team, ${bad}} (${quoted})` });
    }
    // A comma first: an unquoted default is refused before the empty key is noticed.
    expect(matches('${,none}', 'none')).toEqual({ unsupported: `policy variable \${,none} (${quoted})` });
  });
  test('an empty key is unsupported, with or without a default', () => {
    expect(matches('${}', 'x')).toEqual({ unsupported: 'an empty policy variable ${}' });
    expect(matches("${, 'none'}", 'none')).toEqual({ unsupported: 'an empty policy variable ${}' });
    expect(matches("${ , 'none'}", 'none')).toEqual({ unsupported: 'an empty policy variable ${}' });
  });
  test('spaces around the key and the default are not part of them', () => {
    expect(matches('home/${ aws:username }/*', 'home/j*doe/x')).toBe(true);
    expect(matches("home/${aws:PrincipalTag/team ,  'none' }/*", 'home/none/x')).toBe(true);
  });
  test('braces without a $ are literal, and a } before a variable does not end it', () => {
    expect(matches('a{b}', 'a{b}')).toBe(true);
    expect(matches('a}${aws:username}', 'a}j*doe')).toBe(true);
  });
  test('with wildcards off (StringEquals), * and ? are literal', () => {
    expect(matches('a*', 'abc', exact, false)).toBe(false);
    expect(matches('a*', 'a*', exact, false)).toBe(true);
  });
  test('hasPolicyVariable tells variables from the escapes', () => {
    expect(hasPolicyVariable('user/${aws:username}')).toBe(true);
    expect(hasPolicyVariable('a${*}b${?}')).toBe(false);
    expect(hasPolicyVariable('plain')).toBe(false);
  });
});
