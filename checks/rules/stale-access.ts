import { isDeparted } from '../../lib/config/roster';
import type { CredentialUser } from '../model/credentials';
import type { Finding } from '../report-model';
import { type CheckDefinition, daysSince, peopleById, type RuleContext } from './context';
import { usedAfterDeparture } from './used-after-departure';

/**
 * Departed people's logins still open or used after they left, and credentials nobody uses or
 * rotates (CONTRACT §5). The events serve `used-after-departure` only.
 */
export const staleAccess: CheckDefinition = {
  check: 'stale-access',
  needs: ['credentialReport', 'events'],
  run({ credentialReport, events }, ctx) {
    const people = peopleById(ctx.config);
    const open = credentialReport.users.flatMap((u) => {
      const person = people.get(u.user);
      if (person && isDeparted(person, ctx.asOfDate)) return departedActive(u, person.endDate, ctx);
      return [...passwordUnused(u, ctx), ...keysUnused(u, ctx), ...keysNotRotated(u, ctx)];
    });
    return [...open, ...usedAfterDeparture(credentialReport, events, ctx)];
  },
};

const finding = (u: CredentialUser, rule: string, severity: Finding['severity'], summary: string, evidence: Finding['evidence']): Finding => ({
  check: 'stale-access',
  rule,
  principal: u.user,
  severity,
  summary,
  evidence: { arn: u.arn, ...evidence },
});

function departedActive(u: CredentialUser, endDate: string | undefined, ctx: RuleContext): Finding[] {
  const keys = u.keys.filter((k) => k.active).map((k) => `access key ${k.slot}`);
  const open = [...(u.passwordEnabled ? ['a console password'] : []), ...keys];
  if (open.length === 0) return [];
  const left = endDate ? `left on ${endDate}` : 'is marked departed';
  return [
    finding(u, 'departed-person-active', 'high', `${u.user} ${left} but still has ${open.join(' and ')}: disable them today.`, {
      open,
      endDate: endDate ?? null,
      asOf: ctx.asOfDate,
    }),
  ];
}

function passwordUnused(u: CredentialUser, ctx: RuleContext): Finding[] {
  const { staleDays } = ctx.config.thresholds;
  if (!u.passwordEnabled) return [];
  if (u.passwordLastUsed !== 'never') {
    const idle = daysSince(u.passwordLastUsed, ctx.asOf);
    if (idle <= staleDays) return [];
    return [finding(u, 'password-unused', 'medium', `${u.user}'s console password was last used ${idle} days ago (limit ${staleDays}): remove it or confirm it is needed.`, { passwordLastUsed: u.passwordLastUsed, idleDays: idle })];
  }
  // A new hire who has not signed in yet is not stale until the user is older than staleDays.
  const age = daysSince(u.createdAt, ctx.asOf);
  if (age <= staleDays) return [];
  return [finding(u, 'password-unused', 'medium', `${u.user}'s console password has never been used and the user is ${age} days old: remove it.`, { passwordLastUsed: null, userCreated: u.createdAt })];
}

function keysUnused(u: CredentialUser, ctx: RuleContext): Finding[] {
  const { staleDays } = ctx.config.thresholds;
  return u.keys.flatMap((k) => {
    if (!k.active || k.lastUsed === 'unknown') return [];
    if (k.lastUsed !== 'never') {
      const idle = daysSince(k.lastUsed, ctx.asOf);
      if (idle <= staleDays) return [];
      return [finding(u, 'access-key-unused', 'medium', `${u.user}'s access key ${k.slot} was last used ${idle} days ago (limit ${staleDays}): deactivate it.`, { key: k.slot, lastUsed: k.lastUsed, idleDays: idle })];
    }
    const created = k.lastRotated ?? u.createdAt;
    const age = daysSince(created, ctx.asOf);
    if (age <= staleDays) return [];
    return [finding(u, 'access-key-unused', 'medium', `${u.user}'s access key ${k.slot} has never been used in ${age} days: deactivate it.`, { key: k.slot, lastUsed: null, created })];
  });
}

function keysNotRotated(u: CredentialUser, ctx: RuleContext): Finding[] {
  const { keyRotationDays } = ctx.config.thresholds;
  return u.keys.flatMap((k) => {
    if (!k.active || k.lastRotated === undefined) return [];
    const age = daysSince(k.lastRotated, ctx.asOf);
    if (age <= keyRotationDays) return [];
    return [finding(u, 'access-key-not-rotated', 'medium', `${u.user}'s access key ${k.slot} was last rotated ${age} days ago (limit ${keyRotationDays}): rotate it.`, { key: k.slot, lastRotated: k.lastRotated, ageDays: age })];
  });
}
