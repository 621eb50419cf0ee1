import { type ConditionBlock, conditionsMatch } from '../../../../checks/rules/iam-evaluation/condition';
import { requestContext } from '../../../../checks/rules/iam-evaluation/request-context';

const ctx = requestContext({ 'aws:username': 'jdoe', 's3:prefix': 'cardiology/', 'aws:TagKeys': ['team', 'owner'], 'aws:SourceIp': '198.51.100.9' });
const holds = (block: ConditionBlock, c = ctx) => conditionsMatch(block, c);

describe('Condition blocks', () => {
  test('no condition holds', () => {
    expect(holds({})).toBe(true);
  });
  test('operators and keys are ANDed, a key\'s values ORed', () => {
    expect(holds({ StringLike: { 's3:prefix': ['orthopedics/*', 'cardiology/*'] } })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'cardiology/*', 'aws:username': 'rpatel' } })).toBe(false);
    expect(holds({ StringLike: { 's3:prefix': 'cardiology/*' }, StringEquals: { 'aws:username': 'jdoe' } })).toBe(true);
  });
  test('keys are case-insensitive, operator names too', () => {
    expect(holds({ stringequals: { 'AWS:USERNAME': 'jdoe' } })).toBe(true);
  });
  test('a negated operator: the value matches none of the policy\'s values', () => {
    expect(holds({ StringNotEquals: { 'aws:username': ['rpatel', 'kchen'] } })).toBe(true);
    expect(holds({ StringNotEquals: { 'aws:username': ['rpatel', 'jdoe'] } })).toBe(false);
    expect(holds({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '198.51.100.0/24'] } })).toBe(false);
    // An IPv6 caller is outside IPv4-only blocks, single addresses included (iam-simulate 0.1.173 says otherwise for those).
    const v6 = requestContext({ 'aws:SourceIp': '2001:db8::1' });
    expect(holds({ NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '203.0.113.7'] } }, v6)).toBe(true);
    expect(holds({ IpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '2001:db8::/32'] } }, v6)).toBe(true);
  });
  test('an absent key fails a condition, except negated operators and ...IfExists', () => {
    expect(holds({ StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } })).toBe(false);
    expect(holds({ StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } })).toBe(true);
    expect(holds({ StringEqualsIfExists: { 'iam:PassedToService': 'lambda.amazonaws.com' } })).toBe(true);
    expect(holds({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })).toBe(true);
    expect(holds({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })).toBe(false);
    // IfExists on a present key is the operator itself.
    expect(holds({ StringEqualsIfExists: { 'aws:username': 'rpatel' } })).toBe(false);
  });
  test('Null tests presence: true means absent, false present', () => {
    expect(holds({ Null: { 'iam:PassedToService': 'true' } })).toBe(true);
    expect(holds({ Null: { 'aws:username': 'true' } })).toBe(false);
    expect(holds({ Null: { 'aws:username': 'false' } })).toBe(true);
    expect(holds({ Null: { 'aws:username': 'maybe' } })).toEqual({ unsupported: expect.stringContaining('Null condition value') });
  });
  test('ForAnyValue: some request value matches; false when the key is absent, IfExists or not', () => {
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner', 'cost-center'] } })).toBe(true);
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['cost-center'] } })).toBe(false);
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:PrincipalTag/x': 'a' } })).toBe(false);
    expect(holds({ 'ForAnyValue:StringEqualsIfExists': { 'aws:PrincipalTag/x': 'a' } })).toBe(false);
    expect(holds({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } })).toBe(true);
  });
  test('ForAllValues: every request value matches; true when the key is absent', () => {
    expect(holds({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['team', 'own*'] } })).toBe(true);
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } })).toBe(false);
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:PrincipalTag/x': 'a' } })).toBe(true);
    expect(holds({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['cost-center'] } })).toBe(true);
    // A single-valued key is a set of one.
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:username': ['jdoe', 'rpatel'] } })).toBe(true);
  });
  test('a key present with no values: ForAnyValue false, ForAllValues true', () => {
    const none = requestContext({ 'aws:TagKeys': [] });
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, none)).toBe(false);
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, none)).toBe(true);
  });
  test('set prefixes in any case', () => {
    expect(holds({ 'foranyvalue:StringEquals': { 'aws:TagKeys': ['owner'] } })).toBe(true);
    expect(holds({ 'FORALLVALUES:StringEquals': { 'aws:TagKeys': ['team'] } })).toBe(false);
  });
  test('unsupported: an unknown operator, a single-valued operator on a multivalued key, a set prefix on Null, no values, an unknowable key', () => {
    expect(holds({ StringEqualz: { 'aws:username': 'jdoe' } })).toEqual({ unsupported: expect.stringContaining('StringEqualz') });
    expect(holds({ StringEquals: { 'aws:TagKeys': 'team' } })).toEqual({ unsupported: expect.stringContaining('several values') });
    expect(holds({ 'ForAnyValue:Null': { 'aws:TagKeys': 'true' } })).toEqual({ unsupported: expect.stringContaining('ForAnyValue:Null') });
    expect(holds({ StringEquals: { 'aws:username': [] } })).toEqual({ unsupported: expect.stringContaining('no value') });
    const audit = requestContext({ 'aws:username': 'jdoe' }, { knownKeys: new Set(['s3:prefix']) });
    expect(holds({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, audit)).toEqual({ unsupported: expect.stringContaining('aws:MultiFactorAuthPresent') });
    expect(holds({ StringLike: { 's3:prefix': '*' } }, audit)).toBe(false);
  });
  test('a policy variable with no value matches in neither sense: a negated operator fails too', () => {
    expect(holds({ StringLike: { 's3:prefix': ['${iam:PassedToService}*', 'cardiology/*'] } })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': '${iam:PassedToService}*' } })).toBe(false);
    expect(holds({ StringNotLike: { 's3:prefix': '${iam:PassedToService}*' } })).toBe(false);
    expect(holds({ StringNotEquals: { 's3:prefix': ['orthopedics/', '${iam:PassedToService}'] } })).toBe(false);
    expect(holds({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:user/x' } }, requestContext({ 'aws:PrincipalArn': 'arn:aws:iam::1:user/y' }))).toBe(false);
  });
  test('a definite false settles the block whatever else it holds', () => {
    expect(holds({ StringEquals: { 'aws:username': 'rpatel' }, StringEqualz: { x: 'y' } })).toBe(false);
  });
});
