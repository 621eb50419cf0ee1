import { Match, type Template } from 'aws-cdk-lib/assertions';
import { expectNoCredentials, resourcesOf, synth } from './synth';

describe('CodingEnvStack: what a platform engineer gets', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('outputs the VPN endpoint, buckets, key ARNs, trail and first-password secrets', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['VpnEndpointId', 'PhiBucketName', 'AuditArchiveBucketName', 'AccessLogsBucketName', 'TrailArn', 'PhiKeyArn', 'AuditKeyArn', 'ReportsKeyArn', 'FirstPasswordSecretName']),
    );
  });

  test('is environment-agnostic: no account or region baked into the template', () => {
    // The one Region literal is a deploy-time comparison: Console Private Access's Region-less names exist only in us-east-1.
    const { Conditions, ...rest } = template.toJSON() as { Conditions: Record<string, unknown> };
    expect(Object.values(Conditions)).toEqual([{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }]);
    const body = JSON.stringify(rest);
    // Only the config's own ARNs (certificates) may name an account.
    const accounts = new Set([...body.matchAll(/:(\d{12}):/g)].map((m) => m[1]));
    expect([...accounts]).toEqual(['111122223333']);
    expect(body).not.toMatch(/"(us|eu|ap|ca|sa|me|af)-[a-z]+-\d"/);
  });

  test('contains no access keys, auto-delete or log-retention helpers', () => {
    for (const type of ['AWS::IAM::AccessKey', 'Custom::S3AutoDeleteObjects', 'Custom::LogRetention']) template.resourceCountIs(type, 0);
    expectNoCredentials(template);
  });

  test("officers (compliance-auditors) may query the archive through Athena in the audit workgroup only, and only they of all people", () => {
    const policies = resourcesOf(template, 'AWS::IAM::ManagedPolicy').filter((p) => JSON.stringify(p.Properties).includes('athena:StartQueryExecution'));
    const forPeople = policies.filter((p) => (p.Properties as { Groups?: unknown[] }).Groups !== undefined);
    expect(forPeople).toHaveLength(1);
    const props = forPeople[0].Properties as { Groups: { Ref: string }[]; PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } };
    const group = template.toJSON().Resources[props.Groups[0].Ref] as { Properties: { GroupName: string } };
    expect(props.Groups).toHaveLength(1);
    expect(group.Properties.GroupName).toBe('compliance-auditors');
    const athena = props.PolicyDocument.Statement.find((st) => [st.Action].flat().includes('athena:StartQueryExecution'));
    expect(JSON.stringify(athena?.Resource)).toContain(':workgroup/');
    expect(JSON.stringify(athena?.Resource)).not.toContain('*');
  });
});

describe('CodingEnvStack without cdk.json context (as another tool may build it)', () => {
  let template: Template;
  beforeAll(() => {
    template = synth({ cdkJsonContext: false });
  });

  test('still delivers access logs by bucket policy, not ACL, and restricts the default security group', () => {
    for (const bucket of resourcesOf(template, 'AWS::S3::Bucket')) expect(bucket.Properties).not.toHaveProperty('AccessControl');
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' } })]) },
    });
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  test('every Lambda still logs to a six-year group and every bucket blocks public access', () => {
    for (const fn of resourcesOf(template, 'AWS::Lambda::Function')) expect(fn.Properties).toHaveProperty('LoggingConfig.LogGroup');
    for (const group of resourcesOf(template, 'AWS::Logs::LogGroup')) expect(group.Properties).toMatchObject({ RetentionInDays: 2192 });
    for (const bucket of resourcesOf(template, 'AWS::S3::Bucket')) {
      expect(bucket.Properties).toMatchObject({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } });
    }
  });
});
