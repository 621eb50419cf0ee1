import { aws_iam as iam } from 'aws-cdk-lib';
import { PeopleGroupMfa } from '../../../policies/rules/PeopleGroupMfa';
import { mfaGuard } from './phi-fixtures';
import { cfn, newStack, TestType, validateStack } from './utils';

describe('PeopleGroupMfa on raw template resources: exact problems', () => {
  const NO_GUARD = 'no attached Deny with BoolIfExists aws:MultiFactorAuthPresent "false" on all actions';
  const GUARD = { Effect: 'Deny', NotAction: ['iam:ChangePassword', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
  const group = (...Statement: unknown[]) =>
    PeopleGroupMfa.evaluate(cfn(newStack(), 'Coders', 'AWS::IAM::Group', { Policies: [{ PolicyName: 'Guard', PolicyDocument: { Version: '2012-10-17', Statement } }] }));

  test('the guard passes: NotAction or "*", on "*" or NotResource, the value as string or boolean', () => {
    expect(group(GUARD)).toEqual([]);
    expect(group({ ...GUARD, NotAction: undefined, Action: ['s3:GetObject', '*'] })).toEqual([]);
    expect(group({ ...GUARD, Resource: undefined, NotResource: 'arn:aws:iam::*:user/${aws:username}' })).toEqual([]);
    expect(group({ ...GUARD, Resource: ['arn:aws:s3:::charts/*', '*'] })).toEqual([]);
    expect(group({ ...GUARD, Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': false } } })).toEqual([]);
    expect(group({ Effect: 'Allow', Action: '*', Resource: '*' }, GUARD)).toEqual([]);
  });

  test('each weakened guard fails', () => {
    expect(group()).toEqual([NO_GUARD]);
    expect(group({ ...GUARD, Effect: 'Allow' })).toEqual([NO_GUARD]);
    expect(group({ ...GUARD, NotAction: undefined, Action: 's3:*' })).toEqual([NO_GUARD]);
    expect(group({ ...GUARD, Resource: 'arn:aws:s3:::charts/*' })).toEqual([NO_GUARD]);
    expect(group({ ...GUARD, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })).toEqual([NO_GUARD]);
    expect(group({ ...GUARD, Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } })).toEqual([NO_GUARD]);
    expect(group({ ...GUARD, Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })).toEqual([NO_GUARD]);
    expect(PeopleGroupMfa.evaluate(cfn(newStack(), 'Coders', 'AWS::IAM::Group'))).toEqual([NO_GUARD]);
  });

  test('other resource types are not applicable', () => {
    expect(PeopleGroupMfa.evaluate(cfn(newStack(), 'Person', 'AWS::IAM::User'))).toBeUndefined();
  });
});

describe('PeopleGroupMfa: every people group has a Deny on BoolIfExists aws:MultiFactorAuthPresent false', () => {
  test('Noncompliance 1: a group without the guard', () => {
    const stack = newStack();
    const coders = new iam.Group(stack, 'Cardiology', { groupName: 'coders-cardiology' });
    new iam.Group(stack, 'Auditors', { groupName: 'compliance-auditors' });
    mfaGuard(stack, [coders]);
    validateStack(stack, PeopleGroupMfa, TestType.NON_COMPLIANCE, /no attached Deny/);
  });

  test('Noncompliance 2: Bool instead of BoolIfExists lets long-term keys through', () => {
    const stack = newStack();
    const group = new iam.Group(stack, 'Cardiology', { groupName: 'coders-cardiology' });
    group.addToPolicy(
      new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['iam:ChangePassword'], resources: ['*'], conditions: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }),
    );
    validateStack(stack, PeopleGroupMfa, TestType.NON_COMPLIANCE);
  });

  test('Compliance: the guard attached through the managed policy Groups', () => {
    const stack = newStack();
    const groups = ['coders-cardiology', 'coding-leads', 'compliance-auditors', 'platform-admins'].map((n) => new iam.Group(stack, n, { groupName: n }));
    mfaGuard(stack, groups);
    validateStack(stack, PeopleGroupMfa, TestType.COMPLIANCE);
  });

  test('Compliance: the guard attached through the group ManagedPolicyArns', () => {
    const stack = newStack();
    const group = new iam.Group(stack, 'Admins', { groupName: 'platform-admins' });
    group.addManagedPolicy(mfaGuard(stack, []));
    validateStack(stack, PeopleGroupMfa, TestType.COMPLIANCE);
  });
});
