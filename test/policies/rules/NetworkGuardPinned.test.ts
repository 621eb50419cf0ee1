import { aws_ec2 as ec2, aws_iam as iam, type aws_s3 as s3, type Stack } from 'aws-cdk-lib';
import { PeopleGuardPolicy } from '../../../lib/people-guard-policy';
import { NetworkGuardPinned } from '../../../policies/rules/NetworkGuardPinned';
import { phiBucket } from './phi-fixtures';
import { cfn, newStack, TestType, validateStack } from './utils';

function vpcWithEndpoint(stack: Stack): { vpc: ec2.Vpc; endpoint: ec2.GatewayVpcEndpoint } {
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, maxAzs: 1, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  return { vpc, endpoint: vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 }) };
}

function networkDeny(conditions: Record<string, Record<string, unknown>>, actions = ['*']): iam.PolicyStatement {
  return new iam.PolicyStatement({ effect: iam.Effect.DENY, actions, resources: ['*'], conditions });
}

function guardOf(stack: Stack, statement: iam.PolicyStatement): void {
  new iam.ManagedPolicy(stack, 'Guard', { statements: [statement], groups: [new iam.Group(stack, 'Coders')] });
}

function bucketDeny(bucket: s3.Bucket, actions: string[], resources: string[], conditions: Record<string, Record<string, unknown>>): void {
  bucket.addToResourcePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions, resources, conditions }));
}

describe('NetworkGuardPinned: network guards exempt only this stack’s endpoints and VPC', () => {
  test('Noncompliance 1: the guard exempts any endpoint (Null aws:SourceVpce), as before issue 9', () => {
    const stack = newStack();
    guardOf(stack, networkDeny({ NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/28'] }, Null: { 'aws:SourceVpce': 'true' } }));
    validateStack(stack, NetworkGuardPinned, TestType.NON_COMPLIANCE, /Null on aws:sourcevpce does not pin/);
  });

  test('Noncompliance 2: a literal endpoint id (not one of this stack’s endpoints)', () => {
    const stack = newStack();
    guardOf(stack, networkDeny({ NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/28'] }, StringNotEqualsIfExists: { 'aws:SourceVpce': ['vpce-0123456789abcdef0'] } }));
    validateStack(stack, NetworkGuardPinned, TestType.NON_COMPLIANCE, /vpce-0123456789abcdef0 is not a reference to this stack's AWS::EC2::VPCEndpoint/);
  });

  test('Noncompliance 3: a wildcard match on the endpoint', () => {
    const stack = newStack();
    guardOf(stack, networkDeny({ NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/28'] }, StringNotLike: { 'aws:SourceVpce': 'vpce-*' } }));
    validateStack(stack, NetworkGuardPinned, TestType.NON_COMPLIANCE, /StringNotLike on aws:sourcevpce/);
  });

  test('Noncompliance 4: the PHI bucket pins objects but not listing', () => {
    const stack = newStack();
    const { endpoint } = vpcWithEndpoint(stack);
    const bucket = phiBucket(stack);
    bucketDeny(bucket, ['s3:GetObject*'], [bucket.arnForObjects('*')], { StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId } });
    validateStack(stack, NetworkGuardPinned, TestType.NON_COMPLIANCE, /no pinned network Deny covers s3:ListBucket/);
  });

  test('Noncompliance 5: the PHI bucket’s listing deny names a foreign endpoint', () => {
    const stack = newStack();
    const { endpoint } = vpcWithEndpoint(stack);
    const bucket = phiBucket(stack);
    bucketDeny(bucket, ['s3:GetObject*'], [bucket.arnForObjects('*')], { StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId } });
    bucketDeny(bucket, ['s3:ListBucket'], [bucket.bucketArn], { StringNotEquals: { 'aws:SourceVpce': 'vpce-0aaaaaaaaaaaaaaaa' } });
    validateStack(stack, NetworkGuardPinned, TestType.NON_COMPLIANCE, /vpce-0aaaaaaaaaaaaaaaa is not a reference/);
  });

  test('Compliance: the environment’s own guard (lib/people-guard-policy.ts), pinned to the stack’s endpoints and VPC', () => {
    const stack = newStack();
    const { vpc, endpoint } = vpcWithEndpoint(stack);
    new PeopleGuardPolicy(stack, 'People', {
      allowedSourceCidrs: ['198.51.100.0/28'],
      vpcId: vpc.vpcId,
      endpointIds: [endpoint.vpcEndpointId],
      groups: [new iam.Group(stack, 'Coders')],
    });
    validateStack(stack, NetworkGuardPinned, TestType.COMPLIANCE);
  });

  test('Compliance: a PHI bucket pinning objects and listing to this stack’s endpoint', () => {
    const stack = newStack();
    const { endpoint } = vpcWithEndpoint(stack);
    const bucket = phiBucket(stack);
    bucketDeny(bucket, ['s3:GetObject*', 's3:ListBucket'], [bucket.bucketArn, bucket.arnForObjects('*')], { StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId } });
    validateStack(stack, NetworkGuardPinned, TestType.COMPLIANCE);
  });

  test('Compliance: an IP-only deny has no endpoint exemption to pin; a policy without network conditions is not this rule’s business', () => {
    const stack = newStack();
    guardOf(stack, networkDeny({ NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/28'] } }));
    new iam.ManagedPolicy(stack, 'Plain', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
    validateStack(stack, NetworkGuardPinned, TestType.COMPLIANCE);
  });
});
