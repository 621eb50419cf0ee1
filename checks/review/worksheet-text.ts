import { evidenceText, plural } from '../report/format-text';
import type { PhiAccess } from './phi-access';
import type { AnomalyEntry, ReviewWorksheet } from './worksheet';
import { formatInZone } from './zoned-time';

/**
 * The worksheet's words and table cells as plain text, shared by the markdown and HTML
 * renderers so both say the same thing; each renderer escapes for its own format.
 */

export const TITLE = 'Weekly audit-log review';

export const PHI_NOTICE = 'This worksheet lists PHI object keys. Keep it with the compliance records; do not email or post it.';

export const SECTIONS = {
  afterHours: { title: 'After-hours access', empty: 'No PHI access outside business hours this week.' },
  outOfSpecialty: { title: 'Out-of-specialty access', empty: 'No PHI access outside an assigned specialty this week.' },
  otherAnomalies: { title: 'Other access anomalies', empty: '' },
  watchedRecords: { title: 'Access to watched records', empty: '' },
  aiAttestation: { title: 'AI-suggested codes: attestation', empty: '' },
} as const;

export const ANOMALY_COLUMNS = ['#', 'Time', 'Principal', 'Object', 'Outcome', 'Finding', 'Explained?', 'Action taken / note'] as const;
export const SAMPLE_COLUMNS = ['#', 'Time', 'Principal', 'Action', 'Object', 'Outcome', 'Source IP', 'Appropriate?', 'Note'] as const;

/** What the reviewer ticks: both boxes printed, one to be marked. */
export const YES_NO = '☐ yes ☐ no';

export function weekLine(ws: ReviewWorksheet): string {
  return `${formatInZone(ws.week.from, ws.timeZone)} to ${formatInZone(ws.week.to, ws.timeZone)} (times in ${ws.timeZone})`;
}

export function populationLines(ws: ReviewWorksheet): string[] {
  const lines = [coverageWarning(ws) ?? `PHI accesses in the week: ${ws.accessesInWeek}.`];
  const extra = [
    ws.outsideWeek ? `${plural(ws.outsideWeek, 'record')} outside the week` : '',
    ws.duplicates ? `${plural(ws.duplicates, 'repeated event id')} (counted once)` : '',
    ws.findingsOutsideWeek ? `${plural(ws.findingsOutsideWeek, 'anomaly finding')} dated outside the week (left to that week's review)` : '',
  ].filter(Boolean);
  if (extra.length) lines.push(`Not in this worksheet: ${extra.join('; ')}.`);
  return lines;
}

/**
 * Days without any trail event: the count of accesses is a lower bound, never a clean "0".
 * Undefined when every day of the week has events.
 */
export function coverageWarning(ws: ReviewWorksheet): string | undefined {
  const gaps = ws.daysWithoutEvents ?? [];
  if (gaps.length === 0) return undefined;
  return `WARNING: no CloudTrail events at all on ${gaps.join(', ')} (${plural(gaps.length, 'day')}): the trail delivered nothing for ${gaps.length === 1 ? 'that day' : 'those days'}, or it was not collected. PHI accesses found: ${ws.accessesInWeek}, a lower bound; accesses on those days are unknown, not zero. Check the trail and review those days again.`;
}

export function sampleLine(ws: ReviewWorksheet): string {
  return `Random sample of ${ws.sample.length} of ${ws.accessesInWeek} PHI accesses, drawn with seed "${ws.seed}" (the same seed and records give the same sample). For each, confirm the person had a work reason to open the record.`;
}

export function objectOf(access: Pick<PhiAccess, 'bucket' | 'key'>): string {
  return `s3://${access.bucket}/${access.key}`;
}

/** Evidence fields shown in their own columns or as one row per access. */
const SHOWN_ELSEWHERE = ['time', 'key', 'events', 'eventId', 'eventID'];

/** Cells of one anomaly row, without the reviewer's blank columns; every time in the worksheet's zone. */
export function anomalyCells(entry: AnomalyEntry, index: number, timeZone: string): string[] {
  const evidence = entry.finding.evidence;
  const time = entry.access?.time ?? entry.event?.time ?? (typeof evidence['time'] === 'string' ? evidence['time'] : undefined);
  const object = entry.access ? objectOf(entry.access) : typeof evidence['key'] === 'string' ? String(evidence['key']) : `not among this week's records (event ${entry.event?.eventId ?? 'unknown'})`;
  const outcome = entry.access?.outcome ?? entry.event?.outcome ?? 'not recorded';
  const details = Object.entries(evidence)
    .filter(([k]) => !SHOWN_ELSEWHERE.includes(k))
    .map(([k, v]) => `${k}: ${localText(v, timeZone)}`)
    .join('; ');
  const more = entry.unlisted ? ` ${plural(entry.unlisted, 'more access', 'more accesses')} of this finding are in the audit report.` : '';
  return [String(index + 1), time ? formatInZone(time, timeZone) : 'time not recorded', entry.finding.principal, object, outcome, `${localText(entry.finding.summary, timeZone)}${details ? ` (${details})` : ''}${more}`];
}

/** An evidence value as text with every ISO instant in the worksheet's zone. */
function localText(value: unknown, timeZone: string): string {
  return evidenceText(value).replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g, (iso) => formatInZone(iso, timeZone));
}

export function sampleCells(access: PhiAccess, index: number, timeZone: string): string[] {
  return [String(index + 1), formatInZone(access.time, timeZone), access.principal, access.action, objectOf(access), access.outcome ?? 'not recorded', access.sourceIp || '—'];
}

export const SIGN_OFF_FIELDS = ['Reviewer (person id)', 'Reviewed on (YYYY-MM-DD)', 'Records sampled', 'Anomalies found', 'Actions taken'] as const;

/** The command that records the signed worksheet in the register (checklist item 4). */
export function signCommand(ws: ReviewWorksheet): string {
  return `coding-env review sign --reviewer ID --sampled ${ws.sample.length} --anomalies N --actions "TEXT" --register register.json`;
}
