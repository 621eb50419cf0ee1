import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { ALL_CHECKS } from '../../checks/rules/all-checks';
import { ATHENA_CHECK_TIMEOUT, ATHENA_QUERY_BUDGET } from '../../lib/athena-check-reads';
import { ACCOUNT, deployedValues, REGION } from './resolve-template';
import { type CfnResourceJson, onlyResourceOf, resourcesOf, synth } from './synth';

let template: Template;
beforeAll(() => {
  template = synth();
});

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Lambda's own plumbing: its log group and its network interfaces in the VPC. */
const LAMBDA_PLUMBING = ['logs:CreateLogStream', 'logs:PutLogEvents', 'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'];

/** Every Allow statement of the policies attached to the role of the function with this description. */
function statementsOfFunction(description: RegExp): Statement[] {
  const fns = Object.values(template.findResources('AWS::Lambda::Function')) as CfnResourceJson[];
  const fn = fns.find((f) => description.test(String(f.Properties?.Description)));
  if (!fn) throw new Error(`no function described ${description}`);
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  // The function's own managed policy, and what CDK adds inline (the dead-letter queue's send).
  return [...resourcesOf(template, 'AWS::IAM::ManagedPolicy'), ...resourcesOf(template, 'AWS::IAM::Policy')]
    .filter((p) => ((p.Properties?.Roles ?? []) as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((s) => s.Effect === 'Allow');
}

/** The actions granted, Lambda's plumbing aside. */
const actionsOf = (statements: Statement[]) =>
  [...new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])))].filter((a) => !LAMBDA_PLUMBING.includes(a)).sort();
const READ_ONLY = ['iam:GenerateCredentialReport', 'iam:GetAccountAuthorizationDetails', 'iam:GetCredentialReport', 'kms:Decrypt', 's3:GetObject', 's3:ListBucket'];
/**
 * Selecting events in Athena: run and read queries in the workgroup, read the table, read the
 * archive (Athena reads it as the caller), and write query results, the one write, under results/.
 */
const ATHENA_QUERY = [
  'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StartQueryExecution', 'athena:StopQueryExecution',
  'glue:GetDatabase', 'glue:GetPartitions', 'glue:GetTable',
  'kms:Decrypt', 'kms:GenerateDataKey',
  's3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:ListMultipartUploadParts', 's3:PutObject',
];
const EVENT_CHECKS = ALL_CHECKS.filter((c) => c.needs.includes('events')).map((c) => c.check);
const descriptionOf = (check: string) => new RegExp(`^Audit check ${check} `);
const sorted = (a: readonly string[]) => [...new Set(a)].sort();

