import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { S3Client } from '@aws-sdk/client-s3';
import { problemsOf } from '../evidence/evidence-dir';
import { EventSink } from '../evidence/event-sink';
import type { Coverage } from '../model/completeness';
import type { AuditWindow, Evidence } from '../model/audit-model';
import type { AuditEvent } from '../model/events';
import type { InputRecord } from '../report-model';
import { describeAwsFailure } from './aws-failure';
import { type Clock, realClock } from './clock';
import { lookupRegion } from './lookup-events';
import { RateLimiter } from './rate-limiter';
import { findTrail, readTrailArchive, type TrailLocation } from './trail-archive';

/** The window's events and the days they cover (counted before `keep` drops any). */
export type CollectedEvents = Evidence<readonly AuditEvent[]> & { readonly coverage: Coverage };

export interface EventSources {
  readonly s3: S3Client;
  cloudTrail(region: string): CloudTrailClient;
}

export interface EventCollection {
  readonly window: AuditWindow;
  /** Regions whose management events are looked up. */
  readonly regions: readonly string[];
  /** Which events a rule needs; the others are not kept. */
  readonly keep?: (e: AuditEvent) => boolean;
  /** The trail archive; found with DescribeTrails in the first region when absent. */
  readonly trail?: TrailLocation;
  readonly progress?: (message: string) => void;
  readonly clock?: Clock;
}

/**
 * Management events from LookupEvents in each region and data events from the trail's S3
 * archive (LookupEvents has none), de-duplicated into one list. Every region, listing and
 * object is an input; any that was not read whole (denied, KMS, missing, reset, throttled,
 * a repeated token, a page cap) makes the events incomplete: the checks that need them are `error`.
 */
export async function collectEvents(sources: EventSources, options: EventCollection, inputs: InputRecord[]): Promise<CollectedEvents> {
  const clock = options.clock ?? realClock;
  const say = options.progress ?? (() => undefined);
  const sink = new EventSink(options.window, options.keep);
  // Nothing at all to read (no region): unavailable. Anything less than whole: read, with problems.
  const problems: string[] = [];
  const gaps: string[] = [];
  const own: InputRecord[] = [];
  if (options.regions.length === 0) problems.push('no AWS region: set AWS_REGION or pass --regions');
  for (const region of options.regions) {
    say(`looking up management events in ${region}`);
    own.push(await lookupRegion(sources.cloudTrail(region), region, options.window, new RateLimiter(2, clock), sink, clock));
  }
  if (options.regions.length > 0) {
    let trail = options.trail;
    if (trail === undefined) {
      try {
        trail = await findTrail(sources.cloudTrail(options.regions[0]), clock);
      } catch (err) {
        const why = describeAwsFailure(err);
        own.push({ source: `api:cloudtrail:DescribeTrails:${options.regions[0]}`, kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: why });
      }
    }
    if (trail !== undefined) {
      say(`reading data events from s3://${trail.bucket}/${trail.prefix}`);
      const archive = await readTrailArchive(sources.s3, trail, options.window, sink, { clock });
      own.push(...archive);
      if (archive.length === 0) gaps.push(`no CloudTrail log files for the window in s3://${trail.bucket}/${trail.prefix}`);
    }
  }
  inputs.push(...own);
  const coverage = sink.coverage();
  // Stryker disable next-line StringLiteral: there is one problem at most here, so the separator never shows
  if (problems.length > 0) return { ok: false, error: problems.join('; '), coverage };
  // Every region, listing and object not read whole, and conflicting copies: the event checks
  // are `error`, and still report what the events that were read show.
  const incomplete = [...problemsOf(own), ...gaps, ...sink.conflicts()];
  return { ok: true, value: sink.events(), ...(incomplete.length ? { problems: incomplete } : {}), coverage };
}
