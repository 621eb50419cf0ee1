import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CloudTrailClient, DescribeTrailsCommand, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GenerateCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfigFile } from '../../../lib/config/load';
import type { AwsClients } from '../../../checks/collect/clients';
import { type AccountStepDeps, auditMemberAccount } from '../../../checks/handlers/organization-account-step';
import { MEMBER_CHECKS } from '../../../checks/handlers/organization-run';
import { type Report, reportSchema } from '../../../checks/report-model';
import { ALL_CHECKS } from '../../../checks/rules/all-checks';
import { FAULTS } from '../collect/aws-faults';
import { MEMBER, MEMBER_RUN, MEMBER_SESSION, MEMBER_TRAIL_BUCKET, RECORDS_ENV, serveArchive, serveIam, serveRegisterBucket } from './fake-aws';

const config = loadConfigFile('config/coding-env.json');
const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);

const REPORTS = 'reports-bucket';
const run = MEMBER_RUN;
const { startedAt } = run;
const CREDENTIALS = MEMBER_SESSION;

let signedWith: AwsCredentialIdentity[];
function deps(): AccountStepDeps {
  return {
    config,
    sts: new STSClient({ region: 'us-east-1' }),
    s3: new S3Client({ region: 'us-east-1' }),
    memberClients: (credentials): AwsClients => {
      signedWith.push(credentials);
      return { iam: new IAMClient({ region: 'us-east-1', credentials }), s3: new S3Client({ region: 'us-east-1', credentials }), cloudTrail: (region) => new CloudTrailClient({ region, credentials }) };
    },
    memberRoleArn: (account) => `arn:aws:iam::${account}:role/coding-env/coding-env-audit`,
    regions: ['us-east-1'],
    windowDays: 30,
    registerBucket: RECORDS_ENV.REGISTER_BUCKET,
    registerKey: RECORDS_ENV.REGISTER_KEY,
    reportsBucket: REPORTS,
    organizationPrefix: 'organization/',
    configSha256: 'c'.repeat(64),
    runBy: 'lambda:organization-account',
    now: () => new Date('2026-11-20T12:05:00Z'),
    clock: { now: () => Date.parse(startedAt), sleep: async () => undefined },
  };
}

beforeEach(() => {
  for (const stub of [sts, iam, trail, s3]) stub.reset();
  signedWith = [];
  serveRegisterBucket(s3, RECORDS_ENV.REGISTER_BUCKET, false);
  s3.on(PutObjectCommand).resolves({});
});

/** The account's report as filed, and the keys written. */
function filed(): { report: Report; keys: string[] } {
  const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
  const json = puts.find((p) => p.Key?.endsWith('/report.json'));
  return { report: reportSchema.parse(JSON.parse(String(json?.Body))), keys: puts.map((p) => String(p.Key)) };
}

