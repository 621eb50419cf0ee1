import { vpnBypass } from '../../../checks/rules/vpn-bypass';
import { config, event, rules, run } from '../helpers';

const audit = (...events: ReturnType<typeof event>[]) => run(vpnBypass, { events });

describe('vpn-bypass: outside-network', () => {
  test('flags a person calling from an address outside every allowed block (high)', () => {
    const findings = audit(event({ time: '2026-11-12T15:20:30Z', userName: 'mgarcia', sourceIp: '203.0.113.50' }));
    expect(findings).toEqual([expect.objectContaining({ rule: 'outside-network', principal: 'mgarcia', severity: 'high' })]);
  });
  test('flags a service account from an IPv6 address, grouping events per user and address', () => {
    const e = (time: string) => event({ time, userName: 'ci-deployer', sourceIp: '2001:db8:4f1a::1234' });
    const findings = audit(e('2026-11-13T10:20:00Z'), e('2026-11-13T10:25:00Z'));
    expect(rules(findings)).toEqual(['outside-network:ci-deployer']);
    expect(findings[0].evidence.count).toBe(2);
  });
  test('does not flag VPN egress, VPN clients, the VPC, or an allowed IPv6 block', () => {
    const c = config();
    c.network.allowedSourceCidrs.push('2001:db8:aaaa::/48');
    const events = ['198.51.100.3', '10.100.1.20', '10.20.5.17', '2001:db8:aaaa::7'].map((sourceIp) => event({ time: '2026-11-13T10:00:00Z', sourceIp }));
    expect(run(vpnBypass, { events }, c)).toEqual([]);
  });
  test('does not flag calls through a VPC endpoint, by AWS services, by roles, or by unknown users', () => {
    expect(
      audit(
        event({ time: '2026-11-17T16:25:00Z', sourceIp: '192.0.2.200', vpcEndpointId: 'vpce-0a1b2c3d4e5f60718' }),
        event({ time: '2026-11-16T15:00:00Z', sourceIp: 'athena.amazonaws.com', invokedBy: 'athena.amazonaws.com' }),
        event({ time: '2026-11-16T15:00:00Z', sourceIp: '203.0.113.4', identityType: 'AssumedRole', userName: undefined }),
        event({ time: '2026-11-16T15:00:00Z', sourceIp: '203.0.113.4', userName: 'billing-shared' }),
      ),
    ).toEqual([]);
  });
});

describe('vpn-bypass: outside-network through another account\'s VPC endpoint', () => {
  const viaEndpoint = (vpcEndpointAccountId: string | undefined, over: Partial<ReturnType<typeof event>> = {}) =>
    event({ time: '2026-11-17T16:25:00Z', userName: 'rpatel', sourceIp: '10.20.44.10', vpcEndpointId: 'vpce-0f1e2d3c4b5a69788', vpcEndpointAccountId, account: '111122223333', ...over });

  test('flags a call through an endpoint another account owns, whatever its private address', () => {
    const findings = audit(viaEndpoint('999988887777'));
    expect(findings).toEqual([expect.objectContaining({ rule: 'outside-network', principal: 'rpatel', severity: 'high' })]);
    expect(findings[0].evidence).toMatchObject({ vpcEndpointId: 'vpce-0f1e2d3c4b5a69788', vpcEndpointAccountId: '999988887777' });
    expect(findings[0].summary).toMatch(/of another account \(999988887777\)/);
  });
  test('does not flag the account\'s own endpoint, or a record that does not name the endpoint\'s owner or the recipient', () => {
    expect(audit(viaEndpoint('111122223333'), viaEndpoint(undefined), viaEndpoint('999988887777', { account: undefined }))).toEqual([]);
  });
});

describe('vpn-bypass: summaries', () => {
  test('one call and several', () => {
    const at = (time: string) => event({ time, userName: 'mgarcia', sourceIp: '203.0.113.50' });
    expect(audit(at('2026-11-12T15:20:30Z'))[0].summary).toBe('mgarcia made 1 call from 203.0.113.50, outside the VPN and office networks (first 2026-11-12T15:20:30Z, GetCallerIdentity): find out how the request left the VPN.');
    expect(audit(at('2026-11-12T15:20:30Z'), at('2026-11-12T15:21:30Z'))[0].summary).toBe('mgarcia made 2 calls from 203.0.113.50, outside the VPN and office networks (first 2026-11-12T15:20:30Z, GetCallerIdentity): find out how the request left the VPN.');
  });
});
