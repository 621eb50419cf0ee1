import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateChecklist } from '../../../checks/checklist/evaluate';
import { parseCredentialReport } from '../../../checks/evidence/credential-report';
import { parseAuthorizationDetails } from '../../../checks/evidence/authorization-details';
import { loadRegister, parseRegister, registerEvidence, registerIssues, registerSectionTag, type RegisterResult } from '../../../checks/register/load';
import { loadConfigFile, InputError } from '../../../lib/config/load';
import type { ChecklistResult } from '../../../checks/report-model';
import { config } from '../helpers';

const EXAMPLE = 'test/fixtures/evidence/example';
interface Raw {
  riskAnalysis: Record<string, unknown>;
  accessReviews: unknown[];
  logReviews: { reviewer: string }[];
  training: Record<string, unknown>[];
  devices: unknown[];
  [section: string]: unknown;
}
const raw = (): Raw => JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8'));
const okChecks = ['stale-access', 'shared-credentials', 'privilege-creep', 'vpn-bypass', 'access-anomaly'].map((check) => ({ check, status: 'ok' as const }));
const evidence = {
  credentialReport: { ok: true as const, value: parseCredentialReport(readFileSync(`${EXAMPLE}/credential-report.csv`, 'utf8')).report },
  authorization: { ok: true as const, value: parseAuthorizationDetails(JSON.parse(readFileSync(`${EXAMPLE}/account-authorization-details.json`, 'utf8'))).details },
};
const checklist = (register: RegisterResult): ChecklistResult[] => evaluateChecklist({ config: config(), register, asOfDate: '2026-11-20', findings: [], checks: okChecks, evidence });
const statuses = (register: RegisterResult) => checklist(register).map((i) => i.status);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'register-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('register: officers annotate their records', () => {
  test('a document link beside riskAnalysis.completedOn and notes on a training record decide all eight items as before, with one warning', () => {
    const annotated = raw();
    annotated.riskAnalysis.document = 'https://sharepoint.example.org/risk-2026.pdf';
    annotated.training[0].notes = 'retook the module after the phishing drill';
    const result = parseRegister(annotated, 'register.json');
    expect(result.ok).toBe(true);
    expect(statuses(result)).toEqual(statuses(parseRegister(raw(), 'register.json')));
    expect(result.ok && result.warnings).toEqual(['register.json: fields the register does not define were ignored: riskAnalysis.document, training[0].notes']);
    expect(result.ok && result.invalid).toBeUndefined();
  });

  test('an unknown section is a warning too, never an error', () => {
    const result = parseRegister({ ...raw(), approvals: [{ approvedBy: 'hmartin' }] }, 'register.json');
    expect(result.ok && result.warnings).toEqual(['register.json: fields the register does not define were ignored: approvals']);
    expect(statuses(result)).toEqual(statuses(parseRegister(raw(), 'register.json')));
  });

  test('a UTF-8 byte-order mark is accepted in the register and the config', () => {
    const register = join(dir, 'register.json');
    writeFileSync(register, `\uFEFF${readFileSync('test/fixtures/register/example.json', 'utf8')}`);
    expect(loadRegister(register).register.riskAnalysis).toEqual({ completedOn: '2026-01-15' });
    const cfg = join(dir, 'coding-env.json');
    writeFileSync(cfg, `\uFEFF${readFileSync('config/coding-env.json', 'utf8')}`);
    expect(loadConfigFile(cfg).organization.name).toBe(config().organization.name);
  });

  test('a missing or non-JSON register is bad input (the CLI exits 2), naming only a position', () => {
    expect(() => loadRegister(join(dir, 'nope.json'))).toThrow(InputError);
    writeFileSync(join(dir, 'bad.json'), '{"training": [ P100234 ]}');
    expect(() => loadRegister(join(dir, 'bad.json'))).toThrow(/is not valid JSON \(at position 15\)/);
    try {
      loadRegister(join(dir, 'bad.json'));
    } catch (err) {
      expect((err as Error).message).not.toContain('P100234');
    }
  });
});

