import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
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
