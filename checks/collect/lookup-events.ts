import { type CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { createHash } from 'node:crypto';
import { ingestJson, record } from '../evidence/cloudtrail-files';
import type { EventSink, IngestTally } from '../evidence/event-sink';
import type { AuditWindow } from '../model/audit-model';
import type { InputRecord } from '../report-model';
import type { Clock } from './clock';
import type { RateLimiter } from './rate-limiter';
import { retryThrottled } from './throttle';

/**
 * Management events of one region over the window, page by page within LookupEvents' rate
 * limit. Each page goes through the same parser as exported pages; the hash covers the pages as received.
 */
export async function lookupRegion(client: CloudTrailClient, region: string, window: AuditWindow, limiter: RateLimiter, sink: EventSink, clock: Clock): Promise<InputRecord> {
  const hash = createHash('sha256');
  const total: IngestTally = { records: 0, bad: 0 };
  let token: string | undefined;
  do {
    const next = token;
    const page = await retryThrottled(async () => {
      await limiter.take();
      return client.send(new LookupEventsCommand({ StartTime: window.from, EndTime: window.to, MaxResults: 50, NextToken: next }));
    }, clock);
    const events = (page.Events ?? []).map((e) => ({ EventId: e.EventId, CloudTrailEvent: e.CloudTrailEvent ?? '' }));
    const json = { Events: events };
    hash.update(JSON.stringify(json));
    const got = ingestJson(json, sink, `api:cloudtrail:LookupEvents:${region}`);
    if (got) {
      total.records += got.tally.records;
      total.bad += got.tally.bad;
      total.firstProblem ??= got.tally.firstProblem;
    }
    token = page.NextToken;
  } while (token);
  return record(`api:cloudtrail:LookupEvents:${region}`, 'cloudtrail-lookup-events', hash.digest('hex'), total);
}
