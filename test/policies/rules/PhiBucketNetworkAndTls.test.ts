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
