import { CONDITION_OPERATORS } from '../../../../checks/rules/iam-evaluation/condition-operators';
import { requestContext } from '../../../../checks/rules/iam-evaluation/request-context';

const ctx = requestContext({ 'aws:username': 'jdoe' });
/** One request value against one policy value, in the operator's positive sense. */
const test1 = (operator: string, value: string, policy: string) => {
  const op = CONDITION_OPERATORS.get(operator.toLowerCase());
  if (!op) throw new Error(`no operator ${operator}`);
  return op.matches(value, policy, ctx);
};

describe('condition operators', () => {
  test('every operator IAM documents is known, negated ones flagged', () => {
    const negated = [...CONDITION_OPERATORS.values()].filter((o) => o.negated).map((o) => o.name);
    expect(negated.sort()).toEqual(['ArnNotEquals', 'ArnNotLike', 'DateNotEquals', 'NotIpAddress', 'NumericNotEquals', 'StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike']);
    expect(CONDITION_OPERATORS.size).toBe(26);
  });
  test('StringEquals: exact and case-sensitive, * literal, variables resolved', () => {
    expect(test1('StringEquals', 'lambda.amazonaws.com', 'lambda.amazonaws.com')).toBe(true);
    expect(test1('StringEquals', 'Lambda.amazonaws.com', 'lambda.amazonaws.com')).toBe(false);
    expect(test1('StringEquals', 'abc', 'a*')).toBe(false);
    expect(test1('StringEquals', 'home/jdoe', 'home/${aws:username}')).toBe(true);
  });
  test('StringEqualsIgnoreCase folds case', () => {
    expect(test1('StringEqualsIgnoreCase', 'JDOE', 'jdoe')).toBe(true);
    expect(test1('StringEqualsIgnoreCase', 'jdoe2', 'jdoe')).toBe(false);
  });
  test('StringLike: * and ? wildcards, with variables', () => {
    expect(test1('StringLike', 'cardiology/P1/', 'cardiology/*')).toBe(true);
    expect(test1('StringLike', 'orthopedics/', 'cardiology/*')).toBe(false);
    expect(test1('StringLike', 'jdoe/x', '${aws:username}/*')).toBe(true);
    expect(test1('StringLike', 'ab', 'a?')).toBe(true);
  });
  test('Numeric*: compare as numbers; a value that is no number is unsupported', () => {
    expect(test1('NumericEquals', '10', '10.0')).toBe(true);
    expect(test1('NumericLessThan', '5', '10')).toBe(true);
    expect(test1('NumericLessThan', '10', '10')).toBe(false);
    expect(test1('NumericLessThanEquals', '10', '10')).toBe(true);
    expect(test1('NumericGreaterThan', '1e3', '999')).toBe(true);
    expect(test1('NumericGreaterThanEquals', '-1', '0')).toBe(false);
    expect(test1('NumericGreaterThan', '10', '10')).toBe(false);
    expect(test1('NumericGreaterThanEquals', '10', '10.0')).toBe(true);
    expect(test1('NumericEquals', '10', 'ten')).toEqual({ unsupported: expect.stringContaining('number condition value') });
    expect(test1('NumericEquals', '0x10', '16')).toEqual({ unsupported: expect.stringContaining('not a number') });
    expect(test1('NumericEquals', '10', '${aws:username}')).toEqual({ unsupported: expect.stringContaining('policy variable') });
  });
  test('Date*: ISO 8601 or POSIX seconds, compared as instants', () => {
    expect(test1('DateLessThan', '2026-06-01T00:00:00Z', '2026-12-31T23:59:59Z')).toBe(true);
    expect(test1('DateGreaterThan', '2026-06-01T00:00:00Z', '2026-12-31T23:59:59Z')).toBe(false);
    expect(test1('DateEquals', '2026-01-01T01:00:00+01:00', '2026-01-01T00:00:00Z')).toBe(true);
    expect(test1('DateEquals', '1767225600', '2026-01-01T00:00:00Z')).toBe(true);
    expect(test1('DateLessThanEquals', '2026-01-01', '2026-01-01T00:00:00Z')).toBe(true);
    expect(test1('DateGreaterThanEquals', '2026-01-02T00:00:00Z', '2026-01-01')).toBe(true);
    expect(test1('DateLessThan', '2026-06-01T00:00:00Z', 'next Tuesday')).toEqual({ unsupported: expect.stringContaining('date condition value') });
    expect(test1('DateLessThanEquals', '2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z')).toBe(false);
    expect(test1('DateGreaterThanEquals', '2026-01-01T00:00:00Z', '2026-01-01')).toBe(true);
    expect(test1('DateGreaterThanEquals', '2025-12-31T23:59:59Z', '2026-01-01')).toBe(false);
  });
  test('Date*: a date V8 would read but IAM does not take is unsupported, not guessed', () => {
    expect(test1('DateLessThan', '2026-06-01T00:00:00Z', 'Dec 31 2026')).toEqual({ unsupported: 'date condition value "Dec 31 2026"' });
    expect(test1('DateLessThan', '2026/06/01', '2026-12-31')).toEqual({ unsupported: 'a request value that is not a date' });
  });
  test('a policy variable where IAM takes the value literally is unsupported, by operator', () => {
    expect(test1('Bool', 'true', '${aws:SecureTransport}')).toEqual({ unsupported: 'a policy variable in a Bool condition value' });
    expect(test1('BinaryEquals', 'QmluYXJ5', '${aws:username}')).toEqual({ unsupported: 'a policy variable in a BinaryEquals condition value' });
    expect(test1('IpAddress', '198.51.100.9', '${aws:SourceIp}')).toEqual({ unsupported: 'a policy variable in an IpAddress condition value' });
    expect(test1('DateLessThan', '2026-06-01T00:00:00Z', '${aws:CurrentTime}')).toEqual({ unsupported: 'a policy variable in a date condition value' });
  });
  test('Bool: true or false in any case; anything else unsupported', () => {
    expect(test1('Bool', 'true', 'True')).toBe(true);
    expect(test1('Bool', 'false', 'true')).toBe(false);
    expect(test1('Bool', 'true', 'yes')).toEqual({ unsupported: expect.stringContaining('Bool condition value') });
    expect(test1('Bool', '1', 'true')).toEqual({ unsupported: expect.stringContaining('not a boolean') });
  });
  test('BinaryEquals compares the base64 text exactly', () => {
    expect(test1('BinaryEquals', 'QmluYXJ5', 'QmluYXJ5')).toBe(true);
    expect(test1('BinaryEquals', 'QmluYXJ5', 'qmluyxj5')).toBe(false);
  });
  test('IpAddress: CIDR blocks and single addresses, IPv4 and IPv6', () => {
    expect(test1('IpAddress', '198.51.100.9', '198.51.100.0/24')).toBe(true);
    expect(test1('IpAddress', '198.51.101.9', '198.51.100.0/24')).toBe(false);
    expect(test1('IpAddress', '203.0.113.7', '203.0.113.7')).toBe(true);
    expect(test1('IpAddress', '2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(test1('IpAddress', '2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(test1('IpAddress', '0.0.0.1', '0.0.0.0/0')).toBe(true);
    // An IPv6 request is in no IPv4 block (so NotIpAddress with IPv4 blocks holds for it, as AWS denies IPv6 callers of such policies).
    expect(test1('IpAddress', '2001:db8::1', '203.0.113.7')).toBe(false);
    expect(test1('IpAddress', '198.51.100.9', '198.51.100.0/33')).toEqual({ unsupported: 'IP condition value "198.51.100.0/33"' });
    // A single IPv6 address is a /128, not a /32.
    expect(test1('IpAddress', '2001:db8::2', '2001:db8::1')).toBe(false);
    expect(test1('IpAddress', '2001:db8::1', '2001:db8::1')).toBe(true);
    // IPv6 prefixes run to 128.
    expect(test1('IpAddress', '2001:db8:0:0:1::9', '2001:db8::/64')).toBe(true);
    expect(test1('IpAddress', '2001:db8::1', '2001:db8::/129')).toEqual({ unsupported: 'IP condition value "2001:db8::/129"' });
    for (const bad of ['198.51.100.0/24/7', '198.51.100.0/24/', '2001:db8::/32/64', '198.51.100.0/24x', '198.51.100.0/x24', '198.51.100.0/abc', '198.51.100.0/', 'vpn.example.org/24', 'vpn.example.org']) {
      expect(test1('IpAddress', '198.51.100.9', bad)).toEqual({ unsupported: `IP condition value "${bad}"` });
    }
    expect(test1('IpAddress', 's3.amazonaws.com', '198.51.100.0/24')).toEqual({ unsupported: expect.stringContaining('not an IP address') });
  });
  test('ArnEquals and ArnLike: part by part, wildcards and variables, case-sensitive', () => {
    for (const op of ['ArnEquals', 'ArnLike']) {
      expect(test1(op, 'arn:aws:iam::111122223333:user/jdoe', 'arn:aws:iam::*:user/${aws:username}')).toBe(true);
      expect(test1(op, 'arn:aws:iam::111122223333:user/jdoe', 'arn:aws:iam::111122223333:user/J*')).toBe(false);
      expect(test1(op, 'arn:aws:iam::111122223333:role/a:b', 'arn:aws:iam::111122223333:role/*')).toBe(true);
      // A * in one part never spans the colon into the next.
      expect(test1(op, 'arn:aws:iam::111122223333:user/jdoe', 'arn:aws:*:user/jdoe')).toEqual({ unsupported: expect.stringContaining('not a full ARN') });
    }
    expect(test1('ArnLike', 'jdoe', 'arn:aws:iam::*:user/*')).toEqual({ unsupported: expect.stringContaining('not an ARN') });
  });
});
