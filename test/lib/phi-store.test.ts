import { Match, type Template } from 'aws-cdk-lib/assertions';
import { logicalIdWhere, resourcesOf, synth } from './synth';

describe('PhiStore: the PHI bucket', () => {
  let template: Template;
  let bucketId: string;
  beforeAll(() => {
    template = synth();
    bucketId = logicalIdWhere(template, 'AWS::S3::Bucket', { BucketName: 'examplecoding-phi-records' });
  });

  function statements(): Record<string, unknown>[] {
    const policy = resourcesOf(template, 'AWS::S3::BucketPolicy').find((p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: bucketId }));
    if (policy === undefined) throw new Error('PHI bucket has no policy');
    return (policy.Properties as { PolicyDocument: { Statement: Record<string, unknown>[] } }).PolicyDocument.Statement;
  }

  test('named from config, PHI key with bucket key, versioned, public access blocked explicitly, access-logged, tagged, retained', () => {
    const phiKeyId = logicalIdWhere(template, 'AWS::KMS::Key', { Description: Match.stringLikeRegexp('^PHI') });
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketName: 'examplecoding-phi-records',
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [phiKeyId, 'Arn'] } } },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LoggingConfiguration: { DestinationBucketName: Match.objectLike({ Ref: Match.anyValue() }) },
        Tags: Match.arrayWith([{ Key: 'data-classification', Value: 'phi' }]),
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('TLS only', () => {
    expect(statements()).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  test('object access not through the S3 gateway endpoint is denied, AWS services exempt', () => {
    const endpointId = logicalIdWhere(template, 'AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
    const deny = statements().find((s) => JSON.stringify(s.Condition ?? {}).includes('aws:SourceVpce'));
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
      Condition: {
        StringNotEquals: { 'aws:SourceVpce': { Ref: endpointId } },
        Bool: { 'aws:PrincipalIsAWSService': 'false', 'aws:ViaAWSService': 'false' },
      },
    });
    expect(deny?.Action).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject*', 's3:DeleteObject*']));
  });

  test('the endpoint rules deny object actions and listing only, so CloudFormation can still manage the bucket', () => {
    const denies = statements().filter((s) => JSON.stringify(s.Condition ?? {}).includes('aws:SourceVpce'));
    expect(denies).toHaveLength(2);
    for (const action of denies.flatMap((d) => [d.Action].flat())) {
      expect(String(action)).toMatch(/^s3:([A-Za-z]*(Object|MultipartUpload|MultipartUploadParts)\*?|ListBucket(Versions|MultipartUploads)?)$/);
    }
  });

  test('listing the bucket (keys are patient ids) is pinned to the same gateway endpoint', () => {
    const endpointId = logicalIdWhere(template, 'AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
    expect(statements()).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListBucketVersions'],
        Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
        Condition: {
          StringNotEquals: { 'aws:SourceVpce': { Ref: endpointId } },
          Bool: { 'aws:PrincipalIsAWSService': 'false', 'aws:ViaAWSService': 'false' },
        },
      }),
    );
  });
});
