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

describe('TrailIntegrity on raw template resources: exact problems', () => {
  const PHI_TAGS = [{ Key: 'data-classification', Value: 'phi' }];
  const basic = (Values: unknown[], extra: Record<string, unknown> = {}) => [{ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::S3::Object', Values }], ...extra }];
  const FULL = {
    IsLogging: true,
    IsMultiRegionTrail: true,
    IncludeGlobalServiceEvents: true,
    EnableLogFileValidation: true,
    KMSKeyId: { Ref: 'Key' },
    CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['TrailLogs', 'Arn'] },
    CloudWatchLogsRoleArn: { 'Fn::GetAtt': ['TrailRole', 'Arn'] },
    EventSelectors: basic(['arn:aws:s3:::charts/']),
  };
  function trail(properties: Record<string, unknown>, phiBuckets: string[] = ['Phi']) {
    const stack = newStack();
    phiBuckets.forEach((id) => cfn(stack, id, 'AWS::S3::Bucket', { BucketName: id === 'Phi' ? 'charts' : undefined, Tags: PHI_TAGS }));
    cfn(stack, 'Logs', 'AWS::S3::Bucket');
    return TrailIntegrity.evaluate(cfn(stack, 'Trail', 'AWS::CloudTrail::Trail', properties));
  }
  const NO_DATA = 'no read-and-write S3 data events for PHI bucket Phi';
  const field = (Field: string, Equals: string[]) => ({ Field, Equals });
  const S3_DATA = [field('eventCategory', ['Data']), field('resources.type', ['AWS::S3::Object'])];
  const advanced = (...FieldSelectors: unknown[]) => trail({ ...FULL, EventSelectors: undefined, AdvancedEventSelectors: [{ Name: 'phi', FieldSelectors }] });

  test('a complete trail passes; global events default to on, "true" strings count', () => {
    expect(trail(FULL)).toEqual([]);
    expect(trail({ ...FULL, IncludeGlobalServiceEvents: undefined })).toEqual([]);
    expect(trail({ ...FULL, IsLogging: 'true', IsMultiRegionTrail: 'TRUE', IncludeGlobalServiceEvents: 'true', EnableLogFileValidation: 'true' })).toEqual([]);
    expect(trail({ ...FULL, EventSelectors: undefined }, [])).toEqual([]);
  });

  test('each weakening is named', () => {
    expect(trail({ ...FULL, IsLogging: false })).toEqual(['IsLogging is not true']);
    expect(trail({ ...FULL, IsMultiRegionTrail: false })).toEqual(['IsMultiRegionTrail is not true']);
    expect(trail({ ...FULL, IncludeGlobalServiceEvents: false })).toEqual(['IncludeGlobalServiceEvents is false']);
    expect(trail({ ...FULL, EnableLogFileValidation: 'false' })).toEqual(['EnableLogFileValidation is not true']);
    expect(trail({ ...FULL, KMSKeyId: undefined })).toEqual(['KMSKeyId is not set']);
    expect(trail({ ...FULL, CloudWatchLogsRoleArn: undefined })).toEqual(['no CloudWatch Logs delivery (CloudWatchLogsLogGroupArn/RoleArn)']);
    expect(trail({ ...FULL, CloudWatchLogsLogGroupArn: undefined })).toEqual(['no CloudWatch Logs delivery (CloudWatchLogsLogGroupArn/RoleArn)']);
    expect(trail({}, [])).toEqual([
      'IsLogging is not true',
      'IsMultiRegionTrail is not true',
      'EnableLogFileValidation is not true',
      'KMSKeyId is not set',
      'no CloudWatch Logs delivery (CloudWatchLogsLogGroupArn/RoleArn)',
    ]);
  });

  test('basic selectors: read and write object events on the whole bucket, or on every bucket', () => {
    expect(trail({ ...FULL, EventSelectors: basic([{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Phi', 'Arn'] }, '/']] }]) })).toEqual([]);
    expect(trail({ ...FULL, EventSelectors: basic(['arn:aws:s3']) })).toEqual([]);
    expect(trail({ ...FULL, EventSelectors: basic([{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::' }]) })).toEqual([]);
    expect(trail({ ...FULL, EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::charts/'] }] }] })).toEqual([]);
    expect(trail({ ...FULL, EventSelectors: basic(['arn:aws:s3:::charts/cardiology/']) })).toEqual([NO_DATA]);
    expect(trail({ ...FULL, EventSelectors: basic(['arn:aws:s3:::charts']) })).toEqual([NO_DATA]);
    expect(trail({ ...FULL, EventSelectors: basic(['arn:aws:s3:::charts/'], { ReadWriteType: 'WriteOnly' }) })).toEqual([NO_DATA]);
    expect(trail({ ...FULL, EventSelectors: [{ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:s3:::charts/'] }] }] })).toEqual([NO_DATA]);
    expect(trail({ ...FULL, EventSelectors: undefined })).toEqual([NO_DATA]);
  });

  test('every PHI bucket of the stack must be recorded, each named', () => {
    expect(trail(FULL, ['Phi', 'Scans'])).toEqual(['no read-and-write S3 data events for PHI bucket Scans']);
    expect(trail({ ...FULL, EventSelectors: basic(['arn:aws:s3:::charts/', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Scans', 'Arn'] }, '/']] }]) }, ['Phi', 'Scans'])).toEqual([]);
  });

  test('advanced selectors: S3 object data events, unnarrowed, on the bucket or everywhere', () => {
    expect(advanced(...S3_DATA)).toEqual([]);
    expect(advanced(...S3_DATA, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::charts/'] })).toEqual([]);
    expect(advanced(...S3_DATA, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::logs/', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Phi', 'Arn'] }, '/']] }] })).toEqual([]);
    expect(advanced(...S3_DATA, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::logs/'] })).toEqual([NO_DATA]);
    expect(advanced(...S3_DATA, { Field: 'resources.ARN', Equals: ['arn:aws:s3:::charts/'] })).toEqual([NO_DATA]);
    expect(advanced(...S3_DATA, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::charts/'], NotStartsWith: ['arn:aws:s3:::charts/x/'] })).toEqual([NO_DATA]);
    expect(advanced(...S3_DATA, field('readOnly', ['true']))).toEqual([NO_DATA]);
    expect(advanced(...S3_DATA, field('eventName', ['GetObject']))).toEqual([NO_DATA]);
    expect(advanced(field('eventCategory', ['Data', 'Management']), field('resources.type', ['AWS::S3::Object']))).toEqual([NO_DATA]);
    expect(advanced(field('eventCategory', ['Data']), field('resources.type', ['AWS::DynamoDB::Table']))).toEqual([NO_DATA]);
    expect(advanced(field('eventCategory', ['Data']))).toEqual([NO_DATA]);
    expect(advanced(field('resources.type', ['AWS::S3::Object']))).toEqual([NO_DATA]);
    expect(advanced({ ...S3_DATA[0], NotEquals: ['Management'] }, S3_DATA[1])).toEqual([NO_DATA]);
    expect(advanced(S3_DATA[0], { ...S3_DATA[1], NotEquals: ['x'] })).toEqual([NO_DATA]);
  });

  test('a PHI bucket is judged too: a trail of its stack must record it', () => {
    const stack = newStack();
    const phi = cfn(stack, 'Phi', 'AWS::S3::Bucket', { BucketName: 'charts', Tags: PHI_TAGS });
    expect(TrailIntegrity.evaluate(phi)).toEqual(['no trail in this stack records read and write data events for PHI bucket Phi']);
    cfn(stack, 'Narrow', 'AWS::CloudTrail::Trail', { EventSelectors: basic(['arn:aws:s3:::charts/x/']) });
    expect(TrailIntegrity.evaluate(phi)).toEqual(['no trail in this stack records read and write data events for PHI bucket Phi']);
    cfn(stack, 'Trail', 'AWS::CloudTrail::Trail', { EventSelectors: basic(['arn:aws:s3:::charts/']) });
    expect(TrailIntegrity.evaluate(phi)).toEqual([]);
    expect(TrailIntegrity.evaluate(cfn(stack, 'Logs', 'AWS::S3::Bucket'))).toBeUndefined();
  });
});

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
