import { readFileSync } from 'node:fs';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { loadConfigFile } from '../../../lib/config/load';
import { gatherResults } from '../../../checks/check-results';
import { type ReportStepDeps, writeScheduledReport } from '../../../checks/handlers/report-step';
import { type Report, reportSchema } from '../../../checks/report-model';
import { renderReportPdf } from '../../../checks/report/pdf';
import { okResult, serveIam } from './fake-aws';

const iam = mockClient(IAMClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);

const config = loadConfigFile('config/coding-env.json');
const deps = (): ReportStepDeps => ({
  config,
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
  renderPdf: async (report: Report) => Buffer.from(`%PDF-1.7 fake for ${report.reportId}`),
  configSha256: 'c'.repeat(64),
  runBy: 'lambda:coding-env-report',
});

const ok = okResult;
const creep = { check: 'privilege-creep', rule: 'excess-group', principal: 'rpatel', severity: 'high' as const, summary: 'rpatel is in coders-cardiology', evidence: { group: 'coders-cardiology', sourceIp: '203.0.113.50', key: 'cardiology/P-0001/chart.pdf' } };
// The state machine's Catch turns a failed check into this shape.
const caught = { check: 'vpn-bypass', status: 'error', error: 'the check did not complete: Lambda.Unknown', findings: [], inputs: [] };
const event = {
  mode: 'daily',
  executionName: 'exec-1',
  startedAt: '2026-11-20T12:00:00.000Z',
  results: [ok('stale-access'), ok('shared-credentials'), ok('privilege-creep', [creep]), caught, ok('access-anomaly')],
};

