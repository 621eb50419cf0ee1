import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfigFile } from '../../../lib/config/load';
import type { CheckRunResult } from '../../../checks/check-results';
import { type ReportStepDeps, writeScheduledReport } from '../../../checks/handlers/report-step';
import type { Report } from '../../../checks/report-model';
import { ALL_CHECKS } from '../../../checks/rules/all-checks';
import { serveIam } from './fake-aws';

const iam = mockClient(IAMClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);

const deps = (day: string): ReportStepDeps => ({
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
  now: () => new Date(`${day}T12:05:00Z`),
  renderPdf: async () => Buffer.from('%PDF-1.7 fake'),
  configSha256: 'c'.repeat(64),
  runBy: 'lambda:coding-env-report',
});

const watched = { check: 'watch-list', rule: 'watched-record-access', principal: 'mgarcia', severity: 'high' as const, summary: 'mgarcia accessed the records of watched patient P100455 (relative of a workforce member)', evidence: { patientId: 'P100455', count: 1 } };
const aiUse = { check: 'ai-use', rule: 'ai-service-without-baa', principal: 'rpatel', severity: 'high' as const, summary: 'rpatel called Amazon Bedrock (model provider meta)', evidence: { service: 'bedrock', provider: 'meta', count: 2, sourceIp: '198.51.100.6' } };
const results = (extra: Record<string, CheckRunResult['findings']>): CheckRunResult[] => ALL_CHECKS.map(({ check }) => ({ check, status: 'ok', findings: extra[check] ?? [], inputs: [] }));
const event = (day: string, extra: Record<string, CheckRunResult['findings']>) => ({ mode: 'daily', executionName: `exec-${day}`, startedAt: `${day}T12:00:00.000Z`, results: results(extra) });

/** The reports bucket as S3 answers: what the step wrote is listed and served back, newest last. */
function reportsBucket(): void {
  const files = new Map<string, { body: string; at: Date }>();
  let clock = 0;
  s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: unknown }) => {
    files.set(input.Key, { body: String(input.Body), at: new Date(Date.UTC(2026, 10, 1) + ++clock * 1000) });
    return {};
  });
  s3.on(ListObjectsV2Command, { Bucket: 'reports-bucket' }).callsFake(() => ({ Contents: [...files].map(([Key, f]) => ({ Key, LastModified: f.at })), IsTruncated: false }));
  s3.on(GetObjectCommand, { Bucket: 'reports-bucket' }).callsFake((input: { Key: string }) => ({ Body: Readable.from([Buffer.from(files.get(input.Key)?.body ?? '')]) }));
}

const urgent = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input).filter((m) => m.Subject?.startsWith('URGENT'));

beforeEach(() => {
  for (const m of [iam, s3, sns]) m.reset();
  serveIam(iam);
  s3.on(GetObjectCommand, { Bucket: 'register-bucket', Key: 'register.json' }).callsFake(() => ({ Body: Readable.from([readFileSync('test/fixtures/register/example.json')]) }));
  reportsBucket();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

describe('report step: immediate escalation of new high findings', () => {
  test('a new high finding is published at once, beside the summary, with counts and the location only', async () => {
    await writeScheduledReport(event('2026-11-19', {}), deps('2026-11-19'));
    expect(urgent()).toHaveLength(0);
    sns.resetHistory();

    await writeScheduledReport(event('2026-11-20', { 'watch-list': [watched], 'ai-use': [aiUse] }), deps('2026-11-20'));
    const [note] = urgent();
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
    expect(note.TopicArn).toBe('arn:aws:sns:us-east-1:111122223333:compliance');
    expect(note.Message).toContain('  ai-use: 1\n  watch-list: 1');
    expect(note.Message).toContain('s3://reports-bucket/reports/2026-11-20/daily-exec-2026-11-20/');
    const text = `${note.Subject}\n${note.Message}`;
    for (const secret of ['mgarcia', 'rpatel', 'P100455', '198.51.100.6', 'relative of a workforce member', 'meta']) expect(text).not.toContain(secret);
  });

  test('a recurring high finding is not escalated again the next day; a newly added one is', async () => {
    await writeScheduledReport(event('2026-11-20', { 'watch-list': [watched] }), deps('2026-11-20'));
    expect(urgent()).toHaveLength(1);
    sns.resetHistory();

    // Same violation, a larger count: recurring.
    await writeScheduledReport(event('2026-11-21', { 'watch-list': [{ ...watched, evidence: { patientId: 'P100455', count: 3 } }] }), deps('2026-11-21'));
    expect(urgent()).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);

    await writeScheduledReport(event('2026-11-22', { 'watch-list': [watched], 'ai-use': [aiUse] }), deps('2026-11-22'));
    expect(urgent().map((m) => m.Subject)).toEqual(['URGENT: 1 new high-severity compliance finding (2026-11-22)']);
    const filed = [...s3.commandCalls(PutObjectCommand)].map((c) => c.args[0].input.Key).filter((k) => k?.endsWith('report.json'));
    expect(filed).toHaveLength(3);
    const last = JSON.parse(String(s3.commandCalls(PutObjectCommand).filter((c) => c.args[0].input.Key?.endsWith('report.json')).pop()?.args[0].input.Body)) as Report;
    expect(last.findings.map((f) => f.check).sort()).toEqual(['ai-use', 'watch-list']);
  });
});
