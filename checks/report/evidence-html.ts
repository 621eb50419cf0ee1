import { escapeHtml as e } from './escape-html';

/** Nesting shown as tables; deeper than this is summarized, never dumped as JSON. */
const MAX_DEPTH = 3;

/**
 * A finding's evidence for people: a key/value table; lists of records become small tables
 * with one row per record, lists of values a comma-separated line. Every value is escaped.
 */
export function evidenceHtml(evidence: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return '';
  // Single values flow as "key value" pairs; lists of records get a table each, under them.
  const flat = entries.filter(([, v]) => !isNested(v));
  const nested = entries.filter(([, v]) => isNested(v));
  const pairs = flat.length ? `<p class="ev-inline">${flat.map(([k, v]) => `<span class="ev-pair"><span class="ev-key">${e(label(k))}</span> ${valueHtml(v, 1)}</span>`).join(' ')}</p>` : '';
  const tables = nested.length
    ? `<table class="evidence"><tbody>${nested.map(([key, value]) => `<tr><th scope="row">${e(label(key))}</th><td>${valueHtml(value, 1)}</td></tr>`).join('')}</tbody></table>`
    : '';
  return `<div class="ev">${pairs}${tables}</div>`;
}

function isNested(value: unknown): boolean {
  if (Array.isArray(value)) return value.some((v) => v !== null && typeof v === 'object');
  return isRecord(value) && Object.keys(value).length > 0;
}

function valueHtml(value: unknown, depth: number): string {
  if (value === null || value === undefined) return '<span class="none">none</span>';
  if (typeof value === 'string') return e(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return e(String(value));
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="none">none</span>';
    if (value.every((v) => v === null || typeof v !== 'object')) return value.map((v) => valueHtml(v, depth)).join(', ');
    if (depth >= MAX_DEPTH) return e(`${value.length} items`);
    if (value.every((v) => isRecord(v))) return recordsTable(value as Record<string, unknown>[], depth);
    // Mixed or nested lists (e.g. pairs of sign-ins): one line per item.
    return `<ol class="ev-list">${value.map((v) => `<li>${Array.isArray(v) ? v.map((x) => valueHtml(x, depth + 1)).join('<span class="sep"> and </span>') : valueHtml(v, depth + 1)}</li>`).join('')}</ol>`;
  }
  if (isRecord(value)) {
    if (depth >= MAX_DEPTH) return e(Object.keys(value).map(label).join(', '));
    const entries = Object.entries(value);
    return entries.length === 0
      ? '<span class="none">none</span>'
      : `<span class="ev-record">${entries.map(([k, v]) => `<span class="ev-pair"><span class="ev-key">${e(label(k))}</span> ${valueHtml(v, depth + 1)}</span>`).join(' ')}</span>`;
  }
  return e(String(value));
}

/**
 * A list of records as a table. On paper (print CSS) it is condensed without leaving anything
 * out: one record prints as a line of labelled values (`ev-one`, each cell carries its label);
 * a column holding the same value in every row is hidden and its value printed once after the
 * table, "for all N" (`ev-same`); a single column left prints as a comma-separated list
 * (`ev-column`). The screen shows the table as it is: these classes and attributes only
 * matter to the print stylesheet.
 */
function recordsTable(rows: readonly Record<string, unknown>[], depth: number): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => columns.map((c) => valueHtml(r[c], depth + 1)));
  const same = columns.map((_, i) => rows.length > 1 && cells.every((row) => row[i] === cells[0]?.[i]));
  const varying = same.filter((s) => !s).length;
  const condensed = varying > 0 && varying < columns.length;
  const kind = rows.length === 1 ? ' ev-one' : condensed && varying === 1 ? ' ev-column' : '';
  const cls = (i: number) => (condensed && same[i] ? ' class="ev-same"' : '');
  const table = `<table class="ev-table${kind}"><thead><tr>${columns.map((c, i) => `<th${cls(i)}>${e(label(c))}</th>`).join('')}</tr></thead><tbody>${cells
    .map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}${rows.length === 1 ? ` data-label="${e(label(columns[i] ?? ''))}"` : ''}>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
  if (!condensed) return table;
  const shared = columns
    .flatMap((c, i) => (same[i] ? [`<span class="ev-pair"><span class="ev-key">${e(label(c))}</span> ${cells[0]?.[i] ?? ''}</span>`] : []))
    .join(' ');
  return `${table}<span class="ev-same-line print-only">for all ${e(String(rows.length))}: ${shared}</span>`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `passwordLastUsed` -> `password last used`; `sourceIps` -> `source IPs`. */
export function label(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\b(ip|id|arn|phi|mfa|vpc)(s?)\b/g, (_m, word: string, s: string) => `${word.toUpperCase()}${s}`);
}
