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
import { FAULTS } from './aws-faults';
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

describe('findTrail', () => {
  const find = () => findTrail(new CloudTrailClient({ region: 'us-east-1' }), fakeClock());
  test('a multi-region trail that delivers to S3 first; else any trail delivering to S3; no prefix is the root', async () => {
    trail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'no-s3', IsMultiRegionTrail: true }, { Name: 'one-region', S3BucketName: 'b1' }, { Name: 'other', S3BucketName: 'b2' }] });
    await expect(find()).resolves.toEqual({ bucket: 'b1', prefix: '' });
    expect(trail.commandCalls(DescribeTrailsCommand)[0].args[0].input).toEqual({ includeShadowTrails: true });
  });
  test.each([
    ['no trail at all', {}],
    ['an empty list', { trailList: [] }],
    ['trails that deliver nowhere', { trailList: [{ Name: 'a', IsMultiRegionTrail: true }, { Name: 'b', S3BucketName: '' }] }],
  ])('%s: an error saying how to name one', async (_name, answer) => {
    trail.on(DescribeTrailsCommand).resolves(answer);
    await expect(find()).rejects.toThrow(new Error('no CloudTrail trail delivers to S3 (name one with --trail-bucket)'));
  });
  test('throttled DescribeTrails is retried', async () => {
    trail.on(DescribeTrailsCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })).resolves({ trailList: [{ S3BucketName: 'b1', S3KeyPrefix: 'p' }] });
    await expect(find()).resolves.toEqual({ bucket: 'b1', prefix: 'p' });
  });
});

describe('readTrailArchive: the archive layout', () => {
  const key = (account: string, region: string, day: string, name: string, org = '') => `logs/AWSLogs/${org}${account}/CloudTrail/${region}/${day}/${name}`;
  const gz = (recs: unknown[]) => ({ Body: Readable.from([gzipSync(JSON.stringify({ Records: recs }))]) }) as unknown as GetObjectCommandOutput;

  test('an organisation trail (AWSLogs/o-…/<account>/) and a prefix given with a trailing slash; odd folders and keyless entries are passed over', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    s3.on(ListObjectsV2Command, { Prefix: 'logs/AWSLogs/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'logs/AWSLogs/o-abc123def4/' }, { Prefix: 'logs/AWSLogs/444455556666/' }, { Prefix: 'logs/AWSLogs/not-an-account/' }, {}] });
    s3.on(ListObjectsV2Command, { Prefix: 'logs/AWSLogs/o-abc123def4/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'logs/AWSLogs/o-abc123def4/111122223333/' }, { Prefix: 'logs/AWSLogs/o-abc123def4/1111222233/' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'logs/AWSLogs/o-abc123def4/111122223333/CloudTrail/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'logs/AWSLogs/o-abc123def4/111122223333/CloudTrail/us-east-1/' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'logs/AWSLogs/444455556666/CloudTrail/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'logs/AWSLogs/444455556666/CloudTrail/eu-west-1/' }] });
    const a = key('111122223333', 'us-east-1', '2026/11/19', 'a.json.gz', 'o-abc123def4/');
    const b = key('444455556666', 'eu-west-1', '2026/11/20', 'b.json.gz');
    s3.on(ListObjectsV2Command, { Prefix: 'logs/AWSLogs/o-abc123def4/111122223333/CloudTrail/us-east-1/2026/11/19/' }).resolves({ Contents: [{ Key: a }, {}] });
    s3.on(ListObjectsV2Command, { Prefix: 'logs/AWSLogs/444455556666/CloudTrail/eu-west-1/2026/11/20/' }).resolves({ Contents: [{ Key: b }] });
    s3.on(GetObjectCommand, { Key: a }).callsFake(() => gz(records.slice(0, 2)));
    s3.on(GetObjectCommand, { Key: b }).callsFake(() => gz(records.slice(2)));
    const sink = new EventSink(window);
    const inputs = await readTrailArchive(new S3Client({ region: 'us-east-1' }), { bucket: 'trail-bucket', prefix: 'logs/' }, window, sink, { clock: fakeClock() });
    expect(inputs.map((i) => [i.source, i.status])).toEqual([
      [`s3://trail-bucket/${a}`, 'read'],
      [`s3://trail-bucket/${b}`, 'read'],
    ]);
    const folders = s3.commandCalls(ListObjectsV2Command).filter((c) => c.args[0].input.Delimiter === '/').map((c) => c.args[0].input.Prefix);
    expect(folders).toEqual(['logs/AWSLogs/', 'logs/AWSLogs/o-abc123def4/', 'logs/AWSLogs/o-abc123def4/111122223333/CloudTrail/', 'logs/AWSLogs/444455556666/CloudTrail/']);
    // Every key listing is of a day, without a delimiter.
    expect(s3.commandCalls(ListObjectsV2Command).filter((c) => c.args[0].input.Delimiter === undefined).map((c) => c.args[0].input.Prefix)).toHaveLength(2 * datePrefixes(window).length);
    expect(sink.events()).toHaveLength(4);
  });

  test('a failed listing of one day is an input of its own; an organisation folder that cannot be listed too', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'AWSLogs/o-abc123def4/' }, { Prefix: 'AWSLogs/111122223333/' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/o-abc123def4/', Delimiter: '/' }).rejects(FAULTS.denied('s3:ListBucket'));
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'AWSLogs/111122223333/CloudTrail/us-east-1/' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/' }).rejects(FAULTS.slowDown());
    const inputs = await readTrailArchive(new S3Client({ region: 'us-east-1' }), { bucket: 'trail-bucket', prefix: '' }, window, new EventSink(window), { clock: fakeClock() });
    expect(inputs).toEqual([
      { source: 's3://trail-bucket/AWSLogs/o-abc123def4/', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: 'cannot be listed: access denied (AccessDenied): not authorized to perform s3:ListBucket' },
      { source: 's3://trail-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: 'cannot be listed: throttled by AWS (SlowDown) past every retry' },
    ]);
  });

  test('objects are read a few at a time, in listing order, each once', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'AWSLogs/111122223333/' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'AWSLogs/111122223333/CloudTrail/us-east-1/' }] });
    const keys = Array.from({ length: 7 }, (_, i) => `AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/f${i}.json.gz`);
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/' }).resolves({ Contents: keys.map((Key) => ({ Key })) });
    let open = 0;
    let most = 0;
    s3.on(GetObjectCommand).callsFake(async () => {
      open += 1;
      most = Math.max(most, open);
      await new Promise((resolve) => setImmediate(resolve));
      open -= 1;
      return gz([]);
    });
    const inputs = await readTrailArchive(new S3Client({ region: 'us-east-1' }), { bucket: 'trail-bucket', prefix: '' }, window, new EventSink(window), { clock: fakeClock(), concurrency: 3 });
    expect(inputs.map((i) => i.source)).toEqual(keys.map((k) => `s3://trail-bucket/${k}`));
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key).sort()).toEqual([...keys].sort());
    expect(most).toBe(3);
  });

  test('the listing page cap and the object attempts are the caller’s', async () => {
    let n = 0;
    s3.on(ListObjectsV2Command).callsFake(() => ({ CommonPrefixes: [], IsTruncated: true, NextContinuationToken: `t${(n += 1)}` }));
    const capped = await readTrailArchive(new S3Client({ region: 'us-east-1' }), { bucket: 'trail-bucket', prefix: '' }, window, new EventSink(window), { clock: fakeClock(), maxPages: 2 });
    expect(capped).toEqual([expect.objectContaining({ source: 's3://trail-bucket/AWSLogs/', problem: 'cannot be listed: ListObjectsV2 s3://trail-bucket/AWSLogs/: more than 2 pages; stopped at the page cap, the listing is incomplete' })]);

    s3.reset();
    s3.on(ListObjectsV2Command).resolves({});
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'AWSLogs/111122223333/' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'AWSLogs/111122223333/CloudTrail/us-east-1/' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/' }).resolves({ Contents: [{ Key: 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/x.json.gz' }] });
    s3.on(GetObjectCommand).rejects(FAULTS.reset());
    const inputs = await readTrailArchive(new S3Client({ region: 'us-east-1' }), { bucket: 'trail-bucket', prefix: '' }, window, new EventSink(window), { clock: fakeClock(), attempts: 2 });
    expect(inputs).toEqual([expect.objectContaining({ status: 'skipped', problem: 'cannot be read: the connection failed (ECONNRESET) on every attempt (2 attempts)' })]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(2);
  });
});

