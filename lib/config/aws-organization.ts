import { z } from 'zod';

/** The member audit role's path: the check functions may assume roles under it only. */
export const MEMBER_ROLE_PATH = '/coding-env/';
export const DEFAULT_MEMBER_ROLE_NAME = 'coding-env-audit';
export const DEFAULT_ACCOUNT_CONCURRENCY = 10;
/** Accounts audited at once at most: each holds a Lambda and LookupEvents' 2 requests/s of its own account. */
export const MAX_ACCOUNT_CONCURRENCY = 100;

/** `o-` and 10 to 32 lower-case letters or digits (AWS Organizations' pattern). */
const organizationId = z.string().regex(/^o-[a-z0-9]{10,32}$/, 'must be an organization id such as o-a1b2c3d4e5');
/** The root (`r-...`) or an organizational unit (`ou-...-...`), as AWS Organizations spells them. */
const targetId = z.string().regex(/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/, 'must be the root id (r-...) or an organizational unit id (ou-...-...)');

/**
 * `awsOrganization` (optional, default `{ "enabled": false }`): audit every member account of an
 * AWS Organization. Deploys the member audit role with a service-managed StackSet to the target
 * OUs (auto-deployment on) and fans the scheduled run out over the organization's accounts.
 * `organization` stays the coding group's own name, states and hours (CONTRACT §1).
 */
export const awsOrganizationSchema = z
  .discriminatedUnion('enabled', [
    z.strictObject({ enabled: z.literal(false) }),
    z.strictObject({
      enabled: z.literal(true),
      /** The organization: the member role trusts callers of this organization only. */
      organizationId,
      /** Where the StackSet deploys the member role: the root or OUs (accounts moved in later get it too). */
      targetOrganizationalUnitIds: z.array(targetId).min(1, 'name the root (r-...) or at least one organizational unit'),
      /**
       * `management`: the stack is deployed in the management account (StackSets CallAs SELF);
       * `delegated-admin`: in a CloudFormation delegated administrator account (CallAs DELEGATED_ADMIN).
       */
      deployedFrom: z.enum(['management', 'delegated-admin']).default('management'),
      memberRoleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'must be 1-64 letters, digits or +=,.@_-').default(DEFAULT_MEMBER_ROLE_NAME),
      maxConcurrency: z.number().int().min(1).max(MAX_ACCOUNT_CONCURRENCY).default(DEFAULT_ACCOUNT_CONCURRENCY),
    }),
  ])
  .superRefine((org, ctx) => {
    if (!org.enabled) return;
    org.targetOrganizationalUnitIds.forEach((id, i) => {
      if (org.targetOrganizationalUnitIds.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['targetOrganizationalUnitIds', i], message: `duplicate target ${id}` });
    });
    // An organizational unit names its root: `ou-<root>-...` must be under the root named beside it.
    const roots = org.targetOrganizationalUnitIds.filter((t) => t.startsWith('r-')).map((r) => r.slice(2));
    org.targetOrganizationalUnitIds.forEach((id, i) => {
      const root = /^ou-([0-9a-z]{4,32})-/.exec(id)?.[1];
      if (root !== undefined && roots.length > 0 && !roots.includes(root)) {
        ctx.addIssue({ code: 'custom', path: ['targetOrganizationalUnitIds', i], message: `is not under the root ${roots.map((r) => `r-${r}`).join(', ')} named beside it` });
      }
    });
  });

export type AwsOrganizationConfig = z.output<typeof awsOrganizationSchema>;
export type EnabledAwsOrganization = Extract<AwsOrganizationConfig, { enabled: true }>;

/** The config's organization section when auditing an AWS Organization is on. */
export function enabledOrganization(org: AwsOrganizationConfig): EnabledAwsOrganization | undefined {
  return org.enabled ? org : undefined;
}
