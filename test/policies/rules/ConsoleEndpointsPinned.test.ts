import { Aws, aws_ec2 as ec2, type Stack } from 'aws-cdk-lib';
import { ConsoleEndpointsPinned } from '../../../policies/rules/ConsoleEndpointsPinned';
import { newStack, TestType, validateStack } from './utils';

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
