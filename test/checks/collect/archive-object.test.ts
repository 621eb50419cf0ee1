import { GetObjectCommand, type GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { auditWindow } from '../../../checks/audit';
import { readArchiveObject } from '../../../checks/collect/archive-object';
import { EventSink } from '../../../checks/evidence/event-sink';
import { FAULTS, resettingBody } from './aws-faults';
import { fakeClock } from './fake-clock';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());

const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 1);
const page = JSON.parse(readFileSync('test/fixtures/evidence/example/cloudtrail/lookup-events/us-east-1-page-1.json', 'utf8'));
const records = page.Events.map((e: { CloudTrailEvent: string }) => ({ ...JSON.parse(e.CloudTrailEvent), eventTime: '2026-11-20T09:00:00Z' }));
const LOG = gzipSync(JSON.stringify({ Records: records }));
const KEY = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/f.json.gz';
const body = (bytes: Buffer | Readable, length?: number) => ({ Body: bytes instanceof Readable ? bytes : Readable.from([bytes]), ContentLength: length }) as unknown as GetObjectCommandOutput;

async function read(attempts?: number) {
  const sink = new EventSink(window);
  const clock = fakeClock();
  const input = await readArchiveObject(new S3Client({ region: 'us-east-1' }), 'trail-bucket', KEY, sink, clock, attempts);
  return { input, events: sink.events(), clock, calls: s3.commandCalls(GetObjectCommand).length };
}

