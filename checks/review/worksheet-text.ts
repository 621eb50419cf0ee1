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

export const ANOMALY_COLUMNS = ['#', 'Time', 'Principal', 'Object', 'Finding', 'Explained?', 'Action taken / note'] as const;
export const SAMPLE_COLUMNS = ['#', 'Time', 'Principal', 'Action', 'Object', 'Source IP', 'Appropriate?', 'Note'] as const;

/** What the reviewer ticks: both boxes printed, one to be marked. */
export const YES_NO = '☐ yes ☐ no';

export function weekLine(ws: ReviewWorksheet): string {
  return `${formatInZone(ws.week.from, ws.timeZone)} to ${formatInZone(ws.week.to, ws.timeZone)} (times in ${ws.timeZone})`;
}

export function populationLines(ws: ReviewWorksheet): string[] {
  const lines = [`PHI accesses in the week: ${ws.accessesInWeek}.`];
  const extra = [
    ws.outsideWeek ? `${plural(ws.outsideWeek, 'record')} outside the week` : '',
    ws.duplicates ? `${plural(ws.duplicates, 'repeated event id')} (counted once)` : '',
    ws.findingsOutsideWeek ? `${plural(ws.findingsOutsideWeek, 'anomaly finding')} dated outside the week (left to that week's review)` : '',
  ].filter(Boolean);
  if (extra.length) lines.push(`Not in this worksheet: ${extra.join('; ')}.`);
  return lines;
}

export function sampleLine(ws: ReviewWorksheet): string {
  return `Random sample of ${ws.sample.length} of ${ws.accessesInWeek} PHI accesses, drawn with seed "${ws.seed}" (the same seed and records give the same sample). For each, confirm the person had a work reason to open the record.`;
}

export function objectOf(access: Pick<PhiAccess, 'bucket' | 'key'>): string {
  return `s3://${access.bucket}/${access.key}`;
}

/** Cells of one anomaly row, without the reviewer's blank columns. */
export function anomalyCells(entry: AnomalyEntry, index: number, timeZone: string): string[] {
  const evidence = entry.finding.evidence;
  const time = entry.access?.time ?? (typeof evidence['time'] === 'string' ? evidence['time'] : undefined);
  const object = entry.access ? objectOf(entry.access) : typeof evidence['key'] === 'string' ? evidence['key'] : '(see evidence)';
  const details = Object.entries(evidence)
    .filter(([k]) => !['time', 'key'].includes(k))
    .map(([k, v]) => `${k}: ${evidenceText(v)}`)
    .join('; ');
  return [String(index + 1), time ? formatInZone(time, timeZone) : '—', entry.finding.principal, object, details ? `${entry.finding.summary} (${details})` : entry.finding.summary];
}

export function sampleCells(access: PhiAccess, index: number, timeZone: string): string[] {
  return [String(index + 1), formatInZone(access.time, timeZone), access.principal, access.action, objectOf(access), access.sourceIp || '—'];
}

export const SIGN_OFF_FIELDS = ['Reviewer (person id)', 'Reviewed on (YYYY-MM-DD)', 'Records sampled', 'Anomalies found', 'Actions taken'] as const;

/** The command that records the signed worksheet in the register (checklist item 4). */
export function signCommand(ws: ReviewWorksheet): string {
  return `coding-env review sign --reviewer ID --sampled ${ws.sample.length} --anomalies N --actions "TEXT" --register register.json`;
}
