import { readFileSync } from 'node:fs';
import { itemRules } from '../../../checks/checklist/items';
import { evaluateChecklist, type ChecklistInput } from '../../../checks/checklist/evaluate';
import { parseCredentialReport } from '../../../checks/evidence/credential-report';
import { parseAuthorizationDetails } from '../../../checks/evidence/authorization-details';
import type { AuthorizationDetails, IamRole } from '../../../checks/model/iam';
import { parseRegister } from '../../../checks/register/load';
import type { ChecklistResult, Finding } from '../../../checks/report-model';
import { config } from '../helpers';

// Each item's reasons word for word, beside evaluate.test.ts's statuses: an officer acts on the reason.
const EXAMPLE = 'test/fixtures/evidence/example';
const register = () => JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8'));
const okChecks = ['stale-access', 'shared-credentials', 'privilege-creep', 'vpn-bypass', 'access-anomaly', 'ai-use'].map((check) => ({ check, status: 'ok' as const }));
const credentialReport = { ok: true as const, value: parseCredentialReport(readFileSync(`${EXAMPLE}/credential-report.csv`, 'utf8')).report };
const exampleAuthorization = parseAuthorizationDetails(JSON.parse(readFileSync(`${EXAMPLE}/account-authorization-details.json`, 'utf8'))).details;
const withRoles = (roles: IamRole[]): AuthorizationDetails => ({ ...exampleAuthorization, roles });
const role = (name: string, ...statements: { effect: 'Allow' | 'Deny'; awsPrincipals: string[] }[]): IamRole => ({
  name,
  arn: `arn:aws:iam::111122223333:role/${name}`,
  trustPolicy: { statements: statements.map((s) => ({ ...s, actions: ['sts:AssumeRole'], notActions: [], resources: [] })) },
});
const currentBaas = () => ({ ...register(), baas: [{ vendor: 'AcmeAI', signedOn: '2025-01-10', reviewedOn: '2026-01-05' }, { vendor: 'ShredCo', signedOn: '2024-03-01', reviewedOn: '2026-02-01' }] });

function evaluate(over: Partial<ChecklistInput> & { raw?: Record<string, unknown>; roles?: IamRole[] } = {}): ChecklistResult[] {
  return evaluateChecklist({
    config: config(),
    register: parseRegister(over.raw ?? register(), 'register.json'),
    asOfDate: '2026-11-20',
    findings: [],
    checks: okChecks,
    evidence: { credentialReport, authorization: { ok: true, value: over.roles ? withRoles(over.roles) : exampleAuthorization } },
    ...over,
  });
}
const item = (results: ChecklistResult[], n: number) => results.find((r) => r.item === n) as ChecklistResult;
const finding = (check: string, rule: string, principal: string, evidence: Record<string, unknown> = {}): Finding => ({ check, rule, principal, severity: 'high', summary: `${principal} ${rule}`, evidence });

describe('the reasons of a passing item say what was established', () => {
  test('each of the eight', () => {
    const raw = { ...currentBaas(), stateRules: { FL: { reviewedOn: '2026-03-01' }, TX: { reviewedOn: '2026-05-01' } } };
    raw.training[0].completedOn = '2026-02-01';
    const results = evaluate({ raw, roles: [role('acmeai', { effect: 'Allow', awsPrincipals: ['arn:aws:iam::444455556666:root'] })] });
    expect(results.map((r) => [r.status, r.reasons])).toEqual([
      ['pass', ['risk analysis on 2026-01-15']],
      ['pass', ['every PHI vendor has a current BAA; every trusted external account belongs to one; no AI service used without one']],
      ['pass', ['no privilege-creep finding; access review current']],
      ['pass', ['log review on 2026-11-17']],
      ['pass', ['every active person trained']],
      ['pass', ['every active person has an encrypted, VPN-verified device; no vpn-bypass finding']],
      ['pass', ['breach response test on 2026-04-22']],
      ['pass', ['state rules reviewed for FL, TX']],
    ]);
  });
});

