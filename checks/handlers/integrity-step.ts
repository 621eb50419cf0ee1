import type { CodingEnvConfig } from '../../lib/config/schema';
import { type CheckRunResult, fitForStateMachine } from '../check-results';
import { type IntegrityClients, type ProbeOptions, probeIntegrity } from '../collect/integrity-probe';
import type { Evidence } from '../model/audit-model';
import type { IntegrityState, IntegrityTarget } from '../model/integrity';
import type { InputRecord } from '../report-model';
import { auditIntegrity } from '../rules/audit-integrity';
import { integrityFindings } from '../rules/integrity-probe';
import { relevantEvents } from '../rules/relevance';
import { runCheckFunction } from './check-run';
import { optionalEnv, requireEnv } from './environment';
import { type DeployedSources, deployedTrailEvents } from './event-check';

export interface IntegrityStepDeps {
  readonly config: CodingEnvConfig;
  readonly sources: DeployedSources;
  readonly clients: IntegrityClients;
  readonly target: IntegrityTarget;
  readonly probe?: ProbeOptions;
}

/**
 * The scheduled audit-integrity check: the tamper events of the window (the rule the CLI runs)
 * and the live probe of the trail, the archive's lock and the stack's drift. Either one
 * incomplete makes the check `error`; the findings of both are kept.
 */
export async function runAuditIntegrity(event: unknown, deps: IntegrityStepDeps): Promise<CheckRunResult> {
  const keep = relevantEvents(deps.config);
  const events = await runCheckFunction(auditIntegrity, event, deps.config, async (window, inputs) => ({ events: await deployedTrailEvents(deps.sources, window, inputs, keep) }));
  // A run the state machine started wrongly is refused before any call.
  // Stryker disable next-line OptionalChaining: every error result of runCheckFunction carries its error (engine.ts, check-results.ts); the chain is for the type checker
  if (events.status === 'error' && events.error?.startsWith('invalid input from the state machine')) return events;
  const inputs: InputRecord[] = [];
  const probe = await probeIntegrity(deps.clients, deps.target, inputs, deps.probe);
  return withProbe(events, probe, inputs, deps.target);
}

/** The event check's result with the probe's findings, or its failure, added. Pure. */
export function withProbe(result: CheckRunResult, probe: Evidence<IntegrityState>, inputs: readonly InputRecord[], target: IntegrityTarget): CheckRunResult {
  const errors = [...(result.status === 'error' && result.error ? [result.error] : []), ...(probe.ok ? [] : [probe.error])];
  const { error: _previous, ...rest } = result;
  return fitForStateMachine({
    ...rest,
    status: errors.length > 0 ? 'error' : 'ok',
    ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
    findings: [...result.findings, ...(probe.ok ? integrityFindings(probe.value, target) : [])],
    inputs: [...result.inputs, ...inputs],
  });
}

/** What the stack deployed, from the function's environment. */
export function integrityTarget(config: CodingEnvConfig, env: NodeJS.ProcessEnv = process.env): IntegrityTarget {
  const days = Number(optionalEnv('ARCHIVE_RETENTION_DAYS', env) ?? '2192');
  if (!Number.isInteger(days) || days < 1) throw new Error('environment variable ARCHIVE_RETENTION_DAYS must be a whole number of days');
  return {
    trailArn: requireEnv('TRAIL_ARN', env),
    archiveBucket: requireEnv('TRAIL_BUCKET', env),
    phiBucket: config.storage.phiBucketName,
    stackName: requireEnv('STACK_NAME', env),
    retentionDays: days,
  };
}
