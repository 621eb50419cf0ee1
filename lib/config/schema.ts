import { BlockList, isIPv4 } from 'node:net';
import { z } from 'zod';
import { IAM_MANAGED_POLICY_MAX_CHARS, worstCaseGuardSize } from '../guard-document';
import { cidrProblem, parseCidr, WIDEST_ALLOWED_SOURCE } from './cidr';

/**
 * The organisation's one config file (CONTRACT §1). Every boundary that reads it
 * (synth, the audit CLI, the Lambdas) parses it through `parseConfig` in `./load`.
 */

const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS',
  'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC',
  'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
  'PR', 'GU', 'VI', 'AS', 'MP',
] as const;

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ROLES = ['coder', 'lead', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24-hour)');

const timezone = z.string().refine(isTimeZone, { error: (i) => `unknown IANA time zone ${JSON.stringify(i.input)}` });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

/**
 * IPv4 or IPv6 CIDR block: allowed sign-in sources may be either. Refused (CONTRACT §1): host
 * bits set, a zone index, an IPv4-mapped IPv6 block.
 */
export const cidr = z.string().superRefine((value, ctx) => {
  const problem = cidrProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} ${problem}` });
});

/** An allowed source: a CIDR block no wider than an IPv4 /16 or an IPv6 /40 (`0.0.0.0/0` would switch the guard off). */
const allowedSourceCidr = cidr.superRefine((value, ctx) => {
  const parsed = parseCidr(value);
  if (parsed === undefined || cidrProblem(value) !== undefined) return;
  const widest = WIDEST_ALLOWED_SOURCE[parsed.version];
  if (parsed.prefix < widest) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} is wider than an IPv${parsed.version} /${widest}: list the VPN's or office's public egress, not a whole network (it would turn the network guard off)`,
    });
  }
});

/** An organisation name: it lands in the stack description and reports. */
export const ORGANIZATION_NAME_MAX = 128;

/** IAM puts a user in at most 10 groups. */
export const IAM_MAX_GROUPS_PER_USER = 10;

export function isCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  const prefix = Number(bits);
  const type = isIPv4(address) ? 'ipv4' : 'ipv6';
  if (prefix > (type === 'ipv4' ? 32 : 128)) return false;
  try {
    new BlockList().addSubnet(address, prefix, type);
    return true;
  } catch {
    return false;
  }
}

/** A DNS name of the console's static content, as AWS lists it: lowercase labels, no wildcard, not one of our two console zones. */
const consoleStaticDomain = z
  .string()
  .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { error: 'must be a lowercase DNS name such as static.console.example.com (no wildcard, no trailing dot)' })
  .refine((d) => d !== 'console.aws.amazon.com' && d !== 'signin.aws.amazon.com', { error: 'is already one of the console zones' });

const cidrV4 = z.cidrv4({ error: 'must be an IPv4 CIDR block such as 10.20.0.0/16' }).superRefine((value, ctx) => {
  const problem = cidrProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} ${problem}` });
});

const arn = (service: string) =>
  z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:`), `must be an ARN of ${service}`);

const mutualTlsVpn = z.strictObject({
  serverCertificateArn: arn('acm'),
  clientRootCertificateArn: arn('acm'),
});

const samlVpn = z.strictObject({
  serverCertificateArn: arn('acm'),
  samlProviderArn: arn('iam').regex(/:saml-provider\//, 'must be an IAM SAML provider ARN'),
  /** The IdP group allowed on the VPN: Client VPN authorizes SAML users per group. */
  accessGroupId: z.string().min(1),
});

/** IAM user and group names: letters, digits and `+=,.@_-`, at most 64 characters. */
const iamName = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'must be 1-64 letters, digits or +=,.@_-');

const specialtyName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,49}$/, 'must be lower-case letters, digits and hyphens (it names an S3 prefix and an IAM group)');

const person = z.strictObject({
  id: iamName,
  name: z.string().min(1),
  email: z.email(),
  role: z.enum(ROLES),
  specialties: z.array(specialtyName).default([]),
  status: z.enum(['active', 'departed']),
  startDate: isoDate,
  endDate: isoDate.optional(),
});

const serviceAccount = z.strictObject({
  name: iamName,
  owner: iamName,
  purpose: z.string().min(1),
});

/** The AWS AI services a vendor's BAA can cover, as `vendors[].awsServices` names them. */
export const AI_SERVICES = ['bedrock', 'comprehend-medical', 'transcribe-medical'] as const;
export type AiService = (typeof AI_SERVICES)[number];

