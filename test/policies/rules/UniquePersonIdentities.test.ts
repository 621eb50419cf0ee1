import { aws_iam as iam, SecretValue, type Stack, Tags } from 'aws-cdk-lib';
import { UniquePersonIdentities } from '../../../policies/rules/UniquePersonIdentities';
import { cfn, newStack, TestType, validateStack } from './utils';

function person(stack: Stack, id: string, personId: string | undefined, props: Partial<iam.UserProps> = {}): iam.User {
  const user = new iam.User(stack, id, { userName: id, ...props });
  if (personId) Tags.of(user).add('person-id', personId);
  return user;
}

describe('UniquePersonIdentities on raw template resources: exact problems', () => {
  const tags = (id: unknown) => [{ Key: 'team', Value: 'coding' }, { Key: 'person-id', Value: id }];

  test('a unique literal person-id and no literal password pass', () => {
    const stack = newStack();
    const alice = cfn(stack, 'Alice', 'AWS::IAM::User', { Tags: tags('p-001'), LoginProfile: { Password: '{{resolve:secretsmanager:alice-initial}}' } });
    cfn(stack, 'Bob', 'AWS::IAM::User', { Tags: tags('p-002') });
    cfn(stack, 'Role', 'AWS::IAM::Role', { Tags: tags('p-001') });
    expect(UniquePersonIdentities.evaluate(alice)).toEqual([]);
  });

  test('a shared person-id names every other holder', () => {
    const stack = newStack();
    const alice = cfn(stack, 'Alice', 'AWS::IAM::User', { Tags: tags('p-001') });
    cfn(stack, 'Alice2', 'AWS::IAM::User', { Tags: tags('p-001') });
    cfn(stack, 'Alice3', 'AWS::IAM::User', { Tags: tags('p-001') });
    cfn(stack, 'Bob', 'AWS::IAM::User', { Tags: tags('p-002') });
    expect(UniquePersonIdentities.evaluate(alice)).toEqual(['person-id p-001 is also on Alice2, Alice3']);
  });

  test('no literal person-id, a literal password, an access key', () => {
    const stack = newStack();
    expect(UniquePersonIdentities.evaluate(cfn(stack, 'NoTag', 'AWS::IAM::User'))).toEqual(['no literal person-id tag']);
    expect(UniquePersonIdentities.evaluate(cfn(stack, 'Empty', 'AWS::IAM::User', { Tags: tags('') }))).toEqual(['no literal person-id tag']);
    expect(UniquePersonIdentities.evaluate(cfn(stack, 'Token', 'AWS::IAM::User', { Tags: tags({ Ref: 'Id' }) }))).toEqual(['no literal person-id tag']);
    expect(UniquePersonIdentities.evaluate(cfn(stack, 'Pw', 'AWS::IAM::User', { Tags: tags('p-009'), LoginProfile: { Password: 'Winter2026!' } }))).toEqual([
      'LoginProfile.Password is a literal',
    ]);
    expect(
      UniquePersonIdentities.evaluate(cfn(stack, 'Ssm', 'AWS::IAM::User', { Tags: tags('p-010'), LoginProfile: { Password: '{{resolve:ssm:initial}}' } })),
    ).toEqual(['LoginProfile.Password is a literal']);
    expect(UniquePersonIdentities.evaluate(cfn(stack, 'Both', 'AWS::IAM::User', { LoginProfile: { Password: 'x' } }))).toEqual([
      'no literal person-id tag',
      'LoginProfile.Password is a literal',
    ]);
    expect(UniquePersonIdentities.evaluate(cfn(stack, 'Key', 'AWS::IAM::AccessKey', { UserName: 'alice' }))).toEqual([
      'an IAM access key is a long-term credential anyone holding it can use',
    ]);
    expect(UniquePersonIdentities.evaluate(cfn(stack, 'Role', 'AWS::IAM::Role'))).toBeUndefined();
  });
});

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
