import type { CodingEnvConfig } from '../../lib/config/schema';
import { incompleteness } from '../engine';
import type { Evidence } from '../model/audit-model';
import type { Coverage } from '../model/completeness';
import type { AuditEvent } from '../model/events';
import { localTime } from './local-time';

/** Whose or which records an investigation is about (CONTRACT §4 `investigate`). */
export type Subject =
  | { readonly kind: 'patient'; readonly id: string }
  | { readonly kind: 'person'; readonly id: string }
  | { readonly kind: 'prefix'; readonly prefix: string };

/** The range investigated: events in [from, to]. */
export interface InvestigationRange {
  readonly from: Date;
  readonly to: Date;
}

/** One PHI data event, as the investigator reads it in accesses.csv. */
export interface Access {
  /** ISO 8601, UTC. */
  readonly timeUtc: string;
  /** The same instant in `organization.timezone`, with its offset and zone abbreviation. */
  readonly timeLocal: string;
  /** IAM user name; for another principal (a role, an AWS service) its identity type in parentheses. */
  readonly person: string;
  /** S3 operation (`GetObject`, `PutObject`, ...). */
  readonly action: string;
  readonly objectKey: string;
  /** `denied` when S3 answered with an error (AccessDenied and other refusals). */
  readonly outcome: 'allowed' | 'denied';
  readonly sourceIp: string;
  readonly eventId: string;
  /** `recipientAccountId`, when the record names it. */
  readonly account?: string;
}

export interface Investigation {
  readonly subject: Subject;
  readonly from: string;
  readonly to: string;
  readonly timezone: string;
  readonly bucket: string;
  readonly accesses: Access[];
  readonly coverage: Coverage;
  /** True only when every CloudTrail input was read whole and every UTC day of the range holds an event. */
  readonly complete: boolean;
  /** Why it is not complete (files not read whole, days without events); empty when complete. */
  readonly incomplete: string[];
}

/**
 * PHI data events as access-anomaly defines them (`s3.amazonaws.com` on `phiBucketName`, with
 * an object key), by anyone: an accounting of access also names roles and services.
 */
export function isPhiDataEvent(config: CodingEnvConfig): (e: AuditEvent) => boolean {
  const bucket = config.storage.phiBucketName;
  return (e) => e.eventSource === 's3.amazonaws.com' && e.bucket === bucket && e.key !== undefined;
}

/** Whether an event is about the subject: the patient's objects, the person's calls, or keys under the prefix. */
export function matchesSubject(subject: Subject): (e: AuditEvent) => boolean {
  switch (subject.kind) {
    case 'patient':
      // `<specialty>/<patient-id>/...`: any specialty, including one no longer in the config.
      return (e) => e.key !== undefined && e.key.split('/')[1] === subject.id && e.key.split('/').length > 2;
    case 'person':
      return (e) => e.userName === subject.id;
    case 'prefix':
      return (e) => e.key !== undefined && e.key.startsWith(subject.prefix);
  }
}

/** What the loader keeps: PHI data events about the subject inside the range. */
export function investigationFilter(config: CodingEnvConfig, subject: Subject, range: InvestigationRange): (e: AuditEvent) => boolean {
  const phi = isPhiDataEvent(config);
  const about = matchesSubject(subject);
  const from = range.from.getTime();
  const to = range.to.getTime();
  return (e) => e.timeMs >= from && e.timeMs <= to && phi(e) && about(e);
}

/**
 * The investigation from the events read and the completeness of their reading: every PHI data
 * event about the subject in the range, oldest first. Complete only when the events were read
 * whole and cover every UTC day of the range (the same completeness model as the audit's event
 * checks); otherwise `incomplete` says why, and every access that was read is still listed.
 */
export function investigate(args: {
  readonly config: CodingEnvConfig;
  readonly subject: Subject;
  readonly range: InvestigationRange;
  readonly events: Evidence<readonly AuditEvent[]>;
  readonly coverage: Coverage;
}): Investigation {
  const { config, subject, range, events, coverage } = args;
  const zone = config.organization.timezone;
  const keep = investigationFilter(config, subject, range);
  const selected = (events.ok ? events.value : []).filter(keep);
  const accesses = selected
    .sort((a, b) => a.timeMs - b.timeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e): Access => ({
      timeUtc: new Date(e.timeMs).toISOString(),
      timeLocal: localTime(e.timeMs, zone),
      person: e.userName ?? `(${e.identityType || 'unknown'})`,
      action: e.eventName,
      objectKey: e.key ?? '',
      outcome: e.success ? 'allowed' : 'denied',
      sourceIp: e.sourceIp,
      eventId: e.id,
      ...(e.account !== undefined ? { account: e.account } : {}),
    }));
  const incomplete = incompleteness(['events'], { events }, coverage);
  return {
    subject,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    timezone: zone,
    bucket: config.storage.phiBucketName,
    accesses,
    coverage,
    complete: incomplete.length === 0,
    incomplete,
  };
}

/** "patient P100234", "person jdoe", "prefix cardiology/": for titles and progress. */
export function describeSubject(subject: Subject): string {
  return subject.kind === 'prefix' ? `prefix ${subject.prefix}` : `${subject.kind} ${subject.id}`;
}