const vendor = z.strictObject({
  name: z.string().min(1),
  kind: z.string().min(1),
  touchesPhi: z.boolean(),
  awsAccountIds: z.array(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id')).default([]),
  /** AWS AI services the vendor's BAA covers (CONTRACT §5 ai-use). */
  awsServices: z.array(z.enum(AI_SERVICES)).default([]),
  /** Bedrock model providers the BAA covers; empty means every provider. */
  modelProviders: z.array(z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case provider name such as anthropic')).default([]),
});

const workstations = z.discriminatedUnion('enabled', [
  z.strictObject({ enabled: z.literal(false) }),
  z.strictObject({
    enabled: z.literal(true),
    imageName: z.string().min(1),
    instanceType: z.string().regex(/^stream\.[a-z0-9-]+\.[a-z0-9]+$/, 'must be an AppStream instance type such as stream.standard.medium'),
    maxSessions: z.number().int().min(1).max(500),
  }),
]);

const positiveDays = (fallback: number) => z.number().int().min(1).default(fallback);

export const DEFAULT_THRESHOLDS = {
  staleDays: 90,
  keyRotationDays: 90,
  sharedWindowMinutes: 60,
  trainingDays: 365,
  accessReviewDays: 92,
  logReviewDays: 7,
} as const;

const thresholds = z
  .strictObject({
    staleDays: positiveDays(DEFAULT_THRESHOLDS.staleDays),
    keyRotationDays: positiveDays(DEFAULT_THRESHOLDS.keyRotationDays),
    sharedWindowMinutes: positiveDays(DEFAULT_THRESHOLDS.sharedWindowMinutes),
    trainingDays: positiveDays(DEFAULT_THRESHOLDS.trainingDays),
    accessReviewDays: positiveDays(DEFAULT_THRESHOLDS.accessReviewDays),
    logReviewDays: positiveDays(DEFAULT_THRESHOLDS.logReviewDays),
  })
  .prefault({});

const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)')
  .refine((n) => !n.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(n), 'must be a valid S3 bucket name');

export const configSchema = z
  .strictObject({
    organization: z.strictObject({
      name: z.string().min(1).max(ORGANIZATION_NAME_MAX, `must be at most ${ORGANIZATION_NAME_MAX} characters`),
      states: z.array(z.enum(US_STATES, { error: (i) => `unknown US state ${JSON.stringify(i.input)}` })),
      timezone,
      businessHours: z.strictObject({
        start: clockTime,
        end: clockTime,
        days: z.array(z.enum(WEEKDAYS)).min(1),
      }),
    }),
    network: z.strictObject({
      vpcCidr: cidrV4,
      vpnClientCidr: cidrV4,
      allowedSourceCidrs: z.array(allowedSourceCidr),
      vpn: z.union([mutualTlsVpn, samlVpn], {
        error: 'must be { serverCertificateArn, clientRootCertificateArn } (mutual TLS) or { serverCertificateArn, samlProviderArn, accessGroupId } (SAML)',
      }),
      // AWS publishes the console's static-content names per Region only online; synth cannot look them up.
      consoleStaticDomains: z
        .array(consoleStaticDomain)
        .max(20, { error: 'at most 20 domains (AWS publishes a handful per Region)' })
        .refine((d) => new Set(d).size === d.length, { error: 'lists a domain twice' })
        .default([]),
    }),
    storage: z.strictObject({ phiBucketName: bucketName }),
    specialties: z.array(specialtyName).min(1),
    people: z.array(person),
    serviceAccounts: z.array(serviceAccount).default([]),
    vendors: z.array(vendor).default([]),
    notifications: z.strictObject({ emails: z.array(z.email()) }).default({ emails: [] }),
    workstations: workstations.default({ enabled: false }),
    thresholds,
  })
  .superRefine((config, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    duplicates(config.specialties).forEach((i) => issue(['specialties', i], `duplicate specialty ${JSON.stringify(config.specialties[i])}`));
    duplicates(config.organization.states).forEach((i) => issue(['organization', 'states', i], 'duplicate state'));

    const hours = config.organization.businessHours;
    if (hours.start >= hours.end) issue(['organization', 'businessHours', 'end'], `must be after start (${hours.start})`);

    const known = new Set(config.specialties);
    const ids = config.people.map((p) => p.id);
    // IAM user names are case-insensitive: `jdoe` and `JDOE` would be one user.
    const firstById = new Map<string, number>();
    ids.forEach((id, i) => {
      const first = firstById.get(id.toLowerCase());
      if (first === undefined) firstById.set(id.toLowerCase(), i);
      else issue(['people', i, 'id'], ids[first] === id ? `duplicate person id ${JSON.stringify(id)}` : `${JSON.stringify(id)} collides with people[${first}].id ${JSON.stringify(ids[first])} (IAM user names are case-insensitive)`);
    });
    config.people.forEach((p, i) => {
      p.specialties.forEach((s, j) => {
        if (!known.has(s)) issue(['people', i, 'specialties', j], `unknown specialty ${JSON.stringify(s)} (not in "specialties")`);
      });
      duplicates(p.specialties).forEach((j) => issue(['people', i, 'specialties', j], 'duplicate specialty'));
      if (p.endDate !== undefined && p.endDate < p.startDate) issue(['people', i, 'endDate'], `is before startDate ${p.startDate}`);
      // The id is also the value of the user's person-id tag, which allows no comma.
      if (p.id.includes(',')) issue(['people', i, 'id'], 'must not contain a comma (it is also the person-id tag value)');
      const groupCount = p.specialties.length + (p.role === 'lead' ? 1 : 0);
      if (groupCount > IAM_MAX_GROUPS_PER_USER) {
        issue(['people', i, 'specialties'], `would put ${p.id} in ${groupCount} IAM groups; IAM allows at most ${IAM_MAX_GROUPS_PER_USER}`);
      }
      // A coder without a specialty would be in no group, out of reach of the guard policy.
      if (p.role === 'coder' && p.specialties.length === 0) issue(['people', i, 'specialties'], 'a coder needs at least one specialty');
    });

    const personIds = new Set(ids);
    const names = config.serviceAccounts.map((s) => s.name);
    const firstByName = new Map<string, number>();
    names.forEach((name, i) => {
      const first = firstByName.get(name.toLowerCase());
      if (first === undefined) firstByName.set(name.toLowerCase(), i);
      else if (names[first] === name) issue(['serviceAccounts', i, 'name'], `duplicate service account ${JSON.stringify(name)}`);
      else issue(['serviceAccounts', i, 'name'], `${JSON.stringify(name)} collides with serviceAccounts[${first}].name ${JSON.stringify(names[first])} (IAM user names are case-insensitive)`);
    });
    config.serviceAccounts.forEach((s, i) => {
      const person = firstById.get(s.name.toLowerCase());
      if (person !== undefined) {
        issue(['serviceAccounts', i, 'name'], ids[person] === s.name
          ? `${JSON.stringify(s.name)} is also a person id: a login belongs to one or the other`
          : `${JSON.stringify(s.name)} collides with people[${person}].id ${JSON.stringify(ids[person])} (IAM user names are case-insensitive)`);
      }
      if (!personIds.has(s.owner)) issue(['serviceAccounts', i, 'owner'], `unknown person ${JSON.stringify(s.owner)}`);
    });

    const vendorNames = config.vendors.map((v) => v.name);
    duplicates(vendorNames).forEach((i) => issue(['vendors', i, 'name'], `duplicate vendor ${JSON.stringify(vendorNames[i])}`));

    const sources = config.network.allowedSourceCidrs;
    if (sources.every((c) => cidrProblem(c) === undefined)) {
      const size = worstCaseGuardSize(sources);
      if (size > IAM_MANAGED_POLICY_MAX_CHARS) {
        issue(['network', 'allowedSourceCidrs'], `makes the people guard policy up to ${size} characters; IAM allows ${IAM_MANAGED_POLICY_MAX_CHARS} (list fewer, wider blocks)`);
      }
    }

    const { vpcCidr, vpnClientCidr } = config.network;
    // Refinements also run when a field already failed: only compare blocks that parsed.
    if (!isCidr(vpcCidr) || !isCidr(vpnClientCidr)) return;
    if (cidrsOverlap(vpcCidr, vpnClientCidr)) issue(['network', 'vpnClientCidr'], `overlaps vpcCidr ${vpcCidr}`);
    const vpnBits = Number(vpnClientCidr.split('/')[1]);
    if (vpnBits < 12 || vpnBits > 22) issue(['network', 'vpnClientCidr'], 'Client VPN needs a block between /12 and /22');
    const vpcBits = Number(vpcCidr.split('/')[1]);
    if (vpcBits < 16 || vpcBits > 24) issue(['network', 'vpcCidr'], 'must be between /16 and /24 (room for two private subnets)');
  });

/** The config as written (defaults optional). */
export type ConfigInput = z.input<typeof configSchema>;
/** The config after parsing, defaults filled in. */
export type CodingEnvConfig = z.output<typeof configSchema>;
export type Person = CodingEnvConfig['people'][number];
export type ServiceAccount = CodingEnvConfig['serviceAccounts'][number];
export type Vendor = CodingEnvConfig['vendors'][number];
export type Thresholds = CodingEnvConfig['thresholds'];
export type VpnConfig = CodingEnvConfig['network']['vpn'];

/** Indexes of the second and later occurrences of each repeated value. */
function duplicates<T>(values: readonly T[]): number[] {
  const seen = new Set<T>();
  return values.flatMap((v, i) => {
    if (seen.has(v)) return [i];
    seen.add(v);
    return [];
  });
}

function cidrsOverlap(a: string, b: string): boolean {
  const [aAddr, aBits] = a.split('/');
  const [bAddr, bBits] = b.split('/');
  const list = new BlockList();
  list.addSubnet(aAddr, Number(aBits), 'ipv4');
  if (list.check(bAddr, 'ipv4')) return true;
  const other = new BlockList();
  other.addSubnet(bAddr, Number(bBits), 'ipv4');
  return other.check(aAddr, 'ipv4');
}