describe('one iteration of the organization run: a member account through its audit role', () => {
  test('the role is assumed and the account read with its credentials; the report is filed under the account, every finding with its account', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
    serveIam(iam);
    trail.on(LookupEventsCommand).resolves({ Events: [] });
    trail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'org', S3BucketName: MEMBER_TRAIL_BUCKET, IsMultiRegionTrail: true }] });
    serveArchive(s3, MEMBER_TRAIL_BUCKET);

    const result = await auditMemberAccount(JSON.parse(JSON.stringify(run)), deps());

    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toMatchObject({ RoleArn: `arn:aws:iam::${MEMBER}:role/coding-env/coding-env-audit`, RoleSessionName: 'coding-env-audit-exec-1' });
    expect(signedWith).toEqual([expect.objectContaining({ accessKeyId: 'ASIAMEMBERSESSION', sessionToken: 'member-token' })]);
    const { report, keys } = filed();
    const prefix = `organization/2026-11-20/daily-exec-1/accounts/${MEMBER}/`;
    expect(keys.sort()).toEqual(['report.json', 'report.md', 'report.html', 'report.ocsf.json'].map((f) => `${prefix}${f}`).sort());
    expect(result).toEqual({ account: MEMBER, location: `s3://${REPORTS}/${prefix}`, findings: report.findings.length, checksInError: 0 });
    // The checks of an account's own evidence, no others; each ok on evidence read whole.
    expect(report.checks.map((c) => c.check)).toEqual(MEMBER_CHECKS.map((c) => c.check));
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.account === MEMBER)).toBe(true);
    expect(report.scope?.accounts).toEqual([MEMBER]);
    expect(report.inputs).toContainEqual(expect.objectContaining({ source: `api:sts:AssumeRole:arn:aws:iam::${MEMBER}:role/coding-env/coding-env-audit`, status: 'read' }));
  });

  test('AssumeRole denied: every check of the account is error, naming the account and the role; the report is still filed', async () => {
    sts.on(AssumeRoleCommand).rejects(FAULTS.denied('sts:AssumeRole'));

    const result = await auditMemberAccount(run, deps());

    expect(signedWith).toEqual([]);
    expect(iam.calls()).toHaveLength(0);
    const { report } = filed();
    expect(result.checksInError).toBe(MEMBER_CHECKS.length);
    for (const check of report.checks) {
      expect(check.status).toBe('error');
      expect(check.error).toContain(`account ${MEMBER}: the member audit role could not be assumed (access denied (AccessDenied): not authorized to perform sts:AssumeRole)`);
    }
    expect(report.findings).toEqual([]);
    // The checklist items resting on the account's checks or IAM data are error, never pass.
    for (const item of [2, 3, 5, 6]) expect(report.checklist.find((i) => i.item === item)?.status).toBe('error');
    expect(report.inputs).toContainEqual(expect.objectContaining({ source: expect.stringMatching(/^api:sts:AssumeRole:/), kind: 'account', status: 'skipped', problem: expect.stringMatching(/StackSet instance/) }));
    // Every window day is a gap of this account.
    expect(report.coverage.gaps).toEqual([{ from: '2026-10-21', to: '2026-11-20', account: MEMBER }]);
  });

  test('a member role that answers but cannot read IAM: the IAM checks are error, the event checks still decided', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
    iam.rejects(FAULTS.denied('iam:GenerateCredentialReport'));
    trail.on(LookupEventsCommand).resolves({ Events: [] });
    trail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'org', S3BucketName: MEMBER_TRAIL_BUCKET, IsMultiRegionTrail: true }] });
    serveArchive(s3, MEMBER_TRAIL_BUCKET);

    await auditMemberAccount(run, deps());

    const { report } = filed();
    const status = Object.fromEntries(report.checks.map((c) => [c.check, c.status]));
    for (const check of ALL_CHECKS.filter((c) => c.needs.includes('credentialReport') || c.needs.includes('authorization'))) expect(status[check.check]).toBe('error');
    expect(status['vpn-bypass']).toBe('ok');
  });

  test('filing the report fails: the iteration fails (the Distributed Map then fails the run)', async () => {
    sts.on(AssumeRoleCommand).rejects(FAULTS.denied('sts:AssumeRole'));
    s3.on(PutObjectCommand).rejects(FAULTS.denied('s3:PutObject'));
    await expect(auditMemberAccount(run, deps())).rejects.toThrow(/PutObject/);
  });

  test('an event the state machine did not send is refused before any call', async () => {
    await expect(auditMemberAccount({ ...run, account: '12345' }, deps())).rejects.toThrow();
    expect(sts.calls()).toHaveLength(0);
  });
});