test('datePrefixes: a window inside one day is that day; a window ending at midnight touches that day too', () => {
  expect(datePrefixes({ from: new Date('2026-11-20T01:00:00Z'), to: new Date('2026-11-20T02:00:00Z'), days: 0 } as never)).toEqual(['2026/11/20']);
  expect(datePrefixes({ from: new Date('2026-12-31T23:00:00Z'), to: new Date('2027-01-01T00:00:00Z'), days: 1 } as never)).toEqual(['2026/12/31', '2027/01/01']);
});

describe('lookupRegion: sparse pages', () => {
  test('a page without Events reads as empty; an event without its CloudTrailEvent is rejected, naming it', async () => {
    trail.on(LookupEventsCommand).resolvesOnce({ NextToken: 't2' }).resolves({ Events: [{ EventId: 'x' }, sdkEvent(records[0])] });
    const clock = fakeClock();
    const sink = new EventSink(window);
    const input = await lookupRegion(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, new RateLimiter(2, clock), sink, clock);
    expect(input).toMatchObject({ status: 'partial', records: 1, problem: expect.stringMatching(/^1 of 2 events rejected, first Events\[0\]\.CloudTrailEvent: /) });
    expect(sink.events().map((e) => e.id)).toEqual([records[0].eventID]);
    expect(trail.commandCalls(LookupEventsCommand).map((c) => c.args[0].input)).toEqual([
      { StartTime: window.from, EndTime: window.to, MaxResults: 50, NextToken: undefined },
      { StartTime: window.from, EndTime: window.to, MaxResults: 50, NextToken: 't2' },
    ]);
  });

  test('the hash covers the pages as received: the same pages, the same hash; another page, another', async () => {
    const once = async (events: unknown[]) => {
      trail.reset();
      trail.on(LookupEventsCommand).resolves({ Events: events as never });
      const clock = fakeClock();
      return (await lookupRegion(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, new RateLimiter(2, clock), new EventSink(window), clock)).sha256;
    };
    const a = await once(records.map(sdkEvent));
    expect(await once(records.map(sdkEvent))).toBe(a);
    expect(await once(records.slice(1).map(sdkEvent))).not.toBe(a);
  });
});
