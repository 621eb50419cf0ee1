import { readFileSync } from 'node:fs';
import { evaluateChecklist, type ChecklistInput } from '../../../checks/checklist/evaluate';
import { parseCredentialReport } from '../../../checks/evidence/credential-report';
import { parseAuthorizationDetails } from '../../../checks/evidence/authorization-details';
import type { RegisterResult } from '../../../checks/register/load';
import { parseRegister } from '../../../checks/register/load';
import type { ChecklistResult } from '../../../checks/report-model';
import { config } from '../helpers';

// What keeps an item from being decided (checklist/evaluate.ts): never a pass on what was not seen.
const EXAMPLE = 'test/fixtures/evidence/example';
const register = () => JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8'));
const okChecks = ['stale-access', 'shared-credentials', 'privilege-creep', 'vpn-bypass', 'access-anomaly', 'ai-use'].map((check) => ({ check, status: 'ok' as const }));
const credentialReport = { ok: true as const, value: parseCredentialReport(readFileSync(`${EXAMPLE}/credential-report.csv`, 'utf8')).report };
const authorization = { ok: true as const, value: parseAuthorizationDetails(JSON.parse(readFileSync(`${EXAMPLE}/account-authorization-details.json`, 'utf8'))).details };

function evaluate(over: Partial<ChecklistInput> = {}): ChecklistResult[] {
  return evaluateChecklist({ config: config(), register: parseRegister(register(), 'register.json'), asOfDate: '2026-11-20', findings: [], checks: okChecks, evidence: { credentialReport, authorization }, ...over });
}
const item = (results: ChecklistResult[], n: number) => results.find((r) => r.item === n) as ChecklistResult;

describe('checklist: what keeps an item from being decided', () => {
  test('a check an item depends on that did not run at all: error, naming it', () => {
    const results = evaluate({ checks: okChecks.filter((c) => c.check !== 'vpn-bypass') });
    expect(item(results, 6)).toMatchObject({ status: 'error', reasons: ['check vpn-bypass did not run'] });
    expect(item(results, 1).status).toBe('pass');
  });

  test('a check in error without a message still names the check', () => {
    const checks = okChecks.map((c) => (c.check === 'privilege-creep' ? { check: c.check, status: 'error' as const } : c));
    expect(item(evaluate({ checks }), 3)).toMatchObject({ status: 'error', reasons: ['check privilege-creep could not run: unknown error'] });
  });

  test('an item in error still lists the failures it could establish', () => {
    const raw = { ...register(), accessReviews: [{ reviewedOn: '2026-01-02', reviewer: 'hmartin' }] };
    const checks = [...okChecks.filter((c) => c.check !== 'privilege-creep')];
    expect(item(evaluate({ register: parseRegister(raw, 'register.json'), checks }), 3)).toMatchObject({
      status: 'error',
      reasons: ['check privilege-creep did not run', 'access review: last on 2026-01-02 is older than 92 days (322 days before 2026-11-20)'],
    });
  });

  test('IAM evidence read only partly: the items reading it are error, with a summary of the problems', () => {
    const partial = { ...credentialReport, problems: ['credential-report.csv: row 4 rejected', 'credential-report.csv: row 9 rejected'] };
    const results = evaluate({ evidence: { credentialReport: partial, authorization } });
    expect(item(results, 5)).toMatchObject({ status: 'error', reasons: ['credential report not read whole: credential-report.csv: row 4 rejected; credential-report.csv: row 9 rejected', 'jdoe: last training 2025-01-15 is older than 365 days'] });
    expect(item(results, 2).status).toBe('fail');
    const partialAuth = { ...authorization, problems: ['account-authorization-details.json: truncated'] };
    expect(item(evaluate({ evidence: { credentialReport, authorization: partialAuth } }), 2).reasons[0]).toBe('authorization details not read whole: account-authorization-details.json: truncated');
  });

  test('IAM evidence unreadable: the item is error, naming the evidence, and is not decided on empty data', () => {
    const results = evaluate({ evidence: { credentialReport: { ok: false, error: 'credential-report.csv: not found' }, authorization } });
    expect(item(results, 5)).toMatchObject({ status: 'error', reasons: ['credential report unreadable: credential-report.csv: not found'] });
  });

  test('a malformed section: its items are error, the issues listed under the register\'s name', () => {
    const raw = register();
    raw.devices[0].encrypted = 'yes';
    const results = evaluate({ register: parseRegister(raw, 'reg.json') });
    expect(item(results, 6).status).toBe('error');
    expect(item(results, 6).reasons[0]).toBe('register reg.json: section "devices" is invalid:');
    expect(item(results, 6).reasons[1]).toMatch(/^devices\[0\]\.encrypted: /);
    expect(results.filter((r) => r.status === 'error').map((r) => r.item)).toEqual([6]);
  });

  test('a register unusable as a whole: every item is error; an item whose section has issues lists its own', () => {
    const unusable: RegisterResult = { ok: false, source: 'reg.json', issues: [{ path: 'training[0].completedOn', message: 'must be a date' }, { path: 'riskAnalysis', message: 'must be an object' }, { path: 'trainingNotes', message: 'x' }] };
    const results = evaluate({ register: unusable });
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('error'));
    expect(item(results, 5).reasons).toEqual(['register reg.json is invalid:', 'training[0].completedOn: must be a date']);
    expect(item(results, 1).reasons).toEqual(['register reg.json is invalid:', 'riskAnalysis: must be an object']);
    expect(item(results, 4).reasons).toEqual(['register reg.json is invalid elsewhere:', 'training[0].completedOn: must be a date', 'riskAnalysis: must be an object', 'trainingNotes: x']);
    const root = evaluate({ register: parseRegister('text', 'reg.json') });
    expect(item(root, 1).reasons[1]).toMatch(/^\(root\): must be a JSON object/);
  });
});

