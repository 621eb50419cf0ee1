import type { Report } from '../report-model';

export interface Notification {
  readonly subject: string;
  readonly message: string;
}

/**
 * The officers' email: counts, statuses and where the report is filed. Nothing taken from the
 * evidence (no principals, object keys, patient ids, addresses, not even the checks' error
 * texts, which name files): email is not a place for PHI. An incomplete audit says so first.
 */
export function reportNotification(report: Report, location: string, mode: string): Notification {
  const failing = report.checklist.filter((i) => i.status !== 'pass');
  const errors = report.checks.filter((c) => c.status === 'error');
  const itemErrors = report.checklist.filter((i) => i.status === 'error');
  const unread = report.inputs.filter((i) => i.status !== 'read' && i.status !== 'ignored').length;
  const incomplete = errors.length > 0 || itemErrors.length > 0;
  const bySeverity = (s: string) => report.findings.filter((f) => f.severity === s).length;
  const count = (check: string) => report.findings.filter((f) => f.check === check).length;
  const day = report.asOf.slice(0, 10);
  // SNS cuts subjects at 100 characters: an incomplete audit leads with its verdict and a short
  // title, so for the stack's modes ('quarterly organization' the longest) nothing is cut.
  const subject = (incomplete
    ? `INCOMPLETE, ${errors.length} check(s), ${itemErrors.length} item(s) in error: ${mode} compliance report ${day}`
    : `Coding environment ${mode} compliance report ${day}: ${failing.length === 0 ? 'all checklist items pass' : `${failing.length} checklist item(s) need attention`}`
  ).slice(0, 100);
  const lines = [
    `Compliance report for ${report.organization}, as of ${report.asOf} (${mode} run).`,
    ...(incomplete
      ? [
          '',
          `INCOMPLETE AUDIT: evidence could not be read whole${unread > 0 ? ` (${unread} input(s) not read whole, listed in the report)` : ''}.`,
          'Checks and checklist items marked ERROR are not a verdict: fix the access named in the report and run the audit again.',
        ]
      : []),
    '',
    'Checklist:',
    ...report.checklist.map((i) => `  ${i.status.toUpperCase().padEnd(5)} ${i.item}. ${i.title}`),
    '',
    'Checks:',
    ...report.checks.map((c) => (c.status === 'ok' ? `  OK    ${c.check}: ${count(c.check)} finding(s)` : `  ERROR ${c.check}: incomplete, ${count(c.check)} finding(s) from the evidence it could read`)),
    '',
    `Findings: ${report.findings.length} (high ${bySeverity('high')}, medium ${bySeverity('medium')}, low ${bySeverity('low')}).`,
    '',
    `The full report (HTML, Markdown, JSON) is filed at ${location}`,
    'Open it from the AWS console with your own sign-in; this email carries no details of people or records.',
  ];
  return { subject, message: lines.join('\n') };
}
