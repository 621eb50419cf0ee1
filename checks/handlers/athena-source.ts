import type { AthenaClient } from '@aws-sdk/client-athena';
import { ATHENA_NAMES } from '../athena/names';
import { QueryInputError } from '../athena/sql';
import { collectAthenaEvents } from '../collect/athena';
import { type Clock, realClock } from '../collect/clock';
import type { CollectedEvents } from '../collect/event-evidence';
import type { AuditWindow } from '../model/audit-model';
import { computeCoverage } from '../model/completeness';
import type { AuditEvent } from '../model/events';
import type { InputRecord } from '../report-model';
import { optionalEnv, requireEnv } from './environment';

/** What the stack tells a check function about its queries (lib/athena-check-reads.ts sets it). */
export interface AthenaSource {
  /** The account whose archive partitions are read (`TRAIL_ACCOUNT_ID`). */
  readonly account: string;
  /** Milliseconds the function's queries may take, results read included (`ATHENA_BUDGET_SECONDS`): less than the function's timeout. */
  readonly budgetMs: number;
  /** The workgroup's per-query cap (`ATHENA_BYTES_SCANNED_CUTOFF`), to name a query it cancelled. */
  readonly bytesScannedCutoff?: number;
}

const whole = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`environment variable ${name} must be a whole number, got ${JSON.stringify(raw)}`);
  return n;
};

export function athenaSource(env: NodeJS.ProcessEnv = process.env): AthenaSource {
  const cutoff = whole('ATHENA_BYTES_SCANNED_CUTOFF', optionalEnv('ATHENA_BYTES_SCANNED_CUTOFF', env));
  return {
    account: requireEnv('TRAIL_ACCOUNT_ID', env),
    budgetMs: (whole('ATHENA_BUDGET_SECONDS', requireEnv('ATHENA_BUDGET_SECONDS', env)) as number) * 1000,
    // Stryker disable next-line ConditionalExpression: a cutoff set to undefined is the same as none: its one reader asks whether it is undefined (athenaTrailEvents)
    ...(cutoff !== undefined ? { bytesScannedCutoff: cutoff } : {}),
  };
}

/**
 * The window's events of the deployed trail through Athena (workgroup coding-env-audit), in
 * place of LookupEvents and the S3 reads: every region of the archive, the account's partitions,
 * and a deadline inside the function's timeout, so a slow query is stopped and reported `error`
 * rather than the function being killed without a word. Same shape as collectEvents' result.
 */
export async function athenaTrailEvents(client: AthenaClient, window: AuditWindow, inputs: InputRecord[], keep?: (e: AuditEvent) => boolean, env: NodeJS.ProcessEnv = process.env, clock: Clock = realClock): Promise<CollectedEvents> {
  let source: AthenaSource;
  try {
    source = athenaSource(env);
  } catch (err) {
    // A function deployed without the stack's environment cannot know what to query: error, not ok.
    const problem = (err as Error).message;
    return { ok: false, error: problem, coverage: computeCoverage(window.from, window.to, new Map()) };
  }
  const started = clock.now();
  try {
    const collected = await collectAthenaEvents({
      client,
      workGroup: ATHENA_NAMES.workGroup,
      window: { from: window.from, to: window.to, accounts: [source.account] },
      keep,
      deadline: started + source.budgetMs,
      // Late-bound so the collectors' one clock (and its test double) governs the polls.
      now: () => clock.now(),
      sleep: (ms) => clock.sleep(ms),
      ...(source.bytesScannedCutoff !== undefined ? { bytesScannedCutoff: source.bytesScannedCutoff } : {}),
    });
    inputs.push(...collected.inputs);
    return { ...collected.events, coverage: collected.coverage };
  } catch (err) {
    if (err instanceof QueryInputError) return { ok: false, error: `environment variable TRAIL_ACCOUNT_ID: ${err.message}`, coverage: computeCoverage(window.from, window.to, new Map()) };
    throw err;
  }
}
