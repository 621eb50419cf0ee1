import { ALL_CHECKS } from '../../../checks/rules/all-checks';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { main } from '../../../checks/cli/main';
import {
  AFFECTED, AS_OF, audit, type AuditRun, CHECKS, CI_FILE, cleanUp, damagedCopy, EXAMPLE, type EvidenceKind, findingKeys, LOOKUP_PAGE, MGARCIA_FILE, statusOf, TRAIL,
} from './fault-kit';

/**
 * The fault matrix (issue 8): every offline evidence kind, every fault, audited through the CLI.
 * A damaged input is named with its reason; exactly the checks reading that kind are `error`
 * (the others decided as without the fault); the checklist items depending on them are `error`,
 * never `pass`; the audit exits 4; and no finding is invented. Faults that lose nothing (a link
 * followed, a loop back into the tree, a digest file) leave the audit as it was.
 */

/** Something patient-like planted in damaged bytes: it must never reach a reason or the report. */
const SECRET = 'P999999-SECRET';

let baseline: AuditRun;
beforeAll(async () => {
  baseline = await audit(EXAMPLE);
});
afterAll(cleanUp);

const cut = (dir: string, file: string, bytes: number) => {
  const data = readFileSync(join(dir, file));
  writeFileSync(join(dir, file), data.subarray(0, data.length - bytes));
};
const put = (dir: string, file: string, body: string | Buffer) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), body);
};
const record = (over: Record<string, unknown> = {}) => ({
  eventVersion: '1.09', eventID: 'f0f0f0f0-0001-4c1e-9a1b-00000000f001', eventTime: '2026-11-15T14:00:00Z', eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity',
  userIdentity: { type: 'IAMUser', userName: 'jdoe', accessKeyId: 'ASIAEXAMPLESESSION09' }, sourceIPAddress: '198.51.100.3', userAgent: 'aws-cli/2.18.0', recipientAccountId: '111122223333', ...over,
});
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

interface Fault {
  readonly name: string;
  readonly damage: (dir: string) => void;
  /** The damaged input as report.json names it, its status and reason. */
  readonly input?: { readonly source: RegExp; readonly status: string; readonly problem: RegExp };
  /** Words the failed checks' error must hold. */
  readonly error: RegExp;
  /** Nothing was lost, only doubted: every baseline finding must still be there. */
  readonly keepsEveryFinding?: boolean;
}

