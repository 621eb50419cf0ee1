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

describe('NetworkGuardPinned on raw template resources: exact problems', () => {
  /** GIVEN a stack with a VPC, an endpoint and the PHI bucket, and one more resource to judge. */
  function judge(type: string, properties: Record<string, unknown>) {
    const stack = newStack();
    cfn(stack, 'Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    cfn(stack, 'Vpce', 'AWS::EC2::VPCEndpoint', { VpcId: { Ref: 'Vpc' }, ServiceName: 'com.amazonaws.us-east-1.s3' });
    cfn(stack, 'Phi', 'AWS::S3::Bucket', { BucketName: 'charts', Tags: [{ Key: 'data-classification', Value: 'phi' }] });
    cfn(stack, 'Logs', 'AWS::S3::Bucket', { BucketName: 'logs' });
    return NetworkGuardPinned.evaluate(cfn(stack, 'Judged', type, properties));
  }
  const deny = (Condition: unknown, Action: unknown = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Action, Resource: '*', Condition, ...extra });
  const guard = (...Statement: unknown[]) => judge('AWS::IAM::ManagedPolicy', { PolicyDocument: { Version: '2012-10-17', Statement } });
  const bucketPolicy = (Bucket: unknown, ...Statement: unknown[]) => judge('AWS::S3::BucketPolicy', { Bucket, PolicyDocument: { Version: '2012-10-17', Statement } });
  const NO_LISTING = 'no pinned network Deny covers s3:ListBucket on the PHI bucket';

  test('a policy with no network Deny is not applicable', () => {
    expect(guard({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } })).toBeUndefined();
    expect(guard(deny({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }))).toBeUndefined();
    expect(guard(deny({ Null: 'aws:SourceVpce' }))).toBeUndefined();
    expect(judge('AWS::IAM::Policy', {})).toBeUndefined();
  });

  test('pinned to this stack’s endpoint or VPC by StringNotEquals(IfExists), any spelling of operator and key', () => {
    expect(guard(deny({ StringNotEquals: { 'aws:SourceVpce': { Ref: 'Vpce' } } }))).toEqual([]);
    expect(guard(deny({ StringNotEqualsIfExists: { 'aws:SourceVpc': [{ Ref: 'Vpc' }] } }))).toEqual([]);
    expect(guard(deny({ stringnotequals: { 'AWS:SOURCEVPCE': { Ref: 'Vpce' } } }))).toEqual([]);
    expect(judge('AWS::IAM::Policy', { PolicyDocument: { Statement: [deny({ StringNotEquals: { 'aws:SourceVpce': { Ref: 'Vpce' } } })] } })).toEqual([]);
    // An IP guard alone has no endpoint to pin.
    expect(guard(deny({ NotIpAddress: { 'aws:SourceIp': '198.51.100.0/28' } }))).toEqual([]);
    expect(guard(deny({ NotIpAddress: { 'AWS:SourceIP': '198.51.100.0/28' } }))).toEqual([]);
    // An operator whose value is not a map holds no key to pin.
    expect(guard(deny({ NotIpAddress: { 'aws:SourceIp': '198.51.100.0/28' }, Bool: 'junk' }))).toEqual([]);
  });

  test('each unpinned exemption is named with the statement’s actions', () => {
    expect(guard(deny({ NotIpAddress: { 'aws:SourceIp': '198.51.100.0/28' }, Null: { 'aws:SourceVpce': 'true' } }))).toEqual([
      'a network Deny on *: Null on aws:sourcevpce does not pin the endpoint (any endpoint would pass)',
    ]);
    expect(guard(deny({ StringNotLike: { 'aws:SourceVpc': { Ref: 'Vpc' } } }, ['s3:GetObject', 's3:PutObject']))).toEqual([
      'a network Deny on s3:GetObject, s3:PutObject: StringNotLike on aws:sourcevpc does not pin the endpoint (any endpoint would pass)',
    ]);
    expect(guard(deny({ StringNotEquals: { 'aws:SourceVpce': ['vpce-0123456789abcdef0', { Ref: 'Vpce' }, { Ref: 'Vpc' }, { Ref: 'Gone' }] } }))).toEqual([
      "a network Deny on *: aws:sourcevpce value vpce-0123456789abcdef0 is not a reference to this stack's AWS::EC2::VPCEndpoint",
      "a network Deny on *: aws:sourcevpce value <Vpc> is not a reference to this stack's AWS::EC2::VPCEndpoint",
      "a network Deny on *: aws:sourcevpce value <Gone> is not a reference to this stack's AWS::EC2::VPCEndpoint",
    ]);
    // A network key among other keys and operators still makes a network Deny.
    expect(guard(deny({ Null: { 'aws:SourceVpce': 'true', 'aws:PrincipalArn': 'false' }, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }))).toEqual([
      'a network Deny on *: Null on aws:sourcevpce does not pin the endpoint (any endpoint would pass)',
    ]);
    expect(guard(deny({ StringNotEquals: { 'aws:SourceVpc': { Ref: 'Vpce' } } }))).toEqual([
      "a network Deny on *: aws:sourcevpc value <Vpce> is not a reference to this stack's AWS::EC2::VPC",
    ]);
    expect(guard(deny({ StringNotEquals: { 'aws:SourceVpce': { Ref: 'Vpce' } } }), deny({ StringNotEquals: { 'aws:SourceVpce': '*' } }, 's3:*'))).toEqual([
      "a network Deny on s3:*: aws:sourcevpce value * is not a reference to this stack's AWS::EC2::VPCEndpoint",
    ]);
  });

  test('PHI bucket policy: pinned Deny for everyone covering s3:ListBucket passes', () => {
    const pinned = { StringNotEquals: { 'aws:SourceVpce': { Ref: 'Vpce' } } };
    expect(bucketPolicy({ Ref: 'Phi' }, deny(pinned, 's3:*', { Principal: '*' }))).toEqual([]);
    expect(bucketPolicy('charts', deny(pinned, ['s3:GetObject', 's3:List*'], { Principal: { AWS: '*' } }))).toEqual([]);
  });

  test('PHI bucket policy: listing left open, by each way', () => {
    const pinned = { StringNotEquals: { 'aws:SourceVpce': { Ref: 'Vpce' } } };
    expect(bucketPolicy({ Ref: 'Phi' }, deny(pinned, 's3:GetObject', { Principal: '*' }))).toEqual([NO_LISTING]);
    expect(bucketPolicy({ Ref: 'Phi' }, deny(pinned, 's3:ListBucket', { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }))).toEqual([NO_LISTING]);
    expect(bucketPolicy({ Ref: 'Phi' }, { Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*', Principal: '*', Condition: pinned })).toEqual([NO_LISTING]);
    expect(bucketPolicy({ Ref: 'Phi' }, deny({ NotIpAddress: { 'aws:SourceIp': '198.51.100.0/28' } }, 's3:ListBucket', { Principal: '*' }))).toEqual([NO_LISTING]);
    expect(bucketPolicy({ Ref: 'Phi' })).toEqual([NO_LISTING]);
    expect(bucketPolicy({ Ref: 'Phi' }, deny({ Null: { 'aws:SourceVpce': 'true' } }, 's3:ListBucket', { Principal: '*' }))).toEqual([
      'a network Deny on s3:ListBucket: Null on aws:sourcevpce does not pin the endpoint (any endpoint would pass)',
      NO_LISTING,
    ]);
    // A pinned listing Deny next to an unpinned one: only the unpinned one is named.
    expect(
      bucketPolicy({ Ref: 'Phi' }, deny(pinned, 's3:ListBucket', { Principal: '*' }), deny({ StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } }, 's3:GetObject', { Principal: '*' })),
    ).toEqual(["a network Deny on s3:GetObject: aws:sourcevpc value vpc-1 is not a reference to this stack's AWS::EC2::VPC"]);
  });

  test('a policy for another bucket is not applicable', () => {
    expect(bucketPolicy({ Ref: 'Logs' }, deny({ Null: { 'aws:SourceVpce': 'true' } }, '*', { Principal: '*' }))).toBeUndefined();
    expect(bucketPolicy('logs')).toBeUndefined();
  });
});

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
