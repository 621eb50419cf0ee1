import { readFileSync } from 'node:fs';
import { evaluateChecklist, type ChecklistInput } from '../../../checks/checklist/evaluate';
import { parseCredentialReport } from '../../../checks/evidence/credential-report';
import { parseAuthorizationDetails } from '../../../checks/evidence/authorization-details';
import { parseRegister } from '../../../checks/register/load';
import type { ChecklistResult, Finding } from '../../../checks/report-model';
import { config } from '../helpers';

const EXAMPLE = 'test/fixtures/evidence/example';
const register = () => JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8'));
const okChecks = ['stale-access', 'shared-credentials', 'privilege-creep', 'vpn-bypass', 'access-anomaly', 'ai-use'].map((check) => ({ check, status: 'ok' as const }));
const credentialReport = { ok: true as const, value: parseCredentialReport(readFileSync(`${EXAMPLE}/credential-report.csv`, 'utf8')).report };
const authorization = { ok: true as const, value: parseAuthorizationDetails(JSON.parse(readFileSync(`${EXAMPLE}/account-authorization-details.json`, 'utf8'))).details };

function evaluate(over: Partial<ChecklistInput> & { raw?: Record<string, unknown> } = {}): ChecklistResult[] {
  return evaluateChecklist({
    config: config(),
    register: parseRegister(over.raw ?? register(), 'register.json'),
    asOfDate: '2026-11-20',
    findings: [],
    checks: okChecks,
    evidence: { credentialReport, authorization },
    ...over,
  });
}
const item = (results: ChecklistResult[], n: number) => results.find((r) => r.item === n) as ChecklistResult;
const finding = (check: string, principal: string, summary: string): Finding => ({ check, rule: 'r', principal, severity: 'high', summary, evidence: {} });

describe('checklist: titles and CFR come from the catalog', () => {
  test('eight items in order with CFR', () => {
    const results = evaluate();
    expect(results.map((r) => r.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results[0]).toMatchObject({ title: 'Risk analysis on file', cfr: ['164.308(a)(1)(ii)(A)', '164.308(a)(1)(ii)(B)'] });
  });
});

describe('checklist item 1: risk analysis', () => {
  test('passes within 365 days', () => expect(item(evaluate(), 1).status).toBe('pass'));
  test('fails when older', () => {
    const raw = { ...register(), riskAnalysis: { completedOn: '2025-11-01' } };
    expect(item(evaluate({ raw }), 1)).toMatchObject({ status: 'fail', reasons: [expect.stringMatching(/2025-11-01 is older than 365 days/)] });
  });
  test('fails with "no evidence" when the section is missing', () => {
    const { riskAnalysis: _, ...raw } = register();
    expect(item(evaluate({ raw }), 1)).toMatchObject({ status: 'fail', reasons: [expect.stringMatching(/^no evidence/)] });
  });
});

describe('checklist item 2: BAAs', () => {
  const allGood = () => ({ ...register(), baas: [{ vendor: 'AcmeAI', signedOn: '2025-01-10', reviewedOn: '2026-01-05' }, { vendor: 'ShredCo', signedOn: '2024-03-01', reviewedOn: '2026-02-01' }] });
  const noPartner = { ...authorization, value: { ...authorization.value, roles: authorization.value.roles.filter((r) => r.name !== 'reporting-partner') } };
  test('passes when every PHI vendor has a current BAA and trusted accounts belong to them', () => {
    expect(item(evaluate({ raw: allGood(), evidence: { credentialReport, authorization: noPartner } }), 2).status).toBe('pass');
  });
  test('fails on a stale BAA and on a role trusting an unknown account', () => {
    expect(item(evaluate(), 2).reasons).toEqual([
      expect.stringMatching(/^ShredCo: BAA last reviewed 2025-02-01/),
      'role reporting-partner trusts AWS account 999988887777, which belongs to no PHI vendor with a current BAA',
    ]);
  });
  test('fails on a BAA signed after the as-of date', () => {
    const raw = allGood();
    raw.baas[0].signedOn = '2026-12-01';
    expect(item(evaluate({ raw, evidence: { credentialReport, authorization: noPartner } }), 2).reasons).toEqual([
      'AcmeAI: no BAA signed on or before 2026-11-20 on record',
      'role acmeai-phi-reader trusts AWS account 444455556666, which belongs to no PHI vendor with a current BAA',
    ]);
  });
  test('fails on an AI service used without a BAA, naming the service and the provider', () => {
    const ai: Finding = { check: 'ai-use', rule: 'ai-service-without-baa', principal: 'jdoe', severity: 'high', summary: '...', evidence: { service: 'bedrock', provider: 'meta' } };
    const logging: Finding = { check: 'ai-use', rule: 'ai-logging-disabled', principal: 'jdoe', severity: 'high', summary: '...', evidence: {} };
    const result = item(evaluate({ raw: allGood(), evidence: { credentialReport, authorization: noPartner }, findings: [ai, logging, { ...ai, principal: 'rpatel' }] }), 2);
    expect(result).toEqual(expect.objectContaining({ status: 'fail', reasons: ['AI service bedrock with model provider meta used without a BAA covering it, by jdoe, rpatel (ai-use ai-service-without-baa)'] }));
  });
  test('is error when the ai-use check could not run', () => {
    const checks = [...okChecks.filter((c) => c.check !== 'ai-use'), { check: 'ai-use', status: 'error' as const, error: 'evidence unavailable' }];
    expect(item(evaluate({ raw: allGood(), evidence: { credentialReport, authorization: noPartner }, checks }), 2).status).toBe('error');
  });
  test('is error when roles\' trust policies could not be read', () => {
    expect(item(evaluate({ evidence: { credentialReport, authorization: { ok: false, error: 'AccessDenied' } } }), 2).status).toBe('error');
  });
});

describe('checklist item 3: role-based access', () => {
  test('passes with no privilege-creep finding and a recent access review', () => expect(item(evaluate(), 3).status).toBe('pass'));
  test('fails on a privilege-creep finding', () => {
    expect(item(evaluate({ findings: [finding('privilege-creep', 'rpatel', 'rpatel is in coders-cardiology')] }), 3).reasons).toEqual(['privilege-creep r: rpatel is in coders-cardiology']);
  });
  test('fails when the last access review is older than accessReviewDays', () => {
    const raw = { ...register(), accessReviews: [{ reviewedOn: '2026-08-01', reviewer: 'hmartin' }] };
    expect(item(evaluate({ raw }), 3).status).toBe('fail');
  });
  test('is error when privilege-creep could not run', () => {
    const checks = okChecks.map((c) => (c.check === 'privilege-creep' ? { check: c.check, status: 'error' as const, error: 'evidence unavailable' } : c));
    expect(item(evaluate({ checks }), 3)).toMatchObject({ status: 'error', reasons: ['check privilege-creep could not run: evidence unavailable'] });
  });
});

describe('checklist item 4: weekly log review', () => {
  test('passes within logReviewDays', () => expect(item(evaluate(), 4).status).toBe('pass'));
  test('fails when the last review is 8 days old', () => expect(item(evaluate({ asOfDate: '2026-11-25' }), 4).status).toBe('fail'));
});

describe('checklist item 5: training', () => {
  test('names the person whose training is too old', () => {
    expect(item(evaluate(), 5)).toMatchObject({ status: 'fail', reasons: ['jdoe: last training 2025-01-15 is older than 365 days'] });
  });
  test('passes when everyone is current, a new user trained before creation', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-02-01';
    expect(item(evaluate({ raw }), 5).status).toBe('pass');
  });
  test('fails a new user trained only after the IAM user was created', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-02-01';
    raw.training[3].completedOn = '2026-10-25';
    expect(item(evaluate({ raw }), 5).reasons).toEqual(['kchen: IAM user created 2026-10-20 without training on or before that day (first trained 2026-10-25)']);
  });
  test('fails a new user trained before creation but longer than trainingDays ago', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-02-01';
    raw.training[3].completedOn = '2025-06-01';
    expect(item(evaluate({ raw }), 5).reasons).toEqual(['kchen: last training 2025-06-01 is older than 365 days']);
  });
  test('names a person with no training at all', () => {
    const raw = register();
    raw.training = raw.training.filter((t: { personId: string }) => t.personId !== 'opsadmin' && t.personId !== 'jdoe');
    expect(item(evaluate({ raw }), 5).reasons).toEqual(['jdoe: no training on record', 'opsadmin: no training on record']);
  });
  test('is error when the credential report could not be read', () => {
    expect(item(evaluate({ evidence: { credentialReport: { ok: false, error: 'not found' }, authorization } }), 5).status).toBe('error');
  });
});