const CLOUDTRAIL: Fault[] = [
  {
    name: 'truncated: 20 bytes off two log files and 500 off a LookupEvents page',
    damage: (d) => {
      cut(d, MGARCIA_FILE, 20);
      cut(d, CI_FILE, 20);
      cut(d, LOOKUP_PAGE, 500);
    },
    input: { source: /Tx9pL4mN2bQw8eRs\.json\.gz$/, status: 'partial', problem: /^truncated gzip/ },
    error: /Tx9pL4mN2bQw8eRs\.json\.gz: partial: truncated gzip/,
  },
  {
    name: 'undecodable: a .json.gz that is not gzip',
    damage: (d) => writeFileSync(join(d, CI_FILE), `{"Records":[{"eventID":"${SECRET}"`),
    input: { source: /Kc3vB7nM1xZq5wEr\.json\.gz$/, status: 'skipped', problem: /not decodable as gzip/ },
    error: /Kc3vB7nM1xZq5wEr\.json\.gz: skipped/,
  },
  {
    name: 'undecodable: bytes that are not UTF-8',
    damage: (d) => put(d, `${TRAIL}/15/latin1.json`, Buffer.concat([Buffer.from(`{"Records":[{"eventID":"${SECRET}","userAgent":"`), Buffer.from([0xff, 0xfe, 0xe9]), Buffer.from('"}]}')])),
    input: { source: /latin1\.json$/, status: 'skipped', problem: /not UTF-8/ },
    error: /latin1\.json: skipped: not UTF-8/,
  },
  {
    name: 'undecodable: broken JSON with a patient id next to the error',
    damage: (d) => put(d, `${TRAIL}/15/broken.json`, `{"Records":[{"eventID": ${SECRET}}]}`),
    input: { source: /broken\.json$/, status: 'partial', problem: /Records\[0\] at position 12: not valid JSON/ },
    error: /broken\.json: partial/,
  },
  {
    name: 'empty: a zero-byte log file',
    damage: (d) => put(d, `${TRAIL}/15/empty.json`, ''),
    input: { source: /empty\.json$/, status: 'skipped', problem: /empty: no JSON document/ },
    error: /empty\.json: skipped/,
  },
  {
    name: 'rejected record: eventTime without a zone',
    damage: (d) => put(d, `${TRAIL}/15/local-time.json`, JSON.stringify({ Records: [record({ eventTime: '2026-11-15T10:00:00' }), record({ eventID: 'f0f0f0f0-0002-4c1e-9a1b-00000000f002' })] })),
    input: { source: /local-time\.json$/, status: 'partial', problem: /^1 of 2 records rejected, first Records\[0\]: eventTime: not an ISO 8601 time with a zone/ },
    error: /local-time\.json: partial/,
  },
  {
    name: 'oversize record: one record longer than the record bound',
    damage: (d) => put(d, `${TRAIL}/15/huge.json`, JSON.stringify({ Records: [record({ userAgent: 'x'.repeat(1_100_000) }), record({ eventID: 'f0f0f0f0-0003-4c1e-9a1b-00000000f003' })] })),
    input: { source: /huge\.json$/, status: 'partial', problem: /Records\[0\] at position \d+: longer than 1048576 characters, not read/ },
    error: /huge\.json: partial/,
  },
  {
    name: 'gzip bomb: inflates a thousand times its size',
    damage: (d) => put(d, `${TRAIL}/15/bomb.json.gz`, gzipSync(Buffer.concat([Buffer.from('{"Records":['), Buffer.alloc(80 * 1024 * 1024, ' '), Buffer.from(']}')]), { level: 1 })),
    input: { source: /bomb\.json\.gz$/, status: 'refused', problem: /gzip bomb/ },
    error: /bomb\.json\.gz: refused/,
  },
  {
    name: 'FIFO: refused without being opened (the audit does not wait on it)',
    damage: (d) => mkfifo(join(d, `${TRAIL}/12/pipe.json`)),
    input: { source: /pipe\.json$/, status: 'refused', problem: /not a regular file \(a FIFO\)/ },
    error: /pipe\.json: refused/,
  },
  {
    name: 'symlink: a broken link',
    damage: (d) => symlinkSync(join(d, 'no-such-archive'), join(d, 'cloudtrail/AWSLogs/synced')),
    input: { source: /cloudtrail\/AWSLogs\/synced$/, status: 'skipped', problem: /broken symbolic link/ },
    error: /synced: skipped/,
  },
  {
    name: 'loop: a link that resolves to itself',
    damage: (d) => symlinkSync('self', join(d, 'cloudtrail/AWSLogs/self')),
    input: { source: /cloudtrail\/AWSLogs\/self$/, status: 'skipped', problem: /symbolic link loop/ },
    error: /self: skipped/,
  },
  {
    name: 'not a CloudTrail file in the folder',
    damage: (d) => put(d, 'cloudtrail/README.txt', 'exported by hand'),
    input: { source: /README\.txt$/, status: 'skipped', problem: /not a CloudTrail file/ },
    error: /README\.txt: skipped/,
  },
  {
    name: 'duplicate conflict: a planted file with benign copies of two real eventIDs',
    damage: (d) => {
      const real = (file: string) => (JSON.parse(gunzipSync(readFileSync(join(d, file))).toString('utf8')) as { Records: Record<string, unknown>[] }).Records;
      const home = real(MGARCIA_FILE).find((r) => r.eventID === 'b2c4d6e8-0004-4c1e-9a1b-000000000004') as Record<string, unknown>;
      const ipv6 = real(CI_FILE).find((r) => r.eventID === 'd4e6f8a0-0007-4c1e-9a1b-000000000007') as Record<string, unknown>;
      // Sorted before the real files, so the benign copies arrive first.
      put(d, `${TRAIL}/01/111122223333_CloudTrail_us-east-1_20261101T0000Z_planted.json`, JSON.stringify({ Records: [{ ...home, sourceIPAddress: '198.51.100.4', eventTime: '2026-11-12T15:00:11Z' }, { ...ipv6, sourceIPAddress: '198.51.100.5', userAgent: ipv6.userAgent }] }));
    },
    error: /eventID b2c4d6e8-0004-4c1e-9a1b-000000000004 has conflicting copies in cloudtrail\/AWSLogs\/.*_planted\.json and cloudtrail\/AWSLogs\/.*Tx9pL4mN2bQw8eRs\.json\.gz/,
    keepsEveryFinding: true,
  },
  {
    name: 'coverage gap: one day of the window without a single event',
    damage: (d) => rmSync(join(d, 'cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/10/25'), { recursive: true }),
    error: /no event on 2026-10-25 \(coverage\.gaps\)/,
    keepsEveryFinding: true,
  },
  {
    name: 'empty: a folder holding only {"Records":[]}',
    damage: (d) => {
      rmSync(join(d, 'cloudtrail'), { recursive: true });
      put(d, 'cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/empty.json', '{"Records":[]}');
    },
    input: { source: /empty\.json$/, status: 'read', problem: /^$/ },
    error: /evidence unavailable: CloudTrail events: cloudtrail\/ holds files without a single record/,
  },
];

