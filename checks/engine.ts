import type { CodingEnvConfig } from '../lib/config/schema';
import type { AccountEvidence, AuditModel, AuditWindow, Evidence, EvidenceSet } from './model/audit-model';
import { type Coverage, computeCoverage, describeGaps, type EvidenceState, summarizeProblems, utcDay } from './model/completeness';
import type { CredentialReport } from './model/credentials';
import { EVIDENCE_KIND_NAMES, EVIDENCE_KINDS, type EvidenceKind, type EvidenceKinds } from './model/evidence-kinds';
import type { AuthorizationDetails } from './model/iam';
import type { CheckStatus, Finding, InputRecord } from './report-model';
import { registerSectionTag } from './register/load';
import { ALL_CHECKS } from './rules/all-checks';
import { type CheckDefinition, type CheckInput, ruleContext, type RuleContext } from './rules/context';

/** The evidence kinds the checklist reads itself. */
export type ChecklistEvidenceKind = 'credentialReport' | 'authorization';

/** What the checklist needs from the audit besides findings: IAM data that may have been unreadable or partial. */
export interface ChecklistEvidence {
  readonly credentialReport: Evidence<CredentialReport>;
  readonly authorization: Evidence<AuthorizationDetails>;
  /** The organization's own accounts (multi-account evidence): trusting one of them is not trusting an outsider. */
  readonly accounts?: readonly string[];
}

/** How whole each kind of evidence was, as the engine judged it: plain data for the report and Step Functions. */
export type Completeness = { readonly [K in EvidenceKind]?: EvidenceState };

export interface EngineResult {
  readonly context: RuleContext;
  readonly findings: Finding[];
  readonly checks: CheckStatus[];
  readonly inputs: InputRecord[];
  readonly evidence: ChecklistEvidence;
  readonly coverage: Coverage;
  readonly completeness: Completeness;
}

const NOT_COLLECTED: Extract<Evidence<never>, { ok: false }> = { ok: false, error: 'not collected' };

/**
 * Runs every check over the model, consulting one completeness model: a check is `ok` only when
 * every kind of evidence it needs was read whole and, for a check reading events, every UTC
 * day of the window holds an event. Otherwise it is `error`, naming what was missing, and still
 * reports every finding it could establish from what was read (none when reference data such as
 * the register could not be read at all). A check that throws is `error` and the others still
 * run. With multi-account evidence (`model.accounts`) a check reading per-account evidence runs
 * once per account, on that account's evidence and coverage, and every finding it makes carries
 * the account; it is `error` when it is in any account.
 */
export function runChecks(
  model: AuditModel,
  config: CodingEnvConfig,
  window: AuditWindow,
  inputs: InputRecord[],
  checks: readonly CheckDefinition[] = ALL_CHECKS,
): EngineResult {
  const context = ruleContext(config, window);
  const pieces = crossChecked(model);
  const coverage = model.coverage ?? coverageOfEvents(pieces.events, window);
  if (model.accounts !== undefined) return runOrganization(model.accounts, pieces, coverage, context, inputs, checks);
  const completeness = Object.fromEntries(EVIDENCE_KIND_NAMES.map((k) => [k, evidenceState(pieces[k])])) as Completeness;
  const { findings, statuses } = runEach(checks, pieces, coverage, context);
  return { context, findings, checks: statuses, inputs, evidence: { credentialReport: pieces.credentialReport, authorization: pieces.authorization }, coverage, completeness };
}