describe('item 1 and 7: dated evidence within a year', () => {
  test('a risk analysis from after the as-of date does not count', () => {
    expect(item(evaluate({ raw: { ...register(), riskAnalysis: { completedOn: '2026-11-21' } } }), 1)).toMatchObject({ status: 'fail', reasons: ['risk analysis: last on 2026-11-21 is after the as-of date 2026-11-20'] });
  });
  test('a breach response test 366 days old fails, naming it', () => {
    expect(item(evaluate({ raw: { ...register(), breachResponseTest: { testedOn: '2025-11-19' } } }), 7).reasons).toEqual([
      'breach response test: last on 2025-11-19 is older than 365 days (366 days before 2026-11-20)',
    ]);
  });
  test('no risk analysis is "no evidence", naming its section', () => {
    const { riskAnalysis: _, ...raw } = register();
    expect(item(evaluate({ raw }), 1).reasons).toEqual(['no evidence: the register has no "riskAnalysis" section']);
  });
  test('no section is "no evidence", naming the section', () => {
    const { breachResponseTest: _, ...raw } = register();
    expect(item(evaluate({ raw }), 7).reasons).toEqual(['no evidence: the register has no "breachResponseTest" section']);
  });
});

describe('item 2: trusted accounts and BAAs', () => {
  test('a role trusting any account is named, whatever the BAAs', () => {
    expect(item(evaluate({ raw: currentBaas(), roles: [role('open', { effect: 'Allow', awsPrincipals: ['*'] })] }), 2)).toMatchObject({
      status: 'fail',
      reasons: ['role open trusts any AWS account: restrict its trust policy'],
    });
  });

  test('the account is read from a bare id and from an ARN; the role\'s own account and Deny statements are not outsiders', () => {
    const roles = [
      role('bare', { effect: 'Allow', awsPrincipals: ['999988887777'] }),
      role('arn', { effect: 'Allow', awsPrincipals: ['arn:aws:iam::888877776666:user/someone'] }),
      role('own', { effect: 'Allow', awsPrincipals: ['arn:aws:iam::111122223333:root', '111122223333'] }),
      role('denied', { effect: 'Deny', awsPrincipals: ['777766665555', '*'] }),
    ];
    expect(item(evaluate({ raw: currentBaas(), roles }), 2).reasons).toEqual([
      'role bare trusts AWS account 999988887777, which belongs to no PHI vendor with a current BAA',
      'role arn trusts AWS account 888877776666, which belongs to no PHI vendor with a current BAA',
    ]);
  });

  test('the organization\'s own accounts (multi-account evidence) are not outsiders', () => {
    const roles = [role('sibling', { effect: 'Allow', awsPrincipals: ['222233334444'] })];
    const results = evaluate({ raw: currentBaas(), evidence: { credentialReport, authorization: { ok: true, value: withRoles(roles) }, accounts: ['111122223333', '222233334444'] } });
    expect(item(results, 2).status).toBe('pass');
  });

  test('a vendor whose BAA lapsed no longer covers its account', () => {
    const raw = currentBaas();
    raw.baas[0].reviewedOn = '2025-11-01';
    const roles = [role('acmeai', { effect: 'Allow', awsPrincipals: ['arn:aws:iam::444455556666:root'] })];
    expect(item(evaluate({ raw, roles }), 2).reasons).toEqual([
      'AcmeAI: BAA last reviewed 2025-11-01 is older than 365 days (384 days before 2026-11-20)',
      'role acmeai trusts AWS account 444455556666, which belongs to no PHI vendor with a current BAA',
    ]);
  });

  test('a vendor that does not touch PHI needs no BAA', () => {
    const raw = currentBaas();
    expect(item(evaluate({ raw, roles: [] }), 2).reasons.join(' ')).not.toMatch(/PayrollPlus/);
  });

  test('an AI service without a model provider is named alone; one line per service, each person once', () => {
    const findings = [
      finding('ai-use', 'ai-service-without-baa', 'jdoe', { service: 'comprehendmedical' }),
      finding('ai-use', 'ai-service-without-baa', 'jdoe', { service: 'comprehendmedical' }),
      finding('ai-use', 'ai-service-without-baa', 'rpatel', { service: 'bedrock', provider: 'meta' }),
      finding('privilege-creep', 'ai-service-without-baa', 'kchen', { service: 'bedrock', provider: 'meta' }),
    ];
    expect(item(evaluate({ raw: currentBaas(), roles: [], findings }), 2).reasons).toEqual([
      'AI service comprehendmedical used without a BAA covering it, by jdoe (ai-use ai-service-without-baa)',
      'AI service bedrock with model provider meta used without a BAA covering it, by rpatel (ai-use ai-service-without-baa)',
    ]);
  });

  test('no "baas" section: no evidence', () => {
    const { baas: _, ...raw } = register();
    expect(item(evaluate({ raw, roles: [] }), 2)).toMatchObject({ status: 'fail', reasons: ['no evidence: the register has no "baas" section'] });
  });
});