const CREDENTIAL_REPORT: Fault[] = [
  {
    name: 'truncated in the middle of the last row',
    damage: (d) => cut(d, 'credential-report.csv', 40),
    input: { source: /^credential-report\.csv$/, status: 'partial', problem: /line 13: \d+ fields, the header has 22; row skipped/ },
    error: /credential-report\.csv: line 13/,
  },
  {
    name: 'undecodable: not UTF-8',
    damage: (d) => writeFileSync(join(d, 'credential-report.csv'), Buffer.concat([readFileSync(join(d, 'credential-report.csv')).subarray(0, 300), Buffer.from([0xc3, 0x28, 0xff])])),
    input: { source: /^credential-report\.csv$/, status: 'skipped', problem: /not UTF-8/ },
    error: /credential-report\.csv: not UTF-8/,
  },
  {
    name: 'empty: the header alone (no <root_account> row)',
    damage: (d) => writeFileSync(join(d, 'credential-report.csv'), `${readFileSync(join(d, 'credential-report.csv'), 'utf8').split('\n')[0]}\n`),
    input: { source: /^credential-report\.csv$/, status: 'skipped', problem: /no <root_account> row/ },
    error: /evidence unavailable: credential report: .*an empty credential report/,
  },
  {
    name: 'rejected record: one malformed row (a departed person must not vanish silently)',
    damage: (d) => {
      const lines = readFileSync(join(d, 'credential-report.csv'), 'utf8').split('\n');
      lines[8] = lines[8].replace('2022-03-01T14:00:00+00:00', 'last March');
      writeFileSync(join(d, 'credential-report.csv'), lines.join('\n'));
    },
    input: { source: /^credential-report\.csv$/, status: 'partial', problem: /line 9 \(tnguyen\): user_creation_time must be an ISO 8601 time; row skipped/ },
    error: /credential-report\.csv: line 9 \(tnguyen\)/,
  },
  {
    name: 'no <root_account> row above the users',
    damage: (d) => writeFileSync(join(d, 'credential-report.csv'), readFileSync(join(d, 'credential-report.csv'), 'utf8').split('\n').filter((l) => !l.startsWith('<root_account>')).join('\n')),
    input: { source: /^credential-report\.csv$/, status: 'partial', problem: /no <root_account> row/ },
    error: /no <root_account> row/,
    keepsEveryFinding: true,
  },
  {
    name: 'duplicate conflict: two rows for one user',
    damage: (d) => {
      const lines = readFileSync(join(d, 'credential-report.csv'), 'utf8').trimEnd().split('\n');
      lines.push(lines[8].replace(',true,', ',false,'));
      writeFileSync(join(d, 'credential-report.csv'), `${lines.join('\n')}\n`);
    },
    input: { source: /^credential-report\.csv$/, status: 'partial', problem: /line 14 \(tnguyen\): a second row for this user \(first on line 9\)/ },
    error: /a second row for this user/,
    keepsEveryFinding: true,
  },
  {
    name: 'loop: a link to itself',
    damage: (d) => {
      unlinkSync(join(d, 'credential-report.csv'));
      symlinkSync('credential-report.csv', join(d, 'credential-report.csv'));
    },
    input: { source: /^credential-report\.csv$/, status: 'skipped', problem: /cannot be read \(ELOOP\)/ },
    error: /credential-report\.csv cannot be read \(ELOOP\)/,
  },
  {
    name: 'FIFO in its place',
    damage: (d) => {
      unlinkSync(join(d, 'credential-report.csv'));
      mkfifo(join(d, 'credential-report.csv'));
    },
    input: { source: /^credential-report\.csv$/, status: 'refused', problem: /not a regular file \(a FIFO\)/ },
    error: /credential-report\.csv not a regular file/,
  },
  {
    name: 'oversize: past the bound for a file read whole',
    damage: (d) => truncateSync(join(d, 'credential-report.csv'), 300 * 1024 * 1024),
    input: { source: /^credential-report\.csv$/, status: 'refused', problem: /larger than the 256 MiB bound/ },
    error: /credential-report\.csv larger than the 256 MiB bound/,
  },
  {
    name: 'missing',
    damage: (d) => unlinkSync(join(d, 'credential-report.csv')),
    input: { source: /^credential-report\.csv$/, status: 'skipped', problem: /^not found$/ },
    error: /credential-report\.csv not found/,
  },
];

