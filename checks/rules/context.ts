import { BlockList, isIP } from 'node:net';
import type { CodingEnvConfig, Person } from '../../lib/config/schema';
import { dateInZone } from '../../lib/config/roster';
import type { CheckName } from '../../lib/controls/catalog';
import type { AuditWindow } from '../model/audit-model';
import type { AuditEvent } from '../model/events';
import type { EvidenceKind, EvidenceKinds } from '../model/evidence-kinds';
import type { RegisterSection } from '../register/schema';
import type { Finding } from '../report-model';

/** What every rule reads besides the evidence. */
export interface RuleContext {
  readonly config: CodingEnvConfig;
  readonly asOf: Date;
  /** The as-of day in `organization.timezone`, YYYY-MM-DD: departures and register dates compare to it. */
  readonly asOfDate: string;
  readonly window: AuditWindow;
}

export function ruleContext(config: CodingEnvConfig, window: AuditWindow): RuleContext {
  return { config, asOf: window.to, asOfDate: dateInZone(window.to, config.organization.timezone), window };
}

/** The evidence a check reads (what could not be read arrives empty, and the check is `error`). */
export type CheckInput = EvidenceKinds;
export type EvidenceName = EvidenceKind;

/**
 * A check: which evidence it needs and a pure function from it to findings. The engine makes it
 * `error` unless every kind in `needs` was read whole (and, for events, the window covered).
 */
export interface CheckDefinition {
  readonly check: CheckName;
  readonly needs: readonly EvidenceName[];
  /** The register sections a check reads (when it needs `register`): a malformed other section does not make it `error`. */
  readonly registerSections?: readonly RegisterSection[];
  run(input: CheckInput, ctx: RuleContext): Finding[];
}

const DAY_MS = 86_400_000;

/** Whole days from `iso` to the as-of instant. */
export function daysSince(iso: string, asOf: Date): number {
  return Math.floor((asOf.getTime() - Date.parse(iso)) / DAY_MS);
}

export function peopleById(config: CodingEnvConfig): Map<string, Person> {
  return new Map(config.people.map((p) => [p.id, p]));
}

export function serviceAccountNames(config: CodingEnvConfig): Set<string> {
  return new Set(config.serviceAccounts.map((s) => s.name));
}

/**
 * Whether a source address lies outside the networks the config allows (VPN egress / office,
 * VPN clients, the VPC; IPv4 and IPv6). Not an IP (an AWS service name) is not outside.
 * Memoised per address: the same few addresses recur across many events.
 */
export function outsideNetwork(config: CodingEnvConfig): (source: string) => boolean {
  const list = new BlockList();
  const { allowedSourceCidrs, vpnClientCidr, vpcCidr } = config.network;
  for (const block of [...allowedSourceCidrs, vpnClientCidr, vpcCidr]) {
    const [address, bits] = block.split('/');
    list.addSubnet(address, Number(bits), isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
  const known = new Map<string, boolean>();
  return (source) => {
    let outside = known.get(source);
    if (outside === undefined) {
      const v = ipVersion(source);
      outside = v !== undefined && !list.check(source, v);
      known.set(source, outside);
    }
    return outside;
  };
}

/** An IP address (CloudTrail writes a service name such as `s3.amazonaws.com` when a service called). */
export function ipVersion(source: string): 'ipv4' | 'ipv6' | undefined {
  const v = isIP(source);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : undefined;
}

/**
 * Whether an event came from a person's own client: not an AWS service acting for them, and
 * from a real address (not a service name). Memoised per address for one run of a check.
 */
export function networkOrigin(): (e: AuditEvent) => boolean {
  const known = new Map<string, boolean>();
  return (e) => {
    if (e.invokedBy !== undefined) return false;
    let ip = known.get(e.sourceIp);
    if (ip === undefined) {
      ip = ipVersion(e.sourceIp) !== undefined;
      known.set(e.sourceIp, ip);
    }
    return ip;
  };
}

/** At most `n` items for a finding's evidence, so a noisy principal does not bloat the report. */
export function sample<T>(items: readonly T[], n = 20): T[] {
  return items.slice(0, n);
}
