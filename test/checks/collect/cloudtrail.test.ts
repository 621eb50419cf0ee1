import { CloudTrailClient, DescribeTrailsCommand, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, type GetObjectCommandOutput, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { auditWindow } from '../../../checks/audit';
import { createClients } from '../../../checks/collect/clients';
import { lookupRegion } from '../../../checks/collect/lookup-events';
import { RateLimiter } from '../../../checks/collect/rate-limiter';
import { datePrefixes, findTrail, readTrailArchive } from '../../../checks/collect/trail-archive';
import { EventSink } from '../../../checks/evidence/event-sink';
import { fakeClock } from './fake-clock';

const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
beforeEach(() => {
  trail.reset();
  s3.reset();
});

const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 2);
const page = JSON.parse(readFileSync('test/fixtures/evidence/example/cloudtrail/lookup-events/us-east-1-page-1.json', 'utf8'));
const records = page.Events.map((e: { CloudTrailEvent: string }) => ({ ...JSON.parse(e.CloudTrailEvent), eventTime: '2026-11-19T15:00:00Z' }));
const sdkEvent = (r: { eventID: string }) => ({ EventId: r.eventID, CloudTrailEvent: JSON.stringify(r) });

describe('RateLimiter', () => {
  test('spaces calls 500 ms apart at 2 per second', async () => {
    const clock = fakeClock(1_000);
    const limiter = new RateLimiter(2, clock);
    for (let i = 0; i < 4; i += 1) await limiter.take();
    expect(clock.sleeps).toEqual([500, 500, 500]);
  });
});

describe('lookupRegion', () => {
  test('pages with NextToken inside 2 requests per second, within the window, feeding the sink', async () => {
    trail.on(LookupEventsCommand)
      .resolvesOnce({ Events: records.slice(0, 2).map(sdkEvent), NextToken: 't2' })
      .resolvesOnce({ Events: records.slice(2, 3).map(sdkEvent), NextToken: 't3' })
      .resolvesOnce({ Events: records.slice(3).map(sdkEvent) });
    const clock = fakeClock();
    const sink = new EventSink(window);
    const input = await lookupRegion(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, new RateLimiter(2, clock), sink, clock);
    const calls = trail.commandCalls(LookupEventsCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.NextToken)).toEqual([undefined, 't2', 't3']);
    expect(calls[0]).toMatchObject({ StartTime: window.from, EndTime: window.to });
    expect(clock.sleeps).toEqual([500, 500]);
    expect(input).toMatchObject({ source: 'api:cloudtrail:LookupEvents:us-east-1', status: 'read', records: 4, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(sink.events()).toHaveLength(4);
  });

  test('retries ThrottlingException, then succeeds', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    trail.on(LookupEventsCommand).rejectsOnce(throttled).resolves({ Events: records.map(sdkEvent) });
    const clock = fakeClock();
    const sink = new EventSink(window);
    await lookupRegion(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, new RateLimiter(2, clock), sink, clock);
    expect(trail.commandCalls(LookupEventsCommand)).toHaveLength(2);
    expect(sink.events()).toHaveLength(4);
  });
});

describe('trail archive', () => {
  test('finds the multi-region trail bucket with DescribeTrails', async () => {
    trail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'one-region', S3BucketName: 'b1' }, { Name: 'org', S3BucketName: 'trail-bucket', S3KeyPrefix: 'ct', IsMultiRegionTrail: true }] });
    await expect(findTrail(new CloudTrailClient({ region: 'us-east-1' }))).resolves.toEqual({ bucket: 'trail-bucket', prefix: 'ct' });
  });

  test('lists only the window\'s date prefixes', () => {
    expect(datePrefixes(window)).toEqual(['2026/11/18', '2026/11/19', '2026/11/20']);
  });

  test('reads gzipped log files of the window\'s days from every region, de-duplicated, a bad object reported', async () => {
    const folders = (prefix: string, names: string[]) => ({ CommonPrefixes: names.map((n) => ({ Prefix: `${prefix}${n}/` })) });
    // Any other prefix is empty; the specific answers below take precedence.
    s3.on(ListObjectsV2Command).resolves({});
    s3.on(ListObjectsV2Command, { Prefix: 'ct/AWSLogs/', Delimiter: '/' }).resolves(folders('ct/AWSLogs/', ['111122223333']));
    s3.on(ListObjectsV2Command, { Prefix: 'ct/AWSLogs/111122223333/CloudTrail/', Delimiter: '/' }).resolves(folders('ct/AWSLogs/111122223333/CloudTrail/', ['us-east-1', 'us-west-2']));
    s3.on(ListObjectsV2Command, { Prefix: 'ct/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/' }).resolves({ Contents: [{ Key: 'ct/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/a.json.gz' }, { Key: 'ct/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/b.json.gz' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'ct/AWSLogs/111122223333/CloudTrail/us-west-2/2026/11/20/' }).resolves({ Contents: [{ Key: 'ct/AWSLogs/111122223333/CloudTrail/us-west-2/2026/11/20/c.json.gz' }] });
    const body = (bytes: Buffer) => ({ Body: Readable.from([bytes]) }) as unknown as GetObjectCommandOutput;
    s3.on(GetObjectCommand, { Key: 'ct/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/a.json.gz' }).callsFake(() => body(gzipSync(JSON.stringify({ Records: records.slice(0, 3) }))));
    s3.on(GetObjectCommand, { Key: 'ct/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/b.json.gz' }).callsFake(() => body(gzipSync(JSON.stringify({ Records: records })).subarray(0, 30)));
    s3.on(GetObjectCommand, { Key: 'ct/AWSLogs/111122223333/CloudTrail/us-west-2/2026/11/20/c.json.gz' }).callsFake(() => body(gzipSync(JSON.stringify({ Records: records.slice(2) }))));

    const sink = new EventSink(window);
    const inputs = await readTrailArchive(new S3Client({ region: 'us-east-1' }), { bucket: 'trail-bucket', prefix: 'ct' }, window, sink, { clock: fakeClock() });
    const listed = s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input.Prefix).filter((p) => /\d{4}\/\d{2}\/\d{2}\/$/.test(p ?? ''));
    expect(listed).toHaveLength(6);
    expect(inputs.map((i) => `${i.source.split('/').pop()}:${i.status}`)).toEqual(['a.json.gz:read', 'b.json.gz:skipped', 'c.json.gz:read']);
    expect(inputs[1].problem).toMatch(/^truncated gzip/);
    expect(sink.events()).toHaveLength(4);
  });
});

describe('createClients', () => {
  test('adaptive retries; path-style S3 addressing when AWS_ENDPOINT_URL_S3 is set', async () => {
    const custom = createClients({ AWS_ENDPOINT_URL_S3: 'http://localhost:4566', AWS_REGION: 'us-east-1' });
    expect(custom.s3.config.forcePathStyle).toBe(true);
    expect(await custom.iam.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(createClients({}).s3.config.forcePathStyle).toBe(false);
    expect(custom.cloudTrail('eu-west-1')).toBe(custom.cloudTrail('eu-west-1'));
  });
});
