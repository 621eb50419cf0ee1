import { readFileSync } from 'node:fs';
import { auditWindow, composeReport } from '../../checks/audit';
import { parseCredentialReport } from '../../checks/evidence/credential-report';
import { parseAuthorizationDetails } from '../../checks/evidence/authorization-details';
import { parseRegister } from '../../checks/register/load';
import { ALL_CHECKS } from '../../checks/rules/all-checks';
import { AS_OF, config } from './helpers';

const EXAMPLE = 'test/fixtures/evidence/example';
const evidence = {
  credentialReport: { ok: true as const, value: parseCredentialReport(readFileSync(`${EXAMPLE}/credential-report.csv`, 'utf8')).report },
  authorization: { ok: true as const, value: parseAuthorizationDetails(JSON.parse(readFileSync(`${EXAMPLE}/account-authorization-details.json`, 'utf8'))).details },
};
const register = () => JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8'));
const window = auditWindow(AS_OF, 30);
const compose = (over: Partial<Parameters<typeof composeReport>[0]> = {}) =>
  composeReport({
    config: config(),
    window,
    generatedAt: new Date('2026-11-20T12:05:00Z'),
    register: parseRegister(register(), 'register.json'),
    findings: [],
    checks: ALL_CHECKS.map((c) => ({ check: c.check, status: 'ok' as const })),
    inputs: [],
    evidence,
    ...over,
  });

describe('auditWindow', () => {
  test('the --days before as-of, to the millisecond', () => {
    expect(auditWindow(AS_OF, 30)).toEqual({ from: new Date('2026-10-21T12:00:00Z'), to: AS_OF, days: 30 });
    expect(auditWindow(AS_OF, 1).from.toISOString()).toBe('2026-11-19T12:00:00.000Z');
  });
});

describe('composeReport', () => {
  test('the report states its window, times and organization; no coverage handed in means every day is a gap', () => {
    const report = compose();
    expect(report.asOf).toBe('2026-11-20T12:00:00.000Z');
    expect(report.window).toEqual({ from: '2026-10-21T12:00:00.000Z', to: '2026-11-20T12:00:00.000Z', days: 30 });
    expect(report.generatedAt).toBe('2026-11-20T12:05:00.000Z');
    expect(report.organization).toBe(config().organization.name);
    expect(report.coverage.gaps).toEqual([{ from: '2026-10-21', to: '2026-11-20' }]);
    expect(report.checklist.map((i) => i.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(report.reportId).toMatch(/^2026-11-20/);
    expect('comparison' in report || 'trend' in report || 'warnings' in report || 'scope' in report).toBe(false);
  });

  test('register warnings are carried to the report; an unusable register has none to carry', () => {
    const annotated = register();
    annotated.riskAnalysis.document = 'https://example.org/risk.pdf';
    expect(compose({ register: parseRegister(annotated, 'register.json') }).warnings).toEqual(['register.json: fields the register does not define were ignored: riskAnalysis.document']);
    const unusable = compose({ register: parseRegister('text', 'register.json') });
    expect('warnings' in unusable).toBe(false);
    expect(unusable.checklist.every((i) => i.status === 'error')).toBe(true);
  });

  test('an auditor\'s report id and scope are kept; no earlier reports, no comparison', () => {
    const scope = { source: 'evidence' as const, accounts: [], regions: [], trails: [], tool: { name: 'coding-env', version: '1' }, runBy: { kind: 'os-user' as const, identity: 'me' }, configSha256: 'a', registerSha256: null };
    const report = compose({ auditor: { reportId: 'Q4-2026', scope, previous: [] } });
    expect(report.reportId).toBe('Q4-2026');
    expect(report.scope).toEqual(scope);
    expect('comparison' in report).toBe(false);
  });
});
