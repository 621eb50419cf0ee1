import { aws_iam as iam, aws_s3 as s3, Tags } from 'aws-cdk-lib';
import { PhiBucketNetworkAndTls } from '../../../policies/rules/PhiBucketNetworkAndTls';
import { phiBucket } from './phi-fixtures';
import { cfn, newStack, TestType, validateStack } from './utils';

function vpceDeny(bucket: s3.Bucket): void {
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
    }),
  );
}

describe('PhiBucketNetworkAndTls on raw template resources: exact problems', () => {
  const NO_TLS = 'no Deny with Bool aws:SecureTransport "false"';
  const NO_NETWORK = 'no Deny on aws:SourceVpce, aws:SourceVpc or aws:SourceIp';
  const TLS = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  const NETWORK = { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } };
  function phi(policies: { bucket?: unknown; statements: unknown[] }[], tags = [{ Key: 'data-classification', Value: 'phi' }]) {
    const stack = newStack();
    const bucket = cfn(stack, 'Phi', 'AWS::S3::Bucket', { BucketName: 'charts', Tags: tags });
    policies.forEach((p, i) =>
      cfn(stack, `Policy${i}`, 'AWS::S3::BucketPolicy', { Bucket: p.bucket ?? { Ref: 'Phi' }, PolicyDocument: { Version: '2012-10-17', Statement: p.statements } }),
    );
    return PhiBucketNetworkAndTls.evaluate(bucket);
  }

  test('TLS and network Denies, in one policy or two, by Ref or by name, pass', () => {
    expect(phi([{ statements: [TLS, NETWORK] }])).toEqual([]);
    expect(phi([{ statements: [TLS] }, { bucket: 'charts', statements: [NETWORK] }])).toEqual([]);
    expect(phi([{ statements: [{ ...TLS, Condition: { Bool: { 'aws:SecureTransport': false } } }, NETWORK] }])).toEqual([]);
    expect(phi([{ statements: [TLS, { ...NETWORK, Action: 's3:Get*' }] }])).toEqual([]);
    expect(phi([{ statements: [{ ...TLS, Action: ['s3:PutObject', 's3:GetObject'] }, NETWORK] }])).toEqual([]);
  });

  test('every network operator counts', () => {
    for (const Condition of [
      { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
      { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } },
      { StringNotEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } },
      { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/28' } },
      { NotIpAddressIfExists: { 'aws:SourceIp': '198.51.100.0/28' } },
    ]) {
      expect(phi([{ statements: [TLS, { ...NETWORK, Condition }] }])).toEqual([]);
    }
    expect(phi([{ statements: [TLS, { ...NETWORK, Condition: { StringNotLike: { 'aws:SourceVpce': 'vpce-*' } } }] }])).toEqual([NO_NETWORK]);
    expect(phi([{ statements: [TLS, { ...NETWORK, Condition: { StringNotEquals: { 'aws:SourceVpce': [] } } }] }])).toEqual([NO_NETWORK]);
  });

  test('a Deny that does not reach object reads by everyone counts for neither', () => {
    expect(phi([])).toEqual([NO_TLS, NO_NETWORK]);
    expect(phi([{ statements: [TLS] }])).toEqual([NO_NETWORK]);
    expect(phi([{ statements: [NETWORK] }])).toEqual([NO_TLS]);
    expect(phi([{ statements: [{ ...TLS, Principal: { AWS: 'arn:aws:iam::111122223333:root' } }, NETWORK] }])).toEqual([NO_TLS]);
    expect(phi([{ statements: [{ ...TLS, Effect: 'Allow' }, NETWORK] }])).toEqual([NO_TLS]);
    expect(phi([{ statements: [{ ...TLS, Action: undefined, NotAction: 's3:PutObject' }, NETWORK] }])).toEqual([NO_TLS]);
    expect(phi([{ statements: [{ ...TLS, Action: 's3:PutObject' }, NETWORK] }])).toEqual([NO_TLS]);
    expect(phi([{ statements: [{ ...TLS, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, NETWORK] }])).toEqual([NO_TLS]);
    expect(phi([{ statements: [{ ...TLS, Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }, NETWORK] }])).toEqual([NO_TLS]);
    expect(phi([{ bucket: { Ref: 'Logs' }, statements: [TLS, NETWORK] }])).toEqual([NO_TLS, NO_NETWORK]);
  });

  test('buckets not tagged phi and other resource types are not applicable', () => {
    expect(phi([], [{ Key: 'data-classification', Value: 'internal' }])).toBeUndefined();
    expect(PhiBucketNetworkAndTls.evaluate(cfn(newStack(), 'Policy', 'AWS::S3::BucketPolicy'))).toBeUndefined();
  });
});

describe('PhiBucketNetworkAndTls: the PHI bucket denies non-TLS requests and requests from outside the network', () => {
  test('Noncompliance 1: TLS enforced but reachable from anywhere', () => {
    const stack = newStack();
    phiBucket(stack);
    validateStack(stack, PhiBucketNetworkAndTls, TestType.NON_COMPLIANCE, /no Deny on aws:SourceVpce/);
  });

  test('Noncompliance 2: network deny without TLS', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Phi', { enforceSSL: false });
    Tags.of(bucket).add('data-classification', 'phi');
    vpceDeny(bucket);
    validateStack(stack, PhiBucketNetworkAndTls, TestType.NON_COMPLIANCE, /no Deny with Bool aws:SecureTransport/);
  });

  test('Noncompliance 3: a network deny for one principal only', () => {
    const stack = newStack();
    const bucket = phiBucket(stack);
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AccountPrincipal('111122223333')],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/28' } },
      }),
    );
    validateStack(stack, PhiBucketNetworkAndTls, TestType.NON_COMPLIANCE, /no Deny on aws:SourceVpce/);
  });

  test('Compliance: TLS and VPC endpoint denies', () => {
    const stack = newStack();
    vpceDeny(phiBucket(stack));
    validateStack(stack, PhiBucketNetworkAndTls, TestType.COMPLIANCE);
  });

  test('Compliance: a bucket not tagged PHI is not this rule’s business', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Reports');
    validateStack(stack, PhiBucketNetworkAndTls, TestType.COMPLIANCE);
  });
});
