import { auditWindow } from '../../checks/audit';
import { runChecks } from '../../checks/engine';
import type { AuditModel } from '../../checks/model/audit-model';
import { parseRegister, registerEvidence } from '../../checks/register/load';
import { ALL_CHECKS } from '../../checks/rules/all-checks';
import type { CheckDefinition } from '../../checks/rules/context';
import { staleAccess } from '../../checks/rules/stale-access';
import { AS_OF, config, credentialUser, fullCoverage, iamUser } from './helpers';

const window = auditWindow(AS_OF, 30);
const model = (over: Partial<AuditModel> = {}): AuditModel => ({
  credentialReport: { ok: true, value: { users: [credentialUser('tnguyen', { passwordLastUsed: '2026-06-29T18:00:00+00:00' })], hasKeyLastUsed: true } },
  authorization: { ok: true, value: { users: [iamUser('tnguyen')], groups: [], roles: [], policies: [] } },
  events: { ok: true, value: [] },
  coverage: fullCoverage(window),
  register: { ok: true, value: {} },
  attestations: { ok: true, value: { sources: [], rows: [] } },
  ...over,
});

describe('engine', () => {
  test('runs every check and reports each ok', () => {
    const result = runChecks(model(), config(), window, []);
    expect(result.checks.map((c) => `${c.check}:${c.status}`)).toEqual(ALL_CHECKS.map((c) => `${c.check}:ok`));
    expect(result.findings.map((f) => f.rule)).toEqual(['departed-person-active']);
  });

  test('a check whose evidence is unavailable is error, naming it; the others run', () => {
    const result = runChecks(model({ events: { ok: false, error: 'cloudtrail/ not found' } }), config(), window, []);
    expect(result.checks.find((c) => c.check === 'vpn-bypass')).toEqual({ check: 'vpn-bypass', status: 'error', error: 'evidence unavailable: CloudTrail events: cloudtrail/ not found' });
    expect(result.checks.find((c) => c.check === 'shared-credentials')?.status).toBe('error');
    expect(result.checks.find((c) => c.check === 'privilege-creep')?.status).toBe('ok');
  });

  test('the register and the attestation export are evidence too: not provided or unreadable is error, naming them', () => {
    const result = runChecks(model({ register: undefined, attestations: { ok: false, error: 'ai-attestations.csv: 1 of 3 rows rejected' } }), config(), window, []);
    expect(result.checks.find((c) => c.check === 'breach-notification')).toEqual({ check: 'breach-notification', status: 'error', error: 'evidence unavailable: register: not collected' });
    expect(result.checks.find((c) => c.check === 'ai-attestation')?.error).toContain('AI-attestation export: ai-attestations.csv: 1 of 3 rows rejected');
    // Partial: the rows read still run, the check is error.
    const partial = runChecks(model({ attestations: { ok: true, value: { sources: ['ai-attestations.csv'], rows: [] }, problems: ['ai-attestations.csv: 1 of 3 rows rejected'] } }), config(), window, []);
    expect(partial.checks.find((c) => c.check === 'ai-attestation')).toMatchObject({ status: 'error', error: expect.stringMatching(/^evidence incomplete: AI-attestation export/) });
    expect(result.checks.find((c) => c.check === 'stale-access')?.status).toBe('ok');
  });

  test('a malformed register section makes only the checks reading that section error', () => {
    const register = registerEvidence(parseRegister({ incidents: [{ id: 'x' }], watchList: [] }, 'register.json'));
    const result = runChecks(model({ register }), config(), window, []);
    const status = (c: string) => result.checks.find((x) => x.check === c);
    expect(status('breach-notification')).toMatchObject({ status: 'error', error: expect.stringMatching(/^evidence incomplete: register: register section incidents: register.json: incidents\[0\]/) });
    for (const c of ['watch-list', 'ai-use', 'ai-attestation']) expect(status(c)?.status).toBe('ok');
  });

  test('a register that could not be read at all yields no findings from the checks judged against it, never ones invented from an empty register', () => {
    // The stand-in finds what stale-access finds; the register is what it would be judged against.
    const judged: CheckDefinition = { check: 'ai-use', needs: ['register'], run: staleAccess.run };
    const unreadable = runChecks(model({ register: { ok: false, error: 's3://b/register.json is invalid: (root): cannot be read: AccessDenied' } }), config(), window, [], [judged]);
    expect(unreadable.checks).toEqual([{ check: 'ai-use', status: 'error', error: expect.stringMatching(/^evidence unavailable: register: /) }]);
    expect(unreadable.findings).toEqual([]);
    // Evidence that findings are found in (not judged against) still shows what the rest establishes.
    const searched: CheckDefinition = { check: 'ai-attestation', needs: ['attestations'], run: staleAccess.run };
    const noExport = runChecks(model({ attestations: { ok: false, error: 'could not be listed' } }), config(), window, [], [searched]);
    expect(noExport.checks[0].status).toBe('error');
    expect(noExport.findings).toHaveLength(1);
  });

  test('a check that throws is error and does not stop the others', () => {
    const broken: CheckDefinition = { check: 'vpn-bypass', needs: [], run: () => { throw new Error('boom'); } };
    const result = runChecks(model(), config(), window, [], [broken, staleAccess]);
    expect(result.checks).toEqual([{ check: 'vpn-bypass', status: 'error', error: 'check failed: boom' }, { check: 'stale-access', status: 'ok' }]);
    expect(result.findings).toHaveLength(1);
  });
});