/** Each check over one set of evidence. */
function runEach(checks: readonly CheckDefinition[], pieces: Pieces, coverage: Coverage, context: RuleContext): { findings: Finding[]; statuses: CheckStatus[] } {
  const input = unwrap(pieces);
  const findings: Finding[] = [];
  const statuses: CheckStatus[] = [];
  for (const check of checks) {
    const reasons = incompleteness(check.needs, registerFor(check, pieces), coverage);
    // Incomplete evidence may hide findings, never invent them: without its reference data a check has nothing to judge by.
    const unjudgeable = check.needs.some((k) => EVIDENCE_KINDS[k].reference === true && !pieces[k].ok);
    try {
      if (!unjudgeable) findings.push(...check.run(input, context));
      statuses.push(reasons.length > 0 ? { check: check.check, status: 'error', error: reasons.join('; ') } : { check: check.check, status: 'ok' });
    } catch (err) {
      statuses.push({ check: check.check, status: 'error', error: [`check failed: ${(err as Error).message}`, ...reasons].join('; ') });
    }
  }
  return { findings, statuses };
}

/** The `account` of findings judged over the organization's own evidence (the register, AI attestations), not one account's. */
export const ORGANIZATION_ACCOUNT = 'organization';

/**
 * The organization: per-account checks once per account (findings stamped with it, errors
 * prefixed with it), the others once over the organization's evidence; completeness merged
 * (the worst state of any account, each problem naming its account).
 */
function runOrganization(accounts: readonly AccountEvidence[], org: Pieces, coverage: Coverage, context: RuleContext, inputs: InputRecord[], checks: readonly CheckDefinition[]): EngineResult {
  const perAccount = checks.filter((c) => c.needs.some((k) => EVIDENCE_KINDS[k].perAccount));
  const once = checks.filter((c) => !perAccount.includes(c));
  const findings: Finding[] = [];
  const errors = new Map<string, string[]>();
  const completeness: { [K in EvidenceKind]?: EvidenceState } = {};
  const ids = [...accounts].map((a) => a.account).sort();
  for (const { account, evidence } of [...accounts].sort((a, b) => a.account.localeCompare(b.account))) {
    const pieces = crossChecked({ ...org, ...evidence });
    const own: Coverage = { ...coverage, gaps: coverage.gaps.filter((g) => g.account === account) };
    const result = runEach(perAccount, pieces, own, context);
    findings.push(...result.findings.map((f) => ({ ...f, account })));
    for (const s of result.statuses) if (s.status === 'error') errors.set(s.check, [...(errors.get(s.check) ?? []), `account ${account}: ${s.error ?? 'error'}`]);
    for (const kind of EVIDENCE_KIND_NAMES.filter((k) => EVIDENCE_KINDS[k].perAccount)) completeness[kind] = worse(completeness[kind], evidenceState(pieces[kind]), account);
  }
  if (ids.length === 0) for (const c of perAccount) errors.set(c.check, ['no account in the evidence: accounts/ holds no 12-digit account folder and cloudtrail/ no event']);
  const onceResult = runEach(once, org, coverage, context);
  // CONTRACT §3: every finding of multi-account evidence carries `account`; these are no one account's.
  findings.push(...onceResult.findings.map((f) => ({ ...f, account: f.account ?? ORGANIZATION_ACCOUNT })));
  for (const kind of EVIDENCE_KIND_NAMES.filter((k) => !EVIDENCE_KINDS[k].perAccount)) completeness[kind] = evidenceState(org[kind]);
  const statuses = checks.map((c): CheckStatus => {
    const single = onceResult.statuses.find((s) => s.check === c.check);
    if (single !== undefined && once.includes(c)) return single;
    const why = errors.get(c.check);
    return why === undefined ? { check: c.check, status: 'ok' } : { check: c.check, status: 'error', error: why.join(' | ') };
  });
  return { context, findings, checks: statuses, inputs, evidence: { credentialReport: org.credentialReport, authorization: org.authorization, accounts: ids }, coverage, completeness };
}

/** The less whole of two states; the new one's problems name the account. */
function worse(before: EvidenceState | undefined, next: EvidenceState, account: string): EvidenceState {
  const rank = { whole: 0, partial: 1, unavailable: 2 } as const;
  const problems = [...(before?.problems ?? []), ...next.problems.map((p) => `account ${account}: ${p}`)];
  const state = before === undefined || rank[next.state] > rank[before.state] ? next.state : before.state;
  return { state, problems };
}

