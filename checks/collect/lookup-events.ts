import { type CloudTrailClient, LookupEventsCommand, type LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
import { createHash } from 'node:crypto';
import { ingestJson } from '../evidence/cloudtrail-files';
import type { EventSink, IngestTally } from '../evidence/event-sink';
import type { AuditWindow } from '../model/audit-model';
import type { InputRecord } from '../report-model';
import { describeAwsFailure } from './aws-failure';
import type { Clock } from './clock';
import { PAGE_CAPS, paginate } from './paginate';
import type { RateLimiter } from './rate-limiter';
import { retryThrottled } from './throttle';

/**
 * Management events of one region over the window, page by page within LookupEvents' rate
 * limit. Each page goes through the same parser as exported pages; the hash covers the pages as
 * received. Never throws: a call that fails (denied, throttled past retries, a repeated token,
 * the page cap) ends the region's input as `partial` (pages before it were read, their events
 * kept) or `skipped` (nothing read), with the reason.
 */
export async function lookupRegion(
  client: CloudTrailClient,
  region: string,
  window: AuditWindow,
  limiter: RateLimiter,
  sink: EventSink,
  clock: Clock,
  maxPages: number = PAGE_CAPS.lookupEvents,
): Promise<InputRecord> {
  const source = `api:cloudtrail:LookupEvents:${region}`;
  const hash = createHash('sha256');
  const total: IngestTally = { records: 0, bad: 0 };
  let pages = 0;
  let failure: string | undefined;
  try {
    await paginate<LookupEventsCommandOutput>(
      {
        what: `LookupEvents in ${region}`,
        maxPages,
        fetch: (token) =>
          retryThrottled(async () => {
            await limiter.take();
            return client.send(new LookupEventsCommand({ StartTime: window.from, EndTime: window.to, MaxResults: 50, NextToken: token }));
          }, clock),
        next: (page) => page.NextToken,
      },
      (page) => {
        pages += 1;
        const json = { Events: (page.Events ?? []).map((e) => ({ EventId: e.EventId, CloudTrailEvent: e.CloudTrailEvent ?? '' })) };
        hash.update(JSON.stringify(json));
        const got = ingestJson(json, sink, source);
        // Stryker disable next-line ConditionalExpression: the page is given an Events array, so ingestJson always answers
        if (!got) return;
        total.records += got.tally.records;
        total.bad += got.tally.bad;
        total.firstProblem ??= got.tally.firstProblem;
      },
    );
  } catch (err) {
    failure = describeAwsFailure(err);
  }
  const sha256 = hash.digest('hex');
  const rejected = total.bad > 0 ? `${total.bad} of ${total.records} events rejected, first ${total.firstProblem}` : undefined;
  const stopped = failure && (pages === 0 ? failure : `stopped after ${pages} page(s): ${failure}`);
  const problem = [stopped, rejected].filter(Boolean).join('; ');
  // No page read means the first call failed (paginate hands on every page it fetches).
  const status = pages === 0 ? 'skipped' : problem ? 'partial' : 'read';
  return { source, kind: 'cloudtrail-lookup-events', status, records: total.records - total.bad, sha256: pages === 0 ? '' : sha256, ...(problem ? { problem } : {}) };
}