describe('item 3: access reviews', () => {
  test('a reviewer unknown to the config\'s people fails the item, with the entry\'s position', () => {
    const raw = { ...register(), accessReviews: [{ reviewedOn: '2026-10-02', reviewer: 'hmartin' }, { reviewedOn: '2026-11-02', reviewer: 'stranger' }] };
    expect(item(evaluate({ raw }), 3)).toMatchObject({ status: 'fail', reasons: ['accessReviews[1]: reviewer "stranger" is not in the config\'s people'] });
  });
  test('no access review at all, or an empty list: no evidence', () => {
    const { accessReviews: _, ...raw } = register();
    const expected = { status: 'fail', reasons: ['no evidence: no access review in the register ("accessReviews")'] };
    expect(item(evaluate({ raw }), 3)).toMatchObject(expected);
    expect(item(evaluate({ raw: { ...raw, accessReviews: [] } }), 3)).toMatchObject(expected);
  });
  test('the latest review decides, in any order; older than accessReviewDays it is named', () => {
    const current = { ...register(), accessReviews: [{ reviewedOn: '2026-10-02', reviewer: 'hmartin' }, { reviewedOn: '2026-01-02', reviewer: 'hmartin' }] };
    expect(item(evaluate({ raw: current }), 3).status).toBe('pass');
    const stale = { ...register(), accessReviews: [{ reviewedOn: '2026-08-19', reviewer: 'hmartin' }, { reviewedOn: '2026-01-02', reviewer: 'hmartin' }] };
    expect(item(evaluate({ raw: stale }), 3).reasons).toEqual(['access review: last on 2026-08-19 is older than 92 days (93 days before 2026-11-20)']);
    const edge = { ...register(), accessReviews: [{ reviewedOn: '2026-08-20', reviewer: 'hmartin' }] };
    expect(item(evaluate({ raw: edge }), 3).status).toBe('pass');
  });
});

describe('item 4: log reviews', () => {
  test('an unknown reviewer fails even a current review; a stale one adds its reason', () => {
    const raw = { ...register(), logReviews: [{ reviewedOn: '2026-11-17', reviewer: 'nobody', recordsSampled: 1, anomalies: 0, actions: 'none' }] };
    expect(item(evaluate({ raw }), 4)).toMatchObject({ status: 'fail', reasons: ['logReviews[0]: reviewer "nobody" is not in the config\'s people'] });
    expect(item(evaluate({ raw, asOfDate: '2026-11-30' }), 4).reasons).toEqual([
      'logReviews[0]: reviewer "nobody" is not in the config\'s people',
      'log review: last on 2026-11-17 is older than 7 days (13 days before 2026-11-30)',
    ]);
  });
  test('no log review: no evidence', () => {
    const { logReviews: _, ...raw } = register();
    expect(item(evaluate({ raw }), 4).reasons).toEqual(['no evidence: the register has no "logReviews" section']);
  });
});

