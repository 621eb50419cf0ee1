import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadConfigFile } from '../../../lib/config/load';
import { auditWindow, composeReport } from '../../../checks/audit';
import { MEMBER_CHECKS } from '../../../checks/handlers/organization-run';
import { parseRegister } from '../../../checks/register/load';
import type { CheckStatus, Report } from '../../../checks/report-model';
import { type AccountPart, mergeOrganization } from '../../../checks/report/organization-report';
import { ALL_CHECKS } from '../../../checks/rules/all-checks';
import { ORGANIZATION_ACCOUNT } from '../../../checks/engine';
import { CHECKLIST_ITEMS } from '../../../lib/controls/catalog';

const config = loadConfigFile('config/coding-env.json');
const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 30);
const register = parseRegister(JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8')), 'register.json');
const HOME = '111122223333';

function report(checks: readonly { check: string }[], errors: ReadonlySet<string>, findings: number): Report {
  const statuses: CheckStatus[] = checks.map(({ check }) => (errors.has(check) ? { check, status: 'error', error: 'denied' } : { check, status: 'ok' }));
  return composeReport({
    config, window, generatedAt: window.to, register, checks: statuses, inputs: [],
    findings: Array.from({ length: findings }, (_, i) => ({ check: 'stale-access', rule: 'password-unused', principal: `u${i}`, severity: 'medium' as const, summary: 's', evidence: {} })),
    evidence: { credentialReport: { ok: true, value: { users: [], hasKeyLastUsed: true } }, authorization: { ok: true, value: { users: [], groups: [], roles: [], policies: [] } } },
    coverage: { from: window.from.toISOString(), to: window.to.toISOString(), gaps: [] },
  });
}

const member = fc.record({
  account: fc.stringMatching(/^[2-9]\d{11}$/),
  filed: fc.boolean(),
  errors: fc.subarray(MEMBER_CHECKS.map((c) => c.check)),
  findings: fc.nat({ max: 3 }),
});

describe('mergeOrganization (property)', () => {
  test('no account is ever left out: every finding keeps its account, an account without a report is error in every check it runs, and ok only when every account is', () => {
    fc.assert(
      fc.property(fc.uniqueArray(member, { selector: (m) => m.account, maxLength: 5 }), fc.nat({ max: 2 }), (members, homeFindings) => {
        const parts: AccountPart[] = members.map((m) => (m.filed ? { account: m.account, report: report(MEMBER_CHECKS, new Set(m.errors), m.findings) } : { account: m.account, missing: 'no report' }));
        const merged = mergeOrganization({ home: { account: HOME, report: report(ALL_CHECKS, new Set(), homeFindings) }, members: parts, memberChecks: MEMBER_CHECKS }, window);

        const expectedFindings = homeFindings + members.reduce((n, m) => n + (m.filed ? m.findings : 0), 0);
        expect(merged.findings).toHaveLength(expectedFindings);
        expect(merged.findings.every((f) => f.account === HOME || members.some((m) => m.account === f.account))).toBe(true);
        for (const { check } of MEMBER_CHECKS) {
          const status = merged.checks.find((c) => c.check === check);
          const bad = members.filter((m) => !m.filed || m.errors.includes(check));
          expect(status?.status).toBe(bad.length > 0 ? 'error' : 'ok');
          // Named, up to the first few (the inputs list every one).
          for (const m of bad.slice(0, 5)) expect(status?.error).toContain(`account ${m.account}`);
        }
        for (const m of members.filter((x) => !x.filed)) {
          expect(merged.inputs).toContainEqual(expect.objectContaining({ source: `account:${m.account}`, status: 'skipped' }));
          expect(merged.coverage.gaps.some((g) => g.account === m.account && g.from === '2026-10-21' && g.to === '2026-11-20')).toBe(true);
          for (const item of [2, 3, 5, 6]) expect(merged.checklist.find((i) => i.item === item)?.status).toBe('error');
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('mergeOrganization: an account report missing a part is error, never a pass', () => {
  const MEMBER = '444455556666';
  const full = () => report(MEMBER_CHECKS, new Set(), 0);
  const merge = (home: Report, member: Report) => mergeOrganization({ home: { account: HOME, report: home }, members: [{ account: MEMBER, report: member }], memberChecks: MEMBER_CHECKS }, window);
  const check = MEMBER_CHECKS[0].check;

  test('a check the member should have run and did not: error naming the account', () => {
    const member = full();
    const merged = merge(report(ALL_CHECKS, new Set(), 0), { ...member, checks: member.checks.filter((c) => c.check !== check) });
    expect(merged.checks.find((c) => c.check === check)).toEqual({ check, status: 'error', error: `account ${MEMBER}: the check did not run` });
  });

  test('a check in error without a reason: "error", under its account', () => {
    const member = full();
    const merged = merge(report(ALL_CHECKS, new Set(), 0), { ...member, checks: member.checks.map((c) => (c.check === check ? { check, status: 'error' as const } : c)) });
    expect(merged.checks.find((c) => c.check === check)).toEqual({ check, status: 'error', error: `account ${MEMBER}: error` });
  });

  test('a checklist item missing from an account: error, "the item was not evaluated"', () => {
    const home = report(ALL_CHECKS, new Set(), 0);
    const member = full();
    const items = home.checklist.map((i) => i.item);
    // Items 2, 3, 5 and 6 read account evidence; the register-only ones take the audit account's verdict alone.
    const merged = merge({ ...home, checklist: [] }, { ...member, checklist: member.checklist.filter((i) => i.item !== 5) });
    expect(merged.checklist.map((i) => i.item)).toEqual(items);
    for (const i of merged.checklist) expect(i.status).toBe('error');
    expect(merged.checklist.find((i) => i.item === 5)?.reasons).toEqual([`account ${HOME}: the item was not evaluated`, `account ${MEMBER}: the item was not evaluated`]);
    const registerOnly = merged.checklist.filter((i) => ![2, 3, 5, 6].includes(i.item));
    expect(registerOnly.length).toBeGreaterThan(0);
    for (const i of registerOnly) expect(i.reasons).toEqual([`account ${HOME}: the item was not evaluated`]);
  });
});

describe('mergeOrganization: which account each result belongs to', () => {
  const MEMBER = '444455556666';
  const ORG_ONLY = ALL_CHECKS.find((c) => !MEMBER_CHECKS.some((m) => m.check === c.check))?.check ?? '';
  const memberCheck = MEMBER_CHECKS[0].check;
  const finding = (check: string, principal: string) => ({ check, rule: 'r', principal, severity: 'low' as const, summary: 's', evidence: {} });
  const merge = (home: AccountPart, members: AccountPart[], extra: { notAudited?: { account: string; state: string }[]; listingError?: string } = {}) =>
    mergeOrganization({ home, members, memberChecks: MEMBER_CHECKS, ...extra }, window);
  const homeReport = (errors: ReadonlySet<string> = new Set()) => report(ALL_CHECKS, errors, 0);
  const memberReport = (errors: ReadonlySet<string> = new Set()) => report(MEMBER_CHECKS, errors, 0);

  test('an organization-wide check runs in the audit account only: ok though no member runs it, error when the audit account errs', () => {
    expect(ORG_ONLY).not.toBe('');
    const ok = merge({ account: HOME, report: homeReport() }, [{ account: MEMBER, report: memberReport() }]);
    expect(ok.checks.find((c) => c.check === ORG_ONLY)).toEqual({ check: ORG_ONLY, status: 'ok' });
    expect(ok.checks.every((c) => c.status === 'ok')).toBe(true);
    const bad = merge({ account: HOME, report: homeReport(new Set([ORG_ONLY])) }, [{ account: MEMBER, missing: 'no report' }]);
    expect(bad.checks.find((c) => c.check === ORG_ONLY)).toEqual({ check: ORG_ONLY, status: 'error', error: `account ${HOME}: denied` });
    expect(bad.checks.find((c) => c.check === memberCheck)).toEqual({ check: memberCheck, status: 'error', error: `account ${MEMBER}: no report` });
  });

  test("the audit account's findings of organization-wide checks are the organization's; the rest keep their account", () => {
    const home = { ...homeReport(), findings: [finding(ORG_ONLY, 'org'), finding(memberCheck, 'home')] };
    const member = { ...memberReport(), findings: [finding(memberCheck, 'mem'), finding(ORG_ONLY, 'mem-org')] };
    const merged = merge({ account: HOME, report: home }, [{ account: MEMBER, report: member }]);
    expect(merged.findings.map((f) => [f.principal, f.account])).toEqual([
      ['org', ORGANIZATION_ACCOUNT],
      ['home', HOME],
      ['mem', MEMBER],
      ['mem-org', MEMBER],
    ]);
  });

  test("a member's error that already names its account is not named twice", () => {
    const member = memberReport();
    const named = { ...member, checks: member.checks.map((c) => (c.check === memberCheck ? { check: memberCheck, status: 'error' as const, error: `account ${MEMBER}: AccessDenied` } : c)) };
    const merged = merge({ account: HOME, report: homeReport() }, [{ account: MEMBER, report: named }]);
    expect(merged.checks.find((c) => c.check === memberCheck)?.error).toBe(`account ${MEMBER}: AccessDenied`);
    const suffixed = { ...member, checks: member.checks.map((c) => (c.check === memberCheck ? { check: memberCheck, status: 'error' as const, error: `AccessDenied in account ${MEMBER}: ` } : c)) };
    expect(merge({ account: HOME, report: homeReport() }, [{ account: MEMBER, report: suffixed }]).checks.find((c) => c.check === memberCheck)?.error).toBe(
      `account ${MEMBER}: AccessDenied in account ${MEMBER}: `,
    );
  });

  test('accounts not listed: every member check, every account-evidence item is error naming why; organization-wide checks are not', () => {
    const merged = merge({ account: HOME, report: homeReport() }, [], { listingError: 'AccessDenied on ListAccounts' });
    for (const { check } of MEMBER_CHECKS) expect(merged.checks.find((c) => c.check === check)).toEqual({ check, status: 'error', error: 'member accounts: AccessDenied on ListAccounts' });
    expect(merged.checks.find((c) => c.check === ORG_ONLY)).toEqual({ check: ORG_ONLY, status: 'ok' });
    expect(merged.inputs).toContainEqual({ source: 'api:organizations:ListAccounts', kind: 'account', status: 'skipped', records: 0, sha256: '', problem: 'AccessDenied on ListAccounts' });
    for (const item of [2, 3, 5, 6]) {
      const i = merged.checklist.find((x) => x.item === item);
      expect(i?.status).toBe('error');
      expect(i?.reasons).toContain('member accounts: AccessDenied on ListAccounts');
    }
    expect(merge({ account: HOME, report: homeReport() }, []).inputs.some((i) => i.source === 'api:organizations:ListAccounts')).toBe(false);
  });

  test('the inputs name an account without a report, and each account not audited with its state', () => {
    const merged = merge({ account: HOME, report: homeReport() }, [{ account: MEMBER, missing: 'the run failed' }], { notAudited: [{ account: '777788889999', state: 'SUSPENDED' }] });
    expect(merged.inputs).toEqual([
      { source: 'account:777788889999', kind: 'account', status: 'ignored', records: 0, sha256: '', problem: 'not audited: the account is SUSPENDED' },
      { source: `account:${MEMBER}`, kind: 'account', status: 'skipped', records: 0, sha256: '', problem: 'the run failed' },
    ]);
    expect(merge({ account: HOME, report: homeReport() }, []).inputs).toEqual([]);
  });

  test('an account with a report brings its own gaps; one without is a gap for the whole window', () => {
    const gap = { from: '2026-11-01', to: '2026-11-02' };
    const member = { ...memberReport(), coverage: { ...memberReport().coverage, gaps: [gap] } };
    const merged = merge({ account: HOME, report: homeReport() }, [{ account: MEMBER, report: member }, { account: '777788889999', missing: 'none' }]);
    expect(merged.coverage.gaps).toEqual([
      { ...gap, account: MEMBER },
      { from: '2026-10-21', to: '2026-11-20', account: '777788889999' },
    ]);
  });

  test("a register-only item is the audit account's verdict, with the catalog's CFR, whatever a member says", () => {
    const home = homeReport();
    const registerOnly = home.checklist.find((i) => ![2, 3, 5, 6].includes(i.item));
    if (registerOnly === undefined) throw new Error('no register-only item');
    const own = { ...registerOnly, status: 'fail' as const, reasons: ['overdue'], cfr: ['wrong'] };
    const merged = merge({ account: HOME, report: { ...home, checklist: home.checklist.map((i) => (i.item === own.item ? own : i)) } }, [{ account: MEMBER, missing: 'no report' }]);
    const info = CHECKLIST_ITEMS.find((i) => i.item === own.item);
    expect(merged.checklist.find((i) => i.item === own.item)).toEqual({ ...own, cfr: [...(info?.cfr ?? [])] });
    expect(info?.cfr.length).toBeGreaterThan(0);
    // The audit account's own report missing: every item is error, naming why.
    const none = merge({ account: HOME, missing: 'the audit run failed' }, []);
    expect(none.checklist.find((i) => i.item === own.item)).toEqual({ item: own.item, title: info?.title, status: 'error', reasons: [`account ${HOME}: the audit run failed`], cfr: [...(info?.cfr ?? [])] });
  });

  test("an account-evidence item takes the worst verdict, each non-pass reason under its account, pass reasons left out", () => {
    const home = homeReport();
    const member = memberReport();
    const set = (r: Report, status: 'pass' | 'fail' | 'error', reasons: string[]) => ({ ...r, checklist: r.checklist.map((i) => (i.item === 5 ? { ...i, status, reasons, cfr: [] } : i)) });
    const third = '777788889999';
    const merged = merge({ account: HOME, report: set(home, 'pass', ['all trained']) }, [
      { account: MEMBER, report: set(member, 'fail', ['dr.x untrained', 'dr.y untrained']) },
      { account: third, report: set(member, 'pass', ['fine']) },
    ]);
    const info = CHECKLIST_ITEMS.find((i) => i.item === 5);
    expect(merged.checklist.find((i) => i.item === 5)).toEqual({
      item: 5, title: info?.title, status: 'fail', reasons: [`account ${MEMBER}: dr.x untrained`, `account ${MEMBER}: dr.y untrained`], cfr: [...(info?.cfr ?? [])],
    });
    const worse = merge({ account: HOME, report: set(home, 'error', ['unreadable']) }, [{ account: MEMBER, report: set(member, 'fail', ['untrained']) }, { account: third, missing: 'no report' }]);
    expect(worse.checklist.find((i) => i.item === 5)).toMatchObject({ status: 'error', reasons: [`account ${HOME}: unreadable`, `account ${MEMBER}: untrained`, `account ${third}: no report`] });
    const passed = merge({ account: HOME, report: set(home, 'pass', ['ok']) }, [{ account: MEMBER, report: set(member, 'pass', ['ok']) }]);
    expect(passed.checklist.find((i) => i.item === 5)).toMatchObject({ status: 'pass', reasons: [] });
  });
});
