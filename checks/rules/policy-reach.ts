import type { AuthorizationDetails, IamUser, PolicyDocument } from '../model/iam';

/** Which policies reach a user (own and through groups), and what those policies allow. */

export interface ReachingPolicy {
  /** Where the policy is attached: `user` or `group <name>`. */
  readonly via: string;
  readonly name: string;
  readonly arn?: string;
  readonly document?: PolicyDocument;
}

export function policiesOfGroup(details: AuthorizationDetails, group: string): ReachingPolicy[] {
  const g = details.groups.find((x) => x.name === group);
  if (!g) return [];
  const docs = managedDocuments(details);
  return [
    ...g.attached.map((p) => ({ via: `group ${group}`, name: p.name, arn: p.arn, document: docs.get(p.arn) })),
    ...g.inline.map((p) => ({ via: `group ${group}`, name: p.name, document: p.document })),
  ];
}

export function policiesOfUser(details: AuthorizationDetails, user: IamUser): ReachingPolicy[] {
  const docs = managedDocuments(details);
  return [
    ...user.attached.map((p) => ({ via: 'user', name: p.name, arn: p.arn, document: docs.get(p.arn) })),
    ...user.inline.map((p) => ({ via: 'user', name: p.name, document: p.document })),
    ...user.groups.flatMap((g) => policiesOfGroup(details, g)),
  ];
}

function managedDocuments(details: AuthorizationDetails): Map<string, PolicyDocument | undefined> {
  return new Map(details.policies.map((p) => [p.arn, p.document]));
}

const ADMIN_POLICIES = new Set(['AdministratorAccess', 'IAMFullAccess']);

/** AdministratorAccess, IAMFullAccess, or an Allow of `*` / `iam:*`. */
export function isAdminEquivalent(p: ReachingPolicy): boolean {
  if (p.arn?.startsWith('arn:aws:iam::aws:policy/') && ADMIN_POLICIES.has(p.name)) return true;
  return (p.document?.statements ?? []).some(
    (s) => s.effect === 'Allow' && s.actions.some((a) => a === '*' || a.toLowerCase() === 'iam:*'),
  );
}

/** The specialties whose PHI prefix (`<s>/...` in the PHI bucket) an Allow on S3 reaches. */
export function phiSpecialtiesReached(p: ReachingPolicy, bucket: string, specialties: readonly string[]): string[] {
  const reached = new Set<string>();
  for (const s of p.document?.statements ?? []) {
    if (s.effect !== 'Allow' || !s.actions.some((a) => a === '*' || a.toLowerCase().startsWith('s3:'))) continue;
    for (const resource of s.resources) {
      for (const specialty of specialties) {
        if (glob(resource).test(`arn:aws:s3:::${bucket}/${specialty}/x`)) reached.add(specialty);
      }
    }
  }
  return [...reached];
}

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
