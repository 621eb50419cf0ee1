import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { pipeline, type Readable, Transform } from 'node:stream';
import { ingestCloudTrail } from '../evidence/cloudtrail-files';
import type { EventSink } from '../evidence/event-sink';
import type { InputRecord } from '../report-model';
import { describeAwsFailure, isTransient } from './aws-failure';
import type { Clock } from './clock';
import { retryThrottled } from './throttle';

/** Whole-object attempts for a body that fails mid-stream (the SDK retries only the call). */
export const OBJECT_ATTEMPTS = 3;

/**
 * One archive object into the sink. Every way it can fail to be read whole (denied, the KMS key
 * refusing to decrypt, gone since listing, connection reset, throttled past retries, a body cut
 * short of its Content-Length) lists it as `skipped` with the reason, so the event checks that
 * needed it are `error`; transient faults are retried on the whole object first.
 */
export async function readArchiveObject(s3: S3Client, bucket: string, key: string, sink: EventSink, clock: Clock, attempts = OBJECT_ATTEMPTS): Promise<InputRecord> {
  const source = `s3://${bucket}/${key}`;
  let delay = 1000;
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await readOnce(s3, bucket, key, source, sink, clock);
    if (outcome.ok) return outcome.input;
    if (attempt >= attempts || !isTransient(outcome.error)) {
      return { source, kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: `cannot be read: ${describeAwsFailure(outcome.error)}${attempt > 1 ? ` (${attempt} attempts)` : ''}` };
    }
    await clock.sleep(delay);
    delay *= 2;
  }
}

type Outcome = { ok: true; input: InputRecord } | { ok: false; error: unknown };

async function readOnce(s3: S3Client, bucket: string, key: string, source: string, sink: EventSink, clock: Clock): Promise<Outcome> {
  let body: Readable;
  let expected: number | undefined;
  try {
    const object = await retryThrottled(() => s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })), clock);
    if (!object.Body) return { ok: false, error: truncated('the response had no body') };
    body = object.Body as Readable;
    expected = object.ContentLength;
  } catch (err) {
    return { ok: false, error: err };
  }
  // Count the bytes and catch the stream's own failure: a reset mid-body must not read as a short file.
  // The listeners go on before the reader's, so the failure is known when the reader gives up.
  let received = 0;
  let streamError: unknown;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(null, chunk);
    },
  });
  const fail = (err: unknown) => {
    streamError ??= err;
  };
  // Either listener alone sees a reset (pipeline destroys `counted` with the body's error); both
  // stay so the failure is caught however the streams end.
  // Stryker disable next-line StringLiteral: equivalent, as said above
  body.on('error', fail);
  // Stryker disable next-line StringLiteral: equivalent, as said above
  counted.on('error', fail);
  pipeline(body, counted, () => undefined);
  const input = await ingestCloudTrail(source, counted, key.endsWith('.gz'), sink);
  // The reader reads the body to its end even when it stops early on purpose (past its bounds), for
  // the hash; a body still open after it (none should be) is not wanted.
  if (!body.destroyed) body.destroy();
  if (input.status === 'refused') return { ok: true, input };
  if (streamError !== undefined) return { ok: false, error: streamError };
  if (received < (expected ?? 0)) return { ok: false, error: truncated(`the body was cut short: ${received} of ${expected} bytes received`) };
  return { ok: true, input };
}

function truncated(message: string): Error {
  return Object.assign(new Error(message), { name: 'TruncatedBody' });
}
