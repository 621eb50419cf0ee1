import type { AuditEvent } from '../model/events';
import type { WatchListEntry } from '../register/watch-list';
import type { Finding } from '../report-model';
import { type CheckDefinition, sample } from './context';
import { groupBy } from './group-by';

/** `<specialty>/<patient-id>/...`: the patient id is the second key segment. */
export function patientOfKey(key: string): string | undefined {
  const parts = key.split('/');
  return parts.length >= 3 && parts[0] !== '' && parts[1] !== '' ? parts[1] : undefined;
}

/** PHI data events (access-anomaly's definition) on a watched patient's objects; the entry when watched. No list watches nobody. */
export function watchedAccess(phiBucket: string, watchList: readonly WatchListEntry[] | undefined): (e: AuditEvent) => WatchListEntry | undefined {
  const byPatient = new Map(watchList?.map((w) => [w.patientId, w]));
  return (e) => {
    // Stryker disable next-line ConditionalExpression: an empty map finds no patient either; this is the fast path for the usual empty list.
    if (byPatient.size === 0 || e.eventSource !== 's3.amazonaws.com' || e.bucket !== phiBucket || e.key === undefined) return undefined;
    const patient = patientOfKey(e.key);
    // Stryker disable next-line ConditionalExpression: no entry has an undefined patient id, so the lookup would find none too.
    return patient === undefined ? undefined : byPatient.get(patient);
  };
}

/**
 * Every access, allowed or denied, to the records of known individuals on the register's watch
 * list (coworkers, family, public figures): high by a person linked to the patient, else medium.
 * No watch list: nothing to examine.
 */
export const watchList: CheckDefinition = {
  check: 'watch-list',
  needs: ['events', 'register'],
  registerSections: ['watchList'],
  run({ events, register }, ctx) {
    const watched = watchedAccess(ctx.config.storage.phiBucketName, register.watchList);
    const hits = events.flatMap((e) => {
      const entry = watched(e);
      return entry ? [{ e, entry }] : [];
    });
    return [...groupBy(hits, (x) => `${principalOf(x.e)}\u0000${x.entry.patientId}`).values()].map((list): Finding => {
      const { e, entry } = list[0];
      const principal = principalOf(e);
      const linked = entry.personIds.some((id) => id === e.userName);
      const denied = list.filter((x) => !x.e.success).length;
      return {
        check: 'watch-list',
        rule: 'watched-record-access',
        principal,
        severity: linked ? 'high' : 'medium',
        summary: `${principal} accessed the records of watched patient ${entry.patientId} (${entry.reason}) ${list.length} time${list.length === 1 ? '' : 's'} (${denied} denied, first ${e.time})${linked ? ', a person linked to that patient' : ''}: review with their lead whether the work required it.`,
        evidence: { patientId: entry.patientId, reason: entry.reason, linkedPerson: linked, count: list.length, denied, events: sample(list).map((x) => brief(x.e)) },
      };
    });
  },
};

function principalOf(e: AuditEvent): string {
  return e.userName ?? e.arn ?? e.identityType;
}

function brief(e: AuditEvent) {
  return { eventId: e.id, time: e.time, eventName: e.eventName, sourceIp: e.sourceIp, success: e.success };
}
