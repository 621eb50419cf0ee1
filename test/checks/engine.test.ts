import { auditWindow } from '../../checks/audit';
import { runChecks } from '../../checks/engine';
import type { AuditModel } from '../../checks/model/audit-model';
import type { CheckDefinition } from '../../checks/rules/context';
import { staleAccess } from '../../checks/rules/stale-access';
import { AS_OF, config, credentialUser, fullCoverage, iamUser } from './helpers';

const window = auditWindow(AS_OF, 30);
const model = (over: Partial<AuditModel> = {}): AuditModel => ({
  credentialReport: { ok: true, value: { users: [credentialUser('tnguyen')], hasKeyLastUsed: true } },
  authorization: { ok: true, value: { users: [iamUser('tnguyen')], groups: [], roles: [], policies: [] } },
  events: { ok: true, value: [] },
  coverage: fullCoverage(window),
  ...over,
});

describe('engine', () => {
  test('runs every check and reports each ok', () => {
    const result = runChecks(model(), config(), window, []);
    expect(result.checks.map((c) => `${c.check}:${c.status}`)).toEqual(['stale-access:ok', 'shared-credentials:ok', 'privilege-creep:ok', 'vpn-bypass:ok', 'access-anomaly:ok']);
    expect(result.findings.map((f) => f.rule)).toEqual(['departed-person-active']);
  });

  test('a check whose evidence is unavailable is error, naming it; the others run', () => {
    const result = runChecks(model({ events: { ok: false, error: 'cloudtrail/ not found' } }), config(), window, []);
    expect(result.checks.find((c) => c.check === 'vpn-bypass')).toEqual({ check: 'vpn-bypass', status: 'error', error: 'evidence unavailable: CloudTrail events: cloudtrail/ not found' });
    expect(result.checks.find((c) => c.check === 'shared-credentials')?.status).toBe('error');
    expect(result.checks.find((c) => c.check === 'stale-access')?.status).toBe('ok');
  });

  test('a check that throws is error and does not stop the others', () => {
    const broken: CheckDefinition = { check: 'vpn-bypass', needs: [], run: () => { throw new Error('boom'); } };
    const result = runChecks(model(), config(), window, [], [broken, staleAccess]);
    expect(result.checks).toEqual([{ check: 'vpn-bypass', status: 'error', error: 'check failed: boom' }, { check: 'stale-access', status: 'ok' }]);
    expect(result.findings).toHaveLength(1);
  });
});