describe('register: a malformed section errs only its own items', () => {
  test.each([
    ['riskAnalysis', (r: Raw) => ({ ...r, riskAnalysis: { completedOn: 'last spring' } }), [1]],
    ['training', (r: Raw) => ({ ...r, training: 'everyone' }), [5]],
    ['devices', (r: Raw) => ({ ...r, devices: [{ personId: 'jdoe', deviceId: 'LT-100', encrypted: 'yes', vpnVerifiedOn: '2026-10-05' }] }), [6]],
    ['baas and stateRules', (r: Raw) => ({ ...r, baas: [{ vendor: 'AcmeAI' }], stateRules: { Florida: { reviewedOn: '2026-03-01' } } }), [2, 8]],
  ])('%s', (_name, damage, items) => {
    const good = checklist(parseRegister(raw(), 'register.json'));
    const bad = checklist(parseRegister(damage(raw()), 'register.json'));
    expect(bad.map((i) => i.status)).toEqual(good.map((i) => (items.includes(i.item) ? 'error' : i.status)));
    for (const n of items) expect(bad.find((i) => i.item === n)?.reasons[0]).toMatch(/^register register\.json: section "\w+" is invalid:$/);
  });
});

describe('register: people it names must be in the config', () => {
  test.each([
    ['an access review by a stranger', (r: Raw) => r.accessReviews.push({ reviewedOn: '2026-11-01', reviewer: 'zz-temp' }), 3, 'accessReviews[2]: reviewer "zz-temp" is not in the config\'s people'],
    ['a log review by a stranger', (r: Raw) => (r.logReviews[1].reviewer = 'zz-temp'), 4, 'logReviews[1]: reviewer "zz-temp" is not in the config\'s people'],
    ['training of a stranger', (r: Raw) => r.training.push({ personId: 'zz-temp', completedOn: '2026-10-01' }), 5, 'training[6]: trainee "zz-temp" is not in the config\'s people'],
    ['a device of a stranger', (r: Raw) => r.devices.push({ personId: 'zz-temp', deviceId: 'LT-999', encrypted: true, vpnVerifiedOn: '2026-10-05' }), 6, 'devices[6]: device owner "zz-temp" is not in the config\'s people'],
  ])('%s is a fail reason of its item', (_name, damage, item, reason) => {
    const r = raw();
    damage(r);
    const result = checklist(parseRegister(r, 'register.json')).find((i) => i.item === item) as ChecklistResult;
    expect(result.status).toBe('fail');
    expect(result.reasons).toContain(reason);
  });

  test('item 4 passes with the example\'s own reviewer', () => {
    expect(checklist(parseRegister(raw(), 'register.json')).find((i) => i.item === 4)?.status).toBe('pass');
  });
});

describe('register: what validate and review sign are told', () => {
  test('an unusable register: its own issues', () => {
    const issues = [{ path: '', message: 'must be a JSON object' }];
    expect(registerIssues({ ok: false, source: 'r.json', issues })).toEqual(issues);
  });
  test('a usable register: every malformed section\'s issues, and none for a clean one', () => {
    const damaged = { ...raw(), riskAnalysis: { completedOn: 'last spring' }, training: 'everyone' };
    const issues = registerIssues(parseRegister(damaged, 'r.json'));
    expect(issues.map((i) => i.path)).toEqual(['riskAnalysis.completedOn', 'training']);
    expect(issues.every((i) => i.message.length > 0)).toBe(true);
    expect(registerIssues(parseRegister(raw(), 'r.json'))).toEqual([]);
  });
  test('a section listed as invalid without issues (built by hand) adds none', () => {
    const parsed = parseRegister(raw(), 'r.json');
    if (!parsed.ok) throw new Error('example register must parse');
    const result: RegisterResult = { ...parsed, invalid: { riskAnalysis: undefined, devices: [{ path: 'devices', message: 'must be an array' }] } };
    expect(registerIssues(result)).toEqual([{ path: 'devices', message: 'must be an array' }]);
    expect(registerEvidence(result)).toMatchObject({ ok: true, problems: ['register section devices: r.json: devices: must be an array'] });
  });
});

