import { CHECKS } from '../../lib/controls/catalog';
import type { Finding, Report, Severity } from '../report-model';

/** Whether a check ran: `missing` when findings name a check the report has no status for. */
export type GroupStatus = 'ok' | 'error' | 'missing';

export interface FindingGroup {
  readonly check: string;
  readonly title: string;
  /** From the control catalog; absent for checks the catalog does not know. */
  readonly remediation?: string;
  readonly cfr: readonly string[];
  readonly status: GroupStatus;
  readonly error?: string;
  /** Most severe first, then by principal, so the page reads the same on every run. */
  readonly findings: readonly Finding[];
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2 };

function bySeverityThenPrincipal(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.principal.localeCompare(b.principal, 'en') ||
    a.rule.localeCompare(b.rule, 'en') ||
    a.summary.localeCompare(b.summary, 'en')
  );
}

/**
 * One group per check that has a status or a finding: the catalog's checks in catalog order,
 * then any further checks by name. A check with an error keeps its group even without findings,
 * so "could not run" is never shown as "no findings".
 */
export function groupFindings(report: Pick<Report, 'findings' | 'checks'>): FindingGroup[] {
  const names = new Set<string>([...report.checks.map((c) => c.check), ...report.findings.map((f) => f.check)]);
  const known = CHECKS.map((c) => c.check as string).filter((name) => names.has(name));
  const others = [...names].filter((name) => !known.includes(name)).sort();
  return [...known, ...others].map((check) => {
    const info = CHECKS.find((c) => c.check === check);
    const status = report.checks.find((c) => c.check === check);
    return {
      check,
      title: info?.title ?? check,
      remediation: info?.remediation,
      cfr: info?.cfr ?? [],
      status: status?.status ?? 'missing',
      error: status?.status === 'error' ? (status.error ?? 'no reason given') : undefined,
      findings: report.findings.filter((f) => f.check === check).sort(bySeverityThenPrincipal),
    };
  });
}