describe('item 5: training', () => {
  test('training of someone unknown to the config\'s people fails the item', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-02-01';
    raw.training.push({ personId: 'ghost', completedOn: '2026-02-01' });
    expect(item(evaluate({ raw }), 5)).toMatchObject({ status: 'fail', reasons: ['training[6]: trainee "ghost" is not in the config\'s people'] });
  });
  test('training dated after the as-of day does not count', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-12-01';
    expect(item(evaluate({ raw }), 5).reasons).toEqual(['jdoe: no training on record']);
  });
  test('the latest of a person\'s trainings decides', () => {
    const raw = register();
    raw.training.push({ personId: 'jdoe', completedOn: '2026-06-01' });
    expect(item(evaluate({ raw }), 5).status).toBe('pass');
  });
  test('departed people need no training', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-02-01';
    expect(item(evaluate({ raw }), 5).reasons.join(' ')).not.toMatch(/tnguyen|bsmith/);
  });
  test('no "training" section: no evidence', () => {
    const { training: _, ...raw } = register();
    expect(item(evaluate({ raw }), 5).reasons).toEqual(['no evidence: the register has no "training" section']);
  });
  test('with several accounts the first IAM user created must follow training', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-02-01';
    raw.training[3].completedOn = '2026-10-19';
    const kchen = credentialReport.value.users.find((u) => u.user === 'kchen');
    if (!kchen) throw new Error('the example credential report has kchen');
    const users = [...credentialReport.value.users, { ...kchen, createdAt: '2026-10-15T14:00:00+00:00' }, { ...kchen, createdAt: '2026-11-01T14:00:00+00:00' }];
    const report = { ok: true as const, value: { ...credentialReport.value, users } };
    expect(item(evaluate({ raw, evidence: { credentialReport: report, authorization: { ok: true, value: exampleAuthorization } } }), 5).reasons).toEqual([
      'kchen: IAM user created 2026-10-15 without training on or before that day (first trained 2026-10-19)',
    ]);
  });
});

describe('item 6: devices', () => {
  test('no "devices" section fails, after any vpn-bypass finding', () => {
    const { devices: _, ...raw } = register();
    const findings = [finding('vpn-bypass', 'r', 'mgarcia')];
    expect(item(evaluate({ raw, findings }), 6).reasons).toEqual(['vpn-bypass: mgarcia r', 'no evidence: the register has no "devices" section']);
  });
  test('an owner unknown to the people, a person without a device, a VPN check too old', () => {
    const raw = register();
    raw.devices = raw.devices.filter((d: { personId: string }) => d.personId !== 'kchen');
    raw.devices.push({ personId: 'visitor', deviceId: 'LT-900', encrypted: true, vpnVerifiedOn: '2026-11-01' });
    raw.devices[0].vpnVerifiedOn = '2026-08-19';
    raw.devices.push({ personId: 'jdoe', deviceId: 'LT-300', encrypted: false, vpnVerifiedOn: '2026-11-01' });
    expect(item(evaluate({ raw }), 6).reasons).toEqual([
      'devices[5]: device owner "visitor" is not in the config\'s people',
      'jdoe: VPN last verified 2026-08-19, older than 92 days',
      'kchen: no device on record',
    ]);
  });
  test('a VPN check exactly accessReviewDays old still counts', () => {
    const raw = register();
    raw.devices[0].vpnVerifiedOn = '2026-08-20';
    expect(item(evaluate({ raw }), 6).status).toBe('pass');
  });
  test('one encrypted, verified device is enough', () => {
    const raw = register();
    raw.devices.push({ personId: 'jdoe', deviceId: 'LT-301', encrypted: false, vpnVerifiedOn: '2025-01-01' });
    expect(item(evaluate({ raw }), 6).status).toBe('pass');
  });
});

