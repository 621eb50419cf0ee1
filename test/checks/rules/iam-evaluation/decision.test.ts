import type { PolicyStatement } from '../../../../checks/model/iam';
import { decide } from '../../../../checks/rules/iam-evaluation/decision';
import { requestContext } from '../../../../checks/rules/iam-evaluation/request-context';
import type { EvaluatedStatement } from '../../../../checks/rules/iam-evaluation/statement';

const st = (over: Partial<PolicyStatement>): EvaluatedStatement => ({ effect: 'Allow', actions: [], notActions: [], resources: [], ...over });
const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::phi/cardiology/x', context: requestContext({ 'aws:username': 'jdoe' }) };
const allowAll = st({ actions: ['s3:*'], resources: ['*'] });
const odd = st({ actions: ['s3:GetObject'], resources: ['*'], conditions: { StringEqualz: { 'aws:username': 'jdoe' } } });

describe('the decision over identity policies', () => {
  test('nothing allows: implicitly denied', () => {
    expect(decide([], request)).toBe('ImplicitlyDenied');
    expect(decide([[st({ actions: ['s3:PutObject'], resources: ['*'] })]], request)).toBe('ImplicitlyDenied');
  });
  test('an allow that applies allows; an explicit deny anywhere wins', () => {
    expect(decide([[allowAll]], request)).toBe('Allowed');
    expect(decide([[allowAll], [st({ effect: 'Deny', actions: ['*'], resources: ['arn:aws:s3:::phi/*'] })]], request)).toBe('ExplicitlyDenied');
  });
  test('NotAction and NotResource apply to everything but what they name', () => {
    expect(decide([[st({ notActions: ['iam:*'], resources: ['*'] })]], request)).toBe('Allowed');
    expect(decide([[st({ notActions: ['s3:Get*'], resources: ['*'] })]], request)).toBe('ImplicitlyDenied');
    expect(decide([[allowAll, st({ effect: 'Deny', actions: ['s3:*'], resources: [], notResources: ['arn:aws:s3:::phi/cardiology/*'] })]], request)).toBe('Allowed');
    expect(decide([[allowAll, st({ effect: 'Deny', actions: ['s3:*'], resources: [], notResources: ['arn:aws:s3:::phi/orthopedics/*'] })]], request)).toBe('ExplicitlyDenied');
  });
  test('a NotResource entry whose variable has no value fails: the statement does not apply', () => {
    const deny = st({ effect: 'Deny', actions: ['s3:*'], resources: [], notResources: ['arn:aws:s3:::phi/${s3:prefix}*'] });
    expect(decide([[allowAll, deny]], request)).toBe('Allowed');
    expect(decide([[st({ actions: ['s3:*'], resources: [], notResources: ['arn:aws:s3:::phi/${s3:prefix}*'] })]], request)).toBe('ImplicitlyDenied');
  });
  test('an unsupported statement matters only when it could change the answer', () => {
    // Could allow: unsupported.
    expect(decide([[odd]], request)).toEqual({ unsupported: expect.stringContaining('StringEqualz') });
    // Another statement allows, but an unsupported deny could still refuse.
    expect(decide([[allowAll, { ...odd, effect: 'Deny' }]], request)).toEqual({ unsupported: expect.stringContaining('StringEqualz') });
    // A definite deny settles it; an unsupported allow is then irrelevant.
    expect(decide([[odd, st({ effect: 'Deny', actions: ['*'], resources: ['*'] })]], request)).toBe('ExplicitlyDenied');
    // Another allow settles it and no deny could apply.
    expect(decide([[odd, allowAll]], request)).toBe('Allowed');
    // Nothing could allow: an unsupported deny changes nothing.
    expect(decide([[{ ...odd, effect: 'Deny' }]], request)).toBe('ImplicitlyDenied');
    // A statement about other actions never reaches its condition.
    expect(decide([[allowAll, { ...odd, effect: 'Deny', actions: ['iam:*'] }]], request)).toBe('Allowed');
  });
});
