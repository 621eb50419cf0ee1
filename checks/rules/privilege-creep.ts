import { groupsFor, isDeparted, specialtyOfGroup } from '../../lib/config/roster';
import type { Person } from '../../lib/config/schema';
import type { AuthorizationDetails, IamUser } from '../model/iam';
import type { Finding } from '../report-model';
import { type CheckDefinition, peopleById, type RuleContext } from './context';
import { UndecidableAccessError } from './effective-access';
import { excessPhiReach } from './excess-phi-reach';
import { IncompleteCheckError } from './incomplete-check';
import { accessOf, isAdminEquivalent, phiSpecialtiesReached, policiesOfGroup, policiesOfUser } from './policy-reach';
import { privilegeEscalation } from './privilege-escalation';

/**
 * Access beyond what a person's current role and specialties give. Departed people are
 * stale-access's concern; service accounts are exempt.
 */
export const privilegeCreep: CheckDefinition = {
  check: 'privilege-creep',
  needs: ['authorization'],
  run({ authorization }, ctx) {
    const people = peopleById(ctx.config);
    const undecided: string[] = [];
    const findings = authorization.users.flatMap((user) => {
      const person = people.get(user.name);
      if (!person || isDeparted(person, ctx.asOfDate)) return [];
      const access = accessOf(authorization, user);
      const found = [...excessGroups(user, person, authorization, ctx), ...directPolicies(user), ...adminEquivalent(user, person, authorization)];
      // One person's undecidable policy leaves the others judged: the check is error, their findings stay.
      try {
        return [
          ...found,
          ...excessPhiReach(person, user.name, access.evaluate, ctx),
          ...privilegeEscalation(person, user.name, access.evaluate, access.policies, authorization, access.principal.account),
        ];
      } catch (err) {
        if (!(err instanceof UndecidableAccessError)) throw err;
        undecided.push(err.message);
        return found;
      }
    });
    if (undecided.length > 0) throw new IncompleteCheckError(findings, undecided);
    return findings;
  },
};

function excessGroups(user: IamUser, person: Person, details: AuthorizationDetails, ctx: RuleContext): Finding[] {
  const given = new Set(groupsFor(person));
  const own = new Set(person.specialties);
  const others = ctx.config.specialties.filter((s) => !own.has(s));
  return user.groups
    .filter((g) => !given.has(g))
    .map((group) => {
      const bySpecialtyGroup = specialtyOfGroup(group);
      const reached = new Set([
        ...(bySpecialtyGroup !== undefined && !own.has(bySpecialtyGroup) ? [bySpecialtyGroup] : []),
        ...policiesOfGroup(details, group).flatMap((p) => phiSpecialtiesReached(p, ctx.config.storage.phiBucketName, others)),
      ]);
      const phi = [...reached];
      const reach = phi.length > 0 ? ` and reaches ${phi.join(', ')} PHI` : '';
      return {
        check: 'privilege-creep',
        rule: 'excess-group',
        principal: user.name,
        severity: phi.length > 0 ? 'high' : 'medium',
        summary: `${user.name} (${person.role}${person.specialties.length ? `, ${person.specialties.join(', ')}` : ''}) is in group ${group}, which the role does not give${reach}: remove the membership.`,
        evidence: { group, expectedGroups: [...given], otherSpecialtyPhi: phi },
      } satisfies Finding;
    });
}

function directPolicies(user: IamUser): Finding[] {
  const policies: { name: string; kind: string; arn?: string }[] = [
    ...user.attached.map((p) => ({ name: p.name, kind: 'managed', arn: p.arn })),
    ...user.inline.map((p) => ({ name: p.name, kind: 'inline' })),
  ];
  return policies.map((p) => ({
    check: 'privilege-creep',
    rule: 'direct-policy',
    principal: user.name,
    severity: 'medium',
    summary: `${user.name} has the ${p.kind} policy ${p.name} attached directly: grant access through the role's groups and detach it.`,
    evidence: { policy: p.name, kind: p.kind, ...(p.arn ? { arn: p.arn } : {}) },
  }));
}

function adminEquivalent(user: IamUser, person: Person, details: AuthorizationDetails): Finding[] {
  if (person.role === 'admin') return [];
  const hits = policiesOfUser(details, user).filter(isAdminEquivalent);
  if (hits.length === 0) return [];
  const names = hits.map((p) => `${p.name} (${p.via})`);
  return [
    {
      check: 'privilege-creep',
      rule: 'admin-equivalent',
      principal: user.name,
      severity: 'high',
      summary: `${user.name} (role ${person.role}) holds administrator-equivalent access through ${names.join(', ')}: remove it.`,
      evidence: { policies: hits.map((p) => ({ name: p.name, via: p.via, ...(p.arn ? { arn: p.arn } : {}) })) },
    },
  ];
}
