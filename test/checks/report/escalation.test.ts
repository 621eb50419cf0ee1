import { escalation } from '../../../checks/report/escalation';
import { withIds } from '../../../checks/report/finding-id';
import type { Finding, Report } from '../../../checks/report-model';

const finding = (over: Partial<Finding>): Finding => ({ check: 'watch-list', rule: 'watched-record-access', principal: 'mgarcia', severity: 'high', summary: 'mgarcia accessed the records of watched patient P100455', evidence: { patientId: 'P100455', count: 1 }, ...over });
const report = (findings: Finding[], asOf = '2026-11-20T12:00:00.000Z'): Report =>
  ({ asOf, window: { from: '', to: asOf, days: 30 }, generatedAt: asOf, organization: 'Example Coding Group', findings: withIds(findings), checks: [], checklist: [], inputs: [] }) as unknown as Report;
const LOCATION = 's3://reports-bucket/reports/2026-11-20/daily-exec-2/';

describe('immediate escalation', () => {
  const watched = finding({});
  const ai = finding({ check: 'ai-use', rule: 'ai-service-without-baa', principal: 'rpatel', summary: 'rpatel called Amazon Bedrock', evidence: { service: 'bedrock', provider: 'meta', count: 3, sourceIp: '203.0.113.9' } });
  const medium = finding({ check: 'breach-notification', rule: 'notification-due-soon', principal: '2026-05', severity: 'medium', evidence: { notice: 'individuals' } });

  test('a new high finding is told at once: counts per check and the location', () => {
    const note = escalation(report([watched, ai, medium]), report([]), LOCATION);
    expect(note?.subject).toBe('URGENT: 2 new high-severity compliance findings (2026-11-20)');
    expect(note?.message).toContain('  watch-list: 1\n  ai-use: 1');
    expect(note?.message).toContain(LOCATION);
  });

  test('no PHI and no names: no principal, summary, patient id, model provider detail or address', () => {
    const note = escalation(report([watched, ai]), undefined, LOCATION);
    const text = `${note?.subject}\n${note?.message}`;
    for (const secret of ['mgarcia', 'rpatel', 'P100455', '203.0.113.9', 'watched patient', 'called Amazon Bedrock']) expect(text).not.toContain(secret);
    expect(text).toContain('no earlier report was on file');
  });

  test('a recurring high finding is not told again, even when its counts changed', () => {
    const yesterday = report([watched, { ...ai, evidence: { ...ai.evidence, count: 1 } }], '2026-11-19T12:00:00.000Z');
    expect(escalation(report([watched, ai]), yesterday, LOCATION)).toBeUndefined();
    // A new patient on the same person's record is a new finding.
    const other = finding({ evidence: { patientId: 'P300240', count: 1 } });
    expect(escalation(report([watched, other]), yesterday, LOCATION)?.subject).toMatch(/^URGENT: 1 new/);
  });

  test('only medium or low findings, however new: nothing', () => {
    expect(escalation(report([medium]), report([]), LOCATION)).toBeUndefined();
  });

  test('a previous report from before finding ids is compared by the same derivation', () => {
    const old = report([watched]);
    const stripped = { ...old, findings: old.findings.map(({ id: _, ...f }) => f) } as Report;
    expect(escalation(report([watched]), stripped, LOCATION)).toBeUndefined();
  });

  test('the whole message: one new finding in the singular, against a report on file, every line in order', () => {
    const note = escalation(report([watched]), report([]), LOCATION);
    expect(note).toEqual({
      subject: 'URGENT: 1 new high-severity compliance finding (2026-11-20)',
      message: [
        'The scheduled audit of Example Coding Group, as of 2026-11-20T12:00:00.000Z, found 1 high-severity finding that the previous report did not have.',
        '',
        'New high-severity findings by check:',
        '  watch-list: 1',
        '',
        `The report is filed at ${LOCATION}`,
        'Open it from the AWS console with your own sign-in and act on these findings today; this email carries no details of people or records.',
      ].join('\n'),
    });
    expect(escalation(report([watched, ai]), report([]), LOCATION)?.message).toMatch(/^The scheduled audit of Example Coding Group, as of 2026-11-20T12:00:00\.000Z, found 2 high-severity findings that the previous report did not have\.\n/);
  });

  test("the subject dates the report by its day alone", () => {
    const many = Array.from({ length: 3 }, (_, i) => finding({ principal: `u${i}` }));
    const note = escalation({ ...report(many), asOf: `2026-11-20${'x'.repeat(200)}` }, report([]), LOCATION);
    expect(note?.subject).toBe('URGENT: 3 new high-severity compliance findings (2026-11-20)');
  });

  test('a previous report with ids is compared by its ids, a finding without one by its derivation', () => {
    const old = report([watched]);
    // The previous report's id is what it filed: a finding whose id differs is new, whatever it derives to.
    const renamed = { ...old, findings: old.findings.map((f) => ({ ...f, id: 'filed-id' })) };
    expect(escalation(report([watched]), renamed, LOCATION)?.subject).toMatch(/^URGENT: 1 new/);
    const current = { ...report([]), findings: [{ ...watched, id: 'filed-id' }] };
    expect(escalation(current, renamed, LOCATION)).toBeUndefined();
    const noId = { ...report([]), findings: [watched] };
    expect(escalation(noId, old, LOCATION)).toBeUndefined();
  });
});
