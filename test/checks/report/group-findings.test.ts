import { groupFindings } from '../../../checks/report/group-findings';
import type { Finding } from '../../../checks/report-model';
import { CHECKS } from '../../../lib/controls/catalog';

const finding = (check: string, principal: string, severity: Finding['severity'], rule = 'r'): Finding => ({
  check,
  rule,
  principal,
  severity,
  summary: `${principal} ${rule}`,
  evidence: {},
});

describe('groupFindings', () => {
  test('groups by check in catalog order with the catalog title, remediation and CFR', () => {
    const groups = groupFindings({
      checks: [
        { check: 'access-anomaly', status: 'ok' },
        { check: 'stale-access', status: 'ok' },
      ],
      findings: [finding('access-anomaly', 'jdoe', 'medium'), finding('stale-access', 'rsmith', 'high')],
    });
    expect(groups.map((g) => g.check)).toEqual(['stale-access', 'access-anomaly']);
    const stale = CHECKS.find((c) => c.check === 'stale-access');
    expect(groups[0]).toMatchObject({ title: stale?.title, remediation: stale?.remediation, cfr: stale?.cfr, status: 'ok' });
  });

  test('orders findings high before medium before low, then by principal', () => {
    const [group] = groupFindings({
      checks: [{ check: 'privilege-creep', status: 'ok' }],
      findings: [finding('privilege-creep', 'b', 'low'), finding('privilege-creep', 'z', 'high'), finding('privilege-creep', 'a', 'medium'), finding('privilege-creep', 'c', 'high')],
    });
    expect(group?.findings.map((f) => `${f.severity}:${f.principal}`)).toEqual(['high:c', 'high:z', 'medium:a', 'low:b']);
  });

  test('keeps a check in error as its own group with its reason, even without findings', () => {
    const [group] = groupFindings({ checks: [{ check: 'vpn-bypass', status: 'error', error: 'no CloudTrail events' }], findings: [] });
    expect(group).toMatchObject({ check: 'vpn-bypass', status: 'error', error: 'no CloudTrail events', findings: [] });
  });

  test('keeps checks the catalog does not know, after the known ones, titled by name', () => {
    const groups = groupFindings({
      checks: [{ check: 'zz-new-check', status: 'ok' }, { check: 'stale-access', status: 'ok' }],
      findings: [finding('aa-other', 'x', 'low')],
    });
    expect(groups.map((g) => [g.check, g.title, g.status])).toEqual([
      ['stale-access', 'Stale access', 'ok'],
      ['aa-other', 'aa-other', 'missing'],
      ['zz-new-check', 'zz-new-check', 'ok'],
    ]);
    expect(groups[1]?.remediation).toBeUndefined();
  });
});
