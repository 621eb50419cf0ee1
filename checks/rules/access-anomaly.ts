import type { CodingEnvConfig, Person } from '../../lib/config/schema';
import { isDeparted } from '../../lib/config/roster';
import type { AuditEvent } from '../model/events';
import type { Finding } from '../report-model';
import { businessHoursTest } from './business-hours';
import { type CheckDefinition, peopleById, sample } from './context';
import { groupBy } from './group-by';

/** What is anomalous about one PHI data event by a person, or undefined when it is not a PHI event by a person. */
export interface PhiAnomaly {
  /** Who made it (the roster's entry). */
  readonly person: Person;
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
    if (e.eventSource !== 's3.amazonaws.com' || e.bucket !== config.storage.phiBucketName || e.key === undefined) return undefined;
    // No person has an undefined id: an event with no user name finds no one, as the lookup says.
    const person = people.get(e.userName as string);
    if (!person) return undefined;
    return { person, offSpecialty: foreignSpecialty(e.key, specialties, person.specialties), afterHours: !inHours(e.timeMs) };
  };
}

/** PHI data events by people: other specialties' charts, and after hours. */
export const accessAnomaly: CheckDefinition = {
  check: 'access-anomaly',
  needs: ['events'],
  run({ events }, ctx) {
    const classify = phiAnomalies(ctx.config);
    // PHI events by people; each rule below takes the ones anomalous its way.
    const phiEvents = events.flatMap((e) => {
      const a = classify(e);
      return a ? [{ e, a }] : [];
    });
    const findings: Finding[] = [];

    const off = phiEvents.filter((x) => x.a.offSpecialty !== undefined);
    for (const [k, list] of groupBy(off, (x) => `${x.e.userName}\u0000${x.a.offSpecialty}`)) {
      const [user, specialty] = k.split('\u0000');
      const { person } = list[0].a;
      const denied = list.filter((x) => !x.e.success).length;
      const departed = isDeparted(person, ctx.asOfDate) ? ' (departed)' : '';
      findings.push({
        check: 'access-anomaly',
        rule: 'out-of-specialty',
        principal: user,
        severity: 'high',
        summary: `${user}${departed} touched ${list.length} ${specialty} record${list.length === 1 ? '' : 's'} (${denied} denied) outside their assigned specialties (first ${list[0].e.time}): ask them and their lead why.`,
        evidence: { specialty, assigned: person.specialties, count: list.length, denied, events: sample(list).map((x) => brief(x.e)) },
      });
    }

    const { timezone, businessHours } = ctx.config.organization;
    for (const [user, list] of groupBy(phiEvents.filter((x) => x.a.afterHours), (x) => x.e.userName as string)) {
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

/**
 * `<specialty>/<patient-id>/...`: the first path segment, when it is one of the organisation's
 * specialties and not one of the person's. Object keys are PHI-adjacent, so findings cite event
 * ids, not keys.
 */
function foreignSpecialty(key: string, specialties: ReadonlySet<string>, own: readonly string[]): string | undefined {
  const slash = key.indexOf('/');
  const first = key.slice(0, slash);
  return slash !== -1 && specialties.has(first) && !own.includes(first) ? first : undefined;
}

function brief(e: AuditEvent) {
  return { eventId: e.id, time: e.time, eventName: e.eventName, sourceIp: e.sourceIp, success: e.success };
}