const AUTHORIZATION: Fault[] = [
  {
    name: 'truncated',
    damage: (d) => cut(d, 'account-authorization-details.json', 100),
    input: { source: /^account-authorization-details\.json$/, status: 'skipped', problem: /^not JSON/ },
    error: /account-authorization-details\.json: not JSON/,
  },
  {
    name: 'undecodable JSON with a patient id next to the error',
    damage: (d) => writeFileSync(join(d, 'account-authorization-details.json'), `{"UserDetailList": [ ${SECRET} ]}`),
    input: { source: /^account-authorization-details\.json$/, status: 'skipped', problem: /^not JSON: invalid at position 21$/ },
    error: /account-authorization-details\.json: not JSON/,
  },
  {
    name: 'undecodable: not UTF-8',
    damage: (d) => writeFileSync(join(d, 'account-authorization-details.json'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
    input: { source: /^account-authorization-details\.json$/, status: 'skipped', problem: /not UTF-8/ },
    error: /not UTF-8/,
  },
  {
    name: 'empty: {}',
    damage: (d) => writeFileSync(join(d, 'account-authorization-details.json'), '{}'),
    input: { source: /^account-authorization-details\.json$/, status: 'skipped', problem: /none of UserDetailList, GroupDetailList, RoleDetailList, Policies present/ },
    error: /not GetAccountAuthorizationDetails output/,
  },
  {
    name: 'empty: no users while the credential report has IAM users',
    damage: (d) => writeFileSync(join(d, 'account-authorization-details.json'), JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: false })),
    input: { source: /^account-authorization-details\.json$/, status: 'read', problem: /^$/ },
    error: /authorization details: lists no IAM users while the credential report lists 11/,
  },
  {
    name: 'rejected record: a user without UserName',
    damage: (d) => {
      const j = JSON.parse(readFileSync(join(d, 'account-authorization-details.json'), 'utf8'));
      delete j.UserDetailList[0].UserName;
      writeFileSync(join(d, 'account-authorization-details.json'), JSON.stringify(j));
    },
    input: { source: /^account-authorization-details\.json$/, status: 'skipped', problem: /UserDetailList\[0\]\.UserName/ },
    error: /UserDetailList\[0\]\.UserName/,
  },
  {
    name: 'cut export: IsTruncated true and no later page',
    damage: (d) => {
      const j = JSON.parse(readFileSync(join(d, 'account-authorization-details.json'), 'utf8'));
      writeFileSync(join(d, 'account-authorization-details.json'), JSON.stringify({ ...j, IsTruncated: true, Marker: 'AAAA' }));
    },
    input: { source: /^account-authorization-details\.json$/, status: 'partial', problem: /IsTruncated: true/ },
    error: /IsTruncated: true/,
    keepsEveryFinding: true,
  },
  {
    name: 'FIFO in its place',
    damage: (d) => {
      unlinkSync(join(d, 'account-authorization-details.json'));
      mkfifo(join(d, 'account-authorization-details.json'));
    },
    input: { source: /^account-authorization-details\.json$/, status: 'refused', problem: /a FIFO/ },
    error: /not a regular file/,
  },
  {
    name: 'loop: a link to itself',
    damage: (d) => {
      unlinkSync(join(d, 'account-authorization-details.json'));
      symlinkSync('account-authorization-details.json', join(d, 'account-authorization-details.json'));
    },
    input: { source: /^account-authorization-details\.json$/, status: 'skipped', problem: /ELOOP/ },
    error: /ELOOP/,
  },
  {
    name: 'oversize: past the bound for a file read whole',
    damage: (d) => truncateSync(join(d, 'account-authorization-details.json'), 300 * 1024 * 1024),
    input: { source: /^account-authorization-details\.json$/, status: 'refused', problem: /larger than the 256 MiB bound/ },
    error: /larger than the 256 MiB bound/,
  },
];

