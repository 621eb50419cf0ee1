import fc from 'fast-check';
import { beyondVpc, cidrWithin, clientVpnEndpointOf, vpcBlocksOf } from '../../../policies/rules/vpn';
import { cfn, newStack } from './utils';

function network(secondary: Record<string, unknown>[] = []) {
  const stack = newStack();
  cfn(stack, 'Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
  cfn(stack, 'OtherVpc', 'AWS::EC2::VPC', { CidrBlock: '172.16.0.0/16' });
  secondary.forEach((p, i) => cfn(stack, `Block${i}`, 'AWS::EC2::VPCCidrBlock', p));
  cfn(stack, 'Vpn', 'AWS::EC2::ClientVpnEndpoint', { VpcId: { Ref: 'Vpc' } });
  const route = cfn(stack, 'Route', 'AWS::EC2::ClientVpnRoute', {});
  return { stack, route };
}

describe('vpn: where a Client VPN rule or route leads', () => {
  test('clientVpnEndpointOf finds the endpoint a Ref points at', () => {
    const { route } = network();
    expect(clientVpnEndpointOf(route, { Ref: 'Vpn' })?.logicalId).toBe('Vpn');
    expect(clientVpnEndpointOf(route, { Ref: 'Elsewhere' })).toBeUndefined();
    expect(clientVpnEndpointOf(route, 'cvpn-endpoint-0123456789abcdef0')).toBeUndefined();
  });

  test('vpcBlocksOf: primary block then the secondary blocks of that VPC (IPv4 and IPv6)', () => {
    const { route } = network([
      { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.30.0.0/16' },
      { VpcId: { Ref: 'Vpc' }, Ipv6CidrBlock: '2600:1f18::/56' },
      { VpcId: { Ref: 'Vpc' }, AmazonProvidedIpv6CidrBlock: true },
      { VpcId: { Ref: 'OtherVpc' }, CidrBlock: '172.17.0.0/16' },
    ]);
    expect(vpcBlocksOf(route, { Ref: 'Vpc' })).toEqual(['10.20.0.0/16', '10.30.0.0/16', '2600:1f18::/56']);
    expect(vpcBlocksOf(route, { Ref: 'OtherVpc' })).toEqual(['172.16.0.0/16', '172.17.0.0/16']);
    expect(vpcBlocksOf(route, { Ref: 'Missing' })).toBeUndefined();
  });

  test('vpcBlocksOf: a VPC whose primary block is not a literal cannot be read', () => {
    const stack = newStack();
    cfn(stack, 'Vpc', 'AWS::EC2::VPC', { Ipv4IpamPoolId: 'ipam-pool-1' });
    expect(vpcBlocksOf(cfn(stack, 'R', 'AWS::EC2::ClientVpnRoute'), { Ref: 'Vpc' })).toBeUndefined();
  });

  test('cidrWithin: same family, at least as long a prefix, inside the outer block', () => {
    expect(cidrWithin('10.20.1.0/24', '10.20.0.0/16')).toBe(true);
    expect(cidrWithin('10.20.0.0/16', '10.20.0.0/16')).toBe(true);
    expect(cidrWithin('10.0.0.0/8', '10.20.0.0/16')).toBe(false);
    expect(cidrWithin('10.20.0.0/8', '10.20.0.0/16')).toBe(false);
    expect(cidrWithin('2600:1f18::/48', '2600:1f18::/56')).toBe(false);
    expect(cidrWithin('10.20.0.0/16', 'not-a-cidr/16')).toBe(false);
    expect(cidrWithin('10.21.0.0/24', '10.20.0.0/16')).toBe(false);
    expect(cidrWithin('2600:1f18::/64', '2600:1f18::/56')).toBe(true);
    expect(cidrWithin('2600:1f19::/64', '2600:1f18::/56')).toBe(false);
    expect(cidrWithin('10.20.1.0/24', '2600:1f18::/56')).toBe(false);
    expect(cidrWithin('2600:1f18::/64', '10.20.0.0/16')).toBe(false);
    expect(cidrWithin('10.20.1.0', '10.20.0.0/16')).toBe(false);
    expect(cidrWithin('10.20.1.0/x', '10.20.0.0/16')).toBe(false);
    expect(cidrWithin('10.20.1.0/24', '10.20.0.0')).toBe(false);
    expect(cidrWithin('10.20.1.0/24', '10.20.0.0/a')).toBe(false);
    expect(cidrWithin('host/24', '10.20.0.0/16')).toBe(false);
  });

  test('cidrWithin agrees with arithmetic on IPv4 blocks (property)', () => {
    const ip = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
    const mask = (bits: number) => (bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0);
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (a, abits, b, bbits) => {
        const inner = (a & mask(abits)) >>> 0;
        const outer = (b & mask(bbits)) >>> 0;
        const expected = abits >= bbits && ((inner & mask(bbits)) >>> 0) === outer;
        expect(cidrWithin(`${ip(inner)}/${abits}`, `${ip(outer)}/${bbits}`)).toBe(expected);
        // The inner block against a block around its own address: inside exactly when at least as long.
        const around = (inner & mask(bbits)) >>> 0;
        expect(cidrWithin(`${ip(inner)}/${abits}`, `${ip(around)}/${bbits}`)).toBe(abits >= bbits);
        // A block always lies within itself and within 0.0.0.0/0.
        expect(cidrWithin(`${ip(inner)}/${abits}`, `${ip(inner)}/${abits}`)).toBe(true);
        expect(cidrWithin(`${ip(inner)}/${abits}`, '0.0.0.0/0')).toBe(true);
      }),
    );
  });

  test('beyondVpc: every way a target fails, named by the field', () => {
    const { stack, route } = network([{ VpcId: { Ref: 'Vpc' }, CidrBlock: '10.30.0.0/16' }]);
    const vpn = { Ref: 'Vpn' };
    expect(beyondVpc(route, vpn, { Ref: 'Cidr' }, 'DestinationCidrBlock')).toBe('DestinationCidrBlock is not a literal CIDR: {"Ref":"Cidr"}');
    expect(beyondVpc(route, vpn, '10.20.1.0', 'DestinationCidrBlock')).toBe('DestinationCidrBlock is not a literal CIDR: "10.20.1.0"');
    expect(beyondVpc(route, vpn, '0.0.0.0/0', 'DestinationCidrBlock')).toBe('DestinationCidrBlock is 0.0.0.0/0: VPN users would reach the internet');
    expect(beyondVpc(route, vpn, '::/0', 'TargetNetworkCidr')).toBe('TargetNetworkCidr is ::/0: VPN users would reach the internet');
    expect(beyondVpc(route, { Ref: 'Gone' }, '10.20.0.0/16', 'TargetNetworkCidr')).toBe(
      'TargetNetworkCidr 10.20.0.0/16 belongs to a Client VPN endpoint outside this stack',
    );
    expect(beyondVpc(route, vpn, '192.168.0.0/24', 'DestinationCidrBlock')).toBe('DestinationCidrBlock 192.168.0.0/24 is beyond the VPC (10.20.0.0/16, 10.30.0.0/16)');
    expect(beyondVpc(route, vpn, '10.20.0.0/16', 'DestinationCidrBlock')).toBeUndefined();
    expect(beyondVpc(route, vpn, '10.30.5.0/24', 'DestinationCidrBlock')).toBeUndefined();
    // /10 ends in 0 but is no default route.
    expect(beyondVpc(route, vpn, '10.0.0.0/10', 'DestinationCidrBlock')).toBe('DestinationCidrBlock 10.0.0.0/10 is beyond the VPC (10.20.0.0/16, 10.30.0.0/16)');
    cfn(stack, 'LostVpn', 'AWS::EC2::ClientVpnEndpoint', { VpcId: 'vpc-0123456789abcdef0' });
    expect(beyondVpc(route, { Ref: 'LostVpn' }, '10.20.0.0/16', 'DestinationCidrBlock')).toBe(
      'the VPC of the Client VPN endpoint cannot be read (not in this stack, or its CidrBlock is not a literal)',
    );
  });
});
