import { aws_iam as iam } from 'aws-cdk-lib';
import { PeopleGroupMfa } from '../../../policies/rules/PeopleGroupMfa';
import { mfaGuard } from './phi-fixtures';
import { cfn, newStack, TestType, validateStack } from './utils';

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