const MATRIX: [EvidenceKind, Fault[]][] = [['cloudtrail', CLOUDTRAIL], ['credentialReport', CREDENTIAL_REPORT], ['authorization', AUTHORIZATION]];

describe.each(MATRIX)('fault matrix: %s', (kind, faults) => {
  test.each(faults.map((f) => [f.name, f] as const))('%s', async (_name, fault) => {
    const run = await audit(damagedCopy(fault.damage));
    const { checks, items } = AFFECTED[kind];
    // Exactly the checks reading the damaged kind are error; the others as without the fault.
    expect(statusOf(run.report)).toEqual(Object.fromEntries(CHECKS.map((c) => [c, (checks as readonly string[]).includes(c) ? 'error' : 'ok'])));
    for (const c of run.report.checks.filter((x) => x.status === 'error')) expect(c.error).toMatch(fault.error);
    // The items depending on them are error, never pass; the others decided as before.
    expect(run.report.checklist.map((i) => i.status)).toEqual(baseline.report.checklist.map((i) => ((items as readonly number[]).includes(i.item) ? 'error' : i.status)));
    expect(run.code).toBe(4);
    if (fault.input) {
      const named = run.report.inputs.find((i) => fault.input?.source.test(i.source));
      expect(named).toMatchObject({ status: fault.input.status });
      expect(named?.problem ?? '').toMatch(fault.input.problem);
    }
    // What was read still yields its findings; nothing is invented.
    expect(findingKeys(run.report).filter((k) => !findingKeys(baseline.report).includes(k))).toEqual([]);
    if (fault.keepsEveryFinding) expect(findingKeys(run.report)).toEqual(findingKeys(baseline.report));
    expect(JSON.stringify(run.report)).not.toContain(SECRET);
    expect(run.stderr).not.toContain(SECRET);
  });
});

describe('faults that lose nothing leave the audit as it was', () => {
  test.each([
    ['a symlinked cloudtrail/AWSLogs (a synced archive) is followed, every file read once', (d: string) => {
      renameSync(join(d, 'cloudtrail/AWSLogs'), join(d, '..', 'synced-AWSLogs'));
      symlinkSync(join(d, '..', 'synced-AWSLogs'), join(d, 'cloudtrail/AWSLogs'));
      symlinkSync(join(d, '..', 'synced-AWSLogs'), join(d, 'cloudtrail/second-link'));
    }, /second-link/, 'ignored'],
    ['a link back to an ancestor folder is a loop, read once', (d: string) => symlinkSync('..', join(d, 'cloudtrail/AWSLogs/back-up')), /back-up$/, 'ignored'],
    ['a CloudTrail digest file is ignored, not read as events', (d: string) => put(d, 'cloudtrail/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/12/111122223333_CloudTrail-Digest_us-east-1_x_us-east-1_20261112T160000Z.json.gz', gzipSync('{"awsAccountId":"111122223333"}')), /CloudTrail-Digest/, 'ignored'],
    ['JSON Lines and a bare array of records read like log files', (d: string) => {
      const records = (file: string) => (JSON.parse(gunzipSync(readFileSync(join(d, file))).toString('utf8')) as { Records: unknown[] }).Records;
      const ci = records(CI_FILE);
      const mg = records(MGARCIA_FILE);
      unlinkSync(join(d, CI_FILE));
      unlinkSync(join(d, MGARCIA_FILE));
      put(d, `${TRAIL}/13/siem-export.jsonl`, `${ci.map((r) => JSON.stringify(r)).join('\n')}\n`);
      put(d, `${TRAIL}/12/siem-export.ndjson.gz`, gzipSync(mg.map((r) => JSON.stringify(r)).join('\r\n')));
      put(d, `${TRAIL}/12/array.json`, JSON.stringify(mg));
    }, /siem-export\.jsonl$/, 'read'],
  ])('%s', async (_name, damage, source, status) => {
    const run = await audit(damagedCopy(damage));
    expect(run.code).toBe(0);
    expect(statusOf(run.report)).toEqual(statusOf(baseline.report));
    expect(run.report.checklist).toEqual(baseline.report.checklist);
    expect(findingKeys(run.report)).toEqual(findingKeys(baseline.report));
    expect(run.report.inputs.find((i) => source.test(i.source))).toMatchObject({ status });
    expect(run.report.coverage.gaps).toEqual([]);
  });

  test('the example itself: every input read, every day covered, exit 0', () => {
    expect(baseline.code).toBe(0);
    expect(baseline.report.checks.every((c) => c.status === 'ok')).toBe(true);
    expect(baseline.report.inputs.every((i) => i.status === 'read')).toBe(true);
    expect(baseline.report.coverage).toEqual({ from: '2026-10-21T12:00:00.000Z', to: '2026-11-20T12:00:00.000Z', gaps: [] });
  });
});

