import type { CodingEnvConfig } from '../lib/config/schema';
import type { AuditModel, AuditWindow } from './model/audit-model';
import type { CredentialReport } from './model/credentials';
import type { AuthorizationDetails } from './model/iam';
import type { CheckStatus, Finding, InputRecord } from './report-model';
import { ALL_CHECKS } from './rules/all-checks';
import { type CheckDefinition, type CheckInput, type EvidenceName, ruleContext, type RuleContext } from './rules/context';

/** What the checklist needs from the audit besides findings: IAM data that may have been unreadable. */
export interface ChecklistEvidence {
  readonly credentialReport: { ok: true; value: CredentialReport } | { ok: false; error: string };
  readonly authorization: { ok: true; value: AuthorizationDetails } | { ok: false; error: string };
}

export interface EngineResult {
  readonly context: RuleContext;
  readonly findings: Finding[];
  readonly checks: CheckStatus[];
  readonly inputs: InputRecord[];
  readonly evidence: ChecklistEvidence;
}

/**
 * Runs every check over the model. A check whose evidence is missing or unreadable is
 * `error` (never silently ok); a check that throws is `error` and the others still run.
 */
export function runChecks(
  model: AuditModel,
  config: CodingEnvConfig,
  window: AuditWindow,
  inputs: InputRecord[],
  checks: readonly CheckDefinition[] = ALL_CHECKS,
): EngineResult {
  const context = ruleContext(config, window);
  const findings: Finding[] = [];
  const statuses: CheckStatus[] = [];
  for (const check of checks) {
    const missing = check.needs.flatMap((name) => {
      const piece = model[name] ?? NOT_PROVIDED;
      return piece.ok ? [] : [`${label(name)}: ${piece.error}`];
    });
    if (missing.length > 0) {
      statuses.push({ check: check.check, status: 'error', error: `evidence unavailable: ${missing.join('; ')}` });
      continue;
    }
    try {
      findings.push(...check.run(unwrap(model), context));
      statuses.push({ check: check.check, status: 'ok' });
    } catch (err) {
      statuses.push({ check: check.check, status: 'error', error: `check failed: ${(err as Error).message}` });
    }
  }
  return { context, findings, checks: statuses, inputs, evidence: { credentialReport: model.credentialReport, authorization: model.authorization } };
}

/** Evidence the check did not ask for is never read: fill it with empties. */
function unwrap(model: AuditModel): CheckInput {
  return {
    credentialReport: model.credentialReport.ok ? model.credentialReport.value : { users: [], hasKeyLastUsed: false },
    authorization: model.authorization.ok ? model.authorization.value : { users: [], groups: [], roles: [], policies: [] },
    events: model.events.ok ? model.events.value : [],
    register: model.register?.ok ? model.register.value : {},
    attestations: model.attestations?.ok ? model.attestations.value : { sources: [], rows: [] },
  };
}

const NOT_PROVIDED = { ok: false, error: 'not provided to the audit' } as const;

function label(name: EvidenceName): string {
  return { credentialReport: 'credential report', authorization: 'authorization details', events: 'CloudTrail events', register: 'register', attestations: 'AI-attestation export' }[name];
}
