import { CHECKLIST_ITEMS } from '../../lib/controls/catalog';
import { itemRules } from '../checklist/items';
import { compactInputs } from '../compact-inputs';
import { ORGANIZATION_ACCOUNT } from '../engine';
import { type Coverage, type CoverageGap, mergeCoverage, summarizeProblems, windowDays } from '../model/completeness';
import type { AuditWindow } from '../model/audit-model';
import type { CheckStatus, ChecklistResult, Finding, InputRecord, Report } from '../report-model';
import type { CheckDefinition } from '../rules/context';
import { ALL_CHECKS } from '../rules/all-checks';

/** One account's part of the organization's report: its filed report, or why there is none. */
export type AccountPart = { readonly account: string; readonly report: Report } | { readonly account: string; readonly missing: string };

export interface OrganizationParts {
  /** The audit account's own run: every check. */
  readonly home: AccountPart;
  /** The member accounts' runs: the checks that read an account's own evidence. */
  readonly members: readonly AccountPart[];
  /** The checks a member account's run holds. */
  readonly memberChecks: readonly CheckDefinition[];
  /** Accounts of the organization that could not be audited (suspended, closing), with their state. */
  readonly notAudited?: readonly { readonly account: string; readonly state: string }[];
  /** The organization's accounts could not be listed: no member is known, none is audited. */
  readonly listingError?: string;
}

const STATUS_RANK = { pass: 0, fail: 1, error: 2 } as const;

/**
 * The organization's findings, checks, inputs, coverage and checklist from each account's
 * report (pure). Every finding carries its account (`organization` for the findings of the
 * organization-wide checks, as offline multi-account audits mark them). A check is `error` when it is in any
 * account, or when an account it runs in has no report; an account without a report is a gap
 * for the whole window; each checklist item takes the worst of the accounts' verdicts, each
 * reason naming its account, and is `error` for an account without a report when it reads
 * account evidence (a check or IAM data). Fail closed: an account is never silently left out.
 */
export function mergeOrganization(parts: OrganizationParts, window: AuditWindow): Pick<Report, 'findings' | 'checks' | 'inputs' | 'coverage' | 'checklist'> {
  const accounts = [parts.home, ...parts.members];
  const memberChecks = new Set<string>(parts.memberChecks.map((c) => c.check));
  const runsIn = (part: AccountPart, check: string) => part === parts.home || memberChecks.has(check);

  // The audit account's run also judges the organization's own evidence (the register, AI attestations): those findings are no one account's.
  const accountOf = (part: AccountPart, f: Finding) => (part === parts.home && !memberChecks.has(f.check) ? ORGANIZATION_ACCOUNT : part.account);
  const findings: Finding[] = accounts.flatMap((part) =>
    'report' in part ? part.report.findings.map(({ id: _id, recurrence: _recurrence, ...f }) => ({ ...f, account: accountOf(part, f) })) : [],
  );

  const checks: CheckStatus[] = ALL_CHECKS.map(({ check }) => {
    const errors = accounts.flatMap((part) => {
      if (!runsIn(part, check)) return [];
      if (!('report' in part)) return [`account ${part.account}: ${part.missing}`];
      const own = part.report.checks.find((c) => c.check === check);
      if (own === undefined) return [`account ${part.account}: the check did not run`];
      if (own.status !== 'error') return [];
      // A member's run already names its account in its errors.
      const why = own.error ?? 'error';
      return [why.startsWith(`account ${part.account}: `) ? why : `account ${part.account}: ${why}`];
    });
    if (parts.listingError !== undefined && memberChecks.has(check)) errors.push(`member accounts: ${parts.listingError}`);
    return errors.length > 0 ? { check, status: 'error', error: summarizeProblems(errors) } : { check, status: 'ok' };
  });

  const inputs: InputRecord[] = compactInputs([
    ...accounts.flatMap((part) =>
      'report' in part ? part.report.inputs : [{ source: `account:${part.account}`, kind: 'account', status: 'skipped' as const, records: 0, sha256: '', problem: part.missing }],
    ),
    ...(parts.notAudited ?? []).map((a) => ({ source: `account:${a.account}`, kind: 'account', status: 'ignored' as const, records: 0, sha256: '', problem: `not audited: the account is ${a.state}` })),
    ...(parts.listingError !== undefined ? [{ source: 'api:organizations:ListAccounts', kind: 'account', status: 'skipped' as const, records: 0, sha256: '', problem: parts.listingError }] : []),
  ]);

  const days = windowDays(window.from, window.to);
  const whole: CoverageGap | undefined = days.length > 0 ? { from: days[0], to: days[days.length - 1] } : undefined;
  const views: Coverage[] = accounts.map((part) => {
    // Stryker disable next-line ArrayDeclaration: only a window of no days has no whole, and then a stand-in gap has no from or to, so mergeCoverage counts no day of it, as of none.
    const gaps = 'report' in part ? part.report.coverage.gaps : whole ? [whole] : [];
    return { from: window.from.toISOString(), to: window.to.toISOString(), gaps: gaps.map((g) => ({ ...g, account: part.account })) };
  });
  // Stryker disable next-line ObjectLiteral,ArrayDeclaration: views holds the audit account's at least, and mergeCoverage is undefined only for no views; the fallback is for the type checker.
  const coverage = mergeCoverage(views) ?? { from: window.from.toISOString(), to: window.to.toISOString(), gaps: [] };

  return { findings, checks, inputs, coverage, checklist: mergeChecklists(accounts, parts.listingError) };
}

/** Checklist items an account's evidence decides: a check it depends on, or IAM data it reads. */
function readsAccountEvidence(item: number): boolean {
  const info = CHECKLIST_ITEMS.find((i) => i.item === item);
  const rule = itemRules().find((r) => r.item === item);
  return (info?.dependsOn.length ?? 0) > 0 || (rule?.evidence?.length ?? 0) > 0;
}

function mergeChecklists(accounts: readonly AccountPart[], listingError: string | undefined): ChecklistResult[] {
  return CHECKLIST_ITEMS.map((info) => {
    // The register-only items read the same register in every account: the audit account's verdict.
    if (!readsAccountEvidence(info.item)) {
      const home = accounts[0];
      const own = 'report' in home ? home.report.checklist.find((i) => i.item === info.item) : undefined;
      if (own !== undefined) return { ...own, cfr: [...info.cfr] };
      return { item: info.item, title: info.title, status: 'error' as const, reasons: [`account ${home.account}: ${'missing' in home ? home.missing : 'the item was not evaluated'}`], cfr: [...info.cfr] };
    }
    let status: ChecklistResult['status'] = 'pass';
    const reasons: string[] = [];
    const worsen = (s: ChecklistResult['status']) => {
      if (STATUS_RANK[s] > STATUS_RANK[status]) status = s;
    };
    for (const part of accounts) {
      if (!('report' in part)) {
        worsen('error');
        reasons.push(`account ${part.account}: ${part.missing}`);
        continue;
      }
      const own = part.report.checklist.find((i) => i.item === info.item);
      if (own === undefined) {
        worsen('error');
        reasons.push(`account ${part.account}: the item was not evaluated`);
        continue;
      }
      worsen(own.status);
      if (own.status !== 'pass') reasons.push(...own.reasons.map((r) => `account ${part.account}: ${r}`));
    }
    if (listingError !== undefined) {
      worsen('error');
      reasons.push(`member accounts: ${listingError}`);
    }
    return { item: info.item, title: info.title, status, reasons: [...new Set(reasons)], cfr: [...info.cfr] };
  });
}
