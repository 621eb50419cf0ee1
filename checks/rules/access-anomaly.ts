import { isDeparted } from '../../lib/config/roster';
import type { AuditEvent } from '../model/events';
import type { Finding } from '../report-model';
import { withinBusinessHours } from './business-hours';
import { type CheckDefinition, peopleById, sample } from './context';
import { groupBy } from './shared-credentials';

/** PHI data events (`s3.amazonaws.com` on the PHI bucket) by people: other specialties' charts, and after hours. */
export const accessAnomaly: CheckDefinition = {
  check: 'access-anomaly',
  needs: ['events'],
  run({ events }, ctx) {
    const { phiBucketName } = ctx.config.storage;
    const people = peopleById(ctx.config);
    const phi = events.filter((e) => e.eventSource === 's3.amazonaws.com' && e.bucket === phiBucketName && e.key !== undefined && e.userName !== undefined && people.has(e.userName));
    const specialties = new Set(ctx.config.specialties);
    const findings: Finding[] = [];

    const offSpecialty = phi.filter((e) => {
      const person = people.get(e.userName as string);
      const specialty = specialtyOfKey(e.key as string);
      return person !== undefined && specialty !== undefined && specialties.has(specialty) && !person.specialties.includes(specialty);
    });
    for (const [k, list] of groupBy(offSpecialty, (e) => `${e.userName}\u0000${specialtyOfKey(e.key as string)}`)) {
      const [user, specialty] = k.split('\u0000');
      const person = people.get(user);
      const denied = list.filter((e) => !e.success).length;
      const departed = person && isDeparted(person, ctx.asOfDate) ? ' (departed)' : '';
      findings.push({
        check: 'access-anomaly',
        rule: 'out-of-specialty',
        principal: user,
        severity: 'high',
        summary: `${user}${departed} touched ${list.length} ${specialty} record${list.length === 1 ? '' : 's'} (${denied} denied) outside their assigned specialties (first ${list[0].time}): ask them and their lead why.`,
        evidence: { specialty, assigned: person?.specialties ?? [], count: list.length, denied, events: sample(list).map(brief) },
      });
    }

    const { timezone, businessHours } = ctx.config.organization;
    const late = phi.filter((e) => !withinBusinessHours(e.timeMs, timezone, businessHours));
    for (const [user, list] of groupBy(late, (e) => e.userName as string)) {
      findings.push({
        check: 'access-anomaly',
        rule: 'after-hours',
        principal: user,
        severity: 'medium',
        summary: `${user} accessed ${list.length} PHI record${list.length === 1 ? '' : 's'} outside business hours (${businessHours.start}-${businessHours.end} ${businessHours.days.join(',')}, ${timezone}), first ${list[0].time}: confirm the work was authorised.`,
        evidence: { count: list.length, timezone, events: sample(list).map(brief) },
      });
    }
    return findings;
  },
};

/** `<specialty>/<patient-id>/...`: the first path segment. Object keys are PHI-adjacent, so findings cite event ids, not keys. */
function specialtyOfKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  return slash > 0 ? key.slice(0, slash) : undefined;
}

function brief(e: AuditEvent) {
  return { eventId: e.id, time: e.time, eventName: e.eventName, sourceIp: e.sourceIp, success: e.success };
}
