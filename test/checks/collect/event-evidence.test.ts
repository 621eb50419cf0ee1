import { CloudTrailClient, DescribeTrailsCommand, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, type GetObjectCommandOutput, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { auditWindow } from '../../../checks/audit';
import { collectEvents, type EventSources } from '../../../checks/collect/event-evidence';
import type { InputRecord } from '../../../checks/report-model';
import { FAULTS } from './aws-faults';
import { fakeClock } from './fake-clock';

const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
beforeEach(() => [trail, s3].forEach((m) => m.reset()));

const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 1);
const page = JSON.parse(readFileSync('test/fixtures/evidence/example/cloudtrail/lookup-events/us-east-1-page-1.json', 'utf8'));
const records: Record<string, unknown>[] = page.Events.map((e: { CloudTrailEvent: string }) => ({ ...JSON.parse(e.CloudTrailEvent), eventTime: '2026-11-20T09:00:00Z' }));
const sdkEvent = (r: Record<string, unknown>) => ({ EventId: String(r.eventID), CloudTrailEvent: JSON.stringify(r) });
const REGION = 'AWSLogs/111122223333/CloudTrail/us-east-1/';
const KEY = `${REGION}2026/11/20/f.json.gz`;
const gz = (recs: unknown[]) => ({ Body: Readable.from([gzipSync(JSON.stringify({ Records: recs }))]) }) as unknown as GetObjectCommandOutput;

/** A trail bucket holding one log file (`recs`) for 2026/11/20 in us-east-1; every other prefix is empty. */
function archive(recs: unknown[]) {
  s3.on(ListObjectsV2Command).resolves({});
  s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: 'AWSLogs/111122223333/' }] });
  s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/111122223333/CloudTrail/', Delimiter: '/' }).resolves({ CommonPrefixes: [{ Prefix: REGION }] });
  s3.on(ListObjectsV2Command, { Prefix: `${REGION}2026/11/20/` }).resolves({ Contents: [{ Key: KEY }] });
  s3.on(GetObjectCommand, { Key: KEY }).callsFake(() => gz(recs));
}

/** The clients, recording which region each CloudTrail client was asked for. */
function sources(): EventSources & { asked: string[] } {
  const asked: string[] = [];
  const clients = new Map<string, CloudTrailClient>();
  return {
    asked,
    s3: new S3Client({ region: 'us-east-1' }),
    cloudTrail(region) {
      asked.push(region);
      if (!clients.has(region)) clients.set(region, new CloudTrailClient({ region }));
      return clients.get(region) as CloudTrailClient;
    },
  };
}

