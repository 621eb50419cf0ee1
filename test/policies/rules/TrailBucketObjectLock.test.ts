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

describe('TrailBucketObjectLock on raw template resources: exact problems', () => {
  const LOCKED = {
    BucketName: 'trail-archive',
    ObjectLockEnabled: true,
    ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } } },
  };
  function trailTo(bucket: Record<string, unknown>, target: unknown = { Ref: 'Archive' }) {
    const stack = newStack();
    cfn(stack, 'Other', 'AWS::S3::Bucket', { BucketName: 'other' });
    cfn(stack, 'Archive', 'AWS::S3::Bucket', bucket);
    return TrailBucketObjectLock.evaluate(cfn(stack, 'Trail', 'AWS::CloudTrail::Trail', { S3BucketName: target, IsLogging: true }));
  }
  const retention = (DefaultRetention: Record<string, unknown>) => ({ ...LOCKED, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention } } });
  const lifecycle = (...Rules: unknown[]) => ({ ...LOCKED, LifecycleConfiguration: { Rules } });

  test('locked six years, by Ref or by literal name, passes', () => {
    expect(trailTo(LOCKED)).toEqual([]);
    expect(trailTo(LOCKED, 'trail-archive')).toEqual([]);
    expect(trailTo({ ...LOCKED, ObjectLockEnabled: 'true' })).toEqual([]);
    expect(trailTo(retention({ Mode: 'COMPLIANCE', Years: 6 }))).toEqual([]);
    expect(trailTo(retention({ Mode: 'COMPLIANCE', Days: '3000' }))).toEqual([]);
    expect(trailTo(lifecycle({ Id: 'Glacier', Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }] }))).toEqual([]);
    expect(trailTo(lifecycle({ Id: 'Keep', Status: 'Enabled', ExpirationInDays: 2192, NoncurrentVersionExpiration: { NoncurrentDays: 2192 } }))).toEqual([]);
    expect(trailTo(lifecycle({ Id: 'Off', Status: 'Disabled', ExpirationInDays: 1 }))).toEqual([]);
  });

  test('a target outside the stack cannot be verified', () => {
    expect(trailTo(LOCKED, 'someone-elses-bucket')).toEqual(['S3BucketName "someone-elses-bucket" is not a bucket of this stack, so its lock cannot be verified']);
    expect(trailTo(LOCKED, { Ref: 'Gone' })).toEqual(['S3BucketName {"Ref":"Gone"} is not a bucket of this stack, so its lock cannot be verified']);
    // No S3BucketName: a bucket without a name is no match.
    const stack = newStack();
    cfn(stack, 'Unnamed', 'AWS::S3::Bucket', { ...LOCKED, BucketName: undefined });
    expect(TrailBucketObjectLock.evaluate(cfn(stack, 'Trail', 'AWS::CloudTrail::Trail', { IsLogging: true }))).toEqual([
      'S3BucketName undefined is not a bucket of this stack, so its lock cannot be verified',
    ]);
  });

  test('lock, mode and retention problems, named with the bucket', () => {
    expect(trailTo({ BucketName: 'trail-archive' })).toEqual([
      'bucket Archive: Object Lock is not enabled',
      'bucket Archive: default retention mode is "unset", not COMPLIANCE',
      'bucket Archive: default retention is unset, below 2192 days',
    ]);
    expect(trailTo({ ...LOCKED, ObjectLockEnabled: false })).toEqual(['bucket Archive: Object Lock is not enabled']);
    expect(trailTo({ ...LOCKED, ObjectLockConfiguration: { ...LOCKED.ObjectLockConfiguration, ObjectLockEnabled: 'Disabled' } })).toEqual([
      'bucket Archive: Object Lock is not enabled',
    ]);
    expect(trailTo(retention({ Mode: 'GOVERNANCE', Days: 2192 }))).toEqual(['bucket Archive: default retention mode is "GOVERNANCE", not COMPLIANCE']);
    expect(trailTo(retention({ Mode: 'COMPLIANCE', Days: 2191 }))).toEqual(['bucket Archive: default retention is 2191 days, below 2192 days']);
    expect(trailTo(retention({ Mode: 'COMPLIANCE', Years: 5 }))).toEqual(['bucket Archive: default retention is 5 years, below 2192 days']);
    expect(trailTo(retention({ Mode: 'COMPLIANCE', Days: { Ref: 'Days' } }))).toEqual(['bucket Archive: default retention is unset, below 2192 days']);
    expect(trailTo({ ...LOCKED, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: 'x' } })).toEqual([
      'bucket Archive: default retention mode is "unset", not COMPLIANCE',
      'bucket Archive: default retention is unset, below 2192 days',
    ]);
  });

  test('lifecycle rules expiring objects or old versions early', () => {
    expect(
      trailTo(
        lifecycle(
          { Id: 'Short', Status: 'Enabled', ExpirationInDays: 2191 },
          { Status: 'Enabled', ExpirationDate: '2030-01-01T00:00:00Z' },
          { Id: 'Versions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
          { Id: 'Legacy', NoncurrentVersionExpirationInDays: 2191 },
          { Id: 'Token', Status: 'Enabled', ExpirationInDays: { Ref: 'Days' }, NoncurrentVersionExpirationInDays: { Ref: 'Days' } },
          'junk',
        ),
      ),
    ).toEqual([
      'bucket Archive: lifecycle rule Short expires objects after 2191 days',
      'bucket Archive: lifecycle rule unnamed expires objects on a fixed date',
      'bucket Archive: lifecycle rule Versions expires old versions after 30 days',
      'bucket Archive: lifecycle rule Legacy expires old versions after 2191 days',
      'bucket Archive: lifecycle rule Token expires objects after {"Ref":"Days"} days',
      'bucket Archive: lifecycle rule Token expires old versions after {"Ref":"Days"} days',
    ]);
    expect(trailTo(lifecycle({ Id: 'Legacy', Status: 'Enabled', NoncurrentVersionExpirationInDays: 2192 }))).toEqual([]);
  });

  test('other resource types are not applicable', () => {
    expect(TrailBucketObjectLock.evaluate(cfn(newStack(), 'B', 'AWS::S3::Bucket', { S3BucketName: 'x' }))).toBeUndefined();
  });
});

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
