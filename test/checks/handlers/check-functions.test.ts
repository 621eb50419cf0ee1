import { CloudFormationClient, DescribeStackDriftDetectionStatusCommand, DescribeStackResourceDriftsCommand, DetectStackDriftCommand } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, GetEventSelectorsCommand, GetTrailStatusCommand, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetObjectLockConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { checkRunResultSchema } from '../../../checks/check-results';
import { lambdaTaskRoot, serveArchive, serveIam } from './fake-aws';

const iam = mockClient(IAMClient);
const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
const cloudFormation = mockClient(CloudFormationClient);

const TRAIL_BUCKET = 'codingenv-auditarchive-bucket';
const TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/CodingEnv-AuditTrail';
const event = { check: 'ignored', startedAt: '2026-11-20T12:00:00.000Z' };

beforeAll(() => {
  Object.assign(process.env, { LAMBDA_TASK_ROOT: lambdaTaskRoot(), TRAIL_BUCKET, AUDIT_REGIONS: 'us-east-1', WINDOW_DAYS: '30', AWS_REGION: 'us-east-1', TRAIL_ARN, STACK_NAME: 'CodingEnv' });
});
beforeEach(() => {
  for (const m of [iam, trail, s3, cloudFormation]) m.reset();
  serveIam(iam);
  trail.on(LookupEventsCommand).resolves({ Events: [] });
  serveArchive(s3, TRAIL_BUCKET);
});

// Each handler module is the Lambda entry point as deployed (clients built at load, config from the task root).
const handlerOf = async (name: string) => ((await import(`../../../checks/handlers/${name}`)) as { handler: (e: unknown) => Promise<unknown> }).handler;

describe('check functions, end to end against mocked AWS', () => {
  test('stale-access reads the generated credential report and flags the departed person', async () => {
    const result = checkRunResultSchema.parse(await (await handlerOf('stale-access'))(event));
    expect(result).toMatchObject({ check: 'stale-access', status: 'ok' });
    expect(result.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'departed-person-active', principal: 'tnguyen' })]));
    expect(result.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'api:iam:GetCredentialReport', status: 'read' })]));
    // used-after-departure reads the trail too.
    expect(result.inputs.some((i) => i.source.startsWith(`s3://${TRAIL_BUCKET}/AWSLogs/`))).toBe(true);
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
      expect(trail.commandCalls(LookupEventsCommand)).not.toHaveLength(0);
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

  test('vpn-bypass reads data events from the trail archive and management events from LookupEvents', async () => {
    const result = checkRunResultSchema.parse(await (await handlerOf('vpn-bypass'))(event));
    expect(result.status).toBe('ok');
    expect(result.findings.map((f) => f.principal).sort()).toEqual(['ci-deployer', 'mgarcia', 'rpatel']);
    expect(trail.commandCalls(LookupEventsCommand)).not.toHaveLength(0);
    expect(result.inputs.some((i) => i.source.startsWith(`s3://${TRAIL_BUCKET}/AWSLogs/`))).toBe(true);
  });

  test('a check whose IAM call is denied returns error, not an empty ok', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(Object.assign(new Error('not authorized to perform: iam:GetAccountAuthorizationDetails'), { name: 'AccessDenied' }));
    const result = checkRunResultSchema.parse(await (await handlerOf('privilege-creep'))(event));
    expect(result).toMatchObject({ check: 'privilege-creep', status: 'error', findings: [] });
    expect(result.error).toMatch(/authorization details: access denied \(AccessDenied\): not authorized to perform iam:GetAccountAuthorizationDetails/);
  });

  test('an archive without files for the window makes the PHI check error', async () => {
    s3.reset();
    serveArchive(s3, TRAIL_BUCKET, 'test/fixtures/evidence/empty-archive');
    const result = checkRunResultSchema.parse(await (await handlerOf('access-anomaly'))(event));
    expect(result).toMatchObject({ check: 'access-anomaly', status: 'error' });
    expect(result.error).toMatch(/no CloudTrail log files for the window/);
  });

  test('an event without a start time is refused as error', async () => {
    const result = checkRunResultSchema.parse(await (await handlerOf('stale-access'))({ check: 'stale-access' }));
    expect(result).toMatchObject({ status: 'error', error: expect.stringMatching(/invalid input from the state machine: startedAt/) });
  });
});
