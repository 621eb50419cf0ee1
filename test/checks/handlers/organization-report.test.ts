import { readFileSync } from 'node:fs';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfigFile } from '../../../lib/config/load';
import { auditWindow, composeReport } from '../../../checks/audit';
import { MEMBER_CHECKS } from '../../../checks/handlers/organization-run';
import { parseRegister } from '../../../checks/register/load';
import { type Finding, type Report, reportSchema } from '../../../checks/report-model';
import { ALL_CHECKS } from '../../../checks/rules/all-checks';
import { FAULTS } from '../collect/aws-faults';
import { lambdaTaskRoot } from './fake-aws';

const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);

const HOME = '111122223333';
const MEMBER = '444455556666';
const startedAt = '2026-11-20T12:00:00.000Z';
/** What the stack sets in the organization report function's environment (lib/organization-run.ts). */
const ENV = {
  LAMBDA_TASK_ROOT: lambdaTaskRoot(),
  AWS_REGION: 'us-east-1',
  WINDOW_DAYS: '30',
  REPORTS_BUCKET: 'codingenv-reports-bucket',
  REPORTS_PREFIX: 'daily-reports/',
  ORGANIZATION_PREFIX: 'org-runs/',
  TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:CodingEnv-Compliance',
  HOME_ACCOUNT_ID: HOME,
};
const HOME_PREFIX = 'daily-reports/2026-11-20/daily-exec-1/';
const RUN_PREFIX = 'org-runs/2026-11-20/daily-exec-1/';

const config = loadConfigFile('config/coding-env.json');
const window = auditWindow(new Date(startedAt), 30);
const register = parseRegister(JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8')), 'register.json');
/** A report as the audit account's or a member's run files it. */
const filed = (checks: readonly { check: string }[], findings: Finding[]): Report =>
  composeReport({
    config, window, generatedAt: new Date('2026-11-20T12:03:00Z'), register, findings, checks: checks.map(({ check }) => ({ check, status: 'ok' })), inputs: [],
    evidence: { credentialReport: { ok: true, value: { users: [], hasKeyLastUsed: true } }, authorization: { ok: true, value: { users: [], groups: [], roles: [], policies: [] } } },
    coverage: { from: window.from.toISOString(), to: window.to.toISOString(), gaps: [] },
  });
const finding = (check: string, principal: string, account?: string): Finding => ({ check, rule: 'r', principal, severity: 'high', summary: `${principal} did something`, evidence: {}, ...(account ? { account } : {}) });
const OBJECTS: Record<string, string> = {
  [`${HOME_PREFIX}report.json`]: JSON.stringify(filed(ALL_CHECKS, [finding('stale-access', 'tnguyen')])),
  [`${RUN_PREFIX}accounts/${MEMBER}/report.json`]: JSON.stringify(filed(MEMBER_CHECKS, [finding('privilege-creep', 'jdoe', MEMBER)])),
};
const event = {
  mode: 'daily', executionName: 'exec-1', startedAt, home: `s3://codingenv-reports-bucket/${HOME_PREFIX}`,
  listing: { accounts: [MEMBER], organization: [HOME, MEMBER], notAudited: [] },
};

const saved = { ...process.env };
beforeEach(() => {
  process.env = { ...saved, ...ENV };
  s3.reset();
  sns.reset();
  s3.on(GetObjectCommand, { Bucket: ENV.REPORTS_BUCKET }).callsFake((input: { Key: string }) => {
    const body = OBJECTS[input.Key];
    if (body === undefined) throw FAULTS.noSuchKey();
    return { Body: (async function* () { yield Buffer.from(body); })() };
  });
  s3.on(PutObjectCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});
afterAll(() => {
  process.env = saved;
});

// The module as deployed: its clients built at load, the config from the task root.
const handler = async () => ((await import('../../../checks/handlers/organization-report')) as { handler: (e: unknown) => Promise<unknown> }).handler;

describe("the organization report function (the Lambda entry point)", () => {
  test("reads the audit account's report under the reports prefix and the members' under the organization prefix, files the merged report, notifies the topic", async () => {
    const before = Date.now();
    const result = await (await handler())(event);
    const after = Date.now();

    expect(result).toEqual({ location: `s3://codingenv-reports-bucket/${RUN_PREFIX}`, accounts: 2, findings: 2, complete: true });
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key).sort()).toEqual(Object.keys(OBJECTS).sort());
    const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => `${p.Bucket}/${p.Key}`)).toEqual(['report.json', 'report.md', 'report.html', 'report.ocsf.json'].map((f) => `codingenv-reports-bucket/${RUN_PREFIX}${f}`));
    const report = reportSchema.parse(JSON.parse(String(puts[0].Body)));
    // The audit account's own findings are HOME_ACCOUNT_ID's.
    expect(report.findings.map((f) => [f.account, f.principal])).toEqual([[HOME, 'tnguyen'], [MEMBER, 'jdoe']]);
    expect(Date.parse(report.generatedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(report.generatedAt)).toBeLessThanOrEqual(after);
    expect(sns.commandCalls(PublishCommand).map((c) => c.args[0].input.TopicArn)).toEqual([ENV.TOPIC_ARN]);
  });

  test.each(['REPORTS_BUCKET', 'REPORTS_PREFIX', 'ORGANIZATION_PREFIX', 'TOPIC_ARN', 'HOME_ACCOUNT_ID'])('deployed without %s: refused, naming it, nothing read or filed', async (name) => {
    delete process.env[name];
    const h = await handler();
    await expect((async () => h(event))()).rejects.toThrow(new Error(`environment variable ${name} is not set (the stack sets it; was the function deployed by hand?)`));
    expect(s3.calls()).toHaveLength(0);
  });
});