describe('the member role’s credentials', () => {
  test.each([
    ['no credentials', {}],
    ['no access key', { Credentials: { ...CREDENTIALS, AccessKeyId: '' } }],
    ['no secret', { Credentials: { ...CREDENTIALS, SecretAccessKey: undefined } }],
    ['no session token', { Credentials: { ...CREDENTIALS, SessionToken: undefined } }],
  ])('AssumeRole answering with %s: the account is not read, every check error', async (_name, answer) => {
    sts.on(AssumeRoleCommand).resolves(answer as never);
    const result = await auditMemberAccount(run, deps());
    expect(signedWith).toEqual([]);
    expect(result.checksInError).toBe(MEMBER_CHECKS.length);
    const problem = 'the member audit role could not be assumed (NoCredentials: AssumeRole returned no credentials): is the StackSet instance deployed in this account?';
    expect(filed().report.inputs).toContainEqual({ source: `api:sts:AssumeRole:arn:aws:iam::${MEMBER}:role/coding-env/coding-env-audit`, kind: 'account', status: 'skipped', records: 0, sha256: '', problem });
  });

  test('the session: an hour, named for the run and cut to 64 characters; credentials without an expiry are passed on as they are', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: { ...CREDENTIALS, Expiration: undefined } as never });
    iam.rejects(FAULTS.denied('iam:GenerateCredentialReport'));
    trail.rejects(FAULTS.denied('cloudtrail:LookupEvents'));
    const long = 'x'.repeat(80);
    await auditMemberAccount({ ...run, executionName: long }, deps());
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toEqual({ RoleArn: `arn:aws:iam::${MEMBER}:role/coding-env/coding-env-audit`, RoleSessionName: `coding-env-audit-${long}`.slice(0, 64), DurationSeconds: 3600 });
    expect(signedWith).toEqual([{ accessKeyId: 'ASIAMEMBERSESSION', secretAccessKey: 'member-secret', sessionToken: 'member-token' }]);
    const { report } = filed();
    expect(report.inputs).toContainEqual({ source: `api:sts:AssumeRole:arn:aws:iam::${MEMBER}:role/coding-env/coding-env-audit`, kind: 'account', status: 'read', records: 1, sha256: '' });
    expect(report.reportId).toBe(`daily-${long}-${MEMBER}`);
  });
});

describe('what the member account’s report states of its inputs', () => {
  const readable = () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: CREDENTIALS });
    serveIam(iam);
    trail.on(LookupEventsCommand).resolves({ Events: [] });
    trail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'org', S3BucketName: MEMBER_TRAIL_BUCKET, IsMultiRegionTrail: true }] });
    serveArchive(s3, MEMBER_TRAIL_BUCKET);
  };

  test('the scope names the register read by its hash, and the member session keeps its expiry', async () => {
    readable();
    await auditMemberAccount(run, deps());
    const register = readFileSync('test/fixtures/register/example.json');
    expect(filed().report.scope?.registerSha256).toBe(createHash('sha256').update(register).digest('hex'));
    expect(signedWith).toEqual([{ accessKeyId: 'ASIAMEMBERSESSION', secretAccessKey: 'member-secret', sessionToken: 'member-token', expiration: CREDENTIALS.Expiration }]);
  });

  test('no register on file: the scope names no register hash, the account still read', async () => {
    readable();
    s3.on(GetObjectCommand, { Bucket: RECORDS_ENV.REGISTER_BUCKET }).rejects(FAULTS.noSuchKey());
    await auditMemberAccount(run, deps());
    const { report } = filed();
    expect(report.scope?.registerSha256).toBeNull();
    expect(report.inputs).toContainEqual(expect.objectContaining({ kind: 'register', status: 'skipped', problem: 'not found' }));
    expect(signedWith).toHaveLength(1);
  });

  test('the clock given paces the waits for the credential report', async () => {
    readable();
    iam.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'STARTED' }).resolves({ State: 'COMPLETE' });
    const slept: number[] = [];
    await auditMemberAccount(run, { ...deps(), clock: { now: () => Date.parse(startedAt), sleep: async (ms) => { slept.push(ms); } } });
    expect(slept).toEqual([1000]);
    expect(filed().report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
  });
});