describe('readArchiveObject: every way an object fails is a skipped input with its reason', () => {
  test('a whole object is read', async () => {
    s3.on(GetObjectCommand).callsFake(() => body(LOG, LOG.length));
    const { input, events } = await read();
    expect(input).toMatchObject({ source: `s3://trail-bucket/${KEY}`, status: 'read', records: 4 });
    expect(events).toHaveLength(4);
  });

  test.each([
    ['access denied', FAULTS.denied(), 'access denied (AccessDenied): not authorized to perform s3:GetObject', 1],
    ['KMS decrypt denied (SSE-KMS)', FAULTS.kmsDenied(), "the KMS key refused to decrypt it (AccessDenied): the audit role needs kms:Decrypt on the trail's key", 1],
    ['KMS key disabled', FAULTS.kmsDisabled(), "the KMS key refused to decrypt it (KMS.DisabledException): the audit role needs kms:Decrypt on the trail's key", 1],
    ['object gone since listing', FAULTS.noSuchKey(), 'the object no longer exists (NoSuchKey): deleted or expired after it was listed', 1],
    ['object in Glacier', Object.assign(new Error('The operation is not valid for the object storage class'), { name: 'InvalidObjectState' }), 'the object is archived (InvalidObjectState): restore it from its archive storage class first', 1],
    ['an error we do not know, cut to one line', Object.assign(new Error(`weird\n${'x'.repeat(300)}`), { name: 'WeirdError' }), 'WeirdError: weird', 1],
    // retryThrottled's 6 calls, on each of 3 whole-object attempts.
    ['SlowDown past every retry', FAULTS.slowDown(), 'throttled by AWS (SlowDown) past every retry (3 attempts)', 18],
    ['connection reset on every call', FAULTS.reset(), 'the connection failed (ECONNRESET) on every attempt (3 attempts)', 3],
  ])('%s', async (_name, fault, reason, calls) => {
    s3.on(GetObjectCommand).rejects(fault);
    const result = await read();
    expect(result.input).toEqual({ source: `s3://trail-bucket/${KEY}`, kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: `cannot be read: ${reason}` });
    expect(result.calls).toBe(calls);
    expect(result.input.problem).not.toMatch(/assumed-role|arn:aws/);
    expect(result.events).toEqual([]);
  });

  test('a body reset mid-stream on every attempt is skipped, never read as a short file', async () => {
    s3.on(GetObjectCommand).callsFake(() => body(resettingBody(LOG), LOG.length));
    const { input, calls, clock } = await read();
    expect(input).toMatchObject({ status: 'skipped', problem: 'cannot be read: the connection failed (ECONNRESET) on every attempt (3 attempts)' });
    expect(calls).toBe(3);
    // The whole object is tried again after 1 s, then 2 s.
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  test('a body reset once is read whole on the next attempt', async () => {
    s3.on(GetObjectCommand).callsFakeOnce(() => body(resettingBody(LOG), LOG.length)).callsFake(() => body(LOG, LOG.length));
    const { input, events, clock } = await read();
    expect(input).toMatchObject({ status: 'read', records: 4 });
    expect(events).toHaveLength(4);
    expect(clock.sleeps).toEqual([1000]);
  });

  test('a body shorter than its Content-Length is truncated, even when what arrived parses', async () => {
    // Plain JSON that parses whole, from a server that promised more: cut at a record boundary.
    const json = Buffer.from(JSON.stringify({ Records: records.slice(0, 2) }));
    s3.on(GetObjectCommand).callsFake(() => body(json, json.length + 500));
    const result = await readArchiveObject(new S3Client({ region: 'us-east-1' }), 'trail-bucket', KEY.replace('.gz', ''), new EventSink(window), fakeClock());
    expect(result).toMatchObject({ status: 'skipped', problem: `cannot be read: the body was cut short: ${json.length} of ${json.length + 500} bytes received (3 attempts)` });
  });

  test('a truncated gzip body without a Content-Length is still skipped', async () => {
    s3.on(GetObjectCommand).callsFake(() => body(LOG.subarray(0, 40)));
    const { input } = await read();
    expect(input).toMatchObject({ status: 'skipped', problem: expect.stringMatching(/^truncated gzip/) });
  });

  test('a response without a body is skipped after every attempt, never read as empty', async () => {
    s3.on(GetObjectCommand).resolves({ ContentLength: 10 } as unknown as GetObjectCommandOutput);
    const { input, calls } = await read();
    expect(input).toEqual({ source: `s3://trail-bucket/${KEY}`, kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: 'cannot be read: the response had no body (3 attempts)' });
    expect(calls).toBe(3);
  });

  test('a plain (not gzipped) log file is read as JSON, whole, with or without a Content-Length', async () => {
    const json = Buffer.from(JSON.stringify({ Records: records }));
    for (const length of [json.length, undefined]) {
      s3.on(GetObjectCommand).callsFake(() => body(json, length));
      const sink = new EventSink(window);
      const input = await readArchiveObject(new S3Client({ region: 'us-east-1' }), 'trail-bucket', KEY.replace('.gz', ''), sink, fakeClock());
      expect(input).toMatchObject({ status: 'read', records: 4 });
      expect(sink.events()).toHaveLength(4);
    }
  });

  test('a denial is not retried; one attempt is the caller’s to choose', async () => {
    s3.on(GetObjectCommand).rejects(FAULTS.reset());
    const { input, calls, clock } = await read(1);
    expect(input.problem).toBe('cannot be read: the connection failed (ECONNRESET) on every attempt');
    expect([calls, clock.sleeps]).toEqual([1, []]);
  });

  test('a gzip bomb is refused at its bound in one attempt, even when the connection drops while the rest is discarded', async () => {
    // Four gzip members of 66 MiB each (gzip allows several): refused inside the first one, past
    // the 64 MiB after which the ratio counts.
    const member = gzipSync(Buffer.concat([Buffer.from('{"Records":['), Buffer.alloc(66 * 1024 * 1024, ' '), Buffer.from(']}')]), { level: 1 });
    const bomb = Buffer.concat([member, member, member, member]);
    // Sent 1 KiB at a time as the reader asks; past 1 MiB (long after the refusal) the connection resets.
    const resetAfter = (at: number) => {
      let sent = 0;
      return new Readable({
        read() {
          if (sent >= at) return void this.destroy(FAULTS.reset());
          const next = bomb.subarray(sent, sent + 1024);
          sent += next.length;
          this.push(next);
        },
      });
    };
    for (const make of [() => Readable.from([bomb]), () => resetAfter(1024 * 1024)]) {
      s3.reset();
      s3.on(GetObjectCommand).callsFake(() => body(make(), bomb.length));
      const { input, calls, clock, events } = await read();
      expect(input).toMatchObject({ source: `s3://trail-bucket/${KEY}`, status: 'refused', records: 0 });
      expect(input.problem).toMatch(/^decompresses to more than 200 times its size \(a gzip bomb\?\): refused after \d+ MiB$/);
      expect([calls, clock.sleeps, events]).toEqual([1, [], []]);
    }
  });

  test('a plain object that is not UTF-8 early on is read once to its end: skipped for its bytes, hashed whole, never a body cut short', async () => {
    const bytes = Buffer.concat([Buffer.from('{"Records":['), Buffer.from([0xff]), Buffer.alloc(400_000, 0x20), Buffer.from(']}')]);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
    s3.on(GetObjectCommand).callsFake(() => body(Readable.from(chunks), bytes.length));
    const sink = new EventSink(window);
    const input = await readArchiveObject(new S3Client({ region: 'us-east-1' }), 'trail-bucket', KEY.replace('.gz', ''), sink, fakeClock());
    expect(input).toEqual({
      source: `s3://trail-bucket/${KEY.replace('.gz', '')}`, kind: 'cloudtrail', status: 'skipped', records: 0,
      sha256: createHash('sha256').update(bytes).digest('hex'), problem: 'not UTF-8 text (undecodable bytes within the first 65536 bytes)',
    });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
  });
});
