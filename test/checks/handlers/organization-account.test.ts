import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudTrailClient, DescribeTrailsCommand, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GenerateCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { BUNDLED_CONFIG_FILE } from '../../../lib/config/load';
import { MEMBER_CHECKS } from '../../../checks/handlers/organization-run';
import { type Report, reportSchema } from '../../../checks/report-model';
import { sha256Hex } from '../../../checks/report/scope';
import { lambdaTaskRoot, MEMBER, MEMBER_RUN, MEMBER_SESSION, MEMBER_TRAIL_BUCKET, RECORDS_ENV, serveArchive, serveIam, serveRegisterBucket } from './fake-aws';

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);

const CREDENTIALS = MEMBER_SESSION;
const run = MEMBER_RUN;
const taskRoot = lambdaTaskRoot();

/** What the stack sets in the per-account function's environment (lib/organization-run.ts), spaces and a trailing comma in the region list. */
const ENV = {
  LAMBDA_TASK_ROOT: taskRoot,
  AWS_REGION: 'us-east-1',
  WINDOW_DAYS: '30',
  PARTITION: 'aws-us-gov',
  MEMBER_ROLE_PATH: '/coding-env/',
  MEMBER_ROLE_NAME: 'coding-env-member-audit',
  AUDIT_REGIONS: ' us-west-2 , us-east-1,',
  ...RECORDS_ENV,
  REPORTS_BUCKET: 'codingenv-reports-bucket',
  ORGANIZATION_PREFIX: 'org-runs/',
  AWS_LAMBDA_FUNCTION_NAME: 'CodingEnv-OrganizationAccount',
};
const ROLE_ARN = `arn:aws-us-gov:iam::${MEMBER}:role/coding-env/coding-env-member-audit`;
const PREFIX = `org-runs/2026-11-20/daily-exec-1/accounts/${MEMBER}/`;

const saved = { ...process.env };
beforeEach(() => {
  process.env = { ...saved, ...ENV };
  for (const stub of [sts, iam, trail, s3]) stub.reset();
  sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
  serveIam(iam);
  trail.on(LookupEventsCommand).resolves({ Events: [] });
  trail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'org', S3BucketName: MEMBER_TRAIL_BUCKET, IsMultiRegionTrail: true }] });
  serveArchive(s3, MEMBER_TRAIL_BUCKET);
  serveRegisterBucket(s3, RECORDS_ENV.REGISTER_BUCKET, false);
  s3.on(PutObjectCommand).resolves({});
});
afterAll(() => {
  process.env = saved;
});

// The module as deployed: its own clients built at load, the config from the task root.
const handler = async () => ((await import('../../../checks/handlers/organization-account')) as { handler: (e: unknown) => Promise<unknown> }).handler;

function filedReport(): Report {
  const put = s3.commandCalls(PutObjectCommand).find((c) => c.args[0].input.Key === `${PREFIX}report.json`);
  if (!put) throw new Error('report.json was not filed');
  return reportSchema.parse(JSON.parse(String(put.args[0].input.Body)));
}

/** The region and credentials a mocked call's client was built with. */
async function signing(call: { thisValue: unknown }): Promise<{ region: string; accessKeyId: string; sessionToken?: string }> {
  const client = call.thisValue as { config: { region: () => Promise<string>; credentials: () => Promise<{ accessKeyId: string; sessionToken?: string }> } };
  const { accessKeyId, sessionToken } = await client.config.credentials();
  return { region: await client.config.region(), accessKeyId, ...(sessionToken ? { sessionToken } : {}) };
}

describe('the organization run’s per-account function (the Lambda entry point)', () => {
  test('assumes the member role named by the environment, reads the account with its session in each listed region, files the report where the environment says', async () => {
    const before = Date.now();
    const result = await (await handler())(run);
    const after = Date.now();

    expect(result).toEqual({ account: MEMBER, location: `s3://codingenv-reports-bucket/${PREFIX}`, findings: expect.any(Number), checksInError: 0 });
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.RoleArn)).toEqual([ROLE_ARN]);
    // The register from the register bucket, with the audit account's own client (no session).
    expect(s3.commandCalls(GetObjectCommand).filter((c) => c.args[0].input.Bucket === RECORDS_ENV.REGISTER_BUCKET).map((c) => c.args[0].input.Key)).toEqual([RECORDS_ENV.REGISTER_KEY]);

    // IAM, CloudTrail and the member's trail bucket: each signed with the member session.
    const session = { accessKeyId: 'ASIAMEMBERSESSION', sessionToken: 'member-token' };
    expect(await signing(iam.commandCalls(GenerateCredentialReportCommand)[0])).toMatchObject(session);
    const archiveRead = s3.commandCalls(GetObjectCommand).find((c) => c.args[0].input.Bucket === MEMBER_TRAIL_BUCKET);
    if (!archiveRead) throw new Error('the member trail bucket was not read');
    expect(await signing(archiveRead)).toMatchObject(session);
    // Each region of AUDIT_REGIONS, trimmed, empty entries dropped, in its own region's client.
    const lookups = await Promise.all(trail.commandCalls(LookupEventsCommand).map(signing));
    expect(lookups.map((l) => l.region)).toEqual(['us-west-2', 'us-east-1']);
    for (const l of lookups) expect(l).toMatchObject(session);
    // The trail is found through the first region's client, the one its lookups used.
    const [describe] = trail.commandCalls(DescribeTrailsCommand);
    expect(await signing(describe)).toMatchObject({ ...session, region: 'us-west-2' });
    expect(describe.thisValue).toBe(trail.commandCalls(LookupEventsCommand)[0].thisValue);

    const report = filedReport();
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Bucket)).toEqual(['codingenv-reports-bucket', 'codingenv-reports-bucket', 'codingenv-reports-bucket', 'codingenv-reports-bucket']);
    expect(report.checks.map((c) => [c.check, c.status])).toEqual(MEMBER_CHECKS.map((c) => [c.check, 'ok']));
    // The scope: this function's name, the hash of the config bundled in the task root.
    expect(report.scope?.runBy).toEqual({ kind: 'lambda', identity: 'lambda:CodingEnv-OrganizationAccount' });
    expect(report.scope?.configSha256).toBe(sha256Hex(readFileSync(join(taskRoot, BUNDLED_CONFIG_FILE))));
    // Stamped when it runs.
    const generated = Date.parse(report.generatedAt);
    expect(generated).toBeGreaterThanOrEqual(before);
    expect(generated).toBeLessThanOrEqual(after);
  });

  test('without a function name the scope names the function by its role', async () => {
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    await (await handler())(run);
    expect(filedReport().scope?.runBy).toEqual({ kind: 'lambda', identity: 'lambda:organization-account' });
  });

  test.each(['PARTITION', 'MEMBER_ROLE_PATH', 'MEMBER_ROLE_NAME', 'AUDIT_REGIONS', 'REGISTER_BUCKET', 'REGISTER_KEY', 'REPORTS_BUCKET', 'ORGANIZATION_PREFIX'])('deployed without %s: refused, naming it, no report filed', async (name) => {
    delete process.env[name];
    const h = await handler();
    // Some are read as the handler is called, some after its first await: a failed invocation either way.
    await expect((async () => h(run))()).rejects.toThrow(new Error(`environment variable ${name} is not set (the stack sets it; was the function deployed by hand?)`));
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
