import { Aws, aws_ec2 as ec2, type Stack } from 'aws-cdk-lib';
import { CONSOLE_SERVICES, ConsoleEndpointsPinned, consoleServiceOf } from '../../../policies/rules/ConsoleEndpointsPinned';
import { cfn, newStack, TestType, validateStack } from './utils';

const allow = (condition?: Record<string, unknown>, action: string | string[] = '*') => ({
  Effect: 'Allow',
  Principal: '*',
  Action: action,
  Resource: '*',
  ...(condition ? { Condition: condition } : {}),
});

/** GIVEN an interface endpoint to `com.amazonaws.<region>.<service>` with a policy document. */
function endpoint(stack: Stack, service: string, statements?: unknown[]): void {
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.20.0.0/16' });
  new ec2.CfnVPCEndpoint(stack, `Endpoint-${service}`, {
    vpcId: vpc.ref,
    vpcEndpointType: 'Interface',
    serviceName: `com.amazonaws.${Aws.REGION}.${service}`,
    ...(statements ? { policyDocument: { Version: '2012-10-17', Statement: statements } } : {}),
  });
}

describe('ConsoleEndpointsPinned on raw template resources: exact problems', () => {
  const endpoint = (properties: Record<string, unknown>) => ConsoleEndpointsPinned.evaluate(cfn(newStack(), 'Console', 'AWS::EC2::VPCEndpoint', properties));
  const onConsole = (PolicyDocument: unknown, service = 'console') => endpoint({ ServiceName: `com.amazonaws.us-east-1.${service}`, PolicyDocument });
  const allowIf = (Condition?: unknown) => ({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition });
  const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
  const unpinned = (i: number, service = 'console') => `statement ${i} of the ${service} endpoint's policy allows without StringEquals on an account or organization key`;

  test('consoleServiceOf: console, signin and signin-v2 endpoints only', () => {
    expect(consoleServiceOf('com.amazonaws.us-east-1.console')).toBe('console');
    expect(consoleServiceOf({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.signin']] })).toBe('signin');
    expect(consoleServiceOf('com.amazonaws.us-east-1.signin-v2')).toBe('signin-v2');
    expect(consoleServiceOf('com.amazonaws.us-east-1.s3')).toBeUndefined();
    expect(consoleServiceOf('com.amazonaws.us-east-1.xconsole')).toBeUndefined();
    expect(CONSOLE_SERVICES).toEqual(['console', 'signin', 'signin-v2']);
  });

  test('pinned by account (this one or literal ids) or by organization passes', () => {
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } } })))).toEqual([]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:ResourceAccount': ['111122223333', '444455556666'] } })))).toEqual([]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' } })))).toEqual([]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:ResourceOrgID': ['o-abcdefghij0123456789abcdefghij01'] } })))).toEqual([]);
    // Deny statements need no pinning; only the Allow is counted, by its index in the policy.
    expect(onConsole(policy({ Effect: 'Deny', Action: '*', Resource: '*' }, allowIf({ StringEquals: { 'aws:PrincipalAccount': '111122223333' } })))).toEqual([]);
  });

  test('each way an Allow is left unpinned fails, by its index', () => {
    expect(onConsole(policy(allowIf()))).toEqual([unpinned(0)]);
    expect(onConsole(policy({ Effect: 'Deny', Action: 's3:*', Resource: '*' }, allowIf()), 'signin')).toEqual([unpinned(1, 'signin')]);
    expect(onConsole(policy(allowIf({ StringLike: { 'aws:PrincipalAccount': '111122223333' } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalAccount': '*' } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalAccount': ['111122223333', '1111222233334'] } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalAccount': '11112222333' } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalAccount': [] } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalOrgID': [] } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalOrgID': 'o-*' } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalOrgID': ['o-abcdef1234', { Ref: 'Org' }] } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } })))).toEqual([unpinned(0)]);
    // A nested list is no organization id, even though it prints as one.
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalOrgID': [['o-abcdef1234']] } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalOrgID': 'xo-abcdef1234' } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234x!' } })))).toEqual([unpinned(0)]);
    expect(onConsole(policy(allowIf({ StringEquals: { 'aws:SourceAccount': '111122223333' } })))).toEqual([unpinned(0)]);
    expect(
      onConsole(policy(allowIf({ StringEquals: { 'aws:PrincipalAccount': '111122223333' } }), allowIf(), allowIf({ StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' } }), allowIf())),
    ).toEqual([unpinned(1), unpinned(3)]);
  });

  test('no policy, or one that allows nothing', () => {
    expect(endpoint({ ServiceName: 'com.amazonaws.us-east-1.console' })).toEqual(['the console endpoint has no PolicyDocument: the default policy admits every account']);
    expect(onConsole(policy({ Effect: 'Deny', Action: '*', Resource: '*' }), 'signin-v2')).toEqual(["the signin-v2 endpoint's policy allows nothing"]);
    expect(onConsole(policy())).toEqual(["the console endpoint's policy allows nothing"]);
  });

  test('other endpoints and other resource types are not applicable', () => {
    expect(endpoint({ ServiceName: 'com.amazonaws.us-east-1.s3' })).toBeUndefined();
    expect(ConsoleEndpointsPinned.evaluate(cfn(newStack(), 'R', 'AWS::EC2::VPC', { ServiceName: 'com.amazonaws.us-east-1.console' }))).toBeUndefined();
  });
});

describe('ConsoleEndpointsPinned: console and sign-in endpoints admit only our account or organization', () => {
  test('Noncompliance 1: a console endpoint without a policy (the default admits every account)', () => {
    const stack = newStack();
    endpoint(stack, 'console');
    validateStack(stack, ConsoleEndpointsPinned, TestType.NON_COMPLIANCE, /console endpoint has no PolicyDocument/);
  });

  test('Noncompliance 2: a sign-in endpoint allowing everyone', () => {
    const stack = newStack();
    endpoint(stack, 'signin', [allow()]);
    validateStack(stack, ConsoleEndpointsPinned, TestType.NON_COMPLIANCE, /statement 0 of the signin endpoint's policy allows without/);
  });

  test('Noncompliance 3: pinned with StringLike and a wildcard account', () => {
    const stack = newStack();
    endpoint(stack, 'console', [allow({ StringLike: { 'aws:PrincipalAccount': '*' } })]);
    validateStack(stack, ConsoleEndpointsPinned, TestType.NON_COMPLIANCE, /allows without StringEquals/);
  });

  test('Noncompliance 4: one pinned statement and a second that is not', () => {
    const stack = newStack();
    endpoint(stack, 'signin', [allow({ StringEquals: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID } }), allow({ Bool: { 'aws:SecureTransport': 'true' } }, 'signin:Authenticate')]);
    validateStack(stack, ConsoleEndpointsPinned, TestType.NON_COMPLIANCE, /statement 1 of the signin endpoint's policy/);
  });

  test('Noncompliance 5: a policy that only denies', () => {
    const stack = newStack();
    endpoint(stack, 'console', [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }]);
    validateStack(stack, ConsoleEndpointsPinned, TestType.NON_COMPLIANCE, /allows nothing/);
  });

  test('Noncompliance 6: an organization key holding something that is not an organization id', () => {
    const stack = newStack();
    endpoint(stack, 'console', [allow({ StringEquals: { 'aws:PrincipalOrgID': 'o-*' } })]);
    validateStack(stack, ConsoleEndpointsPinned, TestType.NON_COMPLIANCE, /allows without StringEquals/);
  });

  test('Compliance: this account on the console, this account before and after sign-in', () => {
    const stack = newStack();
    endpoint(stack, 'console', [allow({ StringEquals: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID } })]);
    new ec2.CfnVPCEndpoint(stack, 'Signin', {
      vpcId: 'vpc-0123456789abcdef0',
      vpcEndpointType: 'Interface',
      serviceName: `com.amazonaws.${Aws.REGION}.signin`,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          allow({ StringEquals: { 'aws:PrincipalAccount': [Aws.ACCOUNT_ID, '444455556666'] } }),
          allow({ StringEquals: { 'aws:ResourceAccount': Aws.ACCOUNT_ID } }, 'signin:Authenticate'),
        ],
      },
    });
    validateStack(stack, ConsoleEndpointsPinned, TestType.COMPLIANCE);
  });

  test('Compliance: the organization (key case as AWS documents it, aws:PrincipalOrgId)', () => {
    const stack = newStack();
    endpoint(stack, 'console', [allow({ StringEquals: { 'aws:PrincipalOrgId': 'o-a1b2c3d4e5' } })]);
    validateStack(stack, ConsoleEndpointsPinned, TestType.COMPLIANCE);
  });

  test('not applicable to other endpoints (console-static serves content to no one in particular; KMS, STS)', () => {
    for (const service of ['console-static', 'kms', 'sts']) {
      const stack = newStack();
      endpoint(stack, service);
      validateStack(stack, ConsoleEndpointsPinned, TestType.COMPLIANCE);
    }
  });
});
