import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { BUNDLED_CONFIG_FILE } from '../../../lib/config/load';
import { type Report, reportSchema } from '../../../checks/report-model';
import { renderReportPdf } from '../../../checks/report/pdf';
import { sha256Hex } from '../../../checks/report/scope';
import { lambdaTaskRoot, RECORDS_ENV, REPORT_EVENT, serveIam, serveRegisterBucket } from './fake-aws';

// The printer is the Chromium layer's: here it is stood in for, so no browser starts.
jest.mock('../../../checks/report/pdf', () => ({ renderReportPdf: jest.fn() }));
const printer = jest.mocked(renderReportPdf);
const PDF = Buffer.from('%PDF-1.7 printed by the layer');

const iam = mockClient(IAMClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const hub = mockClient(SecurityHubClient);

const taskRoot = lambdaTaskRoot();
/** What the stack sets in the report function's environment (lib/scheduled-checks.ts); Security Hub import off. */
const ENV = {
  LAMBDA_TASK_ROOT: taskRoot,
  AWS_REGION: 'us-east-1',
  WINDOW_DAYS: '30',
  ...RECORDS_ENV,
  REPORTS_BUCKET: 'codingenv-reports-bucket',
  REPORTS_PREFIX: 'daily-reports/',
  TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:CodingEnv-Compliance',
  CHROMIUM_BIN_DIR: '/opt/chromium-layer/bin',
  AWS_LAMBDA_FUNCTION_NAME: 'CodingEnv-Report',
};
const PREFIX = 'daily-reports/2026-11-20/daily-exec-1/';

const event = REPORT_EVENT;

const saved = { ...process.env };
beforeEach(() => {
  process.env = { ...saved, ...ENV };
  for (const m of [iam, s3, sns, hub]) m.reset();
  serveIam(iam);
  serveRegisterBucket(s3);
  s3.on(ListObjectsV2Command, { Bucket: ENV.REPORTS_BUCKET }).resolves({ Contents: [], IsTruncated: false });
  s3.on(PutObjectCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  printer.mockReset();
  printer.mockResolvedValue(PDF);
});
afterAll(() => {
  process.env = saved;
});

// The module as deployed: its clients built at load, the config from the task root.
const handler = async () => ((await import('../../../checks/handlers/report')) as { handler: (e: unknown) => Promise<unknown> }).handler;

const puts = () => s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
function filedReport(): Report {
  const json = puts().find((p) => p.Key === `${PREFIX}report.json`);
  if (!json) throw new Error('report.json was not filed');
  return reportSchema.parse(JSON.parse(String(json.Body)));
}

describe('the report function (the Lambda entry point)', () => {
  test('reads the register and the earlier reports where the environment says, files every file and the PDF under the reports prefix, notifies the topic', async () => {
    const before = Date.now();
    const result = await (await handler())(event);
    const after = Date.now();

    expect(result).toMatchObject({ location: `s3://codingenv-reports-bucket/${PREFIX}`, files: ['report.json', 'report.md', 'report.html', 'report.ocsf.json', 'report.pdf'], findings: 1 });
    expect(result).not.toHaveProperty('securityHub');
    expect(s3.commandCalls(GetObjectCommand).map((c) => `${c.args[0].input.Bucket}/${c.args[0].input.Key}`)).toContain(`${RECORDS_ENV.REGISTER_BUCKET}/${RECORDS_ENV.REGISTER_KEY}`);
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input)).toContainEqual(expect.objectContaining({ Bucket: 'codingenv-reports-bucket', Prefix: 'daily-reports/' }));
    expect(iam.commandCalls(GetCredentialReportCommand).length).toBeGreaterThan(0);
    expect(puts().map((p) => `${p.Bucket}/${p.Key}`)).toEqual(['report.json', 'report.md', 'report.html', 'report.ocsf.json', 'report.pdf'].map((f) => `codingenv-reports-bucket/${PREFIX}${f}`));

    // The report printed once, by the layer's Chromium, and its bytes filed as report.pdf.
    const report = filedReport();
    expect(printer).toHaveBeenCalledTimes(1);
    expect(printer.mock.calls[0][0]).toMatchObject({ reportId: report.reportId, generatedAt: report.generatedAt });
    expect(printer.mock.calls[0][1]).toEqual({ binDir: '/opt/chromium-layer/bin' });
    expect(puts().find((p) => p.Key === `${PREFIX}report.pdf`)?.Body).toBe(PDF);

    const topics = sns.commandCalls(PublishCommand).map((c) => c.args[0].input.TopicArn);
    expect(topics.length).toBeGreaterThan(0);
    expect(new Set(topics)).toEqual(new Set([ENV.TOPIC_ARN]));
    // The scope: this function's name, the hash of the config bundled in the task root; stamped when it runs.
    expect(report.scope?.runBy).toEqual({ kind: 'lambda', identity: 'lambda:CodingEnv-Report' });
    expect(report.scope?.configSha256).toBe(sha256Hex(readFileSync(join(taskRoot, BUNDLED_CONFIG_FILE))));
    expect(Date.parse(report.generatedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(report.generatedAt)).toBeLessThanOrEqual(after);
    // Import off (SECURITY_HUB_IMPORT unset at load; on is report-security-hub.test.ts): Security Hub is not called.
    expect(hub.calls()).toHaveLength(0);
  });

  test('without a function name the scope names the function by its role', async () => {
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    await (await handler())(event);
    expect(filedReport().scope?.runBy).toEqual({ kind: 'lambda', identity: 'lambda:report' });
  });

  test.each(['REGISTER_BUCKET', 'REGISTER_KEY', 'REPORTS_BUCKET', 'REPORTS_PREFIX', 'TOPIC_ARN'])('deployed without %s: refused, naming it, nothing filed', async (name) => {
    delete process.env[name];
    const h = await handler();
    await expect((async () => h(event))()).rejects.toThrow(new Error(`environment variable ${name} is not set (the stack sets it; was the function deployed by hand?)`));
    expect(puts()).toHaveLength(0);
  });

  test('deployed without CHROMIUM_BIN_DIR: the text files are filed, then the step fails naming it; no PDF, no notification', async () => {
    delete process.env.CHROMIUM_BIN_DIR;
    await expect((await handler())(event)).rejects.toThrow(new Error('environment variable CHROMIUM_BIN_DIR is not set (the stack sets it; was the function deployed by hand?)'));
    expect(printer).not.toHaveBeenCalled();
    expect(puts().map((p) => p.Key)).toEqual(['report.json', 'report.md', 'report.html', 'report.ocsf.json'].map((f) => `${PREFIX}${f}`));
    expect(sns.calls()).toHaveLength(0);
  });
});