describe('exit codes', () => {
  test('4 wins over 1: --fail-on low exits 4 when every check reading AWS evidence is error', async () => {
    const run = await audit(damagedCopy((d) => {
      for (const f of ['credential-report.csv', 'account-authorization-details.json']) unlinkSync(join(d, f));
      rmSync(join(d, 'cloudtrail'), { recursive: true });
    }), ['--fail-on', 'low']);
    // The checks that read only the register and the attestation export still run.
    const awsChecks = new Set(ALL_CHECKS.filter((c) => c.needs.some((n) => n === 'events' || n === 'credentialReport' || n === 'authorization')).map((c) => c.check as string));
    expect(run.report.checks.filter((c) => awsChecks.has(c.check)).every((c) => c.status === 'error')).toBe(true);
    expect(run.report.findings.length).toBeGreaterThan(0);
    expect(run.code).toBe(4);
  });

  test('4 wins over 1 with findings at the level, too', async () => {
    const run = await audit(damagedCopy((d) => cut(d, MGARCIA_FILE, 20)), ['--fail-on', 'low']);
    expect(run.report.findings.length).toBeGreaterThan(0);
    expect(run.code).toBe(4);
  });

  test.each([
    ['a mistyped --register', ['--register', 'test/fixtures/register/exmaple.json'], /exmaple\.json is invalid:\n {2}- \(root\): cannot be read \(ENOENT\)/],
    ['a missing --config', ['--config', 'config/nope.json'], /nope\.json is invalid/],
    ['an impossible --as-of (no roll-over to March)', ['--as-of', '2026-02-30'], /--as-of must be an ISO date/],
    ['an impossible --as-of time', ['--as-of', '2026-11-20T24:30:00Z'], /--as-of must be an ISO date/],
    ['an --as-of without a zone', ['--as-of', '2026-11-20T12:00:00'], /--as-of must be an ISO date/],
    ['an --out that is a file', ['--out', 'README.md'], /README\.md is invalid:\n {2}- \(root\): --out is not a folder/],
    ['an --out under a file', ['--out', 'README.md/reports'], /--out cannot be created as a folder/],
  ])('2 for %s, before anything is audited', async (_name, override, message) => {
    const args = ['audit', '--config', 'config/coding-env.json', '--evidence', EXAMPLE, '--register', 'test/fixtures/register/example.json', '--as-of', AS_OF, '--out', 'unused-out'];
    for (let i = 0; i < override.length; i += 2) args[args.indexOf(override[i]) + 1] = override[i + 1];
    let stderr = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    try {
      expect(await main(args)).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(stderr).toMatch(message);
    expect(existsSync('unused-out')).toBe(false);
  });

  test('an annotated register (a document link, notes on a training record) decides every item as before, with one warning, exit 0', async () => {
    const register = JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8'));
    register.riskAnalysis.document = 'https://sharepoint.example.org/risk-analysis-2026.pdf';
    register.training[1].notes = 'completed in person';
    const file = join(damagedCopy(), '..', 'annotated-register.json');
    writeFileSync(file, JSON.stringify(register));
    const run = await audit(EXAMPLE, ['--register', file]);
    expect(run.code).toBe(0);
    expect(run.report.checklist).toEqual(baseline.report.checklist);
    expect(run.report.warnings).toEqual([`${file}: fields the register does not define were ignored: riskAnalysis.document, training[1].notes`]);
    expect(run.stderr.match(/warning:/g)).toHaveLength(1);
  });

  test('the coverage gap is listed in report.json', async () => {
    const run = await audit(damagedCopy((d) => {
      for (const day of ['10/25', '10/26', '11/02']) rmSync(join(d, `cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/${day}`), { recursive: true });
    }));
    expect(run.report.coverage.gaps).toEqual([{ from: '2026-10-25', to: '2026-10-26' }, { from: '2026-11-02', to: '2026-11-02' }]);
    expect(run.code).toBe(4);
  });
});
