import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { checkRunResultSchema } from '../../../checks/check-results';
import { lambdaTaskRoot, serveArchive, serveIam } from './fake-aws';

const iam = mockClient(IAMClient);
const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);

const TRAIL_BUCKET = 'codingenv-auditarchive-bucket';
const event = { check: 'ignored', startedAt: '2026-11-20T12:00:00.000Z' };

beforeAll(() => {
  Object.assign(process.env, { LAMBDA_TASK_ROOT: lambdaTaskRoot(), TRAIL_BUCKET, AUDIT_REGIONS: 'us-east-1', WINDOW_DAYS: '30', AWS_REGION: 'us-east-1' });
});
beforeEach(() => {
  for (const m of [iam, trail, s3]) m.reset();
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
    expect(result.inputs).toEqual([expect.objectContaining({ source: 'api:iam:GetCredentialReport', status: 'read' })]);
  });

  test('vpn-bypass reads data events from the trail archive and management events from LookupEvents', async () => {
    const result = checkRunResultSchema.parse(await (await handlerOf('vpn-bypass'))(event));
    expect(result.status).toBe('ok');
    expect(result.findings.map((f) => f.principal).sort()).toEqual(['ci-deployer', 'mgarcia']);
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
