import type { CodingEnvConfig } from '../../lib/config/schema';
import { parseAuthorizationDetails } from '../evidence/authorization-details';
import { parseCredentialReport } from '../evidence/credential-report';
import { EventSink } from '../evidence/event-sink';
import { sha } from '../evidence/evidence-dir';
import type { LoadedEvidence } from '../evidence/evidence-dir';
import type { AuditWindow, Evidence } from '../model/audit-model';
import type { AuditEvent } from '../model/events';
import type { InputRecord } from '../report-model';
import { fetchAuthorizationPages } from './authorization-details';
import { type AwsClients, createClients } from './clients';
import { type Clock, realClock } from './clock';
import { fetchCredentialReport } from './credential-report';
import { lookupRegion } from './lookup-events';
import { RateLimiter } from './rate-limiter';
import { findTrail, readTrailArchive, type TrailLocation } from './trail-archive';

export interface LiveOptions {
  readonly config: CodingEnvConfig;
  readonly window: AuditWindow;
  readonly keep?: (e: AuditEvent) => boolean;
  readonly regions?: readonly string[];
  readonly trailBucket?: string;
  readonly trailPrefix?: string;
  readonly progress?: (message: string) => void;
  readonly clients?: AwsClients;
  readonly clock?: Clock;
}

/**
 * Reads the account the way an officer would export it (CONTRACT §3), into the same model.
 * A call that fails makes its piece unavailable (its checks `error`), never the whole run.
 */
export async function collectLive(options: LiveOptions): Promise<LoadedEvidence> {
  const clients = options.clients ?? createClients();
  const clock = options.clock ?? realClock;
  const say = options.progress ?? (() => undefined);
  const inputs: InputRecord[] = [];

  const credentialReport = await attempt(async () => {
    say('generating the IAM credential report');
    const { csv, bytes } = await fetchCredentialReport(clients.iam, clock);
    const parsed = parseCredentialReport(csv);
    inputs.push({ source: 'api:iam:GetCredentialReport', kind: 'credential-report', status: 'read', records: parsed.records, sha256: sha(bytes), ...(parsed.problems.length ? { problem: parsed.problems.join('; ') } : {}) });
    return parsed.report;
  });
  const authorization = await attempt(async () => {
    say('reading IAM authorization details');
    const pages = await fetchAuthorizationPages(clients.iam, clock);
    const parsed = parseAuthorizationDetails(pages);
    inputs.push({ source: 'api:iam:GetAccountAuthorizationDetails', kind: 'authorization-details', status: 'read', records: parsed.records, sha256: sha(JSON.stringify(pages)) });
    return parsed.details;
  });

  const sink = new EventSink(options.window, options.keep);
  const problems: string[] = [];
  const regions = options.regions?.length ? [...options.regions] : await defaultRegion(clients).then((r) => [r], (err: Error) => (problems.push(err.message), []));
  for (const region of regions) {
    say(`looking up management events in ${region}`);
    try {
      inputs.push(await lookupRegion(clients.cloudTrail(region), region, options.window, new RateLimiter(2, clock), sink, clock));
    } catch (err) {
      problems.push(`LookupEvents in ${region}: ${(err as Error).message}`);
      inputs.push({ source: `api:cloudtrail:LookupEvents:${region}`, kind: 'cloudtrail-lookup-events', status: 'skipped', records: 0, sha256: '', problem: (err as Error).message });
    }
  }
  if (regions.length > 0) try {
    const trail: TrailLocation = options.trailBucket ? { bucket: options.trailBucket, prefix: options.trailPrefix ?? '' } : await findTrail(clients.cloudTrail(regions[0]));
    say(`reading data events from s3://${trail.bucket}/${trail.prefix}`);
    const archive = await readTrailArchive(clients.s3, trail, options.window, sink, clock);
    inputs.push(...archive);
    if (archive.length === 0) problems.push(`no CloudTrail log files for the window in s3://${trail.bucket}/${trail.prefix}`);
  } catch (err) {
    problems.push(`trail archive: ${(err as Error).message}`);
  }
  // Data events come only from the archive: without it the PHI checks cannot run.
  const events: Evidence<readonly AuditEvent[]> = problems.length === 0 ? { ok: true, value: sink.events() } : { ok: false, error: problems.join('; ') };
  return { model: { credentialReport, authorization, events }, inputs };
}

/** The engine names the evidence in its error; here only why it is unavailable. */
async function attempt<T>(run: () => Promise<T>): Promise<Evidence<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

async function defaultRegion(clients: AwsClients): Promise<string> {
  const region = await clients.iam.config.region().catch(() => undefined);
  if (!region || region === 'aws-global') throw new Error('no AWS region: set AWS_REGION or pass --regions');
  return region;
}