describe('engine over an organization (multi-account evidence)', () => {
  const once: CheckDefinition = { check: 'breach-notification' as CheckDefinition['check'], needs: [], run: () => [{ check: 'breach-notification', rule: 'r', principal: 'org', severity: 'low', summary: 's', evidence: {} }] };
  const org = (): AuditModel => ({
    ...model(),
    accounts: [
      { account: '222233334444', evidence: { credentialReport: { ok: false, error: 'accounts/222233334444/credential-report.csv is empty' } } },
      { account: '111122223333', evidence: {} },
    ],
  });

  test("a check reading per-account evidence runs once per account, its findings stamped; one reading none runs once, stamped 'organization'", () => {
    const result = runChecks(org(), config(), window, [], [staleAccess, once]);
    expect(result.findings.map((f) => `${f.account ?? '-'}:${f.rule}`)).toEqual(['111122223333:departed-person-active', 'organization:r']);
    expect(result.checks).toEqual([
      { check: 'stale-access', status: 'error', error: 'account 222233334444: evidence unavailable: credential report: accounts/222233334444/credential-report.csv is empty' },
      { check: 'breach-notification', status: 'ok' },
    ]);
    expect(result.completeness.credentialReport).toEqual({ state: 'unavailable', problems: ['account 222233334444: accounts/222233334444/credential-report.csv is empty'] });
    expect(result.evidence.accounts).toEqual(['111122223333', '222233334444']);
  });

  test("a coverage gap of one account errs that account's event checks only", () => {
    const timeline: CheckDefinition = { check: 'vpn-bypass', needs: ['events'], run: () => [] };
    const m: AuditModel = { ...org(), coverage: { ...fullCoverage(window), gaps: [{ from: '2026-11-02', to: '2026-11-02', account: '111122223333' }] } };
    const [status] = runChecks(m, config(), window, [], [timeline]).checks;
    expect(status.status).toBe('error');
    expect(status.error).toMatch(/^account 111122223333: evidence incomplete: CloudTrail events: no event on 2026-11-02 \(account 111122223333\)/);
    expect(status.error).not.toContain('222233334444');
  });

  test('an organization without a single account is error, never ok', () => {
    const [status] = runChecks({ ...model(), accounts: [] }, config(), window, [], [staleAccess]).checks;
    expect(status.status).toBe('error');
  });
});
