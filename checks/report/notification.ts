import type { Report } from '../report-model';

export interface Notification {
  readonly subject: string;
  readonly message: string;
}

/**
 * The officers' email: counts, statuses and where the report is filed. Nothing taken from the
 * evidence (no principals, object keys, patient ids, addresses): email is not a place for PHI.
 */
export function reportNotification(report: Report, location: string, mode: string): Notification {
  const failing = report.checklist.filter((i) => i.status !== 'pass');
  const errors = report.checks.filter((c) => c.status === 'error');
  const bySeverity = (s: string) => report.findings.filter((f) => f.severity === s).length;
  const verdict = failing.length === 0 && errors.length === 0 ? 'all checklist items pass' : `${failing.length} checklist item(s) need attention`;
  const subject = `Coding environment ${mode} compliance report ${report.asOf.slice(0, 10)}: ${verdict}`.slice(0, 100);
  const lines = [
    `Compliance report for ${report.organization}, as of ${report.asOf} (${mode} run).`,
    '',
    'Checklist:',
    ...report.checklist.map((i) => `  ${i.status.toUpperCase().padEnd(5)} ${i.item}. ${i.title}`),
    '',
    'Checks:',
    ...report.checks.map((c) => `  ${c.status === 'ok' ? 'OK   ' : 'ERROR'} ${c.check}${c.status === 'ok' ? `: ${report.findings.filter((f) => f.check === c.check).length} finding(s)` : ' (could not run)'}`),
    '',
    `Findings: ${report.findings.length} (high ${bySeverity('high')}, medium ${bySeverity('medium')}, low ${bySeverity('low')}).`,
    '',
    `The full report (HTML, Markdown, JSON) is filed at ${location}`,
    'Open it from the AWS console with your own sign-in; this email carries no details of people or records.',
  ];
  return { subject, message: lines.join('\n') };
}
