import { AthenaClient } from '@aws-sdk/client-athena';
import { S3Client } from '@aws-sdk/client-s3';
import type { CollectedEvents } from '../collect/event-evidence';
import { SDK_OPTIONS } from '../collect/sdk-options';
import type { AuditEvent } from '../model/events';
import type { AuditWindow } from '../model/audit-model';
import type { InputRecord } from '../report-model';
import type { CheckDefinition } from '../rules/context';
import { relevantEvents } from '../rules/relevance';
import { bundledConfig } from './bundled-config';
import type { CheckRunResult } from '../check-results';
import { runCheckFunction } from './check-run';
import { athenaTrailEvents } from './athena-source';

/** The clients of a check function: Athena for the trail's events, S3 (the register, the integrity probe, the worksheet). */
export interface DeployedSources {
  readonly athena: AthenaClient;
  readonly s3: S3Client;
}

export function eventSources(): DeployedSources {
  return { athena: new AthenaClient(SDK_OPTIONS), s3: new S3Client(SDK_OPTIONS) };
}

/**
 * The window's events from the deployed trail's archive, selected in Athena (LookupEvents' 2
 * calls a second cannot keep up with a busy account; the archive holds every event).
 */
export function deployedTrailEvents(sources: DeployedSources, window: AuditWindow, inputs: InputRecord[], keep?: (e: AuditEvent) => boolean): Promise<CollectedEvents> {
  return athenaTrailEvents(sources.athena, window, inputs, keep);
}

/** The handler of a check that reads only the trail's events. */
export function eventsOnlyCheckHandler(check: CheckDefinition): (event: unknown) => Promise<CheckRunResult> {
  const sources = eventSources();
  return (event) =>
    runCheckFunction(check, event, bundledConfig(), async (window, inputs) => ({
      events: await deployedTrailEvents(sources, window, inputs, relevantEvents(bundledConfig())),
    }));
}