describe('checklist item 6: devices', () => {
  test('passes with encrypted, verified devices and no vpn-bypass finding', () => expect(item(evaluate(), 6).status).toBe('pass'));
  test('fails on a vpn-bypass finding and on an unencrypted device', () => {
    const raw = register();
    raw.devices[1].encrypted = false;
    const reasons = item(evaluate({ raw, findings: [finding('vpn-bypass', 'mgarcia', 'mgarcia made 1 call from 203.0.113.50')] }), 6).reasons;
    expect(reasons).toEqual(['vpn-bypass: mgarcia made 1 call from 203.0.113.50', 'rpatel: no encrypted device on record (LT-101)']);
  });
  test('is error when vpn-bypass could not run', () => {
    const checks = okChecks.map((c) => (c.check === 'vpn-bypass' ? { check: c.check, status: 'error' as const, error: 'no events' } : c));
    expect(item(evaluate({ checks }), 6).status).toBe('error');
  });
});

describe('checklist item 7: breach response test', () => {
  test('passes within 365 days', () => expect(item(evaluate(), 7).status).toBe('pass'));
  test('fails with no evidence', () => {
    const { breachResponseTest: _, ...raw } = register();
    expect(item(evaluate({ raw }), 7).status).toBe('fail');
  });
});

describe('checklist item 8: state rules', () => {
  test('names the state without a review', () => expect(item(evaluate(), 8).reasons).toEqual(['TX: no review of state rules on record']));
  test('passes when every state is reviewed within 365 days', () => {
    const raw = { ...register(), stateRules: { FL: { reviewedOn: '2026-03-01' }, TX: { reviewedOn: '2026-05-01' } } };
    expect(item(evaluate({ raw }), 8).status).toBe('pass');
  });
});

describe('checklist: a malformed register', () => {
  test('a malformed section makes only the items reading it error, with the field path; the others are decided', () => {
    const raw = register();
    raw.training[2].completedOn = '2026-13-01';
    const results = evaluate({ raw });
    expect(item(results, 5).status).toBe('error');
    expect(item(results, 5).reasons).toContain('training[2].completedOn: must be a date YYYY-MM-DD');
    expect(results.filter((r) => r.item !== 5).map((r) => r.status)).toEqual(evaluate().filter((r) => r.item !== 5).map((r) => r.status));
  });

  test('a register that is not an object makes every item error, never pass', () => {
    const results = evaluateChecklist({ config: config(), register: parseRegister([1, 2], 'register.json'), asOfDate: '2026-11-20', findings: [], checks: okChecks, evidence: { credentialReport, authorization } });
    expect(results.every((r) => r.status === 'error')).toBe(true);
    expect(item(results, 1).reasons[0]).toMatch(/register register.json is invalid/);
  });
});
