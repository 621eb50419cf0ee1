import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildCodingEnv } from '../../lib/build-app';
import { parseConfig } from '../../lib/config/load';
import type { CodingEnvStack } from '../../lib/coding-env-stack';
import { MEMBER_CHECKS } from '../../checks/handlers/organization-run';
import { acknowledgementsFor, organizationAcknowledgements } from '../../policies/acknowledgements';
import { applyGates } from '../../policies/gates';
import { COLLECT_FINDINGS_CONTEXT, runGates } from '../../policies/run-gates';
import { AS_OF, cdkContext, exampleConfig, SKIP_BUNDLING } from './synth';

/**
 * The organization run in the template (issue 10): the StackSet with the member audit role, the
 * Distributed Map over the member accounts, and the roles. One synth, the gates applied to it.
 */
const ORGANIZATION = { enabled: true, organizationId: 'o-a1b2c3d4e5', targetOrganizationalUnitIds: ['ou-ab12-11111111', 'ou-ab12-22222222'], maxConcurrency: 7 };

let template: Template;
let gates: ReturnType<typeof runGates>;
let stack: CodingEnvStack;
beforeAll(() => {
  const raw = exampleConfig() as Record<string, unknown>;
  raw.awsOrganization = ORGANIZATION;
  const config = parseConfig(raw, 'test config');
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'org-')), context: { ...cdkContext(), ...COLLECT_FINDINGS_CONTEXT, [SKIP_BUNDLING]: [] } });
  stack = buildCodingEnv(app, config, { asOf: AS_OF });
  applyGates(app, acknowledgementsFor(config, AS_OF));
  gates = runGates(app);
  template = Template.fromStack(stack);
}, 300_000);

type Statement = { Effect: string; Action?: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>>; Principal?: unknown };
type Resource = { Type: string; Properties: Record<string, unknown> };
// Deny statements with NotAction (the tamper denies) have no Action.
const actionsOf = (s: Statement): string[] => (s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The logical id of the audit function whose description starts so, and its managed policy's statements. */
function auditFunction(description: RegExp): { id: string; role: string; statements: Statement[] } {
  const functions = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([, f]) => description.test(String((f as Resource).Properties.Description)));
  expect(functions).toHaveLength(1);
  const [id, fn] = functions[0];
  const role = ((fn as Resource).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).filter((p) => JSON.stringify((p as Resource).Properties.Roles) === JSON.stringify([{ Ref: role }]));
  return { id, role, statements: policies.flatMap((p) => ((p as Resource).Properties.PolicyDocument as { Statement: Statement[] }).Statement) };
}

function stackSet(): Resource {
  const sets = Object.values(template.findResources('AWS::CloudFormation::StackSet')) as Resource[];
  expect(sets).toHaveLength(1);
  return sets[0];
}

function memberTemplate(): { Resources: Record<string, Resource>; Parameters: Record<string, unknown> } {
  return JSON.parse(String(stackSet().Properties.TemplateBody)) as { Resources: Record<string, Resource>; Parameters: Record<string, unknown> };
}

