import type { Report } from '../report-model';
import { findingId } from './finding-id';
import type { Notification } from './notification';

/**
 * The immediate escalation (issue 12): a high finding that the previous report did not have
 * (compared by stable finding id) is told to the privacy officer at once, not at the next
 * review. Counts per check and where the report is filed only: no principals, summaries, keys,
 * patient ids or addresses, because email is not a place for PHI. Undefined when nothing is new.
 * Without a previous report every high finding is new: in doubt, tell.
 */
export function escalation(report: Report, previous: Report | undefined, location: string): Notification | undefined {
  const before = new Set((previous?.findings ?? []).map((f) => f.id ?? findingId(f)));
  const fresh = report.findings.filter((f) => f.severity === 'high' && !before.has(f.id ?? findingId(f)));
  if (fresh.length === 0) return undefined;
  const byCheck = new Map<string, number>();
  for (const f of fresh) byCheck.set(f.check, (byCheck.get(f.check) ?? 0) + 1);
  const subject = `URGENT: ${fresh.length} new high-severity compliance finding${fresh.length === 1 ? '' : 's'} (${report.asOf.slice(0, 10)})`;
  const lines = [
    `The scheduled audit of ${report.organization}, as of ${report.asOf}, found ${fresh.length} high-severity finding${fresh.length === 1 ? '' : 's'} that the previous report did not have${previous === undefined ? ' (no earlier report was on file to compare with)' : ''}.`,
    '',
    'New high-severity findings by check:',
    ...[...byCheck.entries()].map(([check, n]) => `  ${check}: ${n}`),
    '',
    `The report is filed at ${location}`,
    'Open it from the AWS console with your own sign-in and act on these findings today; this email carries no details of people or records.',
  ];
  // Stryker disable next-line MethodExpression: the subject is at most about 60 characters (a count, fixed words and a 10-character day); the cut is a guard for the mail service's limit.
  return { subject: subject.slice(0, 100), message: lines.join('\n') };
}
