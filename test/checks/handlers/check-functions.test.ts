import { CloudFormationClient, DescribeStackDriftDetectionStatusCommand, DescribeStackResourceDriftsCommand, DetectStackDriftCommand } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, GetEventSelectorsCommand, GetTrailStatusCommand, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { AthenaClient, GetQueryExecutionCommand, type QueryExecutionStatus, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { GetObjectCommand, GetObjectLockConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { checkRunResultSchema } from '../../../checks/check-results';
import { realClock } from '../../../checks/collect/clock';
import { serveAthenaExample } from '../athena-fake';
import { lambdaTaskRoot, serveIam } from './fake-aws';

const iam = mockClient(IAMClient);
const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
const cloudFormation = mockClient(CloudFormationClient);
const athena = mockClient(AthenaClient);

const TRAIL_BUCKET = 'codingenv-auditarchive-bucket';
const TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/CodingEnv-AuditTrail';
const event = { check: 'ignored', startedAt: '2026-11-20T12:00:00.000Z' };

beforeAll(() => {
  Object.assign(process.env, { LAMBDA_TASK_ROOT: lambdaTaskRoot(), TRAIL_BUCKET, AUDIT_REGIONS: 'us-east-1', WINDOW_DAYS: '30', AWS_REGION: 'us-east-1', TRAIL_ARN, STACK_NAME: 'CodingEnv', TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '540', ATHENA_BYTES_SCANNED_CUTOFF: '107374182400' });
});
beforeEach(() => {
  for (const m of [iam, trail, s3, cloudFormation, athena]) m.reset();
  serveIam(iam);
  serveAthenaExample(athena);
});
afterEach(() => jest.restoreAllMocks());

/** Neither LookupEvents nor an archive object: the trail is read through Athena only. */
function readThroughAthenaOnly(): void {
  expect(trail.commandCalls(LookupEventsCommand)).toHaveLength(0);
  expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  const queries = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input);
  expect(queries.length).toBeGreaterThanOrEqual(2);
  for (const q of queries) {
    expect(q.WorkGroup).toBe('coding-env-audit');
    expect(q.QueryString).toContain(`"account" IN ('111122223333')`);
  }
}

// Each handler module is the Lambda entry point as deployed (clients built at load, config from the task root).
const handlerOf = async (name: string) => ((await import(`../../../checks/handlers/${name}`)) as { handler: (e: unknown) => Promise<unknown> }).handler;

describe('check functions, end to end against mocked AWS', () => {
  test('stale-access reads the generated credential report and flags the departed person', async () => {
    const result = checkRunResultSchema.parse(await (await handlerOf('stale-access'))(event));
    expect(result).toMatchObject({ check: 'stale-access', status: 'ok' });
    expect(result.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'departed-person-active', principal: 'tnguyen' })]));
    expect(result.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'api:iam:GetCredentialReport', status: 'read' })]));
    // used-after-departure reads the trail too.
    expect(result.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'cloudtrail-athena-events', status: 'read' })]));
    readThroughAthenaOnly();
  });

  test('shared-credentials reads the credential report and the trail\'s events through Athena, and flags shared use of either', async () => {
    const result = checkRunResultSchema.parse(await (await handlerOf('shared-credentials'))(event));
    // From the credential report's users and the trail's sign-ins and key use.
    expect(result.findings.map((f) => `${f.rule}:${f.principal}`).sort()).toEqual(['access-key-multiple-origins:ci-deployer', 'concurrent-console-sessions:mgarcia', 'service-account-console:ci-deployer', 'unowned-identity:billing-shared']);
    expect(result).toMatchObject({ check: 'shared-credentials', status: 'ok' });
    expect(result.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'api:iam:GetCredentialReport', status: 'read' }), expect.objectContaining({ kind: 'cloudtrail-athena-events', status: 'read' })]));
    readThroughAthenaOnly();
  });

  test('authentication reads the credential report and the sign-ins', async () => {
    const result = checkRunResultSchema.parse(await (await handlerOf('authentication'))(event));
    expect(result).toMatchObject({ check: 'authentication', status: 'ok' });
    expect(result.findings.map((f) => `${f.rule}:${f.principal}`)).toEqual(expect.arrayContaining(['console-without-mfa:kchen']));
  });

  describe('audit-integrity: the trail\'s tamper events and the live probe', () => {
    beforeEach(() => {
      trail.on(GetTrailStatusCommand).resolves({ IsLogging: false });
      trail.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::examplecoding-phi-records/'] }] }] });
      s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } } } });
      cloudFormation.on(DetectStackDriftCommand).resolves({ StackDriftDetectionId: 'd-1' });
      cloudFormation.on(DescribeStackDriftDetectionStatusCommand).resolves({ DetectionStatus: 'DETECTION_COMPLETE', StackDriftStatus: 'IN_SYNC' } as never);
      cloudFormation.on(DescribeStackResourceDriftsCommand).resolves({ StackResourceDrifts: [] });
    });
    test('reads the window\'s events and the probe, and reports what the probe found', async () => {
      const result = checkRunResultSchema.parse(await (await handlerOf('audit-integrity'))(event));
      expect(result).toMatchObject({ check: 'audit-integrity', status: 'ok' });
      expect(result.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'trail-not-logging', severity: 'high' })]));
      readThroughAthenaOnly();
      expect(trail.commandCalls(GetTrailStatusCommand)[0].args[0].input).toEqual({ Name: TRAIL_ARN });
      expect(result.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'integrity-probe', status: 'read' })]));
    });
    test('a probe call that is denied makes the check error, keeping the event findings', async () => {
      cloudFormation.on(DetectStackDriftCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
      const result = checkRunResultSchema.parse(await (await handlerOf('audit-integrity'))(event));
      expect(result).toMatchObject({ check: 'audit-integrity', status: 'error', error: expect.stringMatching(/integrity probe: cloudformation:DetectStackDrift failed: AccessDenied/) });
      expect(result.findings.map((f) => `${f.rule}:${f.principal}`).sort()).toEqual(['logging-stopped:opsadmin', 'retention-weakened:kchen']);
    });
  });

  test('vpn-bypass reads management and data events from the archive through Athena; the result carries coverage and completeness', async () => {
    const result = checkRunResultSchema.parse(await (await handlerOf('vpn-bypass'))(event));
    expect(result.status).toBe('ok');
    expect(result.findings.map((f) => f.principal).sort()).toEqual(['ci-deployer', 'mgarcia', 'rpatel']);
    readThroughAthenaOnly();
    expect(result.coverage).toEqual({ from: '2026-10-21T12:00:00.000Z', to: '2026-11-20T12:00:00.000Z', gaps: [] });
    expect(result.completeness).toEqual({ events: { state: 'whole', problems: [] } });
  });

  test('paginated results: the same findings at one row a page as at 25', async () => {
    const wide = checkRunResultSchema.parse(await (await handlerOf('access-anomaly'))(event));
    athena.reset();
    serveAthenaExample(athena, 1);
    const narrow = checkRunResultSchema.parse(await (await handlerOf('access-anomaly'))(event));
    expect(narrow.findings).toEqual(wide.findings);
    expect(narrow.status).toBe('ok');
    expect(wide.findings.length).toBeGreaterThan(0);
  });

  test('a query that outlasts the function\'s budget is stopped; the check is error, never killed without a word', async () => {
    // Time moves only when the collectors wait: each poll's second is a second of the budget.
    let elapsed = 0;
    const start = Date.now();
    jest.spyOn(realClock, 'now').mockImplementation(() => start + elapsed);
    jest.spyOn(realClock, 'sleep').mockImplementation(async (ms) => {
      elapsed += ms;
    });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    const result = checkRunResultSchema.parse(await (await handlerOf('vpn-bypass'))(event));
    expect(result).toMatchObject({ check: 'vpn-bypass', status: 'error', findings: [] });
    expect(result.error).toMatch(/Athena query cov-\d+ was still RUNNING when the time budget ran out; stopped it/);
    expect(athena.commandCalls(StopQueryExecutionCommand).length).toBe(2);
    // Within ATHENA_BUDGET_SECONDS (540), whatever the poll cap would allow.
    expect(elapsed).toBeLessThanOrEqual(540_000);
    expect(elapsed).toBeGreaterThan(500_000);
  });

  test.each([
    ['FAILED', { State: 'FAILED', AthenaError: { ErrorType: 1301, ErrorCategory: 2 } } as QueryExecutionStatus, /FAILED \(error type 1301, category 2\)/],
    ['CANCELLED', { State: 'CANCELLED', StateChangeReason: 'Query cancelled by user' } as QueryExecutionStatus, /was CANCELLED before it finished/],
  ])('a %s query: the check is error, the coverage says the window is not covered', async (_state, status, message) => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: status } });
    const result = checkRunResultSchema.parse(await (await handlerOf('access-anomaly'))(event));
    expect(result).toMatchObject({ status: 'error', findings: [] });
    expect(result.error).toMatch(message);
    expect(result.coverage?.gaps.length).toBeGreaterThan(0);
  });

  test('the bytes-scanned cap: a query cancelled at the workgroup\'s cutoff (from the environment) is named as capped', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'CANCELLED' }, Statistics: { DataScannedInBytes: 107374182400 } } });
    const result = checkRunResultSchema.parse(await (await handlerOf('access-anomaly'))(event));
    expect(result.status).toBe('error');
    expect(result.error).toMatch(/CANCELLED by the workgroup's bytes-scanned cap after 107374182400 bytes/);
  });

  test('deployed without the query environment: error naming the variable, no query', async () => {
    const saved = process.env.ATHENA_BUDGET_SECONDS;
    delete process.env.ATHENA_BUDGET_SECONDS;
    try {
      const result = checkRunResultSchema.parse(await (await handlerOf('vpn-bypass'))(event));
      expect(result).toMatchObject({ status: 'error' });
      expect(result.error).toMatch(/environment variable ATHENA_BUDGET_SECONDS is not set/);
      expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
    } finally {
      process.env.ATHENA_BUDGET_SECONDS = saved;
    }
  });

  test('a check whose IAM call is denied returns error, not an empty ok', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(Object.assign(new Error('not authorized to perform: iam:GetAccountAuthorizationDetails'), { name: 'AccessDenied' }));
    const result = checkRunResultSchema.parse(await (await handlerOf('privilege-creep'))(event));
    expect(result).toMatchObject({ check: 'privilege-creep', status: 'error', findings: [] });
    expect(result.error).toMatch(/authorization details: access denied \(AccessDenied\): not authorized to perform iam:GetAccountAuthorizationDetails/);
  });

  test('a window the archive holds no events for makes the PHI check error', async () => {
    const result = checkRunResultSchema.parse(await (await handlerOf('access-anomaly'))({ ...event, startedAt: '2025-06-01T00:00:00.000Z' }));
    expect(result).toMatchObject({ check: 'access-anomaly', status: 'error' });
    expect(result.error).toMatch(/no event on 2025-05-02 to 2025-05-31 \(coverage\.gaps\): the window is not covered/);
    expect(result.coverage?.gaps).toEqual([{ from: '2025-05-02', to: '2025-05-31' }]);
  });

  test('an event without a start time is refused as error', async () => {
    const result = checkRunResultSchema.parse(await (await handlerOf('stale-access'))({ check: 'stale-access' }));
    expect(result).toMatchObject({ status: 'error', error: expect.stringMatching(/invalid input from the state machine: startedAt/) });
  });
});
