import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { S3Client } from '@aws-sdk/client-s3';
import { problemsOf } from '../evidence/evidence-dir';
import { EventSink } from '../evidence/event-sink';
import type { Coverage } from '../model/completeness';
import type { AuditWindow, Evidence } from '../model/audit-model';
import type { AuditEvent } from '../model/events';
import type { InputRecord } from '../report-model';
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
 * archive (LookupEvents has none), de-duplicated into one list. Any region or archive that
 * cannot be read makes the events unavailable: the checks that need them become `error`.
 */
export async function collectEvents(sources: EventSources, options: EventCollection, inputs: InputRecord[]): Promise<CollectedEvents> {
  const clock = options.clock ?? realClock;
  const say = options.progress ?? (() => undefined);
  const sink = new EventSink(options.window, options.keep);
  const problems: string[] = [];
  if (options.regions.length === 0) problems.push('no AWS region: set AWS_REGION or pass --regions');
  for (const region of options.regions) {
    say(`looking up management events in ${region}`);
    try {
      inputs.push(await lookupRegion(sources.cloudTrail(region), region, options.window, new RateLimiter(2, clock), sink, clock));
    } catch (err) {
      problems.push(`LookupEvents in ${region}: ${(err as Error).message}`);
      inputs.push({ source: `api:cloudtrail:LookupEvents:${region}`, kind: 'cloudtrail-lookup-events', status: 'skipped', records: 0, sha256: '', problem: (err as Error).message });
    }
  }
  if (options.regions.length > 0) {
    try {
      const trail = options.trail ?? (await findTrail(sources.cloudTrail(options.regions[0])));
      say(`reading data events from s3://${trail.bucket}/${trail.prefix}`);
      const archive = await readTrailArchive(sources.s3, trail, options.window, sink, clock);
      inputs.push(...archive);
      if (archive.length === 0) problems.push(`no CloudTrail log files for the window in s3://${trail.bucket}/${trail.prefix}`);
    } catch (err) {
      problems.push(`trail archive: ${(err as Error).message}`);
    }
  }
  // Data events come only from the archive: without it the PHI checks cannot run.
  const coverage = sink.coverage();
  if (problems.length > 0) return { ok: false, error: problems.join('; '), coverage };
  // Objects read in part or not at all, and conflicting copies: the event checks are `error`.
  const incomplete = [...problemsOf(inputs.filter((i) => i.kind.startsWith('cloudtrail'))), ...sink.conflicts()];
  return { ok: true, value: sink.events(), ...(incomplete.length ? { problems: incomplete } : {}), coverage };
}
