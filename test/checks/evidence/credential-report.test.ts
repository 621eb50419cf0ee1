import { readFileSync } from 'node:fs';
import { CredentialReportError, parseCredentialReport } from '../../../checks/evidence/credential-report';

const SAMPLES = '/work/shared/aws-samples';
const example = () => readFileSync('test/fixtures/evidence/example/credential-report.csv', 'utf8');

describe('credential report', () => {
  test('reads the 22-column report: root row excluded, N/A / no_information / not_supported understood', () => {
    const { report, records, problems } = parseCredentialReport(example());
    expect(problems).toEqual([]);
    expect(records).toBe(12);
    expect(report.users.map((u) => u.user)).not.toContain('<root_account>');
    const kchen = report.users.find((u) => u.user === 'kchen');
    expect(kchen).toMatchObject({ passwordEnabled: true, passwordLastUsed: 'never', createdAt: '2026-10-20T13:00:00+00:00' });
    const hmartin = report.users.find((u) => u.user === 'hmartin');
    expect(hmartin?.keys[0]).toEqual({ slot: 1, active: true, lastRotated: '2026-09-01T12:00:00+00:00', lastUsed: 'never' });
  });

  test("reads AWS's documented synthetic 22-column sample", () => {
    const { report, problems } = parseCredentialReport(readFileSync(`${SAMPLES}/credential-report-22-columns-synthetic.csv`, 'utf8'));
    expect(problems).toEqual([]);
    expect(report.users.map((u) => u.user)).toEqual(['coder.cardiology', 'coder.departed', 'billing-shared']);
    expect(report.users[2].keys[1]).toMatchObject({ active: true, lastUsed: '2025-01-15T08:00:00+00:00' });
  });

  test('accepts the older 16-column report and says what it lacks', () => {
    const { report, problems } = parseCredentialReport(readFileSync(`${SAMPLES}/credential-report-sample.csv`, 'utf8'));
    expect(report.hasKeyLastUsed).toBe(false);
    expect(report.users.map((u) => u.user)).toEqual(['Administrator', 'Bill']);
    expect(report.users[0].keys[0].lastUsed).toBe('unknown');
    expect(problems.join()).toMatch(/16-column/);
  });

  test('reports unknown columns and keeps reading', () => {
    const lines = example().split('\n');
    lines[0] = `${lines[0]},extra_column`;
    const text = lines.map((l, i) => (i > 0 && l ? `${l},x` : l)).join('\n');
    const { report, problems, notes } = parseCredentialReport(text);
    expect(problems).toEqual([]);
    expect(notes).toEqual(['unknown columns ignored: extra_column']);
    expect(report.users).toHaveLength(11);
  });

  test('skips a bad row with its line number, keeps the others', () => {
    const lines = example().split('\n');
    lines[3] = lines[3].replace('2023-06-12T13:00:00+00:00', 'yesterday');
    lines[4] = 'mgarcia,truncated';
    const { report, problems } = parseCredentialReport(lines.join('\n'));
    expect(problems).toEqual([
      expect.stringMatching(/^line 4 \(rpatel\): user_creation_time must be an ISO 8601 time; row skipped$/),
      'line 5: 2 fields, the header has 22; row skipped',
    ]);
    expect(report.users.map((u) => u.user)).not.toContain('rpatel');
    expect(report.users).toHaveLength(9);
  });

  test('refuses a file that is not a credential report', () => {
    expect(() => parseCredentialReport('name,email\njdoe,j@example.org')).toThrow(CredentialReportError);
  });
});
