import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditWindow, buildReport } from '../../../checks/audit';
import { loadEvidenceDir } from '../../../checks/evidence/evidence-dir';
import { loadRegister } from '../../../checks/register/load';
import { relevantEvents } from '../../../checks/rules/relevance';
import type { Report } from '../../../checks/report-model';
import { AS_OF, config } from '../helpers';

const FIXTURE = 'test/fixtures/evidence/organization';
const CODING = '111122223333';
const ANALYTICS = '222233334444';
const window = auditWindow(AS_OF, 30);

async function audit(dir: string): Promise<Report> {
  const c = config();
  const { model, inputs } = await loadEvidenceDir(dir, { window, keep: relevantEvents(c) });
  return buildReport({ config: c, model, inputs, register: loadRegister('test/fixtures/register/example.json'), window, generatedAt: AS_OF });
}

/** A scratch copy of the fixture to damage. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'org-evidence-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));
const damaged = (change: (dir: string) => void) => {
  const dir = copy();
  scratch.push(dir);
  change(dir);
  return dir;
};
const dayFolder = (dir: string, account: string, day: string) => join(dir, 'cloudtrail/AWSLogs/o-a1b2c3d4e5', account, 'CloudTrail/us-east-1', ...day.split('-'));

describe('multi-account evidence (an organization)', () => {
  let report: Report;
  beforeAll(async () => {
    report = await audit(FIXTURE);
  });

  test("every finding of a check reading an account's evidence carries that account; the register's carry 'organization'", () => {
    const orgWide = new Set(['breach-notification', 'ai-attestation']);
    const mine = report.findings.filter((f) => !orgWide.has(f.check));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.account === CODING || f.account === ANALYTICS)).toBe(true);
    const theirs = report.findings.filter((f) => orgWide.has(f.check));
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((f) => f.account === 'organization')).toBe(true);
    expect(report.findings.every((f) => f.account !== undefined)).toBe(true);
    expect(report.findings.map((f) => `${f.account}:${f.rule}:${f.principal}`)).toEqual(expect.arrayContaining([
      `${CODING}:departed-person-active:tnguyen`,
      `${CODING}:outside-network:jdoe`,
      `${ANALYTICS}:unowned-identity:billing-shared`,
      `${ANALYTICS}:out-of-specialty:jdoe`,
    ]));
  });

  test("each account is judged on its own evidence: jdoe's users in two accounts are two credentials, not one shared", () => {
    expect(report.findings.filter((f) => f.rule === 'concurrent-console-sessions')).toEqual([]);
    expect(report.findings.filter((f) => f.rule === 'outside-network').map((f) => f.account)).toEqual([CODING]);
    expect(report.findings.filter((f) => f.rule === 'out-of-specialty').map((f) => f.account)).toEqual([ANALYTICS]);
  });

  test('the whole organization is covered and read: every check ok, no gap', () => {
    expect(report.coverage.gaps).toEqual([]);
    expect(report.checks.filter((c) => c.status === 'error')).toEqual([]);
    expect(report.inputs.filter((i) => i.source.startsWith('accounts/')).map((i) => `${i.source}:${i.status}`).sort()).toEqual([
      `accounts/${CODING}/account-authorization-details.json:read`,
      `accounts/${CODING}/credential-report.csv:read`,
      `accounts/${ANALYTICS}/account-authorization-details.json:read`,
      `accounts/${ANALYTICS}/credential-report.csv:read`,
    ]);
  });

  test('the checklist covers the organization: a role trusting a member account is not an outsider, one trusting another account is', () => {
    const item2 = report.checklist.find((i) => i.item === 2);
    expect(item2?.reasons.join('\n')).toContain('partner-export trusts AWS account 999988887777');
    expect(item2?.reasons.join('\n')).not.toContain(ANALYTICS);
  });

  test('a day missing from one account is a gap of that account only, and the event checks are error naming it', async () => {
    const dir = damaged((d) => rmSync(dayFolder(d, ANALYTICS, '2026-11-02'), { recursive: true }));
    const r = await audit(dir);
    expect(r.coverage.gaps).toEqual([{ from: '2026-11-02', to: '2026-11-02', account: ANALYTICS }]);
    for (const check of ['vpn-bypass', 'access-anomaly', 'shared-credentials']) {
      const status = r.checks.find((c) => c.check === check);
      expect(status?.status).toBe('error');
      expect(status?.error).toContain(`account ${ANALYTICS}`);
      expect(status?.error).toContain('2026-11-02');
      expect(status?.error).not.toContain(`account ${CODING}`);
    }
    // Evidence-only IAM checks are unaffected; incomplete evidence hides none of the findings read.
    expect(r.checks.find((c) => c.check === 'privilege-creep')?.status).toBe('ok');
    expect(r.findings.map((f) => `${f.account}:${f.rule}`)).toEqual(expect.arrayContaining([`${ANALYTICS}:out-of-specialty`, `${CODING}:outside-network`]));
  });

  test("an account whose events are all missing has every day as a gap", async () => {
    const dir = damaged((d) => rmSync(join(d, 'cloudtrail/AWSLogs/o-a1b2c3d4e5', CODING), { recursive: true }));
    const r = await audit(dir);
    expect(r.coverage.gaps).toEqual([{ from: '2026-10-21', to: '2026-11-20', account: CODING }]);
    expect(r.checks.find((c) => c.check === 'vpn-bypass')?.error).toContain(`account ${CODING}`);
  });

  test("an account's unreadable credential report makes that account's checks error, naming the file", async () => {
    const dir = damaged((d) => writeFileSync(join(d, 'accounts', CODING, 'credential-report.csv'), ''));
    const r = await audit(dir);
    const stale = r.checks.find((c) => c.check === 'stale-access');
    expect(stale?.status).toBe('error');
    expect(stale?.error).toContain(`account ${CODING}`);
    expect(stale?.error).toContain(`accounts/${CODING}/credential-report.csv`);
    expect(stale?.error).not.toContain(`account ${ANALYTICS}`);
    expect(r.findings.some((f) => f.account === ANALYTICS && f.rule === 'unowned-identity')).toBe(true);
    expect(r.checklist.find((i) => i.item === 5)?.status).toBe('error');
  });

  test('events of an account without its folder: its IAM evidence is missing, so its IAM checks are error', async () => {
    const dir = damaged((d) => rmSync(join(d, 'accounts', ANALYTICS), { recursive: true }));
    const r = await audit(dir);
    const stale = r.checks.find((c) => c.check === 'stale-access');
    expect(stale?.status).toBe('error');
    expect(stale?.error).toContain(`accounts/${ANALYTICS}/ is not in the evidence`);
    // The account's events are still audited.
    expect(r.findings.some((f) => f.account === ANALYTICS && f.rule === 'out-of-specialty')).toBe(true);
  });

  test('a folder that is not an account id, and IAM files beside accounts/, are listed as not read and make the IAM checks error', async () => {
    const dir = damaged((d) => {
      mkdirSync(join(d, 'accounts', 'analytics'));
      writeFileSync(join(d, 'accounts', 'analytics', 'credential-report.csv'), 'x');
      cpSync(join(d, 'accounts', CODING, 'credential-report.csv'), join(d, 'credential-report.csv'));
    });
    const r = await audit(dir);
    expect(r.inputs.filter((i) => i.status === 'skipped').map((i) => i.source).sort()).toEqual(['accounts/analytics', 'credential-report.csv']);
    const stale = r.checks.find((c) => c.check === 'stale-access');
    expect(stale?.error).toContain('accounts/analytics');
    expect(stale?.error).toContain(`account ${CODING}`);
    expect(stale?.error).toContain(`account ${ANALYTICS}`);
  });

  test("a damaged CloudTrail file makes only its account's event checks error", async () => {
    const dir = damaged((d) => {
      const folder = dayFolder(d, CODING, '2026-11-10');
      const [file] = readdirSync(folder);
      writeFileSync(join(folder, file), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01]));
    });
    const r = await audit(dir);
    const vpn = r.checks.find((c) => c.check === 'vpn-bypass');
    expect(vpn?.error).toContain(`account ${CODING}`);
    expect(vpn?.error).toContain('2026/11/10');
    expect(vpn?.error).not.toContain(`account ${ANALYTICS}`);
  });
});

describe('single-account evidence is unchanged', () => {
  test('findings carry no account', async () => {
    const r = await audit('test/fixtures/evidence/example');
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.some((f) => 'account' in f)).toBe(false);
  });
});

describe('multi-account loader: each account\'s evidence and the organization\'s merged view', () => {
  const CR = readFileSync(join(FIXTURE, 'accounts', CODING, 'credential-report.csv'));
  const AD = readFileSync(join(FIXTURE, 'accounts', CODING, 'account-authorization-details.json'));
  const event = (id: string, time: string, account?: string) => ({ eventVersion: '1.09', eventID: id, eventTime: time, eventName: 'ListBuckets', eventSource: 's3.amazonaws.com', ...(account ? { recipientAccountId: account } : {}), userIdentity: { type: 'IAMUser', userName: 'jdoe' } });
  /** Every day of the window, for `account`, in one file per account. */
  const allDays = (account: string | undefined, prefix: string) => {
    const out = [];
    // Noon of each UTC day the window touches, kept inside the window on its first and last day.
    const from = window.from.getTime();
    const to = window.to.getTime();
    for (let day = Math.floor(from / 86_400_000) * 86_400_000; day < to; day += 86_400_000) {
      const t = Math.min(Math.max(day + 43_200_000, from + 30_000), to - 30_000);
      out.push(event(`${prefix}-${day}`, new Date(t).toISOString().replace('.000', ''), account));
    }
    return out;
  };
  const org = (build: (d: string) => void) => {
    const d = mkdtempSync(join(tmpdir(), 'org-small-'));
    scratch.push(d);
    for (const a of [CODING, ANALYTICS]) {
      mkdirSync(join(d, 'accounts', a), { recursive: true });
      writeFileSync(join(d, 'accounts', a, 'credential-report.csv'), CR);
      writeFileSync(join(d, 'accounts', a, 'account-authorization-details.json'), AD);
    }
    mkdirSync(join(d, 'cloudtrail'), { recursive: true });
    writeFileSync(join(d, 'cloudtrail', 'coding.json'), JSON.stringify({ Records: allDays(CODING, 'c') }));
    writeFileSync(join(d, 'cloudtrail', 'analytics.json'), JSON.stringify({ Records: allDays(ANALYTICS, 'a') }));
    build(d);
    return d;
  };
  const load = (d: string) => loadEvidenceDir(d, { window });

  test('whole: every account ok without problems; the merged view ok with every account\'s users', async () => {
    const { model } = await load(org(() => undefined));
    expect(model.accounts?.map((a) => [a.account, a.evidence.credentialReport?.ok && a.evidence.credentialReport.problems, a.evidence.events?.ok && a.evidence.events.problems])).toEqual([
      [CODING, undefined, undefined],
      [ANALYTICS, undefined, undefined],
    ]);
    expect(model.credentialReport.ok && model.credentialReport.problems).toBeUndefined();
    // Every row but the header and the root account's.
    const one = CR.toString().trim().split('\n').length - 2;
    expect(model.credentialReport.ok && model.credentialReport.value.users).toHaveLength(2 * one);
    expect(model.authorization.ok && model.authorization.value.users.length).toBe(2 * JSON.parse(AD.toString()).UserDetailList.length);
    expect(model.coverage?.gaps).toEqual([]);
    expect(model.accounts?.find((a) => a.account === ANALYTICS)?.evidence.events).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ account: ANALYTICS })]) });
  });

  test('the merged view is not whole when one account\'s report is not: the problem names the account', async () => {
    const { model } = await load(org((d) => writeFileSync(join(d, 'accounts', ANALYTICS, 'credential-report.csv'), '')));
    expect(model.credentialReport).toMatchObject({ ok: true, problems: [expect.stringMatching(new RegExp(`^account ${ANALYTICS}: accounts/${ANALYTICS}/credential-report\\.csv: `))] });
    expect(model.accounts?.find((a) => a.account === ANALYTICS)?.evidence.credentialReport).toMatchObject({ ok: false });
    expect(model.accounts?.find((a) => a.account === CODING)?.evidence.credentialReport).toMatchObject({ ok: true });
  });

  test('no account readable: the merged view unavailable, each account named', async () => {
    const { model } = await load(org((d) => {
      for (const a of [CODING, ANALYTICS]) rmSync(join(d, 'accounts', a, 'account-authorization-details.json'));
    }));
    expect(model.authorization).toEqual({ ok: false, error: `account ${CODING}: accounts/${CODING}/account-authorization-details.json not found; account ${ANALYTICS}: accounts/${ANALYTICS}/account-authorization-details.json not found` });
  });

  test('an empty accounts/ holds no account: the IAM views unavailable, saying so', async () => {
    const d = mkdtempSync(join(tmpdir(), 'org-empty-'));
    scratch.push(d);
    mkdirSync(join(d, 'accounts'));
    mkdirSync(join(d, 'cloudtrail'));
    const { model } = await load(d);
    expect(model.credentialReport).toEqual({ ok: false, error: 'accounts/ holds no account folder (accounts/<12-digit id>/)' });
    expect(model.authorization).toEqual({ ok: false, error: 'accounts/ holds no account folder (accounts/<12-digit id>/)' });
    expect(model.accounts).toEqual([]);
  });

  test('a stray folder and an IAM file beside accounts/: every account\'s IAM evidence carries both problems, each input named', async () => {
    const { model, inputs } = await load(org((d) => {
      mkdirSync(join(d, 'accounts', '12345'));
      writeFileSync(join(d, 'accounts', '111122223333.txt'), 'x');
      writeFileSync(join(d, 'account-authorization-details.json'), AD);
    }));
    const stray = [
      'accounts/111122223333.txt: not a folder named by a 12-digit AWS account id: not read, so no account is known to be whole',
      'accounts/12345: not a folder named by a 12-digit AWS account id: not read, so no account is known to be whole',
      'account-authorization-details.json: beside accounts/: belongs to no account folder, not read (move it into accounts/<account id>/)',
    ];
    for (const a of model.accounts ?? []) {
      expect(a.evidence.credentialReport).toMatchObject({ ok: true, problems: stray });
      expect(a.evidence.authorization).toMatchObject({ ok: true, problems: stray });
    }
    expect(inputs.filter((i) => i.status === 'skipped')).toEqual([
      { source: 'accounts/111122223333.txt', kind: 'account', status: 'skipped', records: 0, sha256: '', problem: stray[0].replace(/^[^:]*: /, '') },
      { source: 'accounts/12345', kind: 'account', status: 'skipped', records: 0, sha256: '', problem: stray[1].replace(/^[^:]*: /, '') },
      { source: 'account-authorization-details.json', kind: 'authorization-details', status: 'skipped', records: 0, sha256: '', problem: stray[2].replace(/^[^:]*: /, '') },
    ]);
    // The merged view carries each account's problems, each named with its account.
    expect(model.credentialReport).toMatchObject({ ok: true, problems: [...stray.map((p) => `account ${CODING}: ${p}`), ...stray.map((p) => `account ${ANALYTICS}: ${p}`)] });
    const beside = await load(org((d) => writeFileSync(join(d, 'credential-report.csv'), CR)));
    expect(beside.inputs.find((i) => i.source === 'credential-report.csv')).toEqual({ source: 'credential-report.csv', kind: 'credential-report', status: 'skipped', records: 0, sha256: '', problem: stray[2].replace(/^[^:]*: /, '') });
  });

  test('events naming no account: every account\'s event evidence says how many', async () => {
    const { model } = await load(org((d) => writeFileSync(join(d, 'cloudtrail', 'nobody.json'), JSON.stringify({ Records: [event('n1', '2026-11-19T10:00:00Z'), event('n2', '2026-11-19T11:00:00Z')] }))));
    const why = '2 events name no account (no recipientAccountId, not under AWSLogs/<account>/): not attributed to any account';
    expect(model.accounts?.map((a) => a.evidence.events?.ok && a.evidence.events.problems)).toEqual([[why], [why]]);
  });

  test('a damaged file under one account\'s AWSLogs folder is that account\'s; one under no account is everyone\'s', async () => {
    const cut = (d: string, rel: string) => {
      mkdirSync(join(d, 'cloudtrail', rel, '..'), { recursive: true });
      writeFileSync(join(d, 'cloudtrail', rel), '{"Records":[');
    };
    const mine = `AWSLogs/o-a1b2c3d4e5/${ANALYTICS}/CloudTrail/us-east-1/2026/11/19/x.json`;
    const { model } = await load(org((d) => {
      cut(d, mine);
      cut(d, 'loose/y.json');
    }));
    const byAccount = new Map(model.accounts?.map((a) => [a.account, a.evidence.events?.ok ? a.evidence.events.problems : a.evidence.events?.error]));
    expect(byAccount.get(CODING)).toEqual([expect.stringMatching(/^cloudtrail\/loose\/y\.json: skipped: cut short/)]);
    expect(byAccount.get(ANALYTICS)).toEqual([`cloudtrail/${mine}: skipped: cut short: the JSON document ends at position 12 before it is closed`, expect.stringMatching(/^cloudtrail\/loose\/y\.json: skipped: cut short/)]);
  });

  test('an account seen only in the trail gets an entry whose IAM evidence is missing, naming why', async () => {
    const { model } = await load(org((d) => writeFileSync(join(d, 'cloudtrail', 'third.json'), JSON.stringify({ Records: allDays('333344445555', 't') }))));
    const third = model.accounts?.find((a) => a.account === '333344445555');
    expect(third?.evidence.credentialReport).toEqual({ ok: false, error: 'accounts/333344445555/ is not in the evidence: the trail holds this account\'s events but not its IAM evidence' });
    expect(third?.evidence.events).toMatchObject({ ok: true });
    expect(model.accounts?.map((a) => a.account)).toEqual([CODING, ANALYTICS, '333344445555'].sort());
  });

  test('an account with its folder but no event in the trail: its events are none, not missing', async () => {
    const { model } = await load(org((d) => rmSync(join(d, 'cloudtrail', 'analytics.json'))));
    expect(model.accounts?.find((a) => a.account === ANALYTICS)?.evidence.events).toEqual({ ok: true, value: [] });
    expect(model.coverage?.gaps).toEqual([{ from: '2026-10-21', to: '2026-11-20', account: ANALYTICS }]);
  });

  test('an account the trail covers on some days but with no event a rule keeps still gets an entry, its IAM evidence missing', async () => {
    const d = org((dd) => writeFileSync(join(dd, 'cloudtrail', 'third.json'), JSON.stringify({ Records: [event('t1', '2026-11-19T10:00:00Z', '333344445555')] })));
    const { model } = await loadEvidenceDir(d, { window, keep: () => false });
    expect(model.accounts?.map((a) => a.account)).toEqual([CODING, ANALYTICS, '333344445555']);
    const third = model.accounts?.find((a) => a.account === '333344445555');
    expect(third?.evidence).toEqual({
      credentialReport: { ok: false, error: 'accounts/333344445555/ is not in the evidence: the trail holds this account\'s events but not its IAM evidence' },
      authorization: { ok: false, error: 'accounts/333344445555/ is not in the evidence: the trail holds this account\'s events but not its IAM evidence' },
      events: { ok: true, value: [] },
    });
  });

  test('no cloudtrail/: every account\'s events are the trail\'s error', async () => {
    const { model } = await load(org((d) => rmSync(join(d, 'cloudtrail'), { recursive: true })));
    for (const a of model.accounts ?? []) expect(a.evidence.events).toEqual({ ok: false, error: expect.stringMatching(/^cloudtrail\/ not found/) });
  });
});

test('an empty accounts/ beside events naming no account: the coverage still shows the days without events', async () => {
  const d = mkdtempSync(join(tmpdir(), 'org-noaccount-'));
  scratch.push(d);
  mkdirSync(join(d, 'accounts'));
  mkdirSync(join(d, 'cloudtrail'));
  writeFileSync(join(d, 'cloudtrail', 'a.json'), JSON.stringify({ Records: [{ eventVersion: '1.09', eventID: 'e1', eventTime: '2026-11-19T10:00:00Z', eventName: 'ListBuckets', eventSource: 's3.amazonaws.com' }] }));
  const { model } = await loadEvidenceDir(d, { window });
  expect(model.coverage?.gaps).toEqual([{ from: '2026-10-21', to: '2026-11-18' }, { from: '2026-11-20', to: '2026-11-20' }]);
});