/** The state machine's definition, each function ARN replaced by `ARN:<logical id>`. */
function states(): Record<string, Record<string, unknown>> {
  const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as Resource;
  const parts = (machine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  const text = parts.map((p) => (typeof p === 'string' ? p : `ARN:${(p as { 'Fn::GetAtt'?: [string] })['Fn::GetAtt']?.[0] ?? 'token'}`)).join('');
  return (JSON.parse(text) as { States: Record<string, Record<string, unknown>> }).States;
}

describe('organization: the member audit role, deployed by a service-managed StackSet', () => {
  test('service-managed, auto-deployed to the configured OUs, removed from accounts that leave, stopping at the first failure', () => {
    template.hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'SELF',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      OperationPreferences: Match.objectLike({ FailureToleranceCount: 0 }),
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ORGANIZATION.targetOrganizationalUnitIds }, Regions: [{ Ref: 'AWS::Region' }] }],
    });
  });

  test("the member template holds the role and its one customer-managed policy, nothing else, and no bootstrap check (members are not CDK-bootstrapped)", () => {
    const member = memberTemplate();
    expect(Object.values(member.Resources).map((r) => r.Type).sort()).toEqual(['AWS::IAM::ManagedPolicy', 'AWS::IAM::Role']);
    expect(JSON.stringify(member)).not.toMatch(/BootstrapVersion|CDKMetadata/);
    const role = Object.values(member.Resources).find((r) => r.Type === 'AWS::IAM::Role') as Resource;
    expect(role.Properties).toMatchObject({ RoleName: 'coding-env-audit', Path: '/coding-env/' });
    // No AWS managed policy, no inline policy.
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
  });

  test('its policy is read-only: only the reads the checks make, and trail files only in the member account itself', () => {
    const policy = Object.values(memberTemplate().Resources).find((r) => r.Type === 'AWS::IAM::ManagedPolicy') as Resource;
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    const actions = statements.flatMap(actionsOf).sort();
    expect(actions).toEqual([
      'cloudtrail:DescribeTrails',
      'cloudtrail:LookupEvents',
      'iam:GenerateCredentialReport',
      'iam:GetAccountAuthorizationDetails',
      'iam:GetCredentialReport',
      'kms:Decrypt',
      's3:GetObject',
      's3:ListBucket',
    ]);
    expect(statements.every((s) => s.Effect === 'Allow' && !actionsOf(s).some((a) => a.includes('*')))).toBe(true);
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    for (const s of s3) expect(s.Condition?.StringEquals).toEqual({ 'aws:ResourceAccount': { Ref: 'AWS::AccountId' } });
    expect(statements.find((s) => actionsOf(s).includes('kms:Decrypt'))?.Condition).toEqual({ StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } });
  });

  test("its trust is pinned: the audit account's per-account check role only (aws:PrincipalArn), from inside the organization (aws:PrincipalOrgID)", () => {
    const role = Object.values(memberTemplate().Resources).find((r) => r.Type === 'AWS::IAM::Role') as Resource;
    const trust = (role.Properties.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement;
    expect(trust).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AuditAccountId' }, ':root']] } },
        Condition: { ArnEquals: { 'aws:PrincipalArn': { Ref: 'AuditorRoleArn' } }, StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      },
    ]);
    // The StackSet fills the parameters with this account and the per-account function's role.
    const { role: auditorRole } = auditFunction(/^Audits one member account/);
    expect(stackSet().Properties.Parameters).toEqual([
      { ParameterKey: 'AuditAccountId', ParameterValue: { Ref: 'AWS::AccountId' } },
      { ParameterKey: 'AuditorRoleArn', ParameterValue: { 'Fn::GetAtt': [auditorRole, 'Arn'] } },
    ]);
  });

  test("the member template fits a StackSet's inline TemplateBody (51,200 bytes)", () => {
    expect(Buffer.byteLength(String(stackSet().Properties.TemplateBody))).toBeLessThan(51_200);
  });
});

describe('organization: the scheduled run fans out over the member accounts with a Distributed Map', () => {
  test("after the audit account's report: list the accounts, audit each, write the organization's report", () => {
    const s = states();
    expect(s['Write report']).toMatchObject({ ResultPath: '$.report', Next: 'Organization run' });
    expect(s['Organization run']).toMatchObject({ Type: 'Pass', Next: 'List member accounts' });
    const { id: reader } = auditFunction(/^Lists the organization's accounts/);
    expect(s['List member accounts']).toMatchObject({ Type: 'Task', Resource: `ARN:${reader}`, ResultPath: '$.listing', Next: 'Audit member accounts' });
    expect(s['List member accounts'].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.listingFailure', Next: 'Write organization report' }]);
  });

  test('the map: distributed, items from the reader, bounded concurrency, no failure tolerated, caught into the report', () => {
    const map = states()['Audit member accounts'];
    expect(map).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.listing.accounts',
      MaxConcurrency: 7,
      ToleratedFailurePercentage: 0,
      ToleratedFailureCount: 0,
      Label: 'MemberAccounts',
      ResultPath: null,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
      Next: 'Write organization report',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.mapFailure', Next: 'Write organization report' }],
    });
    // Each iteration: its account, and the run (the child's own $$.Execution is not the run's).
    expect(map.ItemSelector).toEqual({
      'account.$': '$$.Map.Item.Value',
      'mode.$': '$.mode',
      'executionName.$': '$.executionName',
      'startedAt.$': '$.startedAt',
      'organization.$': '$.listing.organization',
    });
  });

  test("each iteration runs the account's checks in the per-account function, retried on throttling, not caught (a failed account fails the map)", () => {
    const processor = (states()['Audit member accounts'].ItemProcessor as { StartAt: string; States: Record<string, Record<string, unknown>> });
    const { id } = auditFunction(/^Audits one member account/);
    expect(Object.keys(processor.States)).toEqual([processor.StartAt]);
    const task = processor.States[processor.StartAt];
    expect(task).toMatchObject({ Type: 'Task', Resource: `ARN:${id}`, End: true });
    expect(task.Catch).toBeUndefined();
    expect((task.Retry as { ErrorEquals: string[] }[])[0].ErrorEquals).toEqual(expect.arrayContaining(['ThrottlingException', 'Lambda.TooManyRequestsException']));
  });

  test("the organization's report decides the execution: an incomplete organization fails it (the run alarms)", () => {
    const s = states();
    const { id } = auditFunction(/^Writes the organization's compliance report/);
    expect(s['Write organization report']).toMatchObject({ Resource: `ARN:${id}`, ResultPath: '$.organizationReport', Next: 'Organization complete?' });
    expect(s['Write organization report'].Parameters).toBeUndefined();
    expect(s['Organization complete?']).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.organizationReport.complete', BooleanEquals: true, Next: 'Organization reported' }],
      Default: 'Organization incomplete',
    });
    expect(s['Organization incomplete']).toMatchObject({ Type: 'Fail', Error: 'OrganizationIncomplete' });
  });

  test('a member account runs the checks of its own evidence only', () => {
    expect(MEMBER_CHECKS.map((c) => c.check)).toEqual(['stale-access', 'shared-credentials', 'privilege-creep', 'vpn-bypass', 'access-anomaly', 'authentication', 'audit-integrity', 'ai-use', 'watch-list']);
  });
});

