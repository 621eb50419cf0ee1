import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { checkRunResultSchema } from '../../../checks/check-results';
import { serveAthenaExample } from '../athena-fake';
import { INTEGRITY_ENV, lambdaTaskRoot, serveHealthyIntegrity } from './fake-aws';

const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
const cloudFormation = mockClient(CloudFormationClient);
const athena = mockClient(AthenaClient);

const TRAIL_BUCKET = 'codingenv-auditarchive-bucket';
/** The audit-integrity function's environment (lib/scheduled-checks.ts). */
const ENV = { LAMBDA_TASK_ROOT: lambdaTaskRoot(), AWS_REGION: 'us-east-1', WINDOW_DAYS: '30', TRAIL_BUCKET, TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '540', ...INTEGRITY_ENV };
const event = { check: 'ignored', startedAt: '2026-11-20T12:00:00.000Z' };

const saved = { ...process.env };
beforeEach(() => {
  process.env = { ...saved, ...ENV };
  for (const m of [trail, s3, cloudFormation, athena]) m.reset();
  serveAthenaExample(athena);
  serveHealthyIntegrity(trail, s3, cloudFormation, TRAIL_BUCKET);
});
afterAll(() => {
  process.env = saved;
});

// The module as deployed: its clients built at load, the config from the task root.
const handler = async () => ((await import('../../../checks/handlers/audit-integrity')) as { handler: (e: unknown) => Promise<unknown> }).handler;

describe('the audit-integrity function (the Lambda entry point)', () => {
  test('deployed as the stack deploys it: the events and the probe, ok', async () => {
    const result = checkRunResultSchema.parse(await (await handler())(event));
    expect(result).toMatchObject({ check: 'audit-integrity', status: 'ok' });
    expect(result.inputs).toContainEqual(expect.objectContaining({ source: 'api:integrity:CodingEnv', kind: 'integrity-probe', status: 'read' }));
  });

  // Without what to probe the function cannot tell a healthy trail from a tampered one: error, not ok, and no call made.
  test.each([
    ['TRAIL_ARN', 'unset', 'environment variable TRAIL_ARN is not set (the stack sets it; was the function deployed by hand?)'],
    ['STACK_NAME', 'unset', 'environment variable STACK_NAME is not set (the stack sets it; was the function deployed by hand?)'],
    ['ARCHIVE_RETENTION_DAYS', 'six years', 'environment variable ARCHIVE_RETENTION_DAYS must be a whole number of days'],
  ])('deployed with %s %s: the check is error, naming it, before any call', async (name, value, error) => {
    if (value === 'unset') delete process.env[name];
    else process.env[name] = value;
    const result = await (await handler())(event);
    expect(result).toEqual({ check: 'audit-integrity', status: 'error', error, findings: [], inputs: [] });
    for (const m of [trail, s3, cloudFormation, athena]) expect(m.calls()).toHaveLength(0);
  });
});
