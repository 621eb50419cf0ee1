import { activePeople, dateInZone } from '../../lib/config/roster';
import type { ChecklistEvidenceKind } from '../engine';
import { type ChecklistContext, error, fail, findingsOf, noEvidence, pass, type RegisterSection, type Verdict, verdict } from './context';
import { groupBy } from '../rules/group-by';
import { baaProblem } from '../rules/baa';
import { earliest, latest, staleness } from './dates';

/** One checklist item of CONTRACT §7: which register section it reads and how it decides. */
export interface ItemRule {
  readonly item: number;
  readonly section: RegisterSection;
  /** IAM evidence the item reads itself; unreadable or partial, the item is `error`. */
  readonly evidence?: readonly ChecklistEvidenceKind[];
  evaluate(ctx: ChecklistContext): Verdict;
}

const YEAR = 365;

function dated(section: RegisterSection, what: string, date: string | undefined, ctx: ChecklistContext, days: number): Verdict {
  if (date === undefined) return noEvidence(section);
  const why = staleness(date, ctx.asOfDate, days);
  return why ? fail([`${what}: last on ${why}`]) : pass(`${what} on ${date}`);
}

/**
 * The rules of the eight items. Built for each checklist rather than once at import, so that
 * a mutation test knows which tests read each entry (a table built at import is reached by no
 * test in particular, and only tests that import it afresh would be run against its mutants).
 */
export function itemRules(): readonly ItemRule[] {
  return [
    {
      item: 1,
      section: 'riskAnalysis',
      evaluate: (ctx) => dated('riskAnalysis', 'risk analysis', ctx.register.riskAnalysis?.completedOn, ctx, YEAR),
    },
    { item: 2, section: 'baas', evidence: ['authorization'], evaluate: baas },
    {
      item: 3,
      section: 'accessReviews',
      evaluate(ctx) {
        const creep = findingsOf(ctx, 'privilege-creep');
        const reasons = creep.map((f) => `privilege-creep ${f.rule}: ${f.summary}`);
        const reviews = ctx.register.accessReviews;
        reasons.push(...unknownPeople(ctx, 'accessReviews', (reviews ?? []).map((r) => r.reviewer), 'reviewer'));
        if (reviews === undefined || reviews.length === 0) reasons.push('no evidence: no access review in the register ("accessReviews")');
        else {
          const last = latest(reviews.map((r) => r.reviewedOn)) as string;
          const why = staleness(last, ctx.asOfDate, ctx.config.thresholds.accessReviewDays);
          if (why) reasons.push(`access review: last on ${why}`);
        }
        return verdict(reasons, 'no privilege-creep finding; access review current');
      },
    },
    {
      item: 4,
      section: 'logReviews',
      evaluate(ctx) {
        const reviews = ctx.register.logReviews ?? [];
        const unknown = unknownPeople(ctx, 'logReviews', reviews.map((r) => r.reviewer), 'reviewer');
        const decided = dated('logReviews', 'log review', latest(reviews.map((r) => r.reviewedOn)), ctx, ctx.config.thresholds.logReviewDays);
        return unknown.length > 0 ? fail([...unknown, ...(decided.status === 'fail' ? decided.reasons : [])]) : decided;
      },
    },
    { item: 5, section: 'training', evidence: ['credentialReport'], evaluate: training },
    { item: 6, section: 'devices', evaluate: devices },
    {
      item: 7,
      section: 'breachResponseTest',
      evaluate: (ctx) => dated('breachResponseTest', 'breach response test', ctx.register.breachResponseTest?.testedOn, ctx, YEAR),
    },
    {
      item: 8,
      section: 'stateRules',
      evaluate(ctx) {
        const rules = ctx.register.stateRules;
        if (rules === undefined) return noEvidence('stateRules');
        const reasons = ctx.config.organization.states.flatMap((state) => {
          const reviewed = rules[state]?.reviewedOn;
          if (reviewed === undefined) return [`${state}: no review of state rules on record`];
          const why = staleness(reviewed, ctx.asOfDate, YEAR);
          return why ? [`${state}: state rules last reviewed ${why}`] : [];
        });
        return verdict(reasons, `state rules reviewed for ${ctx.config.organization.states.join(', ') || 'no state'}`);
      },
    },
  ];
}

/**
 * Entries naming someone who is not in the config's `people`: a review by nobody we know, or
 * training of a stranger, proves nothing (CONTRACT §6).
 */
function unknownPeople(ctx: ChecklistContext, section: RegisterSection, ids: readonly string[], role: string): string[] {
  const known = new Set(ctx.config.people.map((p) => p.id));
  return ids.flatMap((id, i) => (known.has(id) ? [] : [`${section}[${i}]: ${role} "${id}" is not in the config's people`]));
}

