import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { S3Client } from '@aws-sdk/client-s3';
import { type CollectedEvents, collectEvents, type EventSources } from '../collect/event-evidence';
import { SDK_OPTIONS } from '../collect/sdk-options';
import type { AuditEvent } from '../model/events';
import type { AuditWindow } from '../model/audit-model';
import type { InputRecord } from '../report-model';
import type { CheckDefinition } from '../rules/context';
import { relevantEvents } from '../rules/relevance';
import { bundledConfig } from './bundled-config';
import type { CheckRunResult } from '../check-results';
import { runCheckFunction } from './check-run';
import { trailSource } from './trail-source';

/** CloudTrail and S3 clients for the events of the deployed trail. */
export function eventSources(): EventSources {
  const trails = new Map<string, CloudTrailClient>();
  return {
    s3: new S3Client(SDK_OPTIONS),
    cloudTrail: (region) => {
      const client = trails.get(region) ?? new CloudTrailClient({ ...SDK_OPTIONS, region });
      trails.set(region, client);
      return client;
    },
  };
}

/** The window's events from the deployed trail: LookupEvents in each region and the S3 archive. */
export function deployedTrailEvents(sources: EventSources, window: AuditWindow, inputs: InputRecord[], keep?: (e: AuditEvent) => boolean): Promise<CollectedEvents> {
  const { trail, regions } = trailSource();
  return collectEvents(sources, { window, regions, trail, keep }, inputs);
}

/** The handler of a check that reads only the trail's events. */
export function eventsOnlyCheckHandler(check: CheckDefinition): (event: unknown) => Promise<CheckRunResult> {
  const sources = eventSources();
  return (event) =>
    runCheckFunction(check, event, bundledConfig(), async (window, inputs) => ({
      events: await deployedTrailEvents(sources, window, inputs, relevantEvents(bundledConfig())),
    }));
}
