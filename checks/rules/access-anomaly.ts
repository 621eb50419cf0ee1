import type { CodingEnvConfig } from '../../lib/config/schema';
import { isDeparted } from '../../lib/config/roster';
import type { AuditEvent } from '../model/events';
import type { Finding } from '../report-model';
import { businessHoursTest } from './business-hours';
import { type CheckDefinition, peopleById, sample } from './context';
import { groupBy } from './group-by';

/** What is anomalous about one PHI data event by a person, or undefined when it is not a PHI event by a person. */
export interface PhiAnomaly {
  /** The specialty of the key when it is not one of the person's. */
  readonly offSpecialty?: string;
  readonly afterHours: boolean;
}

/** PHI data events: `s3.amazonaws.com` on the PHI bucket, by a person's IAM user. */
export function phiAnomalies(config: CodingEnvConfig): (e: AuditEvent) => PhiAnomaly | undefined {
  const people = peopleById(config);
  const specialties = new Set(config.specialties);
  const { timezone, businessHours } = config.organization;
  const inHours = businessHoursTest(timezone, businessHours);
  return (e) => {
    if (e.eventSource !== 's3.amazonaws.com' || e.bucket !== config.storage.phiBucketName || e.key === undefined || e.userName === undefined) return undefined;
    const person = people.get(e.userName);
    if (!person) return undefined;
    const specialty = specialtyOfKey(e.key);
    const off = specialty !== undefined && specialties.has(specialty) && !person.specialties.includes(specialty);
    return { offSpecialty: off ? specialty : undefined, afterHours: !inHours(e.timeMs) };
  };
}

/** PHI data events by people: other specialties' charts, and after hours. */
export const accessAnomaly: CheckDefinition = {
  check: 'access-anomaly',
  needs: ['events'],
  run({ events }, ctx) {
    const classify = phiAnomalies(ctx.config);
    const people = peopleById(ctx.config);
    const flagged = events.flatMap((e) => {
      const a = classify(e);
      return a && (a.offSpecialty || a.afterHours) ? [{ e, a }] : [];
    });
    const findings: Finding[] = [];

    const off = flagged.filter((x) => x.a.offSpecialty !== undefined);
    for (const [k, list] of groupBy(off, (x) => `${x.e.userName}\u0000${x.a.offSpecialty}`)) {
      const [user, specialty] = k.split('\u0000');
      const person = people.get(user);
      const denied = list.filter((x) => !x.e.success).length;
      const departed = person && isDeparted(person, ctx.asOfDate) ? ' (departed)' : '';
      findings.push({
        check: 'access-anomaly',
        rule: 'out-of-specialty',
        principal: user,
        severity: 'high',
        summary: `${user}${departed} touched ${list.length} ${specialty} record${list.length === 1 ? '' : 's'} (${denied} denied) outside their assigned specialties (first ${list[0].e.time}): ask them and their lead why.`,
        evidence: { specialty, assigned: person?.specialties ?? [], count: list.length, denied, events: sample(list).map((x) => brief(x.e)) },
      });
    }

    const { timezone, businessHours } = ctx.config.organization;
    for (const [user, list] of groupBy(flagged.filter((x) => x.a.afterHours), (x) => x.e.userName as string)) {
      findings.push({
        check: 'access-anomaly',
        rule: 'after-hours',
        principal: user,
        severity: 'medium',
        summary: `${user} accessed ${list.length} PHI record${list.length === 1 ? '' : 's'} outside business hours (${businessHours.start}-${businessHours.end} ${businessHours.days.join(',')}, ${timezone}), first ${list[0].e.time}: confirm the work was authorised.`,
        evidence: { count: list.length, timezone, events: sample(list).map((x) => brief(x.e)) },
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
