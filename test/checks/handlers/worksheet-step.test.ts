import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readdirSync } from 'node:fs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfigFile } from '../../../lib/config/load';
import { eventSources } from '../../../checks/handlers/event-check';
import { writeWeeklyWorksheet } from '../../../checks/handlers/worksheet-step';
import { realClock } from '../../../checks/collect/clock';
import { FAULTS } from '../collect/aws-faults';
import { ARCHIVE_DIR, serveArchive } from './fake-aws';

const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const TRAIL_BUCKET = 'codingenv-auditarchive-bucket';
const config = loadConfigFile('config/coding-env.json');
const DAY_12 = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/12';
const KEY_OF_THE_12TH = `${DAY_12}/${readdirSync(`${ARCHIVE_DIR}/${DAY_12}`)[0]}`;

beforeAll(() => Object.assign(process.env, { TRAIL_BUCKET, AUDIT_REGIONS: 'us-east-1', AWS_REGION: 'us-east-1' }));
beforeEach(() => {
  for (const m of [trail, s3, sns]) m.reset();
  trail.on(LookupEventsCommand).resolves({ Events: [] });
  serveArchive(s3, TRAIL_BUCKET);
  s3.on(PutObjectCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});
afterEach(() => jest.restoreAllMocks());

const run = (now: string) =>
  writeWeeklyWorksheet({
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
  test('files the worksheet of the week before, with the PHI accesses the archive holds', async () => {
    // Monday 2026-11-16, 06:00 New York: the week is Mon 9 - Sun 15 November.
    const result = await run('2026-11-16T11:00:00Z');
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

  test('an unreadable archive fails the run (the dead-letter alarm tells the officers) and writes nothing', async () => {
    s3.reset();
    serveArchive(s3, TRAIL_BUCKET, 'test/fixtures/evidence/empty-archive');
    await expect(run('2026-11-23T11:00:00Z')).rejects.toThrow(/PHI data events could not be read/);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('one object of the week that cannot be decrypted fails the run: a worksheet missing accesses is not a review', async () => {
    jest.spyOn(realClock, 'sleep').mockResolvedValue();
    s3.on(GetObjectCommand, { Bucket: TRAIL_BUCKET, Key: KEY_OF_THE_12TH }).rejects(FAULTS.kmsDenied());
    await expect(run('2026-11-16T11:00:00Z')).rejects.toThrow(/PHI data events could not be read whole: .*KMS key refused to decrypt/);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});
