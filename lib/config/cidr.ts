import { isIPv4, isIPv6 } from 'node:net';

/**
 * CIDR arithmetic for the refusals of CONTRACT §1: what AWS would refuse at deploy time (host
 * bits, zone indexes) or what would silently turn a control off (a block so wide the VPN guard
 * never denies). Pure, no I/O.
 */

export interface ParsedCidr {
  readonly version: 4 | 6;
  /** The address as an unsigned integer (32 or 128 bits). */
  readonly address: bigint;
  readonly prefix: number;
}

/** Widest blocks `allowedSourceCidrs` accepts: anything wider is not "the VPN's or office's egress". */
export const WIDEST_ALLOWED_SOURCE = { 4: 16, 6: 40 } as const;

/** Why a CIDR block is refused, or undefined when it is a well-formed network block. */
export function cidrProblem(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash === -1) return 'must be a CIDR block address/prefix';
  const address = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  if (address.includes('%')) return 'must not carry a zone index (%...): AWS accepts none';
  if (!/^\d{1,3}$/.test(bits)) return 'has no valid prefix length';
  const parsed = parseCidr(value);
  if (parsed === undefined) return 'is not a valid IPv4 or IPv6 block';
  if (parsed.version === 6 && isIpv4Mapped(parsed.address)) return 'is an IPv4-mapped IPv6 block: write the IPv4 block instead';
  const width = parsed.version === 4 ? 32 : 128;
  if (parsed.prefix > width) return `has a prefix longer than /${width}`;
  if ((parsed.address & hostMask(parsed.version, parsed.prefix)) !== 0n) {
    return `has host bits set (the network is ${formatCidr({ ...parsed, address: parsed.address & ~hostMask(parsed.version, parsed.prefix) })})`;
  }
  return undefined;
}

export function parseCidr(value: string): ParsedCidr | undefined {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || bits === undefined || !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  if (isIPv4(address)) return prefix <= 32 ? { version: 4, address: ipv4ToBigInt(address), prefix } : undefined;
  if (isIPv6(address)) return prefix <= 128 ? { version: 6, address: ipv6ToBigInt(address), prefix } : undefined;
  return undefined;
}

function hostMask(version: 4 | 6, prefix: number): bigint {
  const width = BigInt(version === 4 ? 32 : 128);
  return (1n << (width - BigInt(prefix))) - 1n;
}

function isIpv4Mapped(address: bigint): boolean {
  return address >> 32n === 0xffffn;
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, octet) => (acc << 8n) + BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address;
  // An embedded dotted quad (::ffff:1.2.3.4) is the last 32 bits.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4ToBigInt(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

function formatCidr(cidr: ParsedCidr): string {
  if (cidr.version === 4) {
    return `${[24n, 16n, 8n, 0n].map((s) => ((cidr.address >> s) & 0xffn).toString()).join('.')}/${cidr.prefix}`;
  }
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => ((cidr.address >> s) & 0xffffn).toString(16));
  return `${groups.join(':')}/${cidr.prefix}`;
}
