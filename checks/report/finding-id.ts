import { createHash } from 'node:crypto';
import type { Finding, Report } from '../report-model';

/**
 * Evidence fields that name *what* a violation is about (the group, the key, the address, the
 * specialty, the one event), never how much of it a window saw: counts, samples of event ids,
 * first/last times and window bounds change when the window moves, the violation does not.
 */
export const IDENTITY_FIELDS = [
  'account',
  'arn',
  'group',
  'policy',
  'kind',
  'accessKeyId',
  'sourceIp',
  'specialty',
  'eventId',
  'eventName',
  'bucket',
  'key',
  'service',
  'provider',
  'modelProvider',
  'claimId',
  'incidentId',
  'patientId',
  'notice',
  'state',
] as const;

/**
 * A finding's stable id (CONTRACT §4): the same violation seen by two audits whose windows both
 * hold it gets the same id. Derived from check, rule, principal, account and the identity fields
 * of its evidence; 16 hex digits of their SHA-256, prefixed `f-`.
 */
export function findingId(finding: Finding): string {
  const evidence = finding.evidence ?? {};
  const identity: [string, string][] = [];
  for (const field of IDENTITY_FIELDS) {
    const value = evidence[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') identity.push([field, String(value)]);
  }
  const account = (finding as { account?: unknown }).account;
  const key = JSON.stringify([finding.check, finding.rule, finding.principal, typeof account === 'string' ? account : '', identity]);
  return `f-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/** The findings with their ids; an id already set (a finding read back from a report) is kept. */
export function withIds(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => ({ ...f, id: f.id ?? findingId(f) }));
}

/**
 * The report's id, for the running header and the trend: the as-of day and 8 hex digits of a
 * digest of what the report rests on (window, organization, inputs' hashes, findings' ids).
 */
export function defaultReportId(report: Omit<Report, 'reportId'>): string {
  const basis = JSON.stringify([
    report.asOf,
    report.window,
    report.organization,
    report.inputs.map((i) => [i.source, i.sha256]),
    report.findings.map((f) => f.id ?? findingId(f)),
    report.scope?.configSha256 ?? '',
    report.scope?.registerSha256 ?? '',
  ]);
  return `${report.asOf.slice(0, 10)}-${createHash('sha256').update(basis).digest('hex').slice(0, 8)}`;
}

/** A finding as exported: report.json's finding, with its stable `id` and `account` when present. */
export type IdentifiedFinding = Finding & { readonly id?: string; readonly account?: string };

/**
 * Each finding's id for the exports (OCSF, Security Hub), index-aligned with `findings`: the
 * report's own `id` when it has one, otherwise a hash of what names the violation (check, rule,
 * principal, account). Repeats of that within one report are numbered in report order, so the
 * ids of one export are distinct and the same report always gives the same ids.
 */
export function exportIds(findings: readonly IdentifiedFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    if (typeof f.id === 'string' && f.id !== '') return f.id;
    const base = createHash('sha256').update(JSON.stringify([f.check, f.rule, f.principal, f.account ?? ''])).digest('hex').slice(0, 32);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
