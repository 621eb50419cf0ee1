import { Match, type Template } from 'aws-cdk-lib/assertions';
import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AuditArchive } from '../../lib/audit-archive';
import { logicalIdWhere, resourcesOf, synth } from './synth';

const publicAccessBlocked = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };

/** The bucket policy statements of a bucket, by the bucket's logical id. */
function policyOf(template: Template, bucketId: string): Record<string, unknown>[] {
  const policies = resourcesOf(template, 'AWS::S3::BucketPolicy').filter((p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: bucketId }));
  expect(policies).toHaveLength(1);
  return (policies[0].Properties as { PolicyDocument: { Statement: Record<string, unknown>[] } }).PolicyDocument.Statement;
}

function expectTlsOnly(template: Template, bucketId: string): void {
  expect(policyOf(template, bucketId)).toContainEqual(
    expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
  );
}

describe('AuditArchive: the trail bucket is write-once for six years', () => {
  let template: Template;
  let archiveId: string;
  let accessLogsId: string;
  beforeAll(() => {
    template = synth();
    archiveId = logicalIdWhere(template, 'AWS::S3::Bucket', { ObjectLockEnabled: true, LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'audit-archive/' }) });
    accessLogsId = logicalIdWhere(template, 'AWS::S3::Bucket', { LoggingConfiguration: Match.absent(), BucketName: Match.absent() });
  });

  test('Object Lock COMPLIANCE, 2192 days; audit key; versioned; public access blocked explicitly; access-logged', () => {
    const auditKeyId = logicalIdWhere(template, 'AWS::KMS::Key', { Description: Match.stringLikeRegexp('^Audit') });
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } } },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [auditKeyId, 'Arn'] } } }),
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: publicAccessBlocked,
        LoggingConfiguration: { DestinationBucketName: { Ref: accessLogsId } },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expectTlsOnly(template, archiveId);
  });

  test('lifecycle moves to colder storage but never expires', () => {
    const archive = template.findResources('AWS::S3::Bucket')[archiveId] as { Properties: { LifecycleConfiguration?: { Rules: Record<string, unknown>[] } } };
    for (const rule of archive.Properties.LifecycleConfiguration?.Rules ?? []) {
      expect(rule).not.toHaveProperty('ExpirationInDays');
      expect(rule).not.toHaveProperty('NoncurrentVersionExpiration');
    }
  });

  test('the access-log bucket is encrypted, versioned, TLS-only, public access blocked and keeps six years', () => {
    const bucket = template.findResources('AWS::S3::Bucket')[accessLogsId] as { Properties: Record<string, unknown>; DeletionPolicy: string };
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: publicAccessBlocked,
    });
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: { ExpirationInDays?: number; NoncurrentVersionExpiration?: { NoncurrentDays: number } }[] }).Rules;
    for (const rule of rules) {
      if (rule.ExpirationInDays !== undefined) expect(rule.ExpirationInDays).toBeGreaterThanOrEqual(2192);
      if (rule.NoncurrentVersionExpiration !== undefined) expect(rule.NoncurrentVersionExpiration.NoncurrentDays).toBeGreaterThanOrEqual(2192);
    }
    expectTlsOnly(template, accessLogsId);
  });

  test('no bucket deletes its objects automatically and every bucket is retained', () => {
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    for (const bucket of resourcesOf(template, 'AWS::S3::Bucket')) expect(bucket.DeletionPolicy).toBe('Retain');
  });

  test('refuses a retention shorter than six years', () => {
    const stack = new Stack(new App(), 'T');
    const props = { encryptionKey: new kms.Key(stack, 'K'), accessLogsBucket: new s3.Bucket(stack, 'L') };
    expect(() => new AuditArchive(stack, 'A', { ...props, retentionDays: 365 })).toThrow(/at least 2192.*got 365/);
  });
});