function baas(ctx: ChecklistContext): Verdict {
  // evaluateChecklist never asks with unreadable evidence; a direct caller still gets error, never a verdict.
  if (!ctx.evidence.authorization.ok) return error([`roles' trust policies unreadable: ${ctx.evidence.authorization.error}`]);
  const signed = ctx.register.baas;
  if (signed === undefined) return noEvidence('baas');
  const reasons: string[] = [];
  const covered = new Set<string>();
  for (const vendor of ctx.config.vendors.filter((v) => v.touchesPhi)) {
    const why = baaProblem(vendor.name, signed, ctx.asOfDate);
    if (why) reasons.push(`${vendor.name}: ${why}`);
    else vendor.awsAccountIds.forEach((id) => covered.add(id));
  }
  const aiWithoutBaa = findingsOf(ctx, 'ai-use').filter((x) => x.rule === 'ai-service-without-baa');
  for (const [what, list] of groupBy(aiWithoutBaa, (f) => `${String(f.evidence.service)}${f.evidence.provider === undefined ? '' : ` with model provider ${String(f.evidence.provider)}`}`)) {
    reasons.push(`AI service ${what} used without a BAA covering it, by ${[...new Set(list.map((f) => f.principal))].join(', ')} (ai-use ai-service-without-baa)`);
  }
  for (const role of ctx.evidence.authorization.value.roles) {
    const own = role.arn.split(':')[4];
    for (const principal of role.trustPolicy.statements.filter((s) => s.effect === 'Allow').flatMap((s) => s.awsPrincipals)) {
      const account = principal === '*' ? '*' : (/^\d{12}$/.test(principal) ? principal : principal.split(':')[4]);
      // The organization's own accounts (multi-account evidence) are not outsiders.
      if (account === undefined || account === own || ctx.evidence.accounts?.includes(account)) continue;
      if (account === '*') reasons.push(`role ${role.name} trusts any AWS account: restrict its trust policy`);
      else if (!covered.has(account)) reasons.push(`role ${role.name} trusts AWS account ${account}, which belongs to no PHI vendor with a current BAA`);
    }
  }
  return verdict(reasons, 'every PHI vendor has a current BAA; every trusted external account belongs to one; no AI service used without one');
}

function training(ctx: ChecklistContext): Verdict {
  if (!ctx.evidence.credentialReport.ok) return error([`IAM users' creation dates unreadable: ${ctx.evidence.credentialReport.error}`]);
  const records = ctx.register.training;
  if (records === undefined) return noEvidence('training');
  const strangers = unknownPeople(ctx, 'training', records.map((r) => r.personId), 'trainee');
  const { trainingDays } = ctx.config.thresholds;
  const zone = ctx.config.organization.timezone;
  // With several accounts a person has a user in each: the first one created must follow training.
  const created = new Map<string, string>();
  for (const u of ctx.evidence.credentialReport.value.users) {
    const day = dateInZone(new Date(u.createdAt), zone);
    const before = created.get(u.user);
    // Stryker disable next-line EqualityOperator: day <= before differs only when the days are equal, and then it sets the same value.
    if (before === undefined || day < before) created.set(u.user, day);
  }
  const byPerson = groupBy(records, (r) => r.personId);
  const reasons = activePeople(ctx.config, ctx.asOfDate).flatMap((p) => {
    // Stryker disable next-line ArrayDeclaration: a stand-in record has no completedOn, so the date filter drops it and the person is "no training on record" either way.
    const mine = byPerson.get(p.id) ?? [];
    const last = latest(mine.filter((r) => r.completedOn <= ctx.asOfDate).map((r) => r.completedOn));
    if (last === undefined) return [`${p.id}: no training on record`];
    const problems = staleness(last, ctx.asOfDate, trainingDays) ? [`${p.id}: last training ${last} is older than ${trainingDays} days`] : [];
    // A user created within trainingDays must also have been trained before getting access.
    const since = created.get(p.id);
    if (since !== undefined && staleness(since, ctx.asOfDate, trainingDays) === undefined && !mine.some((r) => r.completedOn <= since)) {
      problems.push(`${p.id}: IAM user created ${since} without training on or before that day (first trained ${earliest(mine.map((r) => r.completedOn))})`);
    }
    return problems;
  });
  return verdict([...strangers, ...reasons], 'every active person trained');
}

function devices(ctx: ChecklistContext): Verdict {
  const list = ctx.register.devices;
  const reasons = findingsOf(ctx, 'vpn-bypass').map((f) => `vpn-bypass: ${f.summary}`);
  if (list === undefined) return fail([...reasons, 'no evidence: the register has no "devices" section']);
  reasons.push(...unknownPeople(ctx, 'devices', list.map((d) => d.personId), 'device owner'));
  const days = ctx.config.thresholds.accessReviewDays;
  const byPerson = groupBy(list, (d) => d.personId);
  for (const p of activePeople(ctx.config, ctx.asOfDate)) {
    const mine = byPerson.get(p.id) ?? [];
    if (mine.length === 0) reasons.push(`${p.id}: no device on record`);
    else if (!mine.some((d) => d.encrypted)) reasons.push(`${p.id}: no encrypted device on record (${mine.map((d) => d.deviceId).join(', ')})`);
    else if (!mine.some((d) => d.encrypted && staleness(d.vpnVerifiedOn, ctx.asOfDate, days) === undefined)) {
      reasons.push(`${p.id}: VPN last verified ${latest(mine.filter((d) => d.encrypted).map((d) => d.vpnVerifiedOn))}, older than ${days} days`);
    }
  }
  return verdict(reasons, 'every active person has an encrypted, VPN-verified device; no vpn-bypass finding');
}