describe('item 8: state rules', () => {
  test('a review older than a year names the state', () => {
    const raw = { ...register(), stateRules: { FL: { reviewedOn: '2025-11-01' }, TX: { reviewedOn: '2026-05-01' } } };
    expect(item(evaluate({ raw }), 8).reasons).toEqual(['FL: state rules last reviewed 2025-11-01 is older than 365 days (384 days before 2026-11-20)']);
  });
  test('no "stateRules" section: no evidence', () => {
    const { stateRules: _, ...raw } = register();
    expect(item(evaluate({ raw }), 8).reasons).toEqual(['no evidence: the register has no "stateRules" section']);
  });
  test('an organization in no state passes, saying so', () => {
    const c = config();
    const results = evaluate({ config: { ...c, organization: { ...c.organization, states: [] } } });
    expect(item(results, 8)).toMatchObject({ status: 'pass', reasons: ['state rules reviewed for no state'] });
  });
});

describe('an item rule asked directly with unreadable IAM evidence', () => {
  // evaluateChecklist never asks (it errs first); a direct caller must not get a verdict on empty data.
  const parsed = () => {
    const r = parseRegister(register(), 'register.json');
    if (!r.ok) throw new Error('example register must parse');
    return r.register;
  };
  const ctx = (evidence: ChecklistInput['evidence']) => ({ config: config(), register: parsed(), asOfDate: '2026-11-20', findings: [], checks: okChecks, evidence });
  const rule = (n: number) => itemRules().find((r) => r.item === n) as ReturnType<typeof itemRules>[number];

  test('item 2 without readable trust policies is error, naming them', () => {
    expect(rule(2).evaluate(ctx({ credentialReport, authorization: { ok: false, error: 'not collected' } }))).toEqual({
      status: 'error',
      reasons: ["roles' trust policies unreadable: not collected"],
    });
  });

  test('item 5 without a readable credential report is error, naming it', () => {
    expect(rule(5).evaluate(ctx({ credentialReport: { ok: false, error: 'credential-report.csv: truncated' }, authorization: { ok: true, value: exampleAuthorization } }))).toEqual({
      status: 'error',
      reasons: ["IAM users' creation dates unreadable: credential-report.csv: truncated"],
    });
  });

  test('the rules declare the IAM evidence they read, so the checklist can err on it first', () => {
    expect(itemRules().map((r) => [r.item, r.section, r.evidence ?? []])).toEqual([
      [1, 'riskAnalysis', []],
      [2, 'baas', ['authorization']],
      [3, 'accessReviews', []],
      [4, 'logReviews', []],
      [5, 'training', ['credentialReport']],
      [6, 'devices', []],
      [7, 'breachResponseTest', []],
      [8, 'stateRules', []],
    ]);
  });
});

