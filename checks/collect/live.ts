import type { CodingEnvConfig } from '../../lib/config/schema';
import type { LoadedEvidence } from '../evidence/evidence-dir';
import type { AuditWindow } from '../model/audit-model';
import type { AuditEvent } from '../model/events';
import type { InputRecord } from '../report-model';
import { type AwsClients, createClients } from './clients';
import { type Clock, realClock } from './clock';
import { collectEvents } from './event-evidence';
import { collectIamReports } from './iam-evidence';

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

  const { credentialReport, authorization } = await collectIamReports(clients.iam, inputs, clock, say);

  const regions = options.regions?.length ? [...options.regions] : await defaultRegion(clients);
  const trail = options.trailBucket ? { bucket: options.trailBucket, prefix: options.trailPrefix ?? '' } : undefined;
  const events = await collectEvents(clients, { window: options.window, regions, keep: options.keep, trail, progress: say, clock }, inputs);
  const { coverage, ...evidence } = events;
  // The account holds no coding-system export: the AI-attestation check has nothing to examine.
  return { model: { credentialReport, authorization, events: evidence as typeof events, coverage, attestations: { ok: true, value: { sources: [], rows: [] } } }, inputs };
}

async function defaultRegion(clients: AwsClients): Promise<string[]> {
  const region = await clients.iam.config.region().catch(() => undefined);
  return region && region !== 'aws-global' ? [region] : [];
}