describe('scheduled checks: least privilege', () => {
  test.each([
    ['stale-access', [...ATHENA_QUERY, 'iam:GenerateCredentialReport', 'iam:GetCredentialReport']],
    ['authentication', [...ATHENA_QUERY, 'iam:GenerateCredentialReport', 'iam:GetCredentialReport']],
    ['privilege-creep', ['iam:GetAccountAuthorizationDetails']],
    ['vpn-bypass', ATHENA_QUERY],
    ['access-anomaly', ATHENA_QUERY],
    ['shared-credentials', [...ATHENA_QUERY, 'iam:GenerateCredentialReport', 'iam:GetCredentialReport']],
  ])('the %s function may only read (and run its queries): exactly %j', (check, actions) => {
    const statements = statementsOfFunction(descriptionOf(check));
    expect(actionsOf(statements)).toEqual(sorted(actions));
    expect(actions.every((a) => READ_ONLY.includes(a) || ATHENA_QUERY.includes(a))).toBe(true);
  });

  test('the audit-integrity function reads the events and probes the trail, the archive lock and the stack drift, read-only', () => {
    const statements = statementsOfFunction(/^Audit check audit-integrity /);
    const actions = actionsOf(statements);
    expect(actions).toEqual(expect.arrayContaining(['athena:StartQueryExecution', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors', 's3:GetBucketObjectLockConfiguration', 'cloudformation:DetectStackDrift', 'cloudformation:DescribeStackDriftDetectionStatus', 'cloudformation:DescribeStackResourceDrifts']));
    // Drift detection starts a read of the stack's resources; the queries write their results; everything else only reads.
    expect(actions.filter((a) => !/^[a-z0-9-]+:(Get|Describe|List|Lookup)/.test(a) && a !== 'kms:Decrypt' && !ATHENA_QUERY.includes(a))).toEqual(['cloudformation:DetectStackDrift', 'cloudformation:DetectStackResourceDrift']);
    const on = (action: string) => JSON.stringify(statements.filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action)).map((s) => s.Resource));
    expect(on('cloudtrail:GetTrailStatus')).toMatch(/AuditTrail.*"Arn"/);
    expect(on('s3:GetBucketObjectLockConfiguration')).toMatch(/AuditArchive.*"Arn"/);
    expect(on('cloudformation:DetectStackDrift')).toMatch(/:stack\/[\w-]+\/\*"/);
    // No listing of any bucket but the archive's trail prefix: the PHI bucket's keys name patients.
    expect(on('s3:ListBucket')).not.toContain('"*"');
    const env = (resourcesOf(template, 'AWS::Lambda::Function').find((f) => /^Audit check audit-integrity /.test(String(f.Properties?.Description)))?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env).toMatchObject({ TRAIL_ARN: { 'Fn::GetAtt': [expect.stringMatching(/AuditTrail/), 'Arn'] }, STACK_NAME: { Ref: 'AWS::StackName' }, ARCHIVE_RETENTION_DAYS: '2192' });
  });

  test('only the report step writes, and only under reports/', () => {
    const statements = statementsOfFunction(/^Writes the compliance report/);
    expect(actionsOf(statements)).toEqual(['iam:GenerateCredentialReport', 'iam:GetAccountAuthorizationDetails', 'iam:GetCredentialReport', 'kms:Decrypt', 'kms:GenerateDataKey', 's3:GetObject', 's3:ListBucket', 's3:PutObject', 'sns:Publish']);
    const put = statements.find((s) => s.Action === 's3:PutObject');
    expect(JSON.stringify(put?.Resource)).toMatch(/\/reports\/\*"/);
    // Reads: the register, and earlier reports (for the comparison) under reports/ only.
    const gets = statements.filter((s) => s.Action === 's3:GetObject').flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource])).map((r) => JSON.stringify(r));
    expect(gets).toEqual([expect.stringMatching(/\/register\.json"/), expect.stringMatching(/\/reports\/\*"/)]);
    const list = statements.find((s) => s.Action === 's3:ListBucket') as Statement & { Condition?: unknown };
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': ['reports/*'] } });
  });

  test('the report step prints the PDF with the Chromium layer: x86_64, memory, /tmp and time for the browser', () => {
    const fn = (Object.values(template.findResources('AWS::Lambda::Function')) as CfnResourceJson[]).find((f) => /^Writes the compliance report/.test(String(f.Properties?.Description)));
    expect(fn?.Properties).toMatchObject({ Architectures: ['x86_64'], MemorySize: 2048, Timeout: 300, EphemeralStorage: { Size: 1024 }, Environment: { Variables: { CHROMIUM_BIN_DIR: '/opt/chromium' } } });
    const layers = fn?.Properties?.Layers as { Ref: string }[];
    expect(layers).toHaveLength(1);
    const layer = template.toJSON().Resources[layers[0]!.Ref];
    expect(layer).toMatchObject({ Type: 'AWS::Lambda::LayerVersion', Properties: { CompatibleArchitectures: ['x86_64'], CompatibleRuntimes: ['nodejs24.x'] } });
  });

  test('the weekly worksheet writes only under log-reviews/', () => {
    const statements = statementsOfFunction(/^Builds the weekly audit-log review worksheet/);
    const put = statements.find((s) => s.Action === 's3:PutObject');
    expect(JSON.stringify(put?.Resource)).toMatch(/\/log-reviews\/\*"/);
    // sqs:SendMessage is Lambda dead-lettering a failed invocation; the week's events are selected in Athena.
    expect(actionsOf(statements).filter((a) => !READ_ONLY.includes(a) && !ATHENA_QUERY.includes(a))).toEqual(['sns:Publish', 'sqs:SendMessage']);
    const puts = statements.filter((s) => s.Action === 's3:PutObject' || (Array.isArray(s.Action) && s.Action.includes('s3:PutObject'))).map((s) => JSON.stringify(s.Resource));
    expect(puts.sort()).toEqual([expect.stringMatching(/AthenaResults.*\/results\/\*"/), expect.stringMatching(/\/log-reviews\/\*"/)]);
  });

  test('every audit function role has only its own customer-managed policy: no AWS-managed or inline policy', () => {
    const roles = Object.entries(template.findResources('AWS::IAM::Role')).filter(([, r]) => /^(Audit check|Writes the compliance report|Builds the weekly)/.test(String(r.Properties?.Description)));
    expect(roles).toHaveLength(ALL_CHECKS.length + 2);
    for (const [id, role] of roles) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
      const inline = resourcesOf(template, 'AWS::IAM::Policy').filter((p) => JSON.stringify(p.Properties?.Roles ?? []).includes(`"${id}"`));
      expect(inline).toEqual([]);
    }
  });

  test('the functions run in private subnets with HTTPS out only', () => {
    const fns = resourcesOf(template, 'AWS::Lambda::Function').filter((f) => /^(Audit check|Writes the compliance report|Builds the weekly)/.test(String(f.Properties?.Description)));
    expect(fns).toHaveLength(ALL_CHECKS.length + 2);
    for (const fn of fns) expect(fn.Properties?.VpcConfig).toMatchObject({ SubnetIds: [{ Ref: expect.stringMatching(/workloadsSubnet1/) }, { Ref: expect.stringMatching(/workloadsSubnet2/) }] });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^Audit functions'),
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'HTTPS to AWS APIs' }],
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('the archive is read only under AWSLogs/, its key only through S3', () => {
    const statements = statementsOfFunction(/^Audit check access-anomaly /);
    expect(statements).toContainEqual(expect.objectContaining({ Action: ['s3:GetBucketLocation', 's3:ListBucket'], Condition: { StringLike: { 's3:prefix': ['AWSLogs/*'] } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'kms:Decrypt', Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } } }));
  });
});

describe('scheduled checks: orchestration', () => {
  const definition = (): Record<string, unknown> => {
    const machine = onlyResourceOf(template, 'AWS::StepFunctions::StateMachine');
    const parts = (machine.Properties?.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    // Function ARNs are tokens in the definition; replace them with placeholders to parse it.
    return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'ARN')).join('')) as Record<string, unknown>;
  };

  test('the checks run in parallel, each retried on throttling with backoff and caught as error', () => {
    const states = definition().States as Record<string, { Type: string; Branches?: { StartAt: string; States: Record<string, Record<string, unknown>> }[] }>;
    const parallel = states.RunChecks;
    expect(parallel.Type).toBe('Parallel');
    expect(parallel.Branches).toHaveLength(ALL_CHECKS.length);
    for (const branch of parallel.Branches ?? []) {
      const task = branch.States[branch.StartAt] as { Retry: { ErrorEquals: string[]; BackoffRate: number; MaxAttempts: number }[]; Catch: { ErrorEquals: string[]; Next: string }[] };
      expect(task.Retry[0]).toMatchObject({ ErrorEquals: expect.arrayContaining(['ThrottlingException', 'Lambda.TooManyRequestsException']), BackoffRate: 2, MaxAttempts: 4 });
      expect(task.Catch[0].ErrorEquals).toEqual(['States.ALL']);
      const failed = branch.States[task.Catch[0].Next] as { Type: string; Parameters: Record<string, unknown> };
      expect(failed.Type).toBe('Pass');
      expect(failed.Parameters).toMatchObject({ status: 'error', findings: [], inputs: [] });
    }
    expect(parallel).toMatchObject({ Next: 'Write report' });
  });

  test('the report step runs after the checks; its failure fails the execution (which alarms)', () => {
    const states = definition().States as Record<string, Record<string, unknown>>;
    expect(states['Write report']).toMatchObject({ Type: 'Task', Next: 'Reported', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report failed' }] });
    expect(states['Report failed']).toMatchObject({ Type: 'Fail' });
    expect(states['Mode given?']).toMatchObject({ Type: 'Choice' });
  });

  test('failed, timed-out and aborted executions and dead letters alarm to the officers’ topic', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
    const metrics = alarms.map((a) => a.Properties?.MetricName).sort();
    expect(metrics).toEqual(['ApproximateNumberOfMessagesVisible', 'ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
    for (const alarm of alarms) expect(alarm.Properties?.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^ComplianceNotificationsTopic/) }]);
  });

  test('the weekly worksheet function dead-letters failed asynchronous invocations', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('weekly audit-log review'),
      DeadLetterConfig: { TargetArn: Match.anyValue() },
    });
  });

  test('without awsOrganization the run stays single-account: no StackSet, no Distributed Map, no organization function', () => {
    template.resourceCountIs('AWS::CloudFormation::StackSet', 0);
    const machine = onlyResourceOf(template, 'AWS::StepFunctions::StateMachine');
    expect(JSON.stringify(machine.Properties?.DefinitionString)).not.toMatch(/DISTRIBUTED|Organization run/);
    expect(resourcesOf(template, 'AWS::Lambda::Function').filter((f) => /organization/i.test(String(f.Properties?.Description)))).toEqual([]);
  });

  test('the state machine logs to a six-year group without execution data', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: { IncludeExecutionData: false, Level: 'ALL' },
      TracingConfiguration: { Enabled: true },
    });
  });
});

describe('schedules', () => {
  test.each([
    ['daily checks', 'cron(0 6 * * ? *)', { mode: 'daily' }],
    ['quarterly checklist', 'cron(0 7 1 1,4,7,10 ? *)', { mode: 'quarterly' }],
  ])('%s start the state machine: %s in the organisation’s zone', (_name, expression, input) => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: 'America/New_York',
      Target: { Arn: { Ref: Match.stringLikeRegexp('StateMachine') }, Input: JSON.stringify(input), DeadLetterConfig: { Arn: Match.anyValue() }, RetryPolicy: { MaximumRetryAttempts: 3 } },
    });
  });

  test('the weekly log-review worksheet runs Monday mornings', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 ? * MON *)',
      ScheduleExpressionTimezone: 'America/New_York',
      Target: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Worksheet'), 'Arn'] } },
    });
  });
});

describe('register, reports and notifications', () => {
  test('reports are kept six years under Object Lock COMPLIANCE, with the reports key', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } } },
      LoggingConfiguration: { LogFilePrefix: 'reports/' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('KeysReports'), 'Arn'] } }, BucketKeyEnabled: true }] },
    });
  });

  test('the register bucket is versioned, KMS-encrypted, and refuses writes from anyone but auditors and admins', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 'register/' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
    });
    const policies = resourcesOf(template, 'AWS::S3::BucketPolicy');
    const deny = policies
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement)
      .find((s) => s.Sid === 'OnlyRegisterKeepersWrite');
    const writers = JSON.stringify((deny?.Condition as { ArnNotEquals: Record<string, unknown> }).ArnNotEquals['aws:PrincipalArn']);
    // hmartin is the auditor, opsadmin the admin; coders are not keepers. The users live in the
    // roster's nested stacks, so the parent names them by ARN.
    expect(writers).toMatch(/:user\/hmartin"/);
    expect(writers).toMatch(/:user\/opsadmin"/);
    expect(writers).not.toMatch(/:user\/jdoe"/);
  });

  test('the officers’ topic is encrypted and has their email subscriptions', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const emails = resourcesOf(template, 'AWS::SNS::Subscription').map((s) => [s.Properties?.Protocol, s.Properties?.Endpoint]);
    expect(emails).toEqual([
      ['email', 'privacy.officer@example.org'],
      ['email', 'hmartin@example.org'],
    ]);
  });

  test('outputs name the reports and register buckets and the state machine', () => {
    const outputs = Object.keys(template.findOutputs('*')).join(' ');
    for (const name of ['ReportsBucketName', 'RegisterBucketName', 'ComplianceStateMachineArn', 'ComplianceTopicArn']) expect(outputs).toContain(name);
  });
});

describe('Athena over the archive', () => {
  test('the stack has the database, the table over the trail bucket and the enforced workgroup', () => {
    template.resourceCountIs('AWS::Glue::Database', 1);
    template.hasResourceProperties('AWS::Glue::Table', { DatabaseName: 'coding_env_audit', TableInput: Match.objectLike({ Name: 'cloudtrail' }) });
    template.hasResourceProperties('AWS::Athena::WorkGroup', { Name: 'coding-env-audit', WorkGroupConfiguration: Match.objectLike({ EnforceWorkGroupConfiguration: true }) });
  });
});

describe('the event checks read the trail through Athena', () => {
  const functionOf = (description: RegExp) => resourcesOf(template, 'AWS::Lambda::Function').find((f) => description.test(String(f.Properties?.Description)));
  const readers = () => [...EVENT_CHECKS.map(descriptionOf), /^Builds the weekly audit-log review worksheet/];

  test('no function of the audit calls LookupEvents any more', () => {
    for (const [, p] of Object.entries(template.findResources('AWS::IAM::ManagedPolicy'))) {
      if (!/^Permissions of: (Audit check|Builds the weekly|Writes the compliance report)/.test(String(p.Properties?.Description))) continue;
      expect(JSON.stringify(p.Properties?.PolicyDocument)).not.toContain('cloudtrail:LookupEvents');
    }
  });

  test('every event reader: the account to query, a query budget inside its timeout, the workgroup’s cap', () => {
    const cutoff = (onlyResourceOf(template, 'AWS::Athena::WorkGroup').Properties?.WorkGroupConfiguration as { BytesScannedCutoffPerQuery: number }).BytesScannedCutoffPerQuery;
    expect(ATHENA_QUERY_BUDGET.toSeconds()).toBeLessThan(ATHENA_CHECK_TIMEOUT.toSeconds() - 4 * 60);
    for (const description of readers()) {
      const fn = functionOf(description);
      expect(fn?.Properties).toMatchObject({
        Timeout: ATHENA_CHECK_TIMEOUT.toSeconds(),
        Environment: { Variables: { TRAIL_ACCOUNT_ID: { Ref: 'AWS::AccountId' }, ATHENA_BUDGET_SECONDS: String(ATHENA_QUERY_BUDGET.toSeconds()), ATHENA_BYTES_SCANNED_CUTOFF: String(cutoff) } },
      });
      expect(Number((fn?.Properties?.Environment as { Variables: Record<string, string> }).Variables.ATHENA_BUDGET_SECONDS)).toBeLessThan(Number(fn?.Properties?.Timeout));
    }
  });

  test('the checks that read no events get no query rights', () => {
    for (const check of ALL_CHECKS.filter((c) => !c.needs.includes('events'))) {
      expect(actionsOf(statementsOfFunction(descriptionOf(check.check))).filter((a) => /^(athena|glue):/.test(a))).toEqual([]);
    }
  });

  /** A request of an event reader's role, decided by an IAM policy simulator over its deployed policy. */
  async function decide(description: RegExp, action: string, resource: string, context: Record<string, string> = {}): Promise<string> {
    const resolve = deployedValues(template);
    const policy = resolve({ Version: '2012-10-17', Statement: statementsOfFunction(description) }) as { Statement: unknown[] };
    const result = await runSimulation(
      {
        request: { principal: `arn:aws:sts::${ACCOUNT}:assumed-role/check/fn`, action, resource: { resource, accountId: ACCOUNT }, contextVariables: { 'aws:SecureTransport': 'true', ...context } },
        identityPolicies: [{ name: 'check', policy }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
    return result.overallResult;
  }
  const workgroup = (name: string) => `arn:aws:athena:${REGION}:${ACCOUNT}:workgroup/${name}`;
  const bucketOf = (logicalId: RegExp) => String(deployedValues(template)({ Ref: Object.keys(template.findResources('AWS::S3::Bucket')).find((id) => logicalId.test(id)) }));

  test.each(EVENT_CHECKS)('the %s role runs queries in coding-env-audit only, reads only the audit table, writes only query results', async (check) => {
    const d = descriptionOf(check);
    for (const action of ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution']) {
      expect([action, await decide(d, action, workgroup('coding-env-audit'))]).toEqual([action, 'Allowed']);
      expect([action, await decide(d, action, workgroup('primary'))]).toEqual([action, 'ImplicitlyDenied']);
    }
    expect(await decide(d, 'athena:CreateWorkGroup', workgroup('mine'))).toBe('ImplicitlyDenied');
    expect(await decide(d, 'athena:UpdateWorkGroup', workgroup('coding-env-audit'))).toBe('ImplicitlyDenied');
    expect(await decide(d, 'glue:GetTable', `arn:aws:glue:${REGION}:${ACCOUNT}:table/coding_env_audit/cloudtrail`)).toBe('Allowed');
    expect(await decide(d, 'glue:GetTable', `arn:aws:glue:${REGION}:${ACCOUNT}:table/other_db/other`)).toBe('ImplicitlyDenied');
    expect(await decide(d, 'glue:UpdateTable', `arn:aws:glue:${REGION}:${ACCOUNT}:table/coding_env_audit/cloudtrail`)).toBe('ImplicitlyDenied');
    const results = bucketOf(/AthenaResults/);
    const archive = bucketOf(/AuditArchive/);
    expect(await decide(d, 's3:PutObject', `arn:aws:s3:::${results}/results/q-1.csv`)).toBe('Allowed');
    expect(await decide(d, 's3:PutObject', `arn:aws:s3:::${results}/elsewhere/q-1.csv`)).toBe('ImplicitlyDenied');
    expect(await decide(d, 's3:PutObject', `arn:aws:s3:::${archive}/AWSLogs/x.json.gz`)).toBe('ImplicitlyDenied');
    expect(await decide(d, 's3:DeleteObject', `arn:aws:s3:::${results}/results/q-1.csv`)).toBe('ImplicitlyDenied');
    expect(await decide(d, 's3:GetObject', `arn:aws:s3:::${archive}/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/12/f.json.gz`)).toBe('Allowed');
    expect(await decide(d, 's3:GetObject', `arn:aws:s3:::${bucketOf(/PhiStore/)}/cardiology/P1/chart.pdf`)).toBe('ImplicitlyDenied');
  });
});