describe('checklist: an item the catalog lists but no rule implements', () => {
  test('is error, naming the item, and the others are decided', () => {
    jest.isolateModules(() => {
      jest.doMock('../../../checks/checklist/items', () => {
        const actual = jest.requireActual('../../../checks/checklist/items');
        return { ...actual, itemRules: () => actual.itemRules().filter((r: { item: number }) => r.item !== 7) };
      });
      const { evaluateChecklist: isolated } = require('../../../checks/checklist/evaluate') as typeof import('../../../checks/checklist/evaluate');
      const results = isolated({ config: config(), register: parseRegister(register(), 'register.json'), asOfDate: '2026-11-20', findings: [], checks: okChecks, evidence: { credentialReport, authorization } });
      expect(item(results, 7)).toEqual({ item: 7, title: 'Breach response plan tested', status: 'error', reasons: ['no rule implements item 7'], cfr: expect.any(Array) });
      expect(item(results, 1).status).toBe('pass');
    });
    jest.dontMock('../../../checks/checklist/items');
  });
});

describe('checklist: a section issue without a path', () => {
  test('is shown at "(root)" under the section\'s heading', () => {
    const parsed = parseRegister(register(), 'reg.json');
    if (!parsed.ok) throw new Error('example register must parse');
    const withIssue: RegisterResult = { ...parsed, invalid: { riskAnalysis: [{ path: '', message: 'could not be read' }] } };
    expect(item(evaluate({ register: withIssue }), 1)).toMatchObject({ status: 'error', reasons: ['register reg.json: section "riskAnalysis" is invalid:', '(root): could not be read'] });
  });
});

describe('checklist: a check in error blocks only the items that depend on it', () => {
  test('privilege-creep in error: item 3 is error; item 2 and 6, depending on other checks that ran, are decided', () => {
    const checks = okChecks.map((c) => (c.check === 'privilege-creep' ? { check: c.check, status: 'error' as const, error: 'cloudtrail: truncated' } : c));
    const results = evaluate({ checks });
    expect(item(results, 3).reasons[0]).toBe('check privilege-creep could not run: cloudtrail: truncated');
    expect(item(results, 3).status).toBe('error');
    expect(item(results, 6)).toMatchObject({ status: 'pass', reasons: ['every active person has an encrypted, VPN-verified device; no vpn-bypass finding'] });
    expect(item(results, 2).status).toBe('fail');
    expect(item(results, 2).reasons.join(' ')).not.toMatch(/could not run/);
  });
});

describe('checklist: a register unusable as a whole, issues matched to sections by path', () => {
  test('a field of a section ("riskAnalysis.completedOn") is that section\'s; a section whose name only starts alike is not', () => {
    const unusable: RegisterResult = { ok: false, source: 'reg.json', issues: [{ path: 'riskAnalysis.completedOn', message: 'must be a date' }, { path: 'devicesNote', message: 'x' }] };
    const results = evaluate({ register: unusable });
    expect(item(results, 1).reasons).toEqual(['register reg.json is invalid:', 'riskAnalysis.completedOn: must be a date']);
    expect(item(results, 6).reasons).toEqual(['register reg.json is invalid elsewhere:', 'riskAnalysis.completedOn: must be a date', 'devicesNote: x']);
  });
});
