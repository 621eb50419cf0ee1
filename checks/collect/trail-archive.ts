import { type CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { EventSink } from '../evidence/event-sink';
import type { AuditWindow } from '../model/audit-model';
import type { InputRecord } from '../report-model';
import { readArchiveObject } from './archive-object';
import { describeAwsFailure } from './aws-failure';
import { type Clock, realClock } from './clock';
import { PAGE_CAPS, paginate } from './paginate';
import { retryThrottled } from './throttle';

export interface TrailLocation {
  readonly bucket: string;
  /** The trail's S3 key prefix, without a trailing slash; empty when none. */
  readonly prefix: string;
}

/** The bucket of the account's trail: a multi-region trail first. DescribeTrails is not paginated. */
export async function findTrail(cloudTrail: CloudTrailClient, clock: Clock = realClock): Promise<TrailLocation> {
  // Stryker disable next-line ArrayDeclaration: any entry of the default is a string, which names no bucket, so no trail is found either way
  const { trailList = [] } = await retryThrottled(() => cloudTrail.send(new DescribeTrailsCommand({ includeShadowTrails: true })), clock);
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

export interface ArchiveOptions {
  readonly clock?: Clock;
  /** Objects read at once. */
  readonly concurrency?: number;
  /** Page cap of each ListObjectsV2 listing. */
  readonly maxPages?: number;
  /** Whole-object attempts on a transient failure. */
  readonly attempts?: number;
}

class Lister {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly clock: Clock,
    private readonly maxPages: number,
  ) {}

  /** Immediate "folders" (with a delimiter) or every key under a prefix, all pages or a PaginationError. */
  async list(prefix: string, folders: boolean): Promise<string[]> {
    const out: string[] = [];
    await paginate<ListObjectsV2CommandOutput>(
      {
        what: `ListObjectsV2 s3://${this.bucket}/${prefix}`,
        maxPages: this.maxPages,
        fetch: (token) => retryThrottled(() => this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token, ...(folders ? { Delimiter: '/' } : {}) })), this.clock),
        next: (page) => page.NextContinuationToken,
        claimsMore: (page) => page.IsTruncated === true,
      },
      (page) => {
        if (folders) out.push(...(page.CommonPrefixes?.flatMap((p) => (p.Prefix ? [p.Prefix] : [])) ?? []));
        else out.push(...(page.Contents?.flatMap((o) => (o.Key ? [o.Key] : [])) ?? []));
      },
    );
    return out;
  }
}

/** A listing that failed: every object under it is unknown, so it is an input of its own that was not read. */
function unlisted(bucket: string, prefix: string, err: unknown): InputRecord {
  return { source: `s3://${bucket}/${prefix}`, kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: `cannot be listed: ${describeAwsFailure(err)}` };
}

/** `AWSLogs/<account>/CloudTrail/<region>/` folders, organisation trails (`AWSLogs/o-.../<account>/`) included. */
async function regionFolders(lister: Lister, bucket: string, trail: TrailLocation, failures: InputRecord[]): Promise<string[]> {
  const root = `${trail.prefix ? `${trail.prefix.replace(/\/$/, '')}/` : ''}AWSLogs/`;
  const attempt = async (prefix: string): Promise<string[]> => {
    try {
      return await lister.list(prefix, true);
    } catch (err) {
      failures.push(unlisted(bucket, prefix, err));
      return [];
    }
  };
  const accounts: string[] = [];
  for (const p of await attempt(root)) {
    if (/\/o-[a-z0-9]+\/$/.test(p)) accounts.push(...(await attempt(p)).filter((a) => /\/\d{12}\/$/.test(a)));
    else if (/\/\d{12}\/$/.test(p)) accounts.push(p);
  }
  const regions: string[] = [];
  for (const account of accounts) regions.push(...(await attempt(`${account}CloudTrail/`)));
  return regions;
}

/**
 * Reads the archive's log files for the window's days, a few objects at a time. Never throws:
 * a listing that fails is listed as a `skipped` input for its prefix, an object that cannot be
 * read as a `skipped` input for its key, each with the reason.
 */
export async function readTrailArchive(s3: S3Client, trail: TrailLocation, window: AuditWindow, sink: EventSink, options: ArchiveOptions = {}): Promise<InputRecord[]> {
  const clock = options.clock ?? realClock;
  const lister = new Lister(s3, trail.bucket, clock, options.maxPages ?? PAGE_CAPS.listObjects);
  const failures: InputRecord[] = [];
  const objects: string[] = [];
  for (const region of await regionFolders(lister, trail.bucket, trail, failures)) {
    for (const day of datePrefixes(window)) {
      const prefix = `${region}${day}/`;
      try {
        objects.push(...(await lister.list(prefix, false)));
      } catch (err) {
        failures.push(unlisted(trail.bucket, prefix, err));
      }
    }
  }
  // Stryker disable next-line ArrayDeclaration: every index below objects.length is assigned before it is read; the length given only presizes the array
  const inputs: InputRecord[] = new Array(objects.length);
  let next = 0;
  const worker = async () => {
    while (next < objects.length) {
      const i = next;
      next += 1;
      inputs[i] = await readArchiveObject(s3, trail.bucket, objects[i], sink, clock, options.attempts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, objects.length) }, worker));
  return [...failures, ...inputs];
}
