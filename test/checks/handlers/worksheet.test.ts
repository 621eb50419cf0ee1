import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { serveAthenaExample } from '../athena-fake';
import { lambdaTaskRoot, RECORDS_ENV, serveRegisterBucket } from './fake-aws';

const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const athena = mockClient(AthenaClient);

/** What the stack sets in the worksheet function's environment (lib/scheduled-checks.ts). */
const ENV = {
  LAMBDA_TASK_ROOT: lambdaTaskRoot(),
  AWS_REGION: 'us-east-1',
  TRAIL_ACCOUNT_ID: '111122223333',
  ATHENA_BUDGET_SECONDS: '540',
  ...RECORDS_ENV,
  REPORTS_BUCKET: 'codingenv-reports-bucket',
  WORKSHEETS_PREFIX: 'weekly-log-reviews/',
  TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:CodingEnv-Compliance',
};

const saved = { ...process.env };
beforeEach(() => {
  process.env = { ...saved, ...ENV };
  for (const m of [s3, sns, athena]) m.reset();
  serveAthenaExample(athena);
  serveRegisterBucket(s3);
  s3.on(PutObjectCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  // The function takes "now" from the clock: Monday 2026-11-16, 06:00 in New York. Only Date is
  // fixed; timers run as they do.
  jest.useFakeTimers({ now: new Date('2026-11-16T11:00:00Z'), doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => jest.useRealTimers());
afterAll(() => {
  process.env = saved;
});

// The module as deployed: its clients built at load, the config from the task root.
const handler = async () => ((await import('../../../checks/handlers/worksheet')) as { handler: () => Promise<unknown> }).handler;

describe('the weekly worksheet function (the Lambda entry point)', () => {
  test('files the week before today under the worksheets prefix, with the register bucket’s sections, and notifies the topic', async () => {
    const result = await (await handler())();

    expect(result).toEqual({ location: 's3://codingenv-reports-bucket/weekly-log-reviews/week-ending-2026-11-15/', accesses: 4, anomalies: expect.any(Number) });
    expect(athena.commandCalls(StartQueryExecutionCommand).length).toBeGreaterThan(0);
    // The watch list and the attestation export, from the register bucket and key of the environment.
    const reads = s3.commandCalls(GetObjectCommand).map((c) => `${c.args[0].input.Bucket}/${c.args[0].input.Key}`);
    expect(reads).toEqual(expect.arrayContaining([`${RECORDS_ENV.REGISTER_BUCKET}/${RECORDS_ENV.REGISTER_KEY}`, `${RECORDS_ENV.REGISTER_BUCKET}/ai-attestations.csv`]));
    const puts = s3.commandCalls(PutObjectCommand).map((c) => `${c.args[0].input.Bucket}/${c.args[0].input.Key}`);
    expect(puts).toEqual(['worksheet.md', 'worksheet.html'].map((f) => `codingenv-reports-bucket/weekly-log-reviews/week-ending-2026-11-15/${f}`));
    expect(sns.commandCalls(PublishCommand).map((c) => c.args[0].input.TopicArn)).toEqual([ENV.TOPIC_ARN]);
  });

  test.each(['REPORTS_BUCKET', 'WORKSHEETS_PREFIX', 'TOPIC_ARN', 'REGISTER_BUCKET', 'REGISTER_KEY'])('deployed without %s: refused, naming it, nothing read or filed', async (name) => {
    delete process.env[name];
    const h = await handler();
    await expect((async () => h())()).rejects.toThrow(new Error(`environment variable ${name} is not set (the stack sets it; was the function deployed by hand?)`));
    expect(athena.calls()).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
