import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfigFile } from '../../../lib/config/load';
import { type ReportStepDeps, writeScheduledReport } from '../../../checks/handlers/report-step';
import { securityHubTargetFromEnv } from '../../../checks/handlers/security-hub-env';
import { okResult, serveIam } from './fake-aws';

const iam = mockClient(IAMClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const hub = mockClient(SecurityHubClient);

const target = { productArn: 'arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default', accountId: '111122223333', region: 'us-east-1', partition: 'aws' };
const deps = (withHub: boolean): ReportStepDeps => ({
  config: loadConfigFile('config/coding-env.json'),
  iam: new IAMClient({ region: 'us-east-1' }),
  s3: new S3Client({ region: 'us-east-1' }),
  sns: new SNSClient({ region: 'us-east-1' }),
  windowDays: 30,
  registerBucket: 'register-bucket',
  registerKey: 'register.json',
  reportsBucket: 'reports-bucket',
  reportsPrefix: 'reports/',
  topicArn: 'arn:aws:sns:us-east-1:111122223333:compliance',
  now: () => new Date('2026-11-20T12:05:00Z'),
  renderPdf: async () => Buffer.from('%PDF-1.7 fake'),
  configSha256: 'c'.repeat(64),
  runBy: 'lambda:coding-env-report',
  ...(withHub ? { securityHub: { client: new SecurityHubClient({ region: 'us-east-1' }), target } } : {}),
});

const ok = okResult;
const creep = { check: 'privilege-creep', rule: 'excess-group', principal: 'rpatel', severity: 'high' as const, summary: 'rpatel is in coders-cardiology', evidence: { group: 'coders-cardiology', sourceIp: '203.0.113.50', key: 'cardiology/P-0001/chart.pdf' } };
const event = { mode: 'daily', executionName: 'exec-1', startedAt: '2026-11-20T12:00:00.000Z', results: ['stale-access', 'shared-credentials', 'vpn-bypass', 'access-anomaly'].map((c) => ok(c)).concat(ok('privilege-creep', [creep])) };

beforeEach(() => {
  for (const m of [iam, s3, sns, hub]) m.reset();
  serveIam(iam);
  s3.on(GetObjectCommand, { Bucket: 'register-bucket', Key: 'register.json' }).callsFake(() => ({ Body: Readable.from([readFileSync('test/fixtures/register/example.json')]) }));
  s3.on(PutObjectCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

describe('report step with the Security Hub import on', () => {
  test('imports the findings after filing the report; counts in the result and the notification, no evidence', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => ({ FailedCount: 0, SuccessCount: input.Findings.length }));
    const result = await writeScheduledReport(event, deps(true));
    expect(result.securityHub).toEqual({ attempted: 1, imported: 1, failed: [] });
    const [call] = hub.commandCalls(BatchImportFindingsCommand);
    expect(call.args[0].input.Findings?.[0]).toMatchObject({ ProductArn: target.productArn, GeneratorId: 'coding-env/privilege-creep/excess-group' });
    expect(JSON.stringify(call.args[0].input)).not.toMatch(/203\.0\.113\.50|P-0001/);
    const message = String(sns.commandCalls(PublishCommand).at(-1)?.args[0].input.Message);
    expect(message).toContain('Security Hub: 1 of 1 findings imported');
    expect(message).not.toContain('rpatel');
    expect(s3.commandCalls(PutObjectCommand).length).toBeGreaterThan(0);
  });

  test('a failed import is reported, and the report stands', async () => {
    hub.on(BatchImportFindingsCommand).rejects(Object.assign(new Error('not subscribed'), { name: 'InvalidAccessException' }));
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const result = await writeScheduledReport(event, deps(true));
      expect(result.securityHub?.failed).toEqual([expect.objectContaining({ code: 'InvalidAccessException' })]);
      expect(String(sns.commandCalls(PublishCommand).at(-1)?.args[0].input.Message)).toContain('1 failed (InvalidAccessException)');
      expect(errors).toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  test('off: no call to Security Hub', async () => {
    const result = await writeScheduledReport(event, deps(false));
    expect(result.securityHub).toBeUndefined();
    expect(hub.commandCalls(BatchImportFindingsCommand)).toHaveLength(0);
  });
});

describe('securityHubTargetFromEnv', () => {
  test('off unless SECURITY_HUB_IMPORT is true; on, the target comes from the product ARN; a bad value is named', () => {
    expect(securityHubTargetFromEnv({})).toBeUndefined();
    expect(securityHubTargetFromEnv({ SECURITY_HUB_IMPORT: 'false' })).toBeUndefined();
    expect(securityHubTargetFromEnv({ SECURITY_HUB_IMPORT: 'true', SECURITY_HUB_PRODUCT_ARN: 'arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default' })).toEqual({
      productArn: 'arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default',
      accountId: '111122223333',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
    });
    expect(() => securityHubTargetFromEnv({ SECURITY_HUB_IMPORT: 'yes' })).toThrow(/SECURITY_HUB_IMPORT/);
    expect(() => securityHubTargetFromEnv({ SECURITY_HUB_IMPORT: 'true' })).toThrow(/SECURITY_HUB_PRODUCT_ARN/);
  });
});

describe('report step: the Security Hub import in the log', () => {
  test('an import that succeeds logs no error', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => ({ FailedCount: 0, SuccessCount: input.Findings.length }));
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await writeScheduledReport(event, deps(true));
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  test('a refused finding is logged with the import summary and its id and code, nothing more', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: { Id: string }[] }) => ({
      FailedCount: 1, SuccessCount: 0, FailedFindings: [{ Id: input.Findings[0].Id, ErrorCode: 'InvalidInput', ErrorMessage: 'bad field' }],
    }));
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const result = await writeScheduledReport(event, deps(true));
      const [failed] = result.securityHub?.failed ?? [];
      expect(errors.mock.calls).toHaveLength(1);
      expect(JSON.parse(String(errors.mock.calls[0][0]))).toEqual({ securityHub: 'Security Hub: 0 of 1 findings imported; 1 failed (InvalidInput)', failed: [{ id: failed.id, code: 'InvalidInput' }] });
      // Security Hub's message may quote the finding: not logged.
      expect(String(errors.mock.calls[0][0])).not.toContain('bad field');
    } finally {
      errors.mockRestore();
    }
  });
});

describe('securityHubTargetFromEnv: a product ARN that names no target is refused', () => {
  const on = (arn: string) => () => securityHubTargetFromEnv({ SECURITY_HUB_IMPORT: 'true', SECURITY_HUB_PRODUCT_ARN: arn });
  test.each([
    ['no partition', 'arn::securityhub:us-east-1:111122223333:product/111122223333/default'],
    ['no region', 'arn:aws:securityhub::111122223333:product/111122223333/default'],
    ['an account of 10 digits', 'arn:aws:securityhub:us-east-1:1111222233:product/1111222233/default'],
    ['an account of 13 digits', 'arn:aws:securityhub:us-east-1:1111222233334:product/1111222233334/default'],
    ['an account with a letter before its 12 digits', 'arn:aws:securityhub:us-east-1:a111122223333:product/111122223333/default'],
    ['no account at all', 'arn:aws:securityhub:us-east-1'],
  ])('%s', (_name, arn) => {
    expect(on(arn)).toThrow(new Error('environment variable SECURITY_HUB_PRODUCT_ARN is not a Security Hub product ARN'));
  });
});
