import { dateInZone, isDeparted } from '../../lib/config/roster';
import type { Person } from '../../lib/config/schema';
import type { CredentialReport, CredentialUser } from '../model/credentials';
import type { AuditEvent } from '../model/events';
import type { Finding } from '../report-model';
import { type RuleContext, sample } from './context';

/**
 * stale-access `used-after-departure`: a departed person's IAM user used a credential after
 * their `endDate` (45 CFR 164.308(a)(3)(ii)(C)). "After" is a later day than `endDate` in
 * `organization.timezone`: the last day itself is still a working day. Sources: the credential
 * report's last-used times (any time, not only the window) and the window's CloudTrail events of
 * that user. A failed sign-in is an attempt, not a use; a denied API call used a valid credential.
 * A departed person without `endDate` has no day to compare with (departed-person-active covers them).
 */
export function usedAfterDeparture(report: CredentialReport, events: readonly AuditEvent[], ctx: RuleContext): Finding[] {
  const { timezone } = ctx.config.organization;
  const after = (endDate: string, iso: string) => {
    const ms = Date.parse(iso);
    return !Number.isNaN(ms) && dateInZone(new Date(ms), timezone) > endDate;
  };
  const leavers = new Map<string, Person & { endDate: string }>();
  for (const p of ctx.config.people) {
    // Stryker disable next-line ConditionalExpression: kept, a departed person without endDate would match nothing (no day is after undefined); the guard is for the type checker.
    if (p.endDate === undefined) continue;
    if (isDeparted(p, ctx.asOfDate)) leavers.set(p.id, p as Person & { endDate: string });
  }
  // Stryker disable next-line ConditionalExpression: with no leavers the lookups below find none either; this is the fast path for the usual case.
  if (leavers.size === 0) return [];

  const reported = new Map<string, { credential: string; lastUsed: string }[]>();
  for (const u of report.users) {
    const person = leavers.get(u.user);
    if (person) reported.set(u.user, lastUses(u).filter((c) => after(person.endDate, c.lastUsed)));
  }
  const seen = new Map<string, AuditEvent[]>();
  for (const e of events) {
    if (e.identityType !== 'IAMUser') continue;
    // Stryker disable next-line ConditionalExpression: a record without a user name names no leaver either; the guard is for the type checker.
    if (e.userName === undefined) continue;
    const person = leavers.get(e.userName);
    if (!person || (e.eventName === 'ConsoleLogin' && !e.success) || !after(person.endDate, e.time)) continue;
    const list = seen.get(e.userName) ?? [];
    list.push(e);
    seen.set(e.userName, list);
  }

  return [...leavers.values()].flatMap((person): Finding[] => {
    const credentials = reported.get(person.id) ?? [];
    const used = seen.get(person.id) ?? [];
    if (credentials.length === 0 && used.length === 0) return [];
    const latest = [...credentials.map((c) => c.lastUsed), ...used.map((e) => e.time)].sort((a, b) => Date.parse(b) - Date.parse(a))[0];
    const how = used.length > 0 ? `${used.length} logged call${used.length === 1 ? '' : 's'}` : credentials.map((c) => c.credential).join(' and ');
    return [
      {
        check: 'stale-access',
        rule: 'used-after-departure',
        principal: person.id,
        severity: 'high',
        summary: `${person.id} left on ${person.endDate} but their IAM user was used after that (${how}, latest ${latest}): disable it now and treat it as a possible breach.`,
        evidence: {
          endDate: person.endDate,
          credentialReport: credentials,
          events: { count: used.length, ...(used.length > 0 ? { first: used[0].time, last: used[used.length - 1].time } : {}), sample: sample(used).map(brief) },
        },
      },
    ];
  });
}

/** Every last use the report gives; `never`, `unknown` and `N/A` are no date, and `after` drops them. */
function lastUses(u: CredentialUser): { credential: string; lastUsed: string }[] {
  return [{ credential: 'console password', lastUsed: u.passwordLastUsed }, ...u.keys.map((k) => ({ credential: `access key ${k.slot}`, lastUsed: k.lastUsed }))];
}

function brief(e: AuditEvent) {
  return { eventId: e.id, time: e.time, eventName: e.eventName, sourceIp: e.sourceIp };
}
