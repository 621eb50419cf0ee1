import { z } from 'zod';
import { formatPath } from '../../lib/config/load';
import type { AttachedPolicy, AuthorizationDetails, InlinePolicy } from '../model/iam';
import { decodePolicyDocument } from './policy-document';

/**
 * `GetAccountAuthorizationDetails` output: one merged object (as the AWS CLI prints it) or an
 * array of API pages, whose lists are concatenated. Dates may be strings or (live) Date objects.
 */

const date = z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString() : d));
const attached = z.array(z.object({ PolicyName: z.string(), PolicyArn: z.string() })).default([]);
const inline = z.array(z.object({ PolicyName: z.string(), PolicyDocument: z.unknown() })).default([]);

const userSchema = z.object({
  UserName: z.string(),
  Arn: z.string(),
  CreateDate: date,
  GroupList: z.array(z.string()).default([]),
  AttachedManagedPolicies: attached,
  UserPolicyList: inline,
});
const groupSchema = z.object({ GroupName: z.string(), AttachedManagedPolicies: attached, GroupPolicyList: inline });
const roleSchema = z.object({ RoleName: z.string(), Arn: z.string(), AssumeRolePolicyDocument: z.unknown() });
const policySchema = z.object({
  PolicyName: z.string(),
  Arn: z.string(),
  DefaultVersionId: z.string().optional(),
  PolicyVersionList: z.array(z.object({ Document: z.unknown(), VersionId: z.string().optional(), IsDefaultVersion: z.boolean().optional() })).default([]),
});

const pageSchema = z.object({
  IsTruncated: z.boolean().optional(),
  Marker: z.string().optional(),
  UserDetailList: z.array(userSchema).default([]),
  GroupDetailList: z.array(groupSchema).default([]),
  RoleDetailList: z.array(roleSchema).default([]),
  Policies: z.array(policySchema).default([]),
});
const pagesSchema = z.array(pageSchema).min(1);

export class AuthorizationDetailsError extends Error {}

export interface ParsedAuthorizationDetails {
  readonly details: AuthorizationDetails;
  readonly records: number;
  /** Why the export is not whole (its last page says more follow): it is `partial`. */
  readonly problems: readonly string[];
}

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

export function parseAuthorizationDetails(raw: unknown): ParsedAuthorizationDetails {
  // Parse by shape rather than with a union, so errors name the offending field.
  const parsed = Array.isArray(raw) ? pagesSchema.safeParse(raw) : pageSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`);
    throw new AuthorizationDetailsError(`not GetAccountAuthorizationDetails output: ${first.join('; ')}`);
  }
  const pages = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const rawPages = (Array.isArray(raw) ? raw : [raw]) as Record<string, unknown>[];
  // `{}` is no export at all: GetAccountAuthorizationDetails always returns its lists, even empty.
  if (!rawPages.some((p) => LISTS.some((l) => l in p))) throw new AuthorizationDetailsError(`not GetAccountAuthorizationDetails output: none of ${LISTS.join(', ')} present`);
  const problems: string[] = [];
  if (pages[pages.length - 1].IsTruncated === true) problems.push(`${Array.isArray(raw) ? `page ${pages.length}` : 'the export'} says IsTruncated: true, but no later page is present: the export is cut`);
  const users = pages.flatMap((p) => p.UserDetailList);
  const groups = pages.flatMap((p) => p.GroupDetailList);
  const roles = pages.flatMap((p) => p.RoleDetailList);
  const policies = pages.flatMap((p) => p.Policies);

  const decode = (where: string, list: readonly { PolicyName: string; PolicyDocument: unknown }[]): InlinePolicy[] =>
    list.map((p) => ({ name: p.PolicyName, document: document(`${where} policy ${p.PolicyName}`, p.PolicyDocument) }));
  const att = (list: readonly { PolicyName: string; PolicyArn: string }[]): AttachedPolicy[] => list.map((p) => ({ name: p.PolicyName, arn: p.PolicyArn }));

  const details: AuthorizationDetails = {
    users: users.map((u) => ({
      name: u.UserName,
      arn: u.Arn,
      createdAt: u.CreateDate,
      groups: u.GroupList,
      attached: att(u.AttachedManagedPolicies),
      inline: decode(`user ${u.UserName}`, u.UserPolicyList),
    })),
    groups: groups.map((g) => ({ name: g.GroupName, attached: att(g.AttachedManagedPolicies), inline: decode(`group ${g.GroupName}`, g.GroupPolicyList) })),
    roles: roles.map((r) => ({ name: r.RoleName, arn: r.Arn, trustPolicy: document(`role ${r.RoleName} trust`, r.AssumeRolePolicyDocument) })),
    policies: policies.map((p) => {
      const version = p.PolicyVersionList.find((v) => v.IsDefaultVersion === true || (p.DefaultVersionId !== undefined && v.VersionId === p.DefaultVersionId));
      return { name: p.PolicyName, arn: p.Arn, document: version ? document(`policy ${p.PolicyName}`, version.Document) : undefined };
    }),
  };
  problems.push(...undocumentedPolicies(details));
  return { details, records: users.length + groups.length + roles.length + policies.length, problems };
}

/**
 * Managed policies attached to a user or group whose default version the export does not carry
 * (a filtered export): effective access cannot be judged without them.
 */
function undocumentedPolicies(details: AuthorizationDetails): string[] {
  const documented = new Set(details.policies.filter((p) => p.document !== undefined).map((p) => p.arn));
  const missing = new Map<string, string>();
  for (const holder of [...details.users.map((u) => ({ who: `user ${u.name}`, attached: u.attached })), ...details.groups.map((g) => ({ who: `group ${g.name}`, attached: g.attached }))]) {
    for (const p of holder.attached) if (!documented.has(p.arn) && !missing.has(p.arn)) missing.set(p.arn, holder.who);
  }
  return [...missing].map(([arn, who]) => `managed policy ${arn} (attached to ${who}) has no default-version document in the export: effective access cannot be judged`);
}

function document(where: string, raw: unknown) {
  try {
    return decodePolicyDocument(raw);
  } catch (err) {
    // The decoder's message may quote the document: say only which one it was, and the field.
    // One issue at most: the document's only key, Statement, is a union, which fails as one.
    const issue = err instanceof z.ZodError ? err.issues[0] : undefined;
    throw new AuthorizationDetailsError(`${where}: not a readable policy document${issue ? ` (${formatPath(issue.path) || 'document'}: ${issue.message})` : ''}`);
  }
}
