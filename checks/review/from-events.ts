import type { CodingEnvConfig } from '../../lib/config/schema';
import { dateInZone } from '../../lib/config/roster';
import { runChecks } from '../engine';
import type { AuditModel, AuditWindow } from '../model/audit-model';
import type { AuditEvent } from '../model/events';
import type { AttestationLog } from '../model/attestations';
import type { Register } from '../register/schema';
import { accessAnomaly } from '../rules/access-anomaly';
import { aiAttestation } from '../rules/ai-attestation';
import { watchList } from '../rules/watch-list';
import type { PhiAccess } from './phi-access';
import { buildWorksheet, type ReviewWeek, type ReviewWorksheet, weekEndingOn } from './worksheet';
import { startOfDayInZone } from './zoned-time';

/**
 * The week a review covers: the seven local days ending `weekEnding` (YYYY-MM-DD), by default
 * yesterday in `timeZone`, as the review week and as the audit window that reads it.
 */
export function reviewWeek(now: Date, timeZone: string, weekEnding?: string): { lastDay: string; week: ReviewWeek; window: AuditWindow } {
  const lastDay = weekEnding ?? dateInZone(new Date(now.getTime() - 86_400_000), timeZone);
  const week = weekEndingOn(lastDay, timeZone);
  return { lastDay, week, window: weekWindow(week) };
}

function weekWindow(week: ReviewWeek): AuditWindow {
  return { from: new Date(week.from), to: new Date(week.to), days: 7 };
}

/** A PHI data event by an IAM user: its bucket, key and user name are known. */
type PhiAccessEvent = AuditEvent & { readonly bucket: string; readonly key: string; readonly userName: string };

/** PHI data events (`s3.amazonaws.com` on the PHI bucket) by IAM users: what the weekly review samples. */
export function isPhiAccess(config: CodingEnvConfig): (e: AuditEvent) => e is PhiAccessEvent {
  return (e): e is PhiAccessEvent => e.eventSource === 's3.amazonaws.com' && e.bucket === config.storage.phiBucketName && e.key !== undefined && e.userName !== undefined;
}

export function phiAccessesFrom(events: readonly AuditEvent[], config: CodingEnvConfig): PhiAccess[] {
  const specialties = new Set(config.specialties);
  const phi = isPhiAccess(config);
  return events.filter(phi).map((e) => {
    const top = e.key.split('/')[0];
    return {
      eventId: e.id,
      time: e.time,
      principal: e.userName,
      bucket: e.bucket,
      key: e.key,
      action: e.eventName,
      sourceIp: e.sourceIp,
      ...(specialties.has(top) ? { specialty: top } : {}),
      outcome: e.success ? ('allowed' as const) : ('denied' as const),
    };
  });
}

/**
 * The week's worksheet from the week's events: the access-anomaly findings (the same rule the
 * audit runs) and a seeded sample of every PHI access. Shared by `coding-env review` and the
 * weekly Lambda.
 */
export function worksheetFromEvents(
  events: readonly AuditEvent[],
  config: CodingEnvConfig,
  week: ReviewWeek,
  options: { sampleSize?: number; seed?: string; register?: Register; attestations?: AttestationLog } = {},
): ReviewWorksheet {
  const { register, attestations, ...rest } = options;
  const unused = { ok: false, error: 'not needed by the worksheet' } as const;
  const model: AuditModel = {
    credentialReport: unused,
    authorization: unused,
    events: { ok: true, value: events },
    ...(register === undefined ? {} : { register: { ok: true, value: register } }),
    ...(attestations === undefined ? {} : { attestations: { ok: true, value: attestations } }),
  };
  // The watch list and the attestation export, when the caller has them, get their own sections.
  const checks = [accessAnomaly, ...(register === undefined ? [] : [watchList]), ...(register === undefined || attestations === undefined ? [] : [aiAttestation])];
  const { findings } = runChecks(model, config, weekWindow(week), [], checks);
  return buildWorksheet(phiAccessesFrom(events, config), findings, {
    week,
    organization: config.organization.name,
    timeZone: config.organization.timezone,
    daysWithoutEvents: daysWithoutEvents(events, week, config.organization.timezone),
    ...rest,
  });
}

/**
 * Local days of the week on which the evidence holds no CloudTrail event at all: the trail
 * delivered nothing (or it was not collected), so that day's PHI accesses are unknown, not zero.
 */
export function daysWithoutEvents(events: readonly AuditEvent[], week: ReviewWeek, timeZone: string): string[] {
  const gaps: string[] = [];
  let day = dateInZone(new Date(week.from), timeZone);
  for (let i = 0; i < 8; i++) {
    const start = startOfDayInZone(day, timeZone).getTime();
    if (start >= Date.parse(week.to)) break;
    const next = nextDate(day);
    const end = startOfDayInZone(next, timeZone).getTime();
    if (!events.some((e) => e.timeMs >= start && e.timeMs < end)) gaps.push(day);
    day = next;
  }
  return gaps;
}

function nextDate(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
