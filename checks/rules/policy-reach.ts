import type { AuthorizationDetails, IamGroup, IamUser, PolicyDocument } from '../model/iam';
import { type AccessEvaluator, type AccessPrincipal, effectiveAccess, type PolicySource } from './effective-access';

/** Which policies reach a user (own and through groups), and what those policies allow. */

export interface ReachingPolicy {
  /** Where the policy is attached: `user` or `group <name>`. */
  readonly via: string;
  readonly name: string;
  readonly arn?: string;
  readonly document?: PolicyDocument;
}

export function policiesOfGroup(details: AuthorizationDetails, group: string): ReachingPolicy[] {
  const { groups, docs } = indexOf(details);
  const g = groups.get(group);
  if (!g) return [];
  return [
    ...g.attached.map((p) => ({ via: `group ${group}`, name: p.name, arn: p.arn, document: docs.get(p.arn) })),
    ...g.inline.map((p) => ({ via: `group ${group}`, name: p.name, document: p.document })),
  ];
}

export function policiesOfUser(details: AuthorizationDetails, user: IamUser): ReachingPolicy[] {
  const { docs } = indexOf(details);
  return [
    ...user.attached.map((p) => ({ via: 'user', name: p.name, arn: p.arn, document: docs.get(p.arn) })),
    ...user.inline.map((p) => ({ via: 'user', name: p.name, document: p.document })),
    ...user.groups.flatMap((g) => policiesOfGroup(details, g)),
  ];
}

interface Index {
  readonly groups: Map<string, IamGroup>;
  readonly docs: Map<string, PolicyDocument | undefined>;
}
/** Built once per export, so lookups do not grow with the number of users. */
const indexes = new WeakMap<AuthorizationDetails, Index>();
function indexOf(details: AuthorizationDetails): Index {
  let index = indexes.get(details);
  if (!index) {
    index = { groups: new Map(details.groups.map((g) => [g.name, g])), docs: new Map(details.policies.map((p) => [p.arn, p.document])) };
    indexes.set(details, index);
  }
  return index;
}

const ADMIN_POLICIES = new Set(['AdministratorAccess', 'IAMFullAccess']);

/** AdministratorAccess, IAMFullAccess, or an Allow of `*` / `iam:*`. */
export function isAdminEquivalent(p: ReachingPolicy): boolean {
  if (p.arn?.startsWith('arn:aws:iam::aws:policy/') && ADMIN_POLICIES.has(p.name)) return true;
  return p.document?.statements.some((s) => s.effect === 'Allow' && s.actions.some((a) => a === '*' || a.toLowerCase() === 'iam:*')) === true;
}

/** The specialties whose PHI prefix (`<s>/...` in the PHI bucket) an Allow on S3 reaches. */
export function phiSpecialtiesReached(p: ReachingPolicy, bucket: string, specialties: readonly string[]): string[] {
  const reached = new Set<string>();
  if (!p.document) return [];
  for (const s of p.document.statements) {
    if (s.effect !== 'Allow' || !s.actions.some((a) => a === '*' || a.toLowerCase().startsWith('s3:'))) continue;
    for (const resource of s.resources) {
      const pattern = glob(resource);
      for (const specialty of specialties) {
        if (pattern.test(`arn:aws:s3:::${bucket}/${specialty}/x`)) reached.add(specialty);
      }
    }
  }
  return [...reached];
}

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/**
 * The effective-access evaluator of a user's whole policy set. A managed policy whose document
 * the export does not carry is left out (the loader reports the export as incomplete).
 */
export function accessOf(details: AuthorizationDetails, user: IamUser): { evaluate: AccessEvaluator; principal: AccessPrincipal; policies: PolicySource[] } {
  const policies = policiesOfUser(details, user).flatMap((p) => (p.document ? [{ via: p.via, name: p.name, document: p.document }] : []));
  const principal = { userName: user.name, arn: user.arn, account: user.arn.split(':')[4] ?? '' };
  return { evaluate: effectiveAccess(principal, policies), principal, policies };
}