beforeEach(() => {
  for (const m of [iam, s3, sns]) m.reset();
  serveIam(iam);
  s3.on(GetObjectCommand, { Bucket: 'register-bucket', Key: 'register.json' }).callsFake(() => ({ Body: Readable.from([readFileSync('test/fixtures/register/example.json')]) }));
  s3.on(PutObjectCommand).resolves({});
  s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

const written = (name: string): string => {
  const call = s3.commandCalls(PutObjectCommand).find((c) => c.args[0].input.Key?.endsWith(name));
  if (!call) throw new Error(`${name} was not written`);
  return String(call.args[0].input.Body);
};

describe('report step', () => {
  test('a failed check is listed as error, and the checklist items depending on it are error', async () => {
    const result = await writeScheduledReport(event, deps());
    expect(result.location).toBe('s3://reports-bucket/reports/2026-11-20/daily-exec-1/');
    const report = reportSchema.parse(JSON.parse(written('report.json')));
    expect(report.checks).toContainEqual({ check: 'vpn-bypass', status: 'error', error: 'the check did not complete: Lambda.Unknown' });
    expect(report.findings).toEqual([{ ...creep, id: expect.stringMatching(/^f-[0-9a-f]{16}$/) }]);
    // Item 6 rests on vpn-bypass, which did not run; item 3 fails on the privilege-creep finding.
    expect(report.checklist.find((i) => i.item === 6)?.status).toBe('error');
    expect(report.checklist.find((i) => i.item === 3)?.status).toBe('fail');
    expect(written('report.html')).toContain('Lambda.Unknown');
    expect(written('report.md')).toContain('Lambda.Unknown');
  });

  test('every file goes under the reports prefix, with a checksum for Object Lock', async () => {
    await writeScheduledReport(event, deps());
    const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => p.Key)).toEqual(['report.json', 'report.md', 'report.html', 'report.ocsf.json', 'report.pdf'].map((f) => `reports/2026-11-20/daily-exec-1/${f}`));
    expect(puts.every((p) => p.Bucket === 'reports-bucket' && p.ChecksumAlgorithm === 'SHA256')).toBe(true);
  });

  test('the notification gives counts, statuses and the location, never evidence', async () => {
    await writeScheduledReport(event, deps());
    // Every message the step sends (the summary, and the escalation of the new high finding).
    const message = sns.commandCalls(PublishCommand).map((c) => `${c.args[0].input.Subject}\n${c.args[0].input.Message}`).join('\n');
    expect(message).toContain('s3://reports-bucket/reports/2026-11-20/daily-exec-1/');
    expect(message).toMatch(/ERROR vpn-bypass/);
    for (const secret of ['rpatel', '203.0.113.50', 'cardiology/P-0001', 'P-0001']) expect(message).not.toContain(secret);
  });

  test('a missing register makes the register items error, not pass', async () => {
    s3.on(GetObjectCommand, { Bucket: 'register-bucket', Key: 'register.json' }).rejects(Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' }));
    await writeScheduledReport(event, deps());
    const report = reportSchema.parse(JSON.parse(written('report.json')));
    for (const item of [1, 4, 7, 8]) expect(report.checklist.find((i) => i.item === item)?.status).toBe('error');
  });

  test('a register that is not JSON: the register items error with its position, never its bytes', async () => {
    s3.on(GetObjectCommand, { Bucket: 'register-bucket', Key: 'register.json' }).callsFake(() => ({ Body: Readable.from([Buffer.from('{"watchList": [{"patientId": P100455}]}')]) }));
    await writeScheduledReport(event, deps());
    const text = written('report.json');
    const report = reportSchema.parse(JSON.parse(text));
    expect(report.checklist.find((i) => i.item === 1)).toMatchObject({ status: 'error', reasons: expect.arrayContaining(['(root): cannot be read: not JSON: invalid at position 29']) });
    for (const name of ['report.json', 'report.md', 'report.html']) expect(written(name)).not.toContain('P100455');
  });

  test('a bad event is refused before anything is written', async () => {
    await expect(writeScheduledReport({ ...event, executionName: '../../etc' }, deps())).rejects.toThrow(/executionName/);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});

describe('report step: PDF, scope and the previous report', () => {
  const pdfPut = () => s3.commandCalls(PutObjectCommand).find((c) => c.args[0].input.Key?.endsWith('report.pdf'))?.args[0].input;

  test('writes report.pdf beside the other files, as application/pdf with a checksum', async () => {
    const result = await writeScheduledReport(event, deps());
    expect(result.files).toEqual(['report.json', 'report.md', 'report.html', 'report.ocsf.json', 'report.pdf']);
    expect(pdfPut()).toMatchObject({ Bucket: 'reports-bucket', Key: 'reports/2026-11-20/daily-exec-1/report.pdf', ContentType: 'application/pdf', ChecksumAlgorithm: 'SHA256' });
    expect(String(pdfPut()?.Body)).toBe('%PDF-1.7 fake for daily-exec-1');
  });

  test('a PDF that cannot be printed fails the step after the other files are filed', async () => {
    await expect(writeScheduledReport(event, { ...deps(), renderPdf: () => Promise.reject(new Error('browser crashed')) })).rejects.toThrow('browser crashed');
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key?.split('/').pop())).toEqual(['report.json', 'report.md', 'report.html', 'report.ocsf.json']);
  });

  test('prints a real PDF with the npm Chromium', async () => {
    await writeScheduledReport(event, { ...deps(), renderPdf: (report) => renderReportPdf(report) });
    const body = pdfPut()?.Body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.length).toBeGreaterThan(10_000);
  });

  test('states its scope: the Lambda, the hashes of config and register, the tool version', async () => {
    await writeScheduledReport(event, deps());
    const report = reportSchema.parse(JSON.parse(written('report.json')));
    expect(report.reportId).toBe('daily-exec-1');
    expect(report.scope).toMatchObject({ source: 'scheduled', runBy: { kind: 'lambda', identity: 'lambda:coding-env-report' }, configSha256: 'c'.repeat(64), tool: { name: 'hipaa-coding-env' } });
    expect(report.scope?.registerSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the last report in the bucket makes findings recurring or new and lists the resolved', async () => {
    const gone = { check: 'stale-access', rule: 'password-unused', principal: 'klee', severity: 'medium' as const, summary: 'klee has not signed in', evidence: { arn: 'arn:aws:iam::111122223333:user/klee' } };
    await writeScheduledReport(event, deps());
    const first = reportSchema.parse(JSON.parse(written('report.json')));
    const previous = { ...first, reportId: 'daily-exec-0', asOf: '2026-11-19T12:00:00.000Z', findings: [...first.findings, gone] };
    s3.reset();
    serveIam(iam);
    s3.on(GetObjectCommand, { Bucket: 'register-bucket', Key: 'register.json' }).callsFake(() => ({ Body: Readable.from([readFileSync('test/fixtures/register/example.json')]) }));
    s3.on(PutObjectCommand).resolves({});
    s3.on(ListObjectsV2Command, { Bucket: 'reports-bucket', Prefix: 'reports/' }).resolves({
      Contents: [
        { Key: 'reports/2026-11-18/daily-a/report.json', LastModified: new Date('2026-11-18T12:10:00Z') },
        { Key: 'reports/2026-11-19/daily-exec-0/report.json', LastModified: new Date('2026-11-19T12:10:00Z') },
        { Key: 'reports/2026-11-19/daily-exec-0/report.html', LastModified: new Date('2026-11-19T12:11:00Z') },
      ],
    });
    s3.on(GetObjectCommand, { Bucket: 'reports-bucket', Key: 'reports/2026-11-19/daily-exec-0/report.json' }).callsFake(() => ({ Body: Readable.from([Buffer.from(JSON.stringify(previous))]) }));
    await writeScheduledReport(event, deps());
    const report = reportSchema.parse(JSON.parse(written('report.json')));
    expect(report.findings.map((f) => f.recurrence)).toEqual(['recurring']);
    expect(report.comparison).toMatchObject({ previous: { reportId: 'daily-exec-0' }, new: 0, recurring: 1 });
    expect(report.comparison?.resolved.map((f) => f.principal)).toEqual(['klee']);
    expect(report.trend?.map((p) => p.reportId)).toEqual(['daily-exec-0', 'daily-exec-1']);
  });
});

describe('gatherResults', () => {
  test('a check with no result, or a malformed one, is error', () => {
    const { checks } = gatherResults([ok('stale-access'), { check: 'privilege-creep', status: 'maybe' }]);
    expect(checks.find((c) => c.check === 'stale-access')).toEqual({ check: 'stale-access', status: 'ok' });
    expect(checks.find((c) => c.check === 'privilege-creep')).toMatchObject({ status: 'error', error: expect.stringMatching(/missing or malformed/) });
    expect(checks.find((c) => c.check === 'vpn-bypass')).toMatchObject({ status: 'error' });
  });
});

describe('report step: what it returns, logs and says when the register or earlier reports are absent', () => {
  test('the result counts the findings and the checklist items by status, as filed', async () => {
    const result = await writeScheduledReport(event, deps());
    const report = reportSchema.parse(JSON.parse(written('report.json')));
    const count = (s: string) => report.checklist.filter((i) => i.status === s).length;
    expect(result.findings).toBe(1);
    expect(result.checklist).toEqual({ pass: count('pass'), fail: count('fail'), error: count('error') });
    // Each status is present: a count of none, or of all, shows.
    expect(result.checklist).toEqual({ pass: 3, fail: 3, error: 2 });
    expect(result.checklist.pass + result.checklist.fail + result.checklist.error).toBe(report.checklist.length);
  });

  test('the report is stamped with the clock given, or else with the time of the run', async () => {
    await writeScheduledReport(event, deps());
    expect(reportSchema.parse(JSON.parse(written('report.json'))).generatedAt).toBe('2026-11-20T12:05:00.000Z');
    s3.resetHistory();
    const before = Date.now();
    const { now: _now, ...unclocked } = deps();
    await writeScheduledReport(event, unclocked);
    const at = Date.parse(reportSchema.parse(JSON.parse(written('report.json'))).generatedAt);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  test('no register on file: the register items are error, naming where it was looked for and what to do', async () => {
    s3.on(GetObjectCommand, { Bucket: 'register-bucket', Key: 'register.json' }).rejects(Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' }));
    await writeScheduledReport(event, deps());
    const report = reportSchema.parse(JSON.parse(written('report.json')));
    expect(report.checklist.find((i) => i.item === 1)?.reasons).toEqual(['register s3://register-bucket/register.json is invalid elsewhere:', '(root): no register on file: upload register.json (see the README)']);
    expect(report.scope?.registerSha256).toBeNull();
  });

  test('earlier reports that cannot be listed: no comparison, the reason logged by its error name, the report filed', async () => {
    s3.on(ListObjectsV2Command).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await writeScheduledReport(event, deps());
      expect(log.mock.calls).toEqual([['report: no comparison with an earlier report (cannot read earlier reports: AccessDenied)']]);
    } finally {
      log.mockRestore();
    }
    const report = reportSchema.parse(JSON.parse(written('report.json')));
    expect(report.comparison).toBeUndefined();
  });

  test('an earlier report on file: compared, nothing logged about it', async () => {
    await writeScheduledReport(event, deps());
    const first = JSON.stringify({ ...reportSchema.parse(JSON.parse(written('report.json'))), reportId: 'daily-exec-0', asOf: '2026-11-19T12:00:00.000Z' });
    s3.on(ListObjectsV2Command, { Bucket: 'reports-bucket', Prefix: 'reports/' }).resolves({ Contents: [{ Key: 'reports/2026-11-19/daily-exec-0/report.json', LastModified: new Date('2026-11-19T12:10:00Z') }] });
    s3.on(GetObjectCommand, { Bucket: 'reports-bucket', Key: 'reports/2026-11-19/daily-exec-0/report.json' }).callsFake(() => ({ Body: Readable.from([Buffer.from(first)]) }));
    s3.resetHistory();
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await writeScheduledReport(event, deps());
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
    expect(reportSchema.parse(JSON.parse(written('report.json'))).comparison).toBeDefined();
  });
});