describe('register: as evidence for the checks that read it', () => {
  test('a clean register is whole: its sections, no problems', () => {
    const evidence = registerEvidence(parseRegister(raw(), 'r.json'));
    expect(evidence).toEqual({ ok: true, value: (parseRegister(raw(), 'r.json') as { register: unknown }).register });
    expect(evidence.ok && 'problems' in evidence).toBe(false);
  });
  test('a malformed section is left out and named, tagged with its section so only its checks err', () => {
    const damaged = { ...raw(), watchList: [{ patientId: 'a/b', reason: 'coworker' }] };
    const evidence = registerEvidence(parseRegister(damaged, 'r.json'));
    expect(evidence.ok).toBe(true);
    if (!evidence.ok) return;
    expect(evidence.value.watchList).toBeUndefined();
    expect(evidence.value.riskAnalysis).toEqual({ completedOn: '2026-01-15' });
    expect(evidence.problems).toEqual([`${registerSectionTag('watchList')}r.json: watchList[0].patientId: must be a patient id (the key segment after the specialty), without "/"`]);
  });
  test('a section issue without a path names the section', () => {
    const parsed = parseRegister(raw(), 'r.json');
    if (!parsed.ok) throw new Error('example register must parse');
    const evidence = registerEvidence({ ...parsed, invalid: { incidents: [{ path: '', message: 'could not be read' }] } });
    expect(evidence.ok && evidence.problems).toEqual(['register section incidents: r.json: incidents: could not be read']);
  });
  test('an unusable register is unavailable, each issue named, the root as "(root)"', () => {
    expect(registerEvidence({ ok: false, source: 'r.json', issues: [{ path: '', message: 'must be a JSON object' }, { path: 'training', message: 'must be an array' }] })).toEqual({
      ok: false,
      error: 'r.json is invalid: (root): must be a JSON object; training: must be an array',
    });
  });
  test('the section tag', () => expect(registerSectionTag('devices')).toBe('register section devices: '));
});

describe('register: parsing each section alone', () => {
  test('anything but a JSON object is unusable as a whole, with one root issue', () => {
    for (const value of [null, [], 'text', 3]) {
      expect(parseRegister(value, 'r.json')).toEqual({ ok: false, source: 'r.json', issues: [{ path: '', message: "must be a JSON object with the register's sections (riskAnalysis, training, ...)" }] });
    }
  });
  test('a clean register has neither warnings nor invalid sections', () => {
    const result = parseRegister(raw(), 'r.json');
    expect(Object.keys(result).sort()).toEqual(['ok', 'register', 'source']);
  });
  test('a section present but undefined (built in code) is as if absent', () => {
    const result = parseRegister({ ...raw(), incidents: undefined }, 'r.json');
    expect(result.ok && result.invalid).toBeUndefined();
    expect(result.ok && 'incidents' in result.register).toBe(false);
  });
  test('an unknown field nested two levels deep is named by its full path and removed; the section stays valid', () => {
    const incidents = [{ id: 'INC-1', discoveredOn: '2026-10-01', individualsAffected: 3, notified: { individuals: '2026-10-20', ticket: 'SN-1' }, notes: 'x' }];
    const result = parseRegister({ ...raw(), incidents }, 'r.json');
    expect(result.ok && result.warnings).toEqual(['r.json: fields the register does not define were ignored: incidents[0].notified.ticket, incidents[0].notes']);
    expect(result.ok && result.register.incidents).toEqual([{ id: 'INC-1', discoveredOn: '2026-10-01', individualsAffected: 3, residents: {}, notified: { individuals: '2026-10-20', media: {}, states: {} } }]);
    expect(result.ok && result.invalid).toBeUndefined();
    // The officer's file is not changed by reading it.
    expect(incidents[0].notes).toBe('x');
  });
  test('a section with a malformed field and an unknown one is invalid for the malformed field alone', () => {
    const r = raw();
    r.training[0] = { personId: 'jdoe', completedOn: 'spring', notes: 'n' };
    const result = parseRegister(r, 'r.json');
    expect(result.ok && result.invalid).toEqual({ training: [{ path: 'training[0].completedOn', message: expect.any(String) }] });
    expect(result.ok && result.warnings).toBeUndefined();
  });
  test('a register file that is JSON but not an object is bad input naming the file', () => {
    const file = join(dir, 'list.json');
    writeFileSync(file, '[]');
    expect(() => loadRegister(file)).toThrow(InputError);
    expect(() => loadRegister(file)).toThrow(/list\.json/);
  });
});
