import { aws_iam as iam, aws_s3 as s3, type Stack, Tags } from 'aws-cdk-lib';

/** The PHI bucket as the environment marks it: tagged data-classification=phi. */
export function phiBucket(stack: Stack, id = 'Phi'): s3.Bucket {
  const bucket = new s3.Bucket(stack, id, { bucketName: 'examplecoding-phi-records', enforceSSL: true });
  Tags.of(bucket).add('data-classification', 'phi');
  return bucket;
}

/** The guard policy the environment attaches to every people group: MFA deny. */
export function mfaGuard(stack: Stack, groups: iam.IGroup[]): iam.ManagedPolicy {
  return new iam.ManagedPolicy(stack, 'Guard', {
    groups,
    statements: [
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        notActions: ['iam:ChangePassword', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'sts:GetSessionToken'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
    ],
  });
}
