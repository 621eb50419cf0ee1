import type { Person } from '../../lib/config/schema';
import type { Finding } from '../report-model';
import type { RuleContext } from './context';
import type { AccessEvaluator } from './effective-access';

/** Reading or writing a PHI object, and listing a prefix (its keys name patients). */
export const PHI_OBJECT_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'] as const;

/** A key under no specialty's prefix: reaching it means reaching the whole bucket. */
const OUTSIDE_EVERY_SPECIALTY = 'coding-env-audit-probe/any-object';

/**
 * privilege-creep `excess-phi-reach`: a person (not an admin: admins are judged by
 * admin-equivalent) whose effective permissions reach PHI under a specialty they are not
 * assigned, or anywhere in the bucket (45 CFR 164.502(b), 164.514(d)). Every policy reaching the
 * user counts, the groups their role gives included: a `coders-<s>` group widened to the bucket
 * is found here, not by excess-group.
 */
export function excessPhiReach(person: Person, userName: string, evaluate: AccessEvaluator, ctx: RuleContext): Finding[] {
  if (person.role === 'admin') return [];
  const bucket = ctx.config.storage.phiBucketName;
  const own = new Set(person.specialties);
  const targets = [
    ...ctx.config.specialties.filter((s) => !own.has(s)).map((s) => ({ where: s, key: `${s}/coding-env-audit-probe`, prefix: `${s}/` })),
    { where: 'the whole bucket', key: OUTSIDE_EVERY_SPECIALTY, prefix: undefined },
  ];
  const reached: { where: string; actions: string[]; grantedBy: Set<string>; assumed: Set<string> }[] = [];
  for (const t of targets) {
    const hit = { where: t.where, actions: [] as string[], grantedBy: new Set<string>(), assumed: new Set<string>() };
    const questions = [
      ...PHI_OBJECT_ACTIONS.map((action) => ({ action, resource: `arn:aws:s3:::${bucket}/${t.key}` })),
      { action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}`, ...(t.prefix === undefined ? {} : { context: { 's3:prefix': t.prefix } }) },
    ];
    for (const q of questions) {
      const v = evaluate(q);
      if (!v.allowed) continue;
      hit.actions.push(q.action);
      v.grantedBy.forEach((g) => hit.grantedBy.add(g));
      v.assumedConditions.forEach((c) => hit.assumed.add(c));
    }
    if (hit.actions.length > 0) reached.push(hit);
  }
  if (reached.length === 0) return [];
  const where = reached.map((r) => r.where);
  const through = [...new Set(reached.flatMap((r) => [...r.grantedBy]))];
  const assigned = person.specialties.length > 0 ? person.specialties.join(', ') : 'no specialty';
  return [
    {
      check: 'privilege-creep',
      rule: 'excess-phi-reach',
      principal: userName,
      severity: 'high',
      summary: `${userName} (${person.role}, ${assigned}) can reach PHI under ${where.join(', ')} through ${through.join('; ')}: narrow the policy to the person's own specialties or remove it.`,
      evidence: {
        assignedSpecialties: [...person.specialties],
        reached: reached.map((r) => ({ where: r.where, actions: r.actions, grantedBy: [...r.grantedBy], ...(r.assumed.size > 0 ? { ifConditionsHold: [...r.assumed] } : {}) })),
      },
    },
  ];
}
