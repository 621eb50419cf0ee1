import { Match, type Template } from 'aws-cdk-lib/assertions';
import { logicalIdWhere, onlyResourceOf, synth } from './synth';

describe('AuditTrail: every region, signed, encrypted, PHI data events, six-year log group', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('multi-region, global service events, log file validation, audit key, Object Lock archive', () => {
    const auditKeyId = logicalIdWhere(template, 'AWS::KMS::Key', { Description: Match.stringLikeRegexp('^Audit') });
    const archiveId = logicalIdWhere(template, 'AWS::S3::Bucket', { ObjectLockEnabled: true, LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'audit-archive/' }) });
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      KMSKeyId: { 'Fn::GetAtt': [auditKeyId, 'Arn'] },
      S3BucketName: { Ref: archiveId },
    });
  });

  test('records reads and writes of PHI objects, and management events', () => {
    const phiId = logicalIdWhere(template, 'AWS::S3::Bucket', { BucketName: 'examplecoding-phi-records' });
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      EventSelectors: Match.arrayWith([
        Match.objectLike({
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [{ Type: 'AWS::S3::Object', Values: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [phiId, 'Arn'] }, '/']] }] }],
        }),
      ]),
    });
  });

  test('delivers to a six-year KMS log group', () => {
    const trail = onlyResourceOf(template, 'AWS::CloudTrail::Trail').Properties as { CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [string, string] } };
    const groupId = trail.CloudWatchLogsLogGroupArn['Fn::GetAtt'][0];
    const group = template.findResources('AWS::Logs::LogGroup')[groupId] as { Properties: Record<string, unknown> };
    expect(group.Properties).toMatchObject({ RetentionInDays: 2192, KmsKeyId: expect.anything() });
  });

  test('delivers through a role whose only permission is a customer managed policy on that log group, created before the trail', () => {
    const trails = template.findResources('AWS::CloudTrail::Trail');
    expect(Object.keys(trails)).toHaveLength(1);
    const trail = Object.values(trails)[0] as { Properties: { CloudWatchLogsRoleArn: { 'Fn::GetAtt': [string, string] }; CloudWatchLogsLogGroupArn: unknown }; DependsOn?: string[] };
    const roleId = trail.Properties.CloudWatchLogsRoleArn['Fn::GetAtt'][0];
    const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: roleId }] } });
    expect(Object.values(policies)).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({
          PolicyDocument: expect.objectContaining({
            Statement: [expect.objectContaining({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: trail.Properties.CloudWatchLogsLogGroupArn })],
          }),
        }),
      }),
    ]);
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain(roleId);
    expect(trail.DependsOn).toEqual(expect.arrayContaining(Object.keys(policies)));
  });
});
