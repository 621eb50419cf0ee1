import { type CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { ingestCloudTrail } from '../evidence/cloudtrail-files';
import type { EventSink } from '../evidence/event-sink';
import type { AuditWindow } from '../model/audit-model';
import type { InputRecord } from '../report-model';
import { type Clock, realClock } from './clock';
import { retryThrottled } from './throttle';

export interface TrailLocation {
  readonly bucket: string;
  /** The trail's S3 key prefix, without a trailing slash; empty when none. */
  readonly prefix: string;
}

/** The bucket of the account's trail: a multi-region trail first. */
export async function findTrail(cloudTrail: CloudTrailClient): Promise<TrailLocation> {
  const { trailList = [] } = await cloudTrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
  const trail = trailList.find((t) => t.IsMultiRegionTrail && t.S3BucketName) ?? trailList.find((t) => t.S3BucketName);
  if (!trail?.S3BucketName) throw new Error('no CloudTrail trail delivers to S3 (name one with --trail-bucket)');
  return { bucket: trail.S3BucketName, prefix: trail.S3KeyPrefix ?? '' };
}

/** The UTC days the window touches, as YYYY/MM/DD: the only date prefixes listed. */
export function datePrefixes(window: AuditWindow): string[] {
  const days: string[] = [];
  const day = new Date(Date.UTC(window.from.getUTCFullYear(), window.from.getUTCMonth(), window.from.getUTCDate()));
  while (day.getTime() <= window.to.getTime()) {
    days.push(day.toISOString().slice(0, 10).replace(/-/g, '/'));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return days;
}

/** Immediate "folders" under a prefix. */
async function subfolders(s3: S3Client, bucket: string, prefix: string, clock: Clock): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const from = token;
    const page = await retryThrottled(() => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: from })), clock);
    out.push(...(page.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [p.Prefix] : [])));
    token = page.NextContinuationToken;
  } while (token);
  return out;
}

async function keys(s3: S3Client, bucket: string, prefix: string, clock: Clock): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const from = token;
    const page = await retryThrottled(() => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: from })), clock);
    out.push(...(page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
    token = page.NextContinuationToken;
  } while (token);
  return out;
}

/** `AWSLogs/<account>/CloudTrail/<region>/` folders, organisation trails (`AWSLogs/o-.../<account>/`) included. */
async function regionFolders(s3: S3Client, trail: TrailLocation, clock: Clock): Promise<string[]> {
  const root = `${trail.prefix ? `${trail.prefix.replace(/\/$/, '')}/` : ''}AWSLogs/`;
  const accounts: string[] = [];
  for (const p of await subfolders(s3, trail.bucket, root, clock)) {
    if (/\/o-[a-z0-9]+\/$/.test(p)) accounts.push(...(await subfolders(s3, trail.bucket, p, clock)).filter((a) => /\/\d{12}\/$/.test(a)));
    else if (/\/\d{12}\/$/.test(p)) accounts.push(p);
  }
  const regions: string[] = [];
  for (const account of accounts) regions.push(...(await subfolders(s3, trail.bucket, `${account}CloudTrail/`, clock)));
  return regions;
}

/** Reads the archive's log files for the window's days, a few objects at a time. */
export async function readTrailArchive(s3: S3Client, trail: TrailLocation, window: AuditWindow, sink: EventSink, clock: Clock = realClock, concurrency = 4): Promise<InputRecord[]> {
  const objects: string[] = [];
  for (const region of await regionFolders(s3, trail, clock)) {
    for (const day of datePrefixes(window)) objects.push(...(await keys(s3, trail.bucket, `${region}${day}/`, clock)));
  }
  const inputs: InputRecord[] = new Array(objects.length);
  let next = 0;
  const worker = async () => {
    while (next < objects.length) {
      const i = next;
      next += 1;
      inputs[i] = await readObject(s3, trail.bucket, objects[i], sink, clock);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, objects.length) }, worker));
  return inputs;
}

async function readObject(s3: S3Client, bucket: string, key: string, sink: EventSink, clock: Clock): Promise<InputRecord> {
  const source = `s3://${bucket}/${key}`;
  try {
    const { Body } = await retryThrottled(() => s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })), clock);
    if (!Body) throw new Error('empty body');
    return await ingestCloudTrail(source, Body as Readable, key.endsWith('.gz'), sink);
  } catch (err) {
    return { source, kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: `cannot be read: ${(err as Error).message}` };
  }
}
