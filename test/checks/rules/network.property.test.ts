import fc from 'fast-check';
import { networkOrigin, outsideNetwork } from '../../../checks/rules/context';
import { config, event } from '../helpers';

/** Reference membership by arithmetic, independent of node:net's BlockList. */
const v4 = (ip: number) => [24, 16, 8, 0].map((s) => (ip >>> s) & 255).join('.');
const inV4 = (ip: number, net: number, bits: number) => bits === 0 || ip >>> (32 - bits) === net >>> (32 - bits);
const v6 = (x: bigint) => Array.from({ length: 8 }, (_, i) => ((x >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
const inV6 = (ip: bigint, net: bigint, bits: number) => bits === 0 || ip >> BigInt(128 - bits) === net >> BigInt(128 - bits);
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u128 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
const mask4 = (ip: number, bits: number) => (bits === 0 ? 0 : ((ip >>> (32 - bits)) << (32 - bits)) >>> 0);
const mask6 = (ip: bigint, bits: number) => (bits === 0 ? 0n : (ip >> BigInt(128 - bits)) << BigInt(128 - bits));

// The VPN and VPC blocks of the example stay; the allowed block is the one under test.
const VPN = [0x0a640000, 22] as const; // 10.100.0.0/22
const VPC = [0x0a140000, 16] as const; // 10.20.0.0/16
const withAllowed = (cidrs: string[]) => {
  const c = config();
  return { ...c, network: { ...c.network, allowedSourceCidrs: cidrs } };
};

describe('the CIDR matcher (property-based)', () => {
  test('IPv4: outside exactly when in none of the allowed, VPN and VPC blocks', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 8, max: 32 }), u32, fc.boolean(), (net, bits, ip, near) => {
        const block = mask4(net, bits);
        // Half the time an address inside or at the edge of the block, so both answers are tried.
        const address = near ? (block + (ip % 2 ** (32 - bits))) >>> 0 : ip;
        const outside = outsideNetwork(withAllowed([`${v4(block)}/${bits}`]));
        const inside = inV4(address, block, bits) || inV4(address, VPN[0], VPN[1]) || inV4(address, VPC[0], VPC[1]);
        expect(outside(v4(address))).toBe(!inside);
      }),
    );
  });

  test('IPv4-mapped IPv6 addresses are judged as their IPv4 address', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 8, max: 32 }), u32, (net, bits, ip) => {
        const outside = outsideNetwork(withAllowed([`${v4(mask4(net, bits))}/${bits}`]));
        expect(outside(`::ffff:${v4(ip)}`)).toBe(outside(v4(ip)));
      }),
    );
  });

  test('IPv6: outside exactly when not in the allowed block (IPv4 blocks never match IPv6)', () => {
    fc.assert(
      fc.property(u128, fc.integer({ min: 16, max: 128 }), u128, fc.boolean(), (net, bits, ip, near) => {
        const block = mask6(net, bits);
        const address = near ? block | (ip & ((1n << BigInt(128 - bits)) - 1n)) : ip;
        // Skip the IPv4-mapped range: those are IPv4 addresses (the test above).
        fc.pre(address >> 32n !== 0xffffn);
        const outside = outsideNetwork(withAllowed([`${v6(block)}/${bits}`]));
        expect(outside(v6(address))).toBe(!inV6(address, block, bits));
      }),
    );
  });

  test('an AWS service name is never outside', () => {
    fc.assert(fc.property(fc.constantFrom('s3.amazonaws.com', 'athena.amazonaws.com', 'AWS Internal', ''), (source) => expect(outsideNetwork(config())(source)).toBe(false)));
  });
});

describe('networkOrigin', () => {
  test("a call an AWS service made for the person is not from the person's client, whatever address it shows", () => {
    const origin = networkOrigin();
    expect(origin(event({ time: '2026-11-12T15:00:00Z', sourceIp: '198.51.100.3' }))).toBe(true);
    expect(origin(event({ time: '2026-11-12T15:00:00Z', sourceIp: '198.51.100.3', invokedBy: 'athena.amazonaws.com' }))).toBe(false);
    expect(origin(event({ time: '2026-11-12T15:00:00Z', sourceIp: 'athena.amazonaws.com' }))).toBe(false);
    expect(origin(event({ time: '2026-11-12T15:00:00Z', sourceIp: '2001:db8::1' }))).toBe(true);
  });
});
