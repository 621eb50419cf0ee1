import { AthenaClient } from '@aws-sdk/client-athena';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { LoadedEvidence } from '../evidence/evidence-dir';
import type { AuditWindow } from '../model/audit-model';
import { computeCoverage } from '../model/completeness';
import type { AuditEvent } from '../model/events';
import type { InputRecord } from '../report-model';
import { type AthenaRunOptions, collectAthenaEvents } from './athena';
import { describeAwsFailure } from './aws-failure';
import { type AwsClients, createClients } from './clients';
import { type Clock, realClock } from './clock';
import { collectIamReports } from './iam-evidence';
import { SDK_OPTIONS } from './sdk-options';

export interface AthenaAuditOptions {
  readonly window: AuditWindow;
  readonly keep?: (e: AuditEvent) => boolean;
  /** Region partitions to read. @default every region of the table */
  readonly regions?: readonly string[];
  readonly progress?: (message: string) => void;
  readonly clients?: AwsClients;
  readonly athena?: AthenaClient;
  readonly sts?: STSClient;
  readonly clock?: Clock;
  /** Poll interval and bounds of the queries (tests shorten them). */
  readonly query?: Pick<AthenaRunOptions, 'pollIntervalMs' | 'maxPolls' | 'sleep' | 'deadline' | 'now'>;
}

/**
 * `coding-env audit --athena`: the IAM evidence as `--live` reads it (credential report,
 * authorization details), the events from the archive through Athena instead of LookupEvents and
 * S3 (the same selection, coverage and completeness as offline). The account is the caller's.
 * Nothing throws for AWS's sake: a call that fails makes its evidence unavailable, named.
 */
export async function collectAthenaAudit(options: AthenaAuditOptions): Promise<LoadedEvidence> {
  const clients = options.clients ?? createClients();
  const clock = options.clock ?? realClock;
  const say = options.progress ?? (() => undefined);
  const inputs: InputRecord[] = [];

  const { credentialReport, authorization } = await collectIamReports(clients.iam, inputs, clock, say);
  const attestations = { ok: true, value: { sources: [], rows: [] } } as const;

  const sts = options.sts ?? new STSClient(SDK_OPTIONS);
  let account: string | undefined;
  let why = 'GetCallerIdentity returned no account';
  try {
    account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (err) {
    why = describeAwsFailure(err);
  }
  // Stryker disable next-line ConditionalExpression: the pattern refuses undefined too (tested as "undefined"); the guard is for the type checker
  if (account === undefined || !/^\d{12}$/.test(account)) {
    const problem = `cannot identify the AWS account to query (sts:GetCallerIdentity): ${why}`;
    inputs.push({ source: 'api:sts:GetCallerIdentity', kind: 'cloudtrail-athena-account', status: 'skipped', records: 0, sha256: '', problem });
    // No account, no query: every day of the window is uncovered and the events unavailable.
    const coverage = computeCoverage(options.window.from, options.window.to, new Map());
    return { model: { credentialReport, authorization, events: { ok: false, error: problem }, coverage, attestations }, inputs };
  }

  say(`querying Athena (workgroup coding-env-audit) over account ${account}${options.regions ? ` in ${options.regions.join(', ')}` : ''}`);
  const athena = await collectAthenaEvents({
    client: options.athena ?? new AthenaClient(SDK_OPTIONS),
    window: { from: options.window.from, to: options.window.to, accounts: [account], ...(options.regions ? { regions: options.regions } : {}) },
    keep: options.keep,
    // Polls wait on the run's clock, as the other collectors' backoff does.
    sleep: (ms) => clock.sleep(ms),
    ...options.query,
  });
  inputs.push(...athena.inputs);
  return { model: { credentialReport, authorization, events: athena.events, coverage: athena.coverage, attestations }, inputs };
}
