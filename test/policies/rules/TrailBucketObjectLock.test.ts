import { aws_cloudtrail as cloudtrail, aws_s3 as s3, Duration, type Stack } from 'aws-cdk-lib';
import { TrailBucketObjectLock } from '../../../policies/rules/TrailBucketObjectLock';
import { cfn, newStack, TestType, validateStack } from './utils';

function trailTo(stack: Stack, props: Partial<s3.BucketProps>): void {
  const bucket = new s3.Bucket(stack, 'Archive', {
    objectLockEnabled: true,
    objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(2192)),
    ...props,
  });
  new cloudtrail.Trail(stack, 'Trail', { bucket });
}

describe('TrailBucketObjectLock: the trail bucket locks log files six years in COMPLIANCE mode', () => {
  test('Noncompliance 1: GOVERNANCE mode can be lifted by an administrator', () => {
    const stack = newStack();
    trailTo(stack, { objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(2192)) });
    validateStack(stack, TrailBucketObjectLock, TestType.NON_COMPLIANCE, /mode is "GOVERNANCE", not COMPLIANCE/);
  });

  test('Noncompliance 2: one year of retention', () => {
    const stack = newStack();
    trailTo(stack, { objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(365)) });
    validateStack(stack, TrailBucketObjectLock, TestType.NON_COMPLIANCE, /default retention is 365 days, below 2192/);
  });

  test('Noncompliance 3: no Object Lock at all', () => {
    const stack = newStack();
    trailTo(stack, { objectLockEnabled: undefined, objectLockDefaultRetention: undefined });
    validateStack(stack, TrailBucketObjectLock, TestType.NON_COMPLIANCE, /Object Lock is not enabled/);
  });

  test('Noncompliance 4: a lifecycle rule expiring logs after a year', () => {
    const stack = newStack();
    trailTo(stack, { lifecycleRules: [{ id: 'cleanup', expiration: Duration.days(365) }] });
    validateStack(stack, TrailBucketObjectLock, TestType.NON_COMPLIANCE, /lifecycle rule cleanup expires objects after 365 days/);
  });

  test('Noncompliance 5: a trail writing to a bucket outside the stack', () => {
    const stack = newStack();
    new cloudtrail.CfnTrail(stack, 'Trail', { isLogging: true, s3BucketName: 'somewhere-else' });
    validateStack(stack, TrailBucketObjectLock, TestType.NON_COMPLIANCE, /not a bucket of this stack/);
  });

  test('Compliance: 2192 days (or 6 years) COMPLIANCE, transitions allowed', () => {
    const stack = newStack();
    trailTo(stack, { lifecycleRules: [{ id: 'cold', transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }] }] });
    validateStack(stack, TrailBucketObjectLock, TestType.COMPLIANCE);
  });
});
