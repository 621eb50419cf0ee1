import type { Finding, Report } from '../report-model';
import type { Comparison, TrendPoint } from './auditor-schema';
import { findingId } from './finding-id';

/** A report read back for comparison, with the SHA-256 of its file as read. */
export interface PreviousReport {
  readonly report: Report;
  readonly sha256: string;
}

/** Points of the trend chart: the last quarters' reports, this one last. */
export const TREND_POINTS = 8;

/**
 * This report against earlier ones: each finding `new` or `recurring` against the latest
 * earlier report (by as-of), the findings it had that are gone (`resolved`), and the trend of
 * totals over the earlier reports (their own trends included) and this one. Pure.
 */
export function compareReports(current: Report, previous: readonly PreviousReport[]): Pick<Report, 'findings' | 'comparison' | 'trend'> {
  const earlier = previous.filter((p) => p.report.asOf < current.asOf).sort((a, b) => a.report.asOf.localeCompare(b.report.asOf));
  const latest = earlier[earlier.length - 1];
  const trend = trendOf(current, earlier.map((p) => p.report));
  if (latest === undefined) return { findings: current.findings, trend: previous.length ? trend : undefined };

  const before = new Map(latest.report.findings.map((f) => [f.id ?? findingId(f), f]));
  const findings = current.findings.map((f) => ({ ...f, recurrence: before.has(f.id ?? findingId(f)) ? ('recurring' as const) : ('new' as const) }));
  const now = new Set(findings.map((f) => f.id ?? findingId(f)));
  const resolved = [...before.entries()]
    .filter(([id]) => !now.has(id))
    .map(([id, f]) => ({ id, check: f.check, rule: f.rule, principal: f.principal, severity: f.severity, summary: f.summary }));
  const comparison: Comparison = {
    previous: { reportId: latest.report.reportId ?? latest.report.asOf, asOf: latest.report.asOf, sha256: latest.sha256 },
    new: findings.filter((f) => f.recurrence === 'new').length,
    recurring: findings.filter((f) => f.recurrence === 'recurring').length,
    resolved,
  };
  return { findings, comparison, trend };
}

export function trendPoint(report: Report): TrendPoint {
  const sev = (s: Finding['severity']) => report.findings.filter((f) => f.severity === s).length;
  const items = (s: 'pass' | 'fail' | 'error') => report.checklist.filter((i) => i.status === s).length;
  return {
    reportId: report.reportId ?? report.asOf,
    asOf: report.asOf,
    findings: { high: sev('high'), medium: sev('medium'), low: sev('low') },
    checklist: { pass: items('pass'), fail: items('fail'), error: items('error') },
  };
}

function trendOf(current: Report, earlier: readonly Report[]): TrendPoint[] {
  const points = new Map<string, TrendPoint>();
  for (const report of earlier) {
    for (const point of report.trend ?? []) points.set(point.reportId, point);
    points.set(trendPoint(report).reportId, trendPoint(report));
  }
  const mine = trendPoint(current);
  points.set(mine.reportId, mine);
  return [...points.values()]
    .filter((p) => p.asOf <= current.asOf)
    .sort((a, b) => a.asOf.localeCompare(b.asOf))
    .slice(-TREND_POINTS);
}