describe('item boundaries an officer relies on', () => {
  test('item 5: training on the very day the IAM user was created counts as before access', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-02-01';
    raw.training[3].completedOn = '2026-10-20';
    expect(item(evaluate({ raw }), 5)).toMatchObject({ status: 'pass', reasons: ['every active person trained'] });
    raw.training[3].completedOn = '2026-10-21';
    expect(item(evaluate({ raw }), 5).reasons).toEqual(['kchen: IAM user created 2026-10-20 without training on or before that day (first trained 2026-10-21)']);
  });

  test('item 5: the creation day is the organization\'s, not UTC\'s', () => {
    expect(config().organization.timezone).toBe('America/New_York');
    const raw = register();
    raw.training[0].completedOn = '2026-02-01';
    raw.training[3].completedOn = '2026-10-20';
    // 02:00 UTC on 10-20 is still 10-19 in New York: training on 10-20 came after access.
    const users = credentialReport.value.users.map((u) => (u.user === 'kchen' ? { ...u, createdAt: '2026-10-20T02:00:00+00:00' } : u));
    const report = { ok: true as const, value: { ...credentialReport.value, users } };
    expect(item(evaluate({ raw, evidence: { credentialReport: report, authorization: { ok: true, value: exampleAuthorization } } }), 5).reasons).toEqual([
      'kchen: IAM user created 2026-10-19 without training on or before that day (first trained 2026-10-20)',
    ]);
  });

  test('item 5: a training exactly trainingDays old still counts, one day more does not', () => {
    const raw = register();
    raw.training[0].completedOn = '2025-11-20';
    expect(item(evaluate({ raw }), 5).status).toBe('pass');
    raw.training[0].completedOn = '2025-11-19';
    expect(item(evaluate({ raw }), 5).reasons).toEqual(['jdoe: last training 2025-11-19 is older than 365 days']);
  });

  test('item 6: a stale VPN check names the latest date among the encrypted devices only', () => {
    const raw = register();
    raw.devices[0].vpnVerifiedOn = '2026-05-01';
    raw.devices.push({ personId: 'jdoe', deviceId: 'LT-301', encrypted: true, vpnVerifiedOn: '2026-06-01' });
    raw.devices.push({ personId: 'jdoe', deviceId: 'LT-302', encrypted: false, vpnVerifiedOn: '2026-11-01' });
    expect(item(evaluate({ raw }), 6).reasons).toEqual(['jdoe: VPN last verified 2026-06-01, older than 92 days']);
  });

  test('item 6: only unencrypted devices names each of them', () => {
    const raw = register();
    raw.devices[0].encrypted = false;
    raw.devices.push({ personId: 'jdoe', deviceId: 'LT-303', encrypted: false, vpnVerifiedOn: '2026-11-01' });
    expect(item(evaluate({ raw }), 6)).toMatchObject({ status: 'fail', reasons: ['jdoe: no encrypted device on record (LT-100, LT-303)'] });
  });

  test('item 2: a trusted principal that names no account (a deleted role\'s unique id) is not counted as an outsider', () => {
    const roles = [role('orphan', { effect: 'Allow', awsPrincipals: ['AROAEXAMPLEUNIQUEID', 'AIDA999988887777', '9999888877771'] })];
    expect(item(evaluate({ raw: currentBaas(), roles }), 2)).toMatchObject({ status: 'pass', reasons: [expect.stringMatching(/^every PHI vendor/)] });
  });

  test('item 8: a state reviewed exactly a year ago still counts', () => {
    const raw = { ...register(), stateRules: { FL: { reviewedOn: '2025-11-20' }, TX: { reviewedOn: '2026-11-20' } } };
    expect(item(evaluate({ raw }), 8)).toMatchObject({ status: 'pass', reasons: ['state rules reviewed for FL, TX'] });
  });
});

describe('item 5: the as-of day and people without an IAM user', () => {
  test('training on the as-of day itself counts', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-11-20';
    expect(item(evaluate({ raw }), 5)).toMatchObject({ status: 'pass', reasons: ['every active person trained'] });
  });
  test('one training before the IAM user was created is enough, whatever came after', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-02-01';
    raw.training.push({ personId: 'kchen', completedOn: '2026-11-02' });
    expect(item(evaluate({ raw }), 5)).toMatchObject({ status: 'pass', reasons: ['every active person trained'] });
  });
  test('an active person with no IAM user is judged on training alone', () => {
    const raw = register();
    raw.training[0].completedOn = '2026-02-01';
    const users = credentialReport.value.users.filter((u) => u.user !== 'jdoe');
    const report = { ok: true as const, value: { ...credentialReport.value, users } };
    expect(item(evaluate({ raw, evidence: { credentialReport: report, authorization: { ok: true, value: exampleAuthorization } } }), 5)).toMatchObject({ status: 'pass', reasons: ['every active person trained'] });
  });
});