/** The register as one check sees it: only problems of the sections it reads. */
function registerFor(check: CheckDefinition, pieces: Pieces): Pieces {
  const register = pieces.register;
  if (check.registerSections === undefined || !register.ok || !register.problems?.length) return pieces;
  const tags = check.registerSections.map(registerSectionTag);
  const problems = register.problems.filter((p) => tags.some((t) => p.startsWith(t)));
  return { ...pieces, register: { ok: true, value: register.value, ...(problems.length ? { problems } : {}) } };
}

type Pieces = EvidenceSet;

/** Why the evidence a check needs is not whole; empty when it is. */
export function incompleteness(needs: readonly EvidenceKind[], pieces: Partial<Pieces>, coverage: Coverage): string[] {
  const unavailable: string[] = [];
  const partial: string[] = [];
  for (const kind of needs) {
    const piece = pieces[kind] ?? NOT_COLLECTED;
    const { label, timeline } = EVIDENCE_KINDS[kind];
    if (!piece.ok) {
      unavailable.push(`${label}: ${piece.error}`);
      continue;
    }
    if (piece.problems?.length) partial.push(`${label}: ${summarizeProblems(piece.problems)}`);
    if (timeline && coverage.gaps.length > 0) partial.push(`${label}: no event on ${describeGaps(coverage.gaps)} (coverage.gaps): the window is not covered`);
  }
  return [
    ...(unavailable.length > 0 ? [`evidence unavailable: ${unavailable.join('; ')}`] : []),
    ...(partial.length > 0 ? [`evidence incomplete: ${partial.join('; ')}`] : []),
  ];
}

export function evidenceState(piece: Evidence<unknown> | undefined): EvidenceState {
  if (piece === undefined) return { state: 'unavailable', problems: [NOT_COLLECTED.error] };
  if (!piece.ok) return { state: 'unavailable', problems: [piece.error] };
  return piece.problems?.length ? { state: 'partial', problems: [...piece.problems] } : { state: 'whole', problems: [] };
}

/**
 * Evidence that contradicts other evidence is not whole: an authorization export with no users
 * while the credential report lists IAM users was cut or filtered (CONTRACT §3a).
 */
function crossChecked(model: Partial<EvidenceSet>): Pieces {
  const pieces = Object.fromEntries(EVIDENCE_KIND_NAMES.map((k) => [k, model[k] ?? NOT_COLLECTED])) as Pieces;
  const { credentialReport: report, authorization: auth } = pieces;
  if (report.ok && auth.ok && auth.value.users.length === 0 && report.value.users.length > 0) {
    return { ...pieces, authorization: { ok: false, error: `lists no IAM users while the credential report lists ${report.value.users.length}: the export is empty or cut` } };
  }
  return pieces;
}

/** Coverage of the events the engine was handed (tests, and models built without a loader). */
function coverageOfEvents(events: Evidence<EvidenceKinds['events']>, window: AuditWindow): Coverage {
  const seen = new Map<string, Set<string>>();
  if (events.ok) {
    for (const e of events.value) {
      if (e.timeMs < window.from.getTime() || e.timeMs > window.to.getTime()) continue;
      const days = seen.get(e.account ?? '') ?? new Set<string>();
      days.add(utcDay(e.timeMs));
      seen.set(e.account ?? '', days);
    }
  }
  return computeCoverage(window.from, window.to, seen);
}

/** Evidence that could not be read is seen as empty; the check is `error` for it regardless. */
function unwrap(pieces: Pieces): CheckInput {
  return Object.fromEntries(EVIDENCE_KIND_NAMES.map((k) => {
    const piece = pieces[k];
    return [k, piece.ok ? piece.value : EVIDENCE_KINDS[k].empty];
  })) as unknown as CheckInput;
}
