import { aws_iam as iam, SecretValue, type Stack, Tags } from 'aws-cdk-lib';
import { UniquePersonIdentities } from '../../../policies/rules/UniquePersonIdentities';
import { cfn, newStack, TestType, validateStack } from './utils';

function person(stack: Stack, id: string, personId: string | undefined, props: Partial<iam.UserProps> = {}): iam.User {
  const user = new iam.User(stack, id, { userName: id, ...props });
  if (personId) Tags.of(user).add('person-id', personId);
  return user;
}

describe('UniquePersonIdentities: one IAM user per person, tagged person-id uniquely, no access keys or literal passwords', () => {
  test('Noncompliance 1: a user without person-id (a shared login)', () => {
    const stack = newStack();
    person(stack, 'frontdesk', undefined);
    validateStack(stack, UniquePersonIdentities, TestType.NON_COMPLIANCE, /no literal person-id tag/);
  });

  test('Noncompliance 2: two users claiming the same person', () => {
    const stack = newStack();
    person(stack, 'jdoe', 'jdoe');
    person(stack, 'jdoe2', 'jdoe');
    validateStack(stack, UniquePersonIdentities, TestType.NON_COMPLIANCE, /person-id jdoe is also on/);
  });

  test('Noncompliance 3: an access key', () => {
    const stack = newStack();
    const user = person(stack, 'jdoe', 'jdoe');
    new iam.AccessKey(stack, 'Key', { user });
    validateStack(stack, UniquePersonIdentities, TestType.NON_COMPLIANCE, /access key/);
  });

  test('Noncompliance 4: a literal password in the template', () => {
    const stack = newStack();
    person(stack, 'jdoe', 'jdoe', { password: SecretValue.unsafePlainText('Winter2026!') });
    validateStack(stack, UniquePersonIdentities, TestType.NON_COMPLIANCE, /LoginProfile.Password is a literal/);
  });

  test('Compliance: distinct people, password from Secrets Manager', () => {
    const stack = newStack();
    person(stack, 'jdoe', 'jdoe', { password: SecretValue.secretsManager('coding-env/initial/jdoe') });
    person(stack, 'asmith', 'asmith');
    validateStack(stack, UniquePersonIdentities, TestType.COMPLIANCE);
  });
});
