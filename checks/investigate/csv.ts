import type { Access } from './select';

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: a cell a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, or a tab or carriage return before one) is
 * prefixed with `'`, so an object key or user agent planted as `=HYPERLINK(...)` stays text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const ACCESS_COLUMNS = ['time_utc', 'time_local', 'person', 'action', 'object_key', 'outcome', 'source_ip', 'event_id', 'account'] as const;

/** accesses.csv: a header and one line per access, CRLF line ends as RFC 4180 and spreadsheets expect. */
export function renderAccessesCsv(accesses: readonly Access[]): string {
  const lines = [ACCESS_COLUMNS.join(',')];
  for (const a of accesses) {
    lines.push([a.timeUtc, a.timeLocal, a.person, a.action, a.objectKey, a.outcome, a.sourceIp, a.eventId, a.account ?? ''].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
