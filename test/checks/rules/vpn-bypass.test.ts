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

describe('vpn-bypass: whose calls count', () => {
  test('another identity type carrying a person\'s name is not an IAM user\'s call', () => {
    // CloudTrail writes userName for some other types too (Directory, Unknown, the root account's alias).
    const other = (identityType: string) => event({ time: '2026-11-12T15:20:30Z', identityType, userName: 'mgarcia', sourceIp: '203.0.113.50' });
    expect(audit(other('Directory'), other('Unknown'), other('Root'))).toEqual([]);
  });
  test('an AWS service calling on a person\'s behalf is not their client, whatever address or endpoint it records', () => {
    const onBehalf = { userName: 'mgarcia', invokedBy: 'cloudformation.amazonaws.com' };
    expect(
      audit(
        event({ time: '2026-11-12T15:20:30Z', ...onBehalf, sourceIp: '203.0.113.50' }),
        event({ time: '2026-11-12T15:20:30Z', ...onBehalf, sourceIp: '10.20.44.10', vpcEndpointId: 'vpce-0f1e2d3c4b5a69788', vpcEndpointAccountId: '999988887777', account: '111122223333' }),
      ),
    ).toEqual([]);
  });
  test('an endpoint owner without an endpoint id is no endpoint: the call is judged by its address', () => {
    const call = (sourceIp: string) => event({ time: '2026-11-12T15:20:30Z', userName: 'rpatel', sourceIp, vpcEndpointAccountId: '999988887777', account: '111122223333' });
    expect(audit(call('10.20.44.10'))).toEqual([]);
    expect(audit(call('203.0.113.50'))[0].summary).toContain('from 203.0.113.50, outside the VPN and office networks');
  });
});

describe('vpn-bypass: grouping and evidence', () => {
  const viaEndpoint = (time: string, vpcEndpointId: string) => event({ time, userName: 'rpatel', sourceIp: '10.20.44.10', vpcEndpointId, vpcEndpointAccountId: '999988887777', account: '111122223333' });
  test('one finding per user, address and foreign endpoint', () => {
    const findings = audit(
      viaEndpoint('2026-11-17T16:25:00Z', 'vpce-0f1e2d3c4b5a69788'),
      viaEndpoint('2026-11-17T16:26:00Z', 'vpce-0f1e2d3c4b5a69788'),
      viaEndpoint('2026-11-17T16:27:00Z', 'vpce-0aaaabbbbccccdddd'),
      event({ time: '2026-11-17T16:28:00Z', userName: 'rpatel', sourceIp: '10.20.44.10', vpcEndpointId: 'vpce-0aaaabbbbccccdddd', vpcEndpointAccountId: '999988887777', account: '111122223333' }),
      event({ time: '2026-11-17T16:29:00Z', userName: 'mgarcia', sourceIp: '10.20.44.10', vpcEndpointId: 'vpce-0aaaabbbbccccdddd', vpcEndpointAccountId: '999988887777', account: '111122223333' }),
      event({ time: '2026-11-17T16:30:00Z', userName: 'rpatel', sourceIp: '203.0.113.50' }),
    );
    expect(findings.map((f) => `${f.principal}:${f.evidence.sourceIp}:${f.evidence.vpcEndpointId ?? '-'}:${f.evidence.count}`)).toEqual([
      'rpatel:10.20.44.10:vpce-0f1e2d3c4b5a69788:2',
      'rpatel:10.20.44.10:vpce-0aaaabbbbccccdddd:2',
      'mgarcia:10.20.44.10:vpce-0aaaabbbbccccdddd:1',
      'rpatel:203.0.113.50:-:1',
    ]);
  });
  test('the evidence in full: first and last, and each call by id, time, name and client', () => {
    const at = (id: string, time: string, eventName: string) => event({ id, time, eventName, userName: 'mgarcia', sourceIp: '203.0.113.50', userAgent: 'Boto3/1.35.0 md/Botocore#1.35.0' });
    const [f] = audit(at('c1', '2026-11-12T15:20:30Z', 'ListBuckets'), at('c2', '2026-11-12T15:21:30Z', 'GetObject'));
    expect(f.evidence).toStrictEqual({
      sourceIp: '203.0.113.50',
      count: 2,
      first: '2026-11-12T15:20:30Z',
      last: '2026-11-12T15:21:30Z',
      events: [
        { eventId: 'c1', time: '2026-11-12T15:20:30Z', eventName: 'ListBuckets', userAgent: 'Boto3/1.35.0 md/Botocore#1.35.0' },
        { eventId: 'c2', time: '2026-11-12T15:21:30Z', eventName: 'GetObject', userAgent: 'Boto3/1.35.0 md/Botocore#1.35.0' },
      ],
    });
  });
});