describe('collectEvents', () => {
  test('no region at all: the events are unavailable, naming how to give one, and nothing is called', async () => {
    const src = sources();
    const inputs: InputRecord[] = [];
    const said: string[] = [];
    const events = await collectEvents(src, { window, regions: [], progress: (m) => said.push(m), clock: fakeClock() }, inputs);
    expect(events).toEqual({ ok: false, error: 'no AWS region: set AWS_REGION or pass --regions', coverage: expect.objectContaining({ gaps: [expect.anything()] }) });
    expect(inputs).toEqual([]);
    expect(src.asked).toEqual([]);
    expect(said).toEqual([]);
    expect(trail.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test('every region looked up, the trail found in the first region, the archive read: ok, without problems', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: records.slice(0, 2).map(sdkEvent) });
    trail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'org', S3BucketName: 'trail-bucket', IsMultiRegionTrail: true }] });
    // The archive's events on the window's first day, LookupEvents' on its second: every day covered.
    archive(records.slice(2).map((r) => ({ ...r, eventTime: '2026-11-19T15:00:00Z' })));
    const src = sources();
    const inputs: InputRecord[] = [];
    const said: string[] = [];
    const events = await collectEvents(src, { window, regions: ['us-east-1', 'eu-west-1'], progress: (m) => said.push(m), clock: fakeClock() }, inputs);
    expect(said).toEqual(['looking up management events in us-east-1', 'looking up management events in eu-west-1', 'reading data events from s3://trail-bucket/']);
    // LookupEvents in each region, then DescribeTrails in the first.
    expect(src.asked).toEqual(['us-east-1', 'eu-west-1', 'us-east-1']);
    expect(trail.commandCalls(DescribeTrailsCommand)).toHaveLength(1);
    expect(inputs.map((i) => [i.source, i.status])).toEqual([
      ['api:cloudtrail:LookupEvents:us-east-1', 'read'],
      ['api:cloudtrail:LookupEvents:eu-west-1', 'read'],
      [`s3://trail-bucket/${KEY}`, 'read'],
    ]);
    expect(events.ok).toBe(true);
    expect(Object.keys(events).sort()).toEqual(['coverage', 'ok', 'value']);
    expect(events.ok && events.value.map((e) => e.id).sort()).toEqual(records.map((r) => String(r.eventID)).sort());
    expect(events.coverage.gaps).toEqual([]);
  });

  test('a trail named by the caller is read without DescribeTrails', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: [] });
    archive(records);
    const src = sources();
    const inputs: InputRecord[] = [];
    const events = await collectEvents(src, { window, regions: ['us-east-1'], trail: { bucket: 'trail-bucket', prefix: '' }, clock: fakeClock() }, inputs);
    expect(trail.commandCalls(DescribeTrailsCommand)).toHaveLength(0);
    expect(events.ok && events.value).toHaveLength(records.length);
    expect(events.ok && events.problems).toBeUndefined();
  });

  test('DescribeTrails denied: a skipped input for it, the events incomplete (never an archive taken as empty)', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: records.map(sdkEvent) });
    trail.on(DescribeTrailsCommand).rejects(FAULTS.denied('cloudtrail:DescribeTrails'));
    const inputs: InputRecord[] = [];
    const events = await collectEvents(sources(), { window, regions: ['eu-west-1'], clock: fakeClock() }, inputs);
    const problem = 'access denied (AccessDenied): not authorized to perform cloudtrail:DescribeTrails';
    expect(inputs).toEqual([
      expect.objectContaining({ source: 'api:cloudtrail:LookupEvents:eu-west-1', status: 'read' }),
      { source: 'api:cloudtrail:DescribeTrails:eu-west-1', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem },
    ]);
    expect(s3.calls()).toHaveLength(0);
    expect(events).toMatchObject({ ok: true, problems: [`api:cloudtrail:DescribeTrails:eu-west-1: skipped: ${problem}`] });
    expect(events.ok && events.value).toHaveLength(records.length);
  });

  test('no trail delivers to S3: the events are incomplete, saying so', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: [] });
    trail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'no-bucket' }] });
    const inputs: InputRecord[] = [];
    const events = await collectEvents(sources(), { window, regions: ['us-east-1'], clock: fakeClock() }, inputs);
    expect(events).toMatchObject({ ok: true, problems: ['api:cloudtrail:DescribeTrails:us-east-1: skipped: no CloudTrail trail delivers to S3 (name one with --trail-bucket)'] });
  });

  test('an archive object that cannot be read makes the events incomplete; the other inputs still count', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: records.slice(0, 1).map(sdkEvent) });
    archive([]);
    s3.on(GetObjectCommand, { Key: KEY }).rejects(FAULTS.kmsDenied());
    const inputs: InputRecord[] = [];
    const events = await collectEvents(sources(), { window, regions: ['us-east-1'], trail: { bucket: 'trail-bucket', prefix: '' }, clock: fakeClock() }, inputs);
    expect(events).toMatchObject({ ok: true, problems: [`s3://trail-bucket/${KEY}: skipped: cannot be read: the KMS key refused to decrypt it (AccessDenied): the audit role needs kms:Decrypt on the trail's key`] });
    expect(events.ok && events.value.map((e) => e.id)).toEqual([String(records[0].eventID)]);
  });

  test('a copy of an event that differs between LookupEvents and the archive is a conflict naming both inputs', async () => {
    const real = records[0];
    const planted = { ...real, sourceIPAddress: '203.0.113.99' };
    trail.on(LookupEventsCommand).resolves({ Events: [sdkEvent(real)] });
    archive([planted]);
    const inputs: InputRecord[] = [];
    const events = await collectEvents(sources(), { window, regions: ['us-east-1'], trail: { bucket: 'trail-bucket', prefix: '' }, clock: fakeClock() }, inputs);
    expect(events).toMatchObject({ ok: true, problems: [`eventID ${String(real.eventID)} has conflicting copies in api:cloudtrail:LookupEvents:us-east-1 and s3://trail-bucket/${KEY}: one of them was altered or planted`] });
    expect(events.ok && events.value).toHaveLength(2);
  });

  test('`keep` drops events the rules do not need, and the coverage still counts them', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: records.map(sdkEvent) });
    archive([]);
    s3.on(ListObjectsV2Command, { Prefix: `${REGION}2026/11/20/` }).resolves({ Contents: [] });
    const inputs: InputRecord[] = [];
    const events = await collectEvents(sources(), { window, regions: ['us-east-1'], trail: { bucket: 'trail-bucket', prefix: 'logs' }, keep: () => false, clock: fakeClock() }, inputs);
    expect(events.ok && events.value).toEqual([]);
    // The window's days 11-19 and 11-20: only the 20th has the events.
    expect(events.coverage.gaps).toEqual([{ from: '2026-11-19', to: '2026-11-19' }]);
    expect(events).toMatchObject({ ok: true, problems: ['no CloudTrail log files for the window in s3://trail-bucket/logs'] });
  });
});

test('collectEvents: LookupEvents’ rate limit and the archive’s backoff wait on the run’s clock', async () => {
  trail.on(LookupEventsCommand).resolvesOnce({ Events: [], NextToken: 't2' }).resolves({ Events: records.map(sdkEvent) });
  archive([]);
  s3.on(ListObjectsV2Command, { Prefix: 'AWSLogs/', Delimiter: '/' }).rejectsOnce(FAULTS.slowDown()).resolves({ CommonPrefixes: [{ Prefix: 'AWSLogs/111122223333/' }] });
  const clock = fakeClock();
  const inputs: InputRecord[] = [];
  await collectEvents(sources(), { window, regions: ['us-east-1'], trail: { bucket: 'trail-bucket', prefix: '' }, clock }, inputs);
  // 500 ms between the two LookupEvents pages (2 calls a second), then 500 ms of backoff after SlowDown.
  expect(clock.sleeps).toEqual([500, 500]);
  expect(inputs.map((i) => i.status)).toEqual(['read', 'read']);
});
