import { reportNotification } from '../../../checks/report/notification';
import type { Report } from '../../../checks/report-model';
import { sampleReport } from './sample-report';

const LOCATION = 's3://reports-bucket/reports/2026-11-20/daily-exec-1/';

/** The sample report with every check ok, every item passing, every input read. */
function complete(): Report {
  const r = sampleReport();
  return {
    ...r,
    checks: r.checks.map((c) => ({ check: c.check, status: 'ok' as const })),
    checklist: r.checklist.map((i) => ({ ...i, status: 'pass' as const })),
    inputs: r.inputs.map((i) => ({ ...i, status: 'read' as const })),
  };
}

describe('reportNotification: the officers\' email', () => {
  test('an incomplete audit says so first, in the subject and the body, with the inputs not read whole', () => {
    const { subject, message } = reportNotification(sampleReport(), LOCATION, 'daily');
    // SNS keeps 100 characters: the verdict comes first and the whole subject fits.
    expect(subject).toBe('INCOMPLETE, 1 check(s), 1 item(s) in error: daily compliance report 2026-11-20');
    expect(message.split('\n')).toEqual([
      'Compliance report for Example Coding Group, as of 2026-11-20T12:00:00Z (daily run).',
      '',
      'INCOMPLETE AUDIT: evidence could not be read whole (1 input(s) not read whole, listed in the report).',
      'Checks and checklist items marked ERROR are not a verdict: fix the access named in the report and run the audit again.',
      '',
      'Checklist:',
      '  PASS  1. Risk analysis on file',
      '  FAIL  2. BAAs with every vendor touching PHI',
      '  FAIL  3. Role-based access, quarterly privilege review',
      '  PASS  4. Audit logs reviewed weekly',
      '  FAIL  5. Annual training for every coder',
      '  ERROR 6. Remote devices encrypted, VPN verified',
      '  PASS  7. Breach response plan tested',
      '  FAIL  8. State rules current',
      '',
      'Checks:',
      '  OK    stale-access: 2 finding(s)',
      '  OK    shared-credentials: 2 finding(s)',
      '  OK    privilege-creep: 2 finding(s)',
      '  ERROR vpn-bypass: incomplete, 0 finding(s) from the evidence it could read',
      '  OK    access-anomaly: 2 finding(s)',
      '',
      'Findings: 8 (high 5, medium 3, low 0).',
      '',
      `The full report (HTML, Markdown, JSON) is filed at ${LOCATION}`,
      'Open it from the AWS console with your own sign-in; this email carries no details of people or records.',
    ]);
  });

  test('the check\'s error text (it names files) and the findings\' principals never reach the email', () => {
    const report = sampleReport();
    const { subject, message } = reportNotification(report, LOCATION, 'daily');
    const error = report.checks.find((c) => c.status === 'error')?.error as string;
    expect(message).not.toContain(error);
    for (const f of report.findings) {
      expect(`${subject}\n${message}`).not.toContain(f.summary);
      expect(message).not.toContain(` ${f.principal} `);
    }
  });

  test('a checklist item in error alone makes the audit incomplete; ignored inputs are not "not read whole"', () => {
    const r = complete();
    const report = { ...r, checklist: r.checklist.map((i) => (i.item === 3 ? { ...i, status: 'error' as const } : i)), inputs: r.inputs.map((i, n) => (n === 0 ? { ...i, status: 'ignored' as const } : i)) };
    const { subject, message } = reportNotification(report, LOCATION, 'weekly');
    expect(subject).toBe('INCOMPLETE, 0 check(s), 1 item(s) in error: weekly compliance report 2026-11-20');
    expect(message).toContain('\nINCOMPLETE AUDIT: evidence could not be read whole.\n');
  });

  test('the longest subject the stack sends fits SNS\'s 100 characters whole, verdict and date included', () => {
    const r = sampleReport();
    const many = { ...r, checks: Array.from({ length: 12 }, (_, n) => ({ ...r.checks[0], check: `check-${n}`, status: 'error' as const })), checklist: r.checklist.map((i) => ({ ...i, status: 'error' as const })) };
    const { subject } = reportNotification(many, LOCATION, 'quarterly organization');
    expect(subject).toBe(`INCOMPLETE, 12 check(s), ${r.checklist.length} item(s) in error: quarterly organization compliance report 2026-11-20`);
    expect(subject.length).toBeLessThanOrEqual(100);
  });

  test('complete: all items pass, or how many need attention', () => {
    expect(reportNotification(complete(), LOCATION, 'daily').subject).toBe('Coding environment daily compliance report 2026-11-20: all checklist items pass');
    const r = complete();
    const failing = { ...r, checklist: r.checklist.map((i) => (i.item % 2 === 0 ? { ...i, status: 'fail' as const } : i)) };
    const { subject, message } = reportNotification(failing, LOCATION, 'daily');
    expect(subject).toBe('Coding environment daily compliance report 2026-11-20: 4 checklist item(s) need attention');
    expect(message).not.toMatch(/INCOMPLETE/);
    expect(message.split('\n').slice(0, 3)).toEqual(['Compliance report for Example Coding Group, as of 2026-11-20T12:00:00Z (daily run).', '', 'Checklist:']);
  });

  test('the subject is at most 100 characters (SNS email subjects)', () => {
    const { subject } = reportNotification(sampleReport(), LOCATION, 'a-very-long-schedule-name-for-the-organization');
    expect(subject).toHaveLength(100);
    expect(subject.startsWith('INCOMPLETE, 1 check(s), 1 item(s) in error: a-very-long-schedule-name-for-the-organization ')).toBe(true);
  });
});
