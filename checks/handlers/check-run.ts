import { z } from 'zod';
import type { CodingEnvConfig } from '../../lib/config/schema';
import { auditWindow } from '../audit';
import { runChecks } from '../engine';
import type { AuditModel, AuditWindow, Evidence } from '../model/audit-model';
import type { Coverage } from '../model/completeness';
import { EVIDENCE_KINDS } from '../model/evidence-kinds';
import type { InputRecord } from '../report-model';
import type { CheckDefinition } from '../rules/context';
import { type CheckRunResult, fitForStateMachine } from '../check-results';
import { optionalEnv } from './environment';

/** What the state machine passes each check: the run's start is the as-of instant. */
const checkEventSchema = z.object({ startedAt: z.iso.datetime({ offset: true }) });

export type Collector = (window: AuditWindow, inputs: InputRecord[]) => Promise<Partial<AuditModel>>;

const NOT_COLLECTED: Evidence<never> = { ok: false, error: 'not collected by this check function' };

/** Days of events a check reads: `WINDOW_DAYS`, default 30 (CONTRACT §5). */
export function windowDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = optionalEnv('WINDOW_DAYS', env) ?? '30';
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1) throw new Error(`environment variable WINDOW_DAYS must be a whole number of days, got ${JSON.stringify(raw)}`);
  return days;
}

/**
 * One check as a Lambda: collect what it needs, run the same rule the CLI runs, return its
 * findings. Unreadable evidence or a bad event is an `error` result, never an empty `ok`.
 */
export async function runCheckFunction(check: CheckDefinition, event: unknown, config: CodingEnvConfig, collect: Collector): Promise<CheckRunResult> {
  const parsed = checkEventSchema.safeParse(event);
  if (!parsed.success) {
    // Stryker disable next-line StringLiteral: the event schema is one top-level field, so an issue's path has at most one part and there is at most one issue to join
    return { check: check.check, status: 'error', error: `invalid input from the state machine: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, findings: [], inputs: [] };
  }
  const window = auditWindow(new Date(parsed.data.startedAt), windowDays());
  const inputs: InputRecord[] = [];
  const collected = await collect(window, inputs);
  // Event collectors hand over the days their events cover beside the events themselves.
  const coverage = collected.coverage ?? (collected.events as { coverage?: Coverage } | undefined)?.coverage;
  const model: AuditModel = { credentialReport: NOT_COLLECTED, authorization: NOT_COLLECTED, events: NOT_COLLECTED, ...collected, ...(coverage ? { coverage } : {}) };
  const result = runChecks(model, config, window, inputs, [check]);
  const [status] = result.checks;
  const readsEvents = check.needs.some((k) => EVIDENCE_KINDS[k].timeline);
  return fitForStateMachine({
    check: check.check,
    status: status.status,
    // Stryker disable next-line ConditionalExpression: an error set to undefined is dropped as the result crosses to the state machine as JSON, the same as none
    ...(status.error === undefined ? {} : { error: status.error }),
    findings: result.findings,
    inputs,
    ...(readsEvents ? { coverage: result.coverage } : {}),
    // Stryker disable next-line ObjectLiteral,StringLiteral,ArrayDeclaration: runChecks states the completeness of every evidence kind (engine.ts); the fallback is for the type checker
    completeness: Object.fromEntries(check.needs.map((k) => [k, result.completeness[k] ?? { state: 'unavailable', problems: ['not collected'] }])),
  });
}
