/**
 * Plain-text forms of report values, shared by the HTML report and the review worksheet.
 * They return text, never markup: callers escape for their format.
 */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `2026-11-20T12:00:00Z` -> `2026-11-20 12:00 UTC`; anything else is shown as given. */
export function formatInstant(value: string): string {
  if (!ISO_INSTANT.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

/** An evidence value as one line: lists joined, nested objects as compact JSON. */
export function evidenceText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    return value.length === 0 ? '(none)' : value.map((v) => evidenceText(v)).join(', ');
  }
  return JSON.stringify(value);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
