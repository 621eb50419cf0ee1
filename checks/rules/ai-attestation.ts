import { dateInZone, isDeparted } from '../../lib/config/roster';
import type { AiAttestation } from '../model/attestations';
import type { Finding } from '../report-model';
import { daysBetween } from '../checklist/dates';
import { type CheckDefinition, peopleById, type RuleContext, sample } from './context';
import { groupBy } from './group-by';

/** Attestations faster than this after the suggestion are not a review. */
export const RUBBER_STAMP_MS = 15_000;
/** This many such attestations in the window make a finding. */
export const RUBBER_STAMP_CLAIMS = 5;

/**
 * Whether a human, qualified to code, reviewed every AI-suggested code before the claim went out
 * (the coding system's attestation export). No export in the evidence: nothing to examine.
 */
export const aiAttestation: CheckDefinition = {
  check: 'ai-attestation',
  needs: ['attestations', 'register'],
  registerSections: ['training'],
  run({ attestations, register }, ctx) {
    const rows = attestations.rows.filter((r) => inWindow(r, ctx));
    // Stryker disable next-line ArrayDeclaration: a stand-in row has no personId, so no one is found trained by it, as by none.
    const training = register.training ?? [];
    return [...unattested(rows), ...nonCoders(rows, training, ctx), ...rubberStamps(rows)];
  },
};

/** A claim belongs to the window when it was suggested, attested or submitted in it. */
function inWindow(r: AiAttestation, ctx: RuleContext): boolean {
  const from = ctx.window.from.getTime();
  const to = ctx.window.to.getTime();
  if (r.suggestedMs > to) return false;
  return [r.suggestedMs, r.attestedMs, r.submittedMs].some((t) => t !== undefined && t >= from && t <= to);
}

/** `attestedBy`, or the claim when nobody attested (CONTRACT §4). */
const principalOf = (r: AiAttestation) => r.attestedBy ?? r.claimId;

function unattested(rows: readonly AiAttestation[]): Finding[] {
  const bad = rows.flatMap((r): { r: AiAttestation; why: string }[] => {
    if (r.suggestedCodes.length === 0) return [];
    if (r.attestedMs === undefined) return [{ r, why: 'never attested' }];
    // A claim not yet submitted was submitted before nothing.
    if ((r.submittedMs ?? Infinity) < r.attestedMs) return [{ r, why: 'submitted before attestation' }];
    return [];
  });
  return [...groupBy(bad, (x) => principalOf(x.r)).entries()].map(([principal, list]) => ({
    check: 'ai-attestation',
    rule: 'unattested-ai-codes',
    principal,
    severity: 'high',
    summary: `${list.length} claim${list.length === 1 ? '' : 's'} with AI-suggested codes${list[0].r.attestedBy === undefined ? '' : ` assigned to ${principal}`} not attested before submission (${list.filter((x) => x.why === 'never attested').length} never attested; first suggested ${list[0].r.suggestedAt}): hold or correct ${list.length === 1 ? 'it' : 'them'} until a coder has reviewed every code.`,
    evidence: {
      count: list.length,
      claims: sample(list).map(({ r, why }) => ({ claimId: r.claimId, suggestedAt: r.suggestedAt, ...(r.attestedAt ? { attestedAt: r.attestedAt } : {}), ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}), why })),
    },
  }));
}

function nonCoders(rows: readonly AiAttestation[], training: readonly { personId: string; completedOn: string }[], ctx: RuleContext): Finding[] {
  const people = peopleById(ctx.config);
  const zone = ctx.config.organization.timezone;
  const { trainingDays } = ctx.config.thresholds;
  const trainedOn = groupBy(training, (t) => t.personId);
  const bad = rows.flatMap((r) => {
    if (r.attestedBy === undefined || r.attestedMs === undefined) return [];
    const day = dateInZone(new Date(r.attestedMs), zone);
    const person = people.get(r.attestedBy);
    let why: string | undefined;
    if (person === undefined) why = 'not in the roster';
    else if (person.role !== 'coder' && person.role !== 'lead') why = `role ${person.role}, not coder or lead`;
    else if (isDeparted(person, day)) why = 'departed';
    else if (trainedOn.get(person.id)?.some((t) => t.completedOn <= day && daysBetween(t.completedOn, day) <= trainingDays) !== true) {
      why = `no training within ${trainingDays} days before attesting`;
    }
    return why === undefined ? [] : [{ r, why }];
  });
  return [...groupBy(bad, (x) => x.r.attestedBy as string).entries()].map(([principal, list]) => ({
    check: 'ai-attestation',
    rule: 'attested-by-non-coder',
    principal,
    severity: 'high',
    summary: `${principal} attested ${list.length} AI-suggested claim${list.length === 1 ? '' : 's'} without being a trained, active coder (${list[0].why}; first ${list[0].r.attestedAt}): have a qualified coder re-review them.`,
    evidence: { count: list.length, why: [...new Set(list.map((x) => x.why))], claims: sample(list).map(({ r }) => ({ claimId: r.claimId, attestedAt: r.attestedAt })) },
  }));
}

function rubberStamps(rows: readonly AiAttestation[]): Finding[] {
  // An attestation with no time recorded is never fast.
  const fast = rows.filter((r) => r.attestedBy !== undefined && (r.attestedMs ?? Infinity) - r.suggestedMs < RUBBER_STAMP_MS);
  return [...groupBy(fast, (r) => r.attestedBy as string).entries()]
    .filter(([, list]) => list.length >= RUBBER_STAMP_CLAIMS)
    .map(([principal, list]) => ({
      check: 'ai-attestation',
      rule: 'rubber-stamp',
      principal,
      severity: 'medium',
      summary: `${principal} attested ${list.length} AI-suggested claims less than ${RUBBER_STAMP_MS / 1000} seconds after the suggestion (first ${list[0].attestedAt}): review a sample of them and coach on checking every code.`,
      evidence: {
        count: list.length,
        claims: sample(list).map((r) => ({ claimId: r.claimId, suggestedAt: r.suggestedAt, attestedAt: r.attestedAt, seconds: ((r.attestedMs as number) - r.suggestedMs) / 1000 })),
      },
    }));
}
