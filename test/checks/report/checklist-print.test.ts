import { printReasons, restatedFinding } from '../../../checks/report/checklist-print';
import type { FindingGroup } from '../../../checks/report/group-findings';
import type { Finding } from '../../../checks/report-model';

const finding = (over: Partial<Finding>): Finding => ({ check: 'privilege-creep', rule: 'excess-group', principal: 'rpatel', severity: 'high', summary: 'rpatel is in group x', evidence: {}, ...over });
const creep1 = finding({ id: 'f-0000000000000001' });
const creep2 = finding({ id: 'f-0000000000000002', rule: 'direct-policy', principal: 'k<chen>', summary: 'k<chen> has an inline policy' });
const vpn = finding({ id: 'f-0000000000000003', check: 'vpn-bypass', rule: 'outside-network', principal: 'mgarcia', summary: 'mgarcia made 1 call from 203.0.113.50' });
const findings = [creep1, creep2, vpn];
const groups = [{ check: 'privilege-creep', title: 'Privilege creep' }, { check: 'vpn-bypass', title: 'VPN bypass' }] as unknown as FindingGroup[];

describe('checklist reasons on paper', () => {
  test('a reason restates a finding only when it is the checklist\'s exact wording of it', () => {
    expect(restatedFinding('privilege-creep excess-group: rpatel is in group x', findings)).toBe(creep1);
    expect(restatedFinding('vpn-bypass: mgarcia made 1 call from 203.0.113.50', findings)).toBe(vpn);
    expect(restatedFinding('privilege-creep excess-group: rpatel is in group x, and more', findings)).toBeUndefined();
    expect(restatedFinding('access review: last on 2025-01-01', findings)).toBeUndefined();
  });

  test('no restated finding: nothing for paper, the list prints as on screen', () => {
    expect(printReasons(['ShredCo: BAA last reviewed 2025-02-01', 'TX: no review'], findings, groups)).toBeUndefined();
  });

  test('restated findings are one line per check at the first one\'s place, naming and linking each; other reasons stay whole, in order, escaped', () => {
    const reasons = ['access <review> overdue', 'privilege-creep excess-group: rpatel is in group x', 'vpn-bypass: mgarcia made 1 call from 203.0.113.50', 'privilege-creep direct-policy: k<chen> has an inline policy', 'last reason'];
    const html = printReasons(reasons, findings, groups) ?? '';
    const items = html.match(/<li>.*?<\/li>/g) ?? [];
    expect(items).toHaveLength(4);
    expect(items[0]).toBe('<li>access &lt;review&gt; overdue</li>');
    expect(items[1]).toBe(
      '<li>privilege-creep: 2 findings, each in full under Privilege creep: <a href="#f-0000000000000001">excess-group <code>rpatel</code></a>, <a href="#f-0000000000000002">direct-policy <code>k&lt;chen&gt;</code></a></li>',
    );
    expect(items[2]).toContain('vpn-bypass: 1 finding, each in full under VPN bypass: <a href="#f-0000000000000003">outside-network <code>mgarcia</code></a>');
    expect(items[3]).toBe('<li>last reason</li>');
    expect(html).toMatch(/^<ul class="reasons-print print-only">/);
    expect(html).not.toContain('<chen>');
  });
});