describe('organization: the roles', () => {
  test('the per-account function may assume only the member role name under /coding-env/, only inside the organization', () => {
    const { statements } = auditFunction(/^Audits one member account/);
    const sts = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sts:')));
    expect(sts).toEqual([
      {
        Sid: 'AssumeMemberAuditRoleInOrganization',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/coding-env/coding-env-audit']] },
        Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
      },
    ]);
    // It writes only its account's report, under organization/.
    const writes = statements.filter((s) => actionsOf(s).some((a) => /^s3:(Put|Delete)/.test(a)));
    expect(writes).toEqual([expect.objectContaining({ Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^ComplianceReportsBucket/), 'Arn'] }, '/organization/*']] } })]);
  });

  test('the reader lists the accounts and nothing else of Organizations; no function may change the organization', () => {
    const { statements } = auditFunction(/^Lists the organization's accounts/);
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('organizations:'))).toEqual(['organizations:ListAccounts']);
    const policies = Object.entries(template.findResources('AWS::IAM::ManagedPolicy'));
    const statementsOf = (entries: typeof policies) => entries.flatMap(([, p]) => ((p as Resource).Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    expect(statementsOf(policies).flatMap(actionsOf).filter((a) => a.startsWith('organizations:'))).toEqual(['organizations:ListAccounts']);
    // Of the audit's roles, only the per-account function assumes a role (platform admins keep their CDK deploy roles).
    const audit = policies.filter(([id]) => id.startsWith('Compliance'));
    expect(statementsOf(audit).flatMap(actionsOf).filter((a) => a.startsWith('sts:'))).toEqual(['sts:AssumeRole']);
  });

  test("the state machine may start and watch its own map's child executions, invoke the three functions, and has no inline policy", () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const maps = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).filter((p) => JSON.stringify(p).includes('states:StartExecution') && JSON.stringify((p as Resource).Properties.Roles).includes('StateMachineRole'));
    expect(maps).toHaveLength(1);
    const statements = ((maps[0] as Resource).Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: expect.stringMatching(/StateMachine/) } },
      {
        Effect: 'Allow',
        Action: ['states:DescribeExecution', 'states:StopExecution'],
        Resource: { 'Fn::Join': ['', expect.arrayContaining([':execution:', '/MemberAccounts:*'])] },
      },
    ]);
    const invoke = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
      .flatMap((p) => ((p as Resource).Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .find((s) => actionsOf(s).includes('lambda:InvokeFunction') && JSON.stringify(s.Resource).includes('Organization'));
    for (const fn of ['OrganizationAccountsFunction', 'OrganizationAccountFunction', 'OrganizationReportFunction']) expect(JSON.stringify(invoke?.Resource)).toContain(`ComplianceChecks${fn}`);
  });
});

describe('organization: the gates', () => {
  test('nothing is left open, and every organization acknowledgement silences a finding', () => {
    expect(gates.findings.filter((f) => !f.acknowledged && f.level === 'error')).toEqual([]);
    for (const ack of organizationAcknowledgements('coding-env-audit')) expect(gates.findings.some((f) => f.ruleId === ack.id && f.acknowledged?.at === ack.path)).toBe(true);
  });

  test('the stack stays within CloudFormation limits', () => {
    expect(Object.keys(template.toJSON().Resources as object).length).toBeLessThanOrEqual(500);
    expect(stack.node.tryFindChild('Compliance')).toBeDefined();
  });
});
