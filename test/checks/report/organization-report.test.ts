import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadConfigFile } from '../../../lib/config/load';
import { auditWindow, composeReport } from '../../../checks/audit';
import { MEMBER_CHECKS } from '../../../checks/handlers/organization-run';
import { parseRegister } from '../../../checks/register/load';
import type { CheckStatus, Report } from '../../../checks/report-model';
import { type AccountPart, mergeOrganization } from '../../../checks/report/organization-report';
import { ALL_CHECKS } from '../../../checks/rules/all-checks';

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
