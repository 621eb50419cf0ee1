import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ATHENA_NAMES, AuditAthena, type AuditAthenaProps } from '../../lib/audit-athena';

function build(over: Partial<AuditAthenaProps> = {}) {
  const stack = new Stack(new App(), 'Test', { env: { account: '111122223333', region: 'us-east-1' } });
  const key = new kms.Key(stack, 'AuditKey');
  const archive = { bucket: new s3.Bucket(stack, 'Archive', { bucketName: 'audit-archive' }), key, trailArn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/audit' };
  const athena = new AuditAthena(stack, 'Athena', {
    archive,
    resultsKey: new kms.Key(stack, 'ReportsKey'),
    accessLogsBucket: new s3.Bucket(stack, 'Logs'),
    ...over,
  });
  const role = new iam.Role(stack, 'CheckRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  athena.grantQuery(role);
  return { template: Template.fromStack(stack), stack };
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}
const list = (a: string | string[]) => (Array.isArray(a) ? a : [a]);

describe('AuditAthena', () => {
  const { template } = build();

  test('the Glue database coding_env_audit', () => {
    template.hasResourceProperties('AWS::Glue::Database', { CatalogId: { Ref: 'AWS::AccountId' }, DatabaseInput: { Name: 'coding_env_audit' } });
  });

  test('the table cloudtrail: CloudTrail input format, JSON SerDe, partition projection on account, region and day', () => {
    template.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: 'coding_env_audit',
      TableInput: {
        Name: 'cloudtrail',
        TableType: 'EXTERNAL_TABLE',
        PartitionKeys: [{ Name: 'account', Type: 'string' }, { Name: 'region', Type: 'string' }, { Name: 'day', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'projection.account.type': 'injected',
          'projection.region.type': 'enum',
          'projection.region.values': Match.stringLikeRegexp('^us-east-1,us-east-2,.*eu-west-1'),
          'projection.day.type': 'date',
          'projection.day.format': 'yyyy/MM/dd',
          'projection.day.range': '2020/01/01,NOW',
          'projection.day.interval.unit': 'DAYS',
          'storage.location.template': { 'Fn::Join': ['', ['s3://', { Ref: Match.anyValue() }, '/AWSLogs/${account}/CloudTrail/${region}/${day}']] },
        }),
        StorageDescriptor: Match.objectLike({
          InputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
          SerdeInfo: { SerializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' },
          Columns: Match.arrayWith([{ Name: 'requestparameters', Type: 'string' }, { Name: 'eventid', Type: 'string' }, { Name: 'recipientaccountid', Type: 'string' }, { Name: 'vpcendpointid', Type: 'string' }]),
        }),
      },
    });
  });

  test('an organization trail: the o-... segment before the account', () => {
    const org = build({ organizationId: 'o-abcdef1234', firstDay: '2021/06/01' }).template;
    org.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Parameters: Match.objectLike({
          'storage.location.template': { 'Fn::Join': ['', ['s3://', { Ref: Match.anyValue() }, '/AWSLogs/o-abcdef1234/${account}/CloudTrail/${region}/${day}']] },
          'projection.day.range': '2021/06/01,NOW',
        }),
      }),
    });
  });

  test('the workgroup coding-env-audit: enforced settings, a bytes-scanned cap, KMS-encrypted results under results/', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'coding-env-audit',
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 100 * 1024 ** 3,
        ResultConfiguration: Match.objectLike({
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: Match.anyValue() }, '/results/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReportsKey'), 'Arn'] } },
        }),
      }),
    });
  });

  test('the results bucket: KMS with the results key, results expire, never public', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReportsKey'), 'Arn'] } } })] },
      LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'results-expire', ExpirationInDays: 7, Status: 'Enabled' })] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
  });

  test('the query grant: Athena only in the workgroup, Glue reads of the one table, archive read, writes only under results/', () => {
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(policies).toHaveLength(1);
    const statements = (policies[0].Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    const athena = statements.filter((s) => list(s.Action).some((a) => a.startsWith('athena:')));
    expect(athena).toHaveLength(1);
    expect(list(athena[0].Action).sort()).toEqual(['athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StartQueryExecution', 'athena:StopQueryExecution']);
    expect(JSON.stringify(athena[0].Resource)).toContain(':workgroup/coding-env-audit"');
    const glue = statements.find((s) => list(s.Action).some((a) => a.startsWith('glue:')));
    expect(list(glue!.Action).sort()).toEqual(['glue:GetDatabase', 'glue:GetPartitions', 'glue:GetTable']);
    expect(JSON.stringify(glue!.Resource)).toMatch(/:database\/coding_env_audit".*:table\/coding_env_audit\/cloudtrail"/);
    const writes = statements.filter((s) => list(s.Action).some((a) => /^s3:(Put|Delete|Abort)/.test(a)));
    expect(writes).toHaveLength(1);
    expect(JSON.stringify(writes[0].Resource)).toMatch(/\/results\/\*"\]\]\}$/);
    for (const s of statements) {
      expect(s.Resource).not.toBe('*');
      for (const a of list(s.Action)) expect(a).toMatch(/^(athena:(Start|Get|Stop)|glue:Get|s3:(Get|List|PutObject$|AbortMultipartUpload$)|kms:(Decrypt|GenerateDataKey)$)/);
    }
    const kmsStatements = statements.filter((s) => list(s.Action).some((a) => a.startsWith('kms:')));
    expect(kmsStatements.every((s) => JSON.stringify(s.Condition).includes('kms:ViaService'))).toBe(true);
  });

  test.each([
    [{ organizationId: 'org-1' }, /organizationId must be an AWS Organizations id/],
    [{ firstDay: '2020-01-01' }, /firstDay must be yyyy\/MM\/dd/],
    [{ bytesScannedCutoffPerQuery: 1000 }, /at least 10000000/],
  ])('refuses %j', (over, message) => {
    expect(() => build(over)).toThrow(message);
  });

  test('names the CLI and the functions use', () => {
    expect(ATHENA_NAMES).toEqual({ database: 'coding_env_audit', table: 'cloudtrail', workGroup: 'coding-env-audit' });
  });
});
