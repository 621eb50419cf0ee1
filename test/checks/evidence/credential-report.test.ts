import { readFileSync } from 'node:fs';
import { CredentialReportError, parseCredentialReport, splitCsvLine } from '../../../checks/evidence/credential-report';

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

describe('credential report: nothing vanishes silently', () => {
  const HEADER = example().split('\n')[0];
  const ROOT = '<root_account>,arn:aws:iam::111122223333:root,2019-05-05T00:00:00+00:00,not_supported,2026-02-11T09:12:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
  const row = (user: string, over: Record<string, string> = {}) => {
    const cells: Record<string, string> = {
      user, arn: `arn:aws:iam::111122223333:user/${user}`, user_creation_time: '2024-02-01T14:00:00+00:00', password_enabled: 'true', password_last_used: '2026-11-19T14:02:00+00:00',
      password_last_changed: 'N/A', password_next_rotation: 'N/A', mfa_active: 'true', access_key_1_active: 'false', access_key_1_last_rotated: 'N/A', access_key_1_last_used_date: 'N/A',
      access_key_1_last_used_region: 'N/A', access_key_1_last_used_service: 'N/A', access_key_2_active: 'false', access_key_2_last_rotated: 'N/A', access_key_2_last_used_date: 'N/A',
      access_key_2_last_used_region: 'N/A', access_key_2_last_used_service: 'N/A', cert_1_active: 'false', cert_1_last_rotated: 'N/A', cert_2_active: 'false', cert_2_last_rotated: 'N/A', ...over,
    };
    return HEADER.split(',').map((c) => cells[c]).join(',');
  };
  const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

  test('a header without rows is an empty report, not a clean account', () => {
    expect(() => parseCredentialReport(HEADER)).toThrow(new CredentialReportError('no rows under the header (no <root_account> row): an empty credential report, not a clean account'));
    expect(() => parseCredentialReport(`${HEADER}\n\n  \n`)).toThrow(CredentialReportError);
  });

  test('a header naming what it lacks', () => {
    const header = HEADER.replace('mfa_active,', '').replace(',cert_2_last_rotated', '');
    expect(() => parseCredentialReport(header)).toThrow(new CredentialReportError('not a credential report: header lacks mfa_active, cert_2_last_rotated'));
    expect(() => parseCredentialReport('')).toThrow(/^not a credential report: header lacks user, arn, /);
  });

  test('only bad rows: no exception, no users, every row named, partial', () => {
    const r = parseCredentialReport(csv(row('a', { mfa_active: 'yes' }), row('b', { arn: 'arn:aws:iam::1:user/b' })));
    expect(r.records).toBe(0);
    expect(r.report.users).toEqual([]);
    expect(r.problems).toEqual([
      'line 2 (a): mfa_active must be true or false; row skipped',
      'line 3 (b): arn must be an IAM ARN; row skipped',
      'no <root_account> row: the report is cut or filtered',
    ]);
  });

  test('each field\'s own message, several in one row, and a row without a user', () => {
    const r = parseCredentialReport(csv(ROOT, row('', { password_enabled: 'maybe', password_last_used: 'soon', access_key_1_active: 'x', access_key_2_last_rotated: 'later', access_key_1_last_used_date: 'then' })));
    expect(r.problems).toEqual([
      'line 3 (no user): user is empty; password_enabled must be true, false or not_supported; password_last_used must be an ISO 8601 time, N/A, no_information or not_supported; access_key_1_active must be true or false; access_key_2_last_rotated must be an ISO 8601 time, N/A, no_information or not_supported; access_key_1_last_used_date must be an ISO 8601 time, N/A, no_information or not_supported; row skipped',
    ]);
  });

  test.each([
    ['access_key_1_last_rotated', 'yesterday'],
    ['access_key_2_active', 'TRUE'],
    ['access_key_2_last_used_date', '2026-11-19'],
    ['access_key_1_last_used_date', '2026-11-19T14:02:00'],
    ['user_creation_time', 'N/A'],
  ])('a row whose %s is %p is skipped, the others kept', (field, value) => {
    const r = parseCredentialReport(csv(ROOT, row('ok'), row('bad', { [field]: value })));
    expect(r.report.users.map((u) => u.user)).toEqual(['ok']);
    expect(r.records).toBe(2);
    expect(r.problems).toEqual([expect.stringMatching(new RegExp(`^line 4 \\(bad\\): ${field} must be `))]);
  });

  test('no root row: partial, the users kept; the root row is recognised by its ARN or its name', () => {
    const r = parseCredentialReport(csv(row('a')));
    expect(r.problems).toEqual(['no <root_account> row: the report is cut or filtered']);
    expect(r.report.users.map((u) => u.user)).toEqual(['a']);
    const byArn = ROOT.replace('<root_account>', 'renamed');
    expect(parseCredentialReport(csv(byArn, row('a')))).toMatchObject({ records: 2, problems: [], report: { users: [{ user: 'a' }] } });
    const byName = ROOT.replace('arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:user/x');
    expect(parseCredentialReport(csv(byName, row('a')))).toMatchObject({ records: 2, problems: [], report: { users: [{ user: 'a' }] } });
  });

  test('a root row that needs the schema (a quoted cell) is still the root, not a user', () => {
    const quoted = ROOT.replace('<root_account>', '"<root_account>"');
    const r = parseCredentialReport(csv(quoted, row('a')));
    expect(r.problems).toEqual([]);
    expect(r.report.users.map((u) => u.user)).toEqual(['a']);
  });

  test('two rows for one user: both kept, partial, both lines named', () => {
    const r = parseCredentialReport(csv(ROOT, row('a'), row('b'), row('a', { mfa_active: 'false' })));
    expect(r.report.users.map((u) => [u.user, u.mfaActive])).toEqual([['a', true], ['b', true], ['a', false]]);
    expect(r.problems).toEqual(['line 5 (a): a second row for this user (first on line 3)']);
  });

  test('a BOM and CRLF line ends are read; blank lines are neither records nor problems', () => {
    const r = parseCredentialReport(`\uFEFF${[HEADER, ROOT, '', row('a'), ''].join('\r\n')}`);
    expect(r).toMatchObject({ records: 2, problems: [], notes: [] });
    expect(r.report.users.map((u) => u.user)).toEqual(['a']);
  });

  test('a row with too many fields is named with both counts', () => {
    expect(parseCredentialReport(csv(ROOT, `${row('a')},extra`)).problems).toEqual(['line 3: 23 fields, the header has 22; row skipped']);
  });

  test('the user: password, MFA and each key slot, with AWS\'s words for "none" read as absent', () => {
    const r = parseCredentialReport(csv(ROOT, row('a', {
      password_enabled: 'not_supported', password_last_used: 'no_information', mfa_active: 'false',
      access_key_1_active: 'true', access_key_1_last_rotated: '2026-01-02T03:04:05+00:00', access_key_1_last_used_date: '2026-11-01T10:00:00+00:00',
      access_key_2_active: 'false', access_key_2_last_rotated: 'not_supported', access_key_2_last_used_date: 'no_information',
    })));
    expect(r.report).toEqual({
      hasKeyLastUsed: true,
      users: [{
        user: 'a', arn: 'arn:aws:iam::111122223333:user/a', createdAt: '2024-02-01T14:00:00+00:00', passwordEnabled: false, passwordLastUsed: 'never', mfaActive: false,
        keys: [
          { slot: 1, active: true, lastRotated: '2026-01-02T03:04:05+00:00', lastUsed: '2026-11-01T10:00:00+00:00' },
          { slot: 2, active: false, lastRotated: undefined, lastUsed: 'never' },
        ],
      }],
    });
    expect(parseCredentialReport(csv(ROOT, row('b', { password_enabled: 'false', password_last_used: 'N/A', access_key_2_last_used_date: 'not_supported' }))).report.users[0]).toMatchObject({ passwordEnabled: false, passwordLastUsed: 'never', keys: [{ lastUsed: 'never' }, { lastUsed: 'never' }] });
    expect(parseCredentialReport(csv(ROOT, row('c', { password_last_used: '2026-11-19T14:02:00Z' }))).report.users[0]).toMatchObject({ passwordEnabled: true, passwordLastUsed: '2026-11-19T14:02:00Z', mfaActive: true });
  });

  test('a header with only some of the last-used columns is the older report: every key\'s last use unknown', () => {
    const header = HEADER.split(',').filter((c) => c !== 'access_key_2_last_used_service');
    const line = row('a', { access_key_1_last_used_date: '2026-11-01T10:00:00+00:00' }).split(',').filter((_, i) => HEADER.split(',')[i] !== 'access_key_2_last_used_service');
    const r = parseCredentialReport([header.join(','), ROOT.split(',').filter((_, i) => HEADER.split(',')[i] !== 'access_key_2_last_used_service').join(','), line.join(',')].join('\n'));
    expect(r.report.hasKeyLastUsed).toBe(false);
    expect(r.report.users[0].keys.map((k) => k.lastUsed)).toEqual(['unknown', 'unknown']);
    expect(r.problems).toEqual(["older 16-column report: access keys' last-used dates are absent, so unused keys cannot be found"]);
  });

  test('several unknown columns are noted together, nothing lost', () => {
    const r = parseCredentialReport([`${HEADER},x_one,x_two`, `${ROOT},1,2`, `${row('a')},3,4`].join('\n'));
    expect(r.notes).toEqual(['unknown columns ignored: x_one, x_two']);
    expect(r.problems).toEqual([]);
  });
});

describe('splitCsvLine: quoted cells', () => {
  test('a doubled quote inside quotes is one quote; a comma inside quotes is text; quotes open mid-cell', () => {
    expect(splitCsvLine('a,"b ""c"", d",e')).toEqual(['a', 'b "c", d', 'e']);
    expect(splitCsvLine('x"y,z"w,v')).toEqual(['xy,zw', 'v']);
    expect(splitCsvLine('"",""""')).toEqual(['', '"']);
    expect(splitCsvLine('a,b,')).toEqual(['a', 'b', '']);
  });
});

test('credential report: the older 16-column header alone is an empty report too, not an older clean one', () => {
  const header16 = readFileSync(`${SAMPLES}/credential-report-sample.csv`, 'utf8').split('\n')[0];
  expect(() => parseCredentialReport(header16)).toThrow(/^no rows under the header/);
  expect(() => parseCredentialReport(`${header16},extra_column\n`)).toThrow(/^no rows under the header/);
});
