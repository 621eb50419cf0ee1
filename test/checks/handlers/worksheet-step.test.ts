import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfigFile } from '../../../lib/config/load';
import { eventSources } from '../../../checks/handlers/event-check';
import { writeWeeklyWorksheet } from '../../../checks/handlers/worksheet-step';
import { realClock } from '../../../checks/collect/clock';
import { ATHENA_FAULTS, serveAthenaExample } from '../athena-fake';
import type { Mocks } from '../live-faults';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { RECORDS_ENV, serveRegisterBucket } from './fake-aws';

const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const athena = mockClient(AthenaClient);
const TRAIL_BUCKET = 'codingenv-auditarchive-bucket';
const config = loadConfigFile('config/coding-env.json');
const fault = (name: string) => ATHENA_FAULTS.find((f) => f.name === name)?.apply(athena, {} as Mocks);

beforeAll(() => Object.assign(process.env, { TRAIL_BUCKET, TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '540', AWS_REGION: 'us-east-1' }));
beforeEach(() => {
  for (const m of [trail, s3, sns, athena]) m.reset();
  serveAthenaExample(athena);
  s3.on(PutObjectCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});
afterEach(() => jest.restoreAllMocks());

const run = (now: string, records?: { bucket: string; registerKey: string }) =>
  writeWeeklyWorksheet({
    ...(records ? { records } : {}),
    config,
    sources: eventSources(),
    s3: new S3Client({ region: 'us-east-1' }),
    sns: new SNSClient({ region: 'us-east-1' }),
    reportsBucket: 'reports-bucket',
    worksheetsPrefix: 'log-reviews/',
    topicArn: 'arn:aws:sns:us-east-1:111122223333:compliance',
    now: () => new Date(now),
  });

describe('weekly worksheet step', () => {
  test('files the worksheet of the week before, with the PHI accesses the archive holds (selected in Athena)', async () => {
    // Monday 2026-11-16, 06:00 New York: the week is Mon 9 - Sun 15 November.
    const result = await run('2026-11-16T11:00:00Z');
    expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input.WorkGroup)).toEqual(['coding-env-audit', 'coding-env-audit']);
    expect(trail.commandCalls(LookupEventsCommand)).toHaveLength(0);
    expect(result.location).toBe('s3://reports-bucket/log-reviews/week-ending-2026-11-15/');
    // rpatel (10th), jdoe twice (12th), mgarcia (14th).
    expect(result.accesses).toBe(4);
    const keys = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);
    expect(keys).toEqual(['log-reviews/week-ending-2026-11-15/worksheet.md', 'log-reviews/week-ending-2026-11-15/worksheet.html']);
    const markdown = String(s3.commandCalls(PutObjectCommand)[0].args[0].input.Body);
    expect(markdown).toMatch(/examplecoding-phi-records/);
  });

  test('the notification carries counts and the location, never an object key', async () => {
    await run('2026-11-16T11:00:00Z');
    const message = String(sns.commandCalls(PublishCommand)[0].args[0].input.Message);
    expect(message).toContain('s3://reports-bucket/log-reviews/week-ending-2026-11-15/');
    expect(message).not.toMatch(/cardiology\/|behavioral-health\/|orthopedics\//);
  });

  test('a failed selection fails the run (the dead-letter alarm tells the officers) and writes nothing', async () => {
    fault('Athena: the selection FAILED');
    await expect(run('2026-11-16T11:00:00Z')).rejects.toThrow(/PHI data events could not be read: Athena query ev-\d+ FAILED/);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('results not read whole fail the run: a worksheet missing accesses is not a review', async () => {
    jest.spyOn(realClock, 'sleep').mockResolvedValue();
    serveAthenaExample(athena, 3);
    fault('Athena: results end early without a word (fewer rows than the coverage counted)');
    await expect(run('2026-11-16T11:00:00Z')).rejects.toThrow(/PHI data events could not be read whole: .*the result is incomplete/);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});

describe('weekly worksheet step: the register and the attestation export', () => {
  const records = { bucket: RECORDS_ENV.REGISTER_BUCKET, registerKey: RECORDS_ENV.REGISTER_KEY };

  test('both read: their sections are in the worksheet, the anomalies counted in the subject; files typed as UTF-8 text', async () => {
    serveRegisterBucket(s3, RECORDS_ENV.REGISTER_BUCKET);
    const result = await run('2026-11-16T11:00:00Z', records);
    const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => [p.Bucket, p.ContentType])).toEqual([
      ['reports-bucket', 'text/markdown; charset=utf-8'],
      ['reports-bucket', 'text/html; charset=utf-8'],
    ]);
    const note = sns.commandCalls(PublishCommand)[0].args[0].input;
    expect(note.TopicArn).toBe('arn:aws:sns:us-east-1:111122223333:compliance');
    expect(note.Subject).toBe(`Weekly audit-log review worksheet ready (${result.anomalies} anomaly finding(s))`);
    expect(note.Message).toContain(`PHI accesses in the week: ${result.accesses}. Anomaly findings to explain: ${result.anomalies}.`);
    expect(note.Message).toContain('Example Coding Group, week 2026-11-09 00:00 EST to 2026-11-16 00:00 EST (times in America/New_York), is filed at s3://reports-bucket/log-reviews/week-ending-2026-11-15/');
  });

  test('no register on file: the run fails, naming why, and nothing is filed', async () => {
    serveRegisterBucket(s3, RECORDS_ENV.REGISTER_BUCKET);
    s3.on(GetObjectCommand, { Bucket: RECORDS_ENV.REGISTER_BUCKET, Key: RECORDS_ENV.REGISTER_KEY }).rejects(Object.assign(new Error('gone'), { name: 'NoSuchKey' }));
    await expect(run('2026-11-16T11:00:00Z', records)).rejects.toThrow(new Error('the register could not be read: no register on file: upload register.json (see the README)'));
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('the attestation export cannot be listed: the run fails, never a worksheet without its section', async () => {
    serveRegisterBucket(s3, RECORDS_ENV.REGISTER_BUCKET);
    s3.on(ListObjectsV2Command, { Bucket: RECORDS_ENV.REGISTER_BUCKET }).rejects(Object.assign(new Error('no'), { name: 'AccessDenied' }));
    await expect(run('2026-11-16T11:00:00Z', records)).rejects.toThrow(new Error(`the AI-attestation export could not be read: s3://${RECORDS_ENV.REGISTER_BUCKET}/ai-attestations.* could not be listed: AccessDenied`));
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});

describe('weekly worksheet step: the anomalies counted in the notification', () => {
  const records = { bucket: RECORDS_ENV.REGISTER_BUCKET, registerKey: RECORDS_ENV.REGISTER_KEY };
  const note = () => sns.commandCalls(PublishCommand)[0].args[0].input;

  test('the week of 9 November: two after-hours accesses and one out of specialty make three', async () => {
    serveRegisterBucket(s3, RECORDS_ENV.REGISTER_BUCKET);
    const result = await run('2026-11-16T11:00:00Z', records);
    expect(result.anomalies).toBe(3);
    expect(note().Subject).toBe('Weekly audit-log review worksheet ready (3 anomaly finding(s))');
  });

  test('the week of 16 November: two watched-record accesses and three AI attestations to explain make five', async () => {
    serveRegisterBucket(s3, RECORDS_ENV.REGISTER_BUCKET);
    const result = await run('2026-11-23T11:00:00Z', records);
    expect(result).toMatchObject({ accesses: 2, anomalies: 5 });
    expect(note().Subject).toBe('Weekly audit-log review worksheet ready (5 anomaly finding(s))');
  });

  test('the message: where, the counts, and how to record the review, one to a line', async () => {
    await run('2026-11-16T11:00:00Z');
    expect(String(note().Message).split('\n')).toEqual([
      'The audit-log review worksheet for Example Coding Group, week 2026-11-09 00:00 EST to 2026-11-16 00:00 EST (times in America/New_York), is filed at s3://reports-bucket/log-reviews/week-ending-2026-11-15/',
      expect.stringMatching(/^PHI accesses in the week: 4\. Anomaly findings to explain: \d+\. Records to sample: \d+\.$/),
      'Review it, then record the review with `coding-env review sign` (checklist item 4). The worksheet lists PHI: open it only from the AWS console.',
    ]);
  });
});
