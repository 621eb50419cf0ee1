import { aws_cloudtrail as cloudtrail, aws_kms as kms, aws_logs as logs, aws_s3 as s3, type Stack } from 'aws-cdk-lib';
import { TrailIntegrity } from '../../../policies/rules/TrailIntegrity';
import { phiBucket } from './phi-fixtures';
import { cfn, newStack, TestType, validateStack } from './utils';

function trail(stack: Stack, props: Partial<cloudtrail.TrailProps> = {}): cloudtrail.Trail {
  return new cloudtrail.Trail(stack, 'Trail', {
    bucket: new s3.Bucket(stack, 'Archive'),
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableFileValidation: true,
    encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
    sendToCloudWatchLogs: true,
    cloudWatchLogGroup: new logs.LogGroup(stack, 'TrailLogs', { retention: logs.RetentionDays.SIX_YEARS }),
    ...props,
  });
}

describe('TrailIntegrity: multi-region, global events, validated, encrypted, CloudWatch Logs, PHI data events read+write', () => {
  test('Noncompliance 1: no data events for the PHI bucket', () => {
    const stack = newStack();
    phiBucket(stack);
    trail(stack);
    validateStack(stack, TrailIntegrity, TestType.NON_COMPLIANCE, /no read-and-write S3 data events for PHI bucket Phi/);
  });

  test('Noncompliance 2: write-only data events miss every chart that is read', () => {
    const stack = newStack();
    const phi = phiBucket(stack);
    trail(stack).addS3EventSelector([{ bucket: phi }], { readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY });
    validateStack(stack, TrailIntegrity, TestType.NON_COMPLIANCE, /no read-and-write S3 data events/);
  });

  test('Noncompliance 3: data events on one prefix only', () => {
    const stack = newStack();
    const phi = phiBucket(stack);
    trail(stack).addS3EventSelector([{ bucket: phi, objectPrefix: 'cardiology/' }]);
    validateStack(stack, TrailIntegrity, TestType.NON_COMPLIANCE, /no read-and-write S3 data events/);
  });

  test('Noncompliance 4: single region, no file validation, no key, no CloudWatch Logs', () => {
    const stack = newStack();
    new cloudtrail.Trail(stack, 'Trail', { isMultiRegionTrail: false, enableFileValidation: false, sendToCloudWatchLogs: false });
    validateStack(stack, TrailIntegrity, TestType.NON_COMPLIANCE, /IsMultiRegionTrail[\s\S]*EnableLogFileValidation[\s\S]*KMSKeyId[\s\S]*CloudWatch Logs/);
  });

  test('Noncompliance 5: an advanced selector narrowed to reads', () => {
    const stack = newStack();
    const phi = phiBucket(stack);
    const t = trail(stack);
    (t.node.defaultChild as cloudtrail.CfnTrail).advancedEventSelectors = [
      {
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
          { field: 'readOnly', equalTo: ['true'] },
          { field: 'resources.ARN', startsWith: [`${phi.bucketArn}/`] },
        ],
      },
    ];
    validateStack(stack, TrailIntegrity, TestType.NON_COMPLIANCE, /no read-and-write S3 data events/);
  });

  test('Noncompliance 6: a PHI bucket with no trail at all', () => {
    const stack = newStack();
    phiBucket(stack);
    validateStack(stack, TrailIntegrity, TestType.NON_COMPLIANCE, /no trail in this stack records read and write data events for PHI bucket Phi/);
  });

  test('Compliance: basic event selector on the whole PHI bucket', () => {
    const stack = newStack();
    const phi = phiBucket(stack);
    trail(stack).addS3EventSelector([{ bucket: phi }], { readWriteType: cloudtrail.ReadWriteType.ALL });
    validateStack(stack, TrailIntegrity, TestType.COMPLIANCE);
  });

  test('Compliance: advanced event selector on the whole PHI bucket', () => {
    const stack = newStack();
    const phi = phiBucket(stack);
    const t = trail(stack);
    (t.node.defaultChild as cloudtrail.CfnTrail).advancedEventSelectors = [
      {
        name: 'PHI data events',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
          { field: 'resources.ARN', startsWith: [`${phi.bucketArn}/`] },
        ],
      },
    ];
    validateStack(stack, TrailIntegrity, TestType.COMPLIANCE);
  });
});
