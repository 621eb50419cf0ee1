import { CHECKLIST_ITEMS } from '../../lib/controls/catalog';
import type { Report } from '../report-model';
import { escapeMarkdown } from './escape-markdown';
import { reportSha256 } from './report-digest';

/**
 * report.md's sections for an auditor: scope, comparison with the previous report and the
 * trend, accepted exceptions, sign-off with the SHA-256 of report.json. Text from the report is
 * escaped: no link, image, HTML or emphasis can come out of it.
 */
export function markdownScope(report: Report): string[] {
  const s = report.scope;
  if (s === undefined) return ['## Scope', '', 'This report does not state its scope (written by an older version).', ''];
  const list = (items: readonly string[]) => (items.length ? items.map(code).join(', ') : 'none found in the evidence read');
  return [
    '## Scope',
    '',
    `- Report: ${report.reportId ? code(report.reportId) : 'not identified'}`,
    `- Source: ${md(s.source)}${s.evidenceDir ? ` ${code(s.evidenceDir)}` : ''}`,
    `- Accounts: ${list(s.accounts)}`,
    `- Regions: ${list(s.regions)}`,
    `- Trail archives: ${list(s.trails.map((t) => `s3://${t.bucket}/${t.prefix}`))}`,
    `- Tool: ${md(s.tool.name)} ${md(s.tool.version)}`,
    `- Run by: ${md(s.runBy.identity)} (${md(s.runBy.kind)})`,
    `- Config SHA-256: ${code(s.configSha256)}`,
    `- Register SHA-256: ${s.registerSha256 ? code(s.registerSha256) : 'not readable'}`,
    '',
  ];
}

/** Each finding's stable id, whether it is new since the previous report, and the checklist items its check feeds. */
export function markdownFindingIds(report: Report): string[] {
  if (report.findings.length === 0) return [];
  const items = (check: string) => CHECKLIST_ITEMS.filter((i) => (i.dependsOn as readonly string[]).includes(check)).map((i) => `item ${i.item}`).join(', ');
  return [
    '### Finding ids',
    '',
    '| id | check | rule | principal | since last report | checklist |',
    '|---|---|---|---|---|---|',
    ...report.findings.map((f) => `| ${code(f.id ?? '')} | ${cell(f.check)} | ${cell(f.rule)} | ${cell(f.principal)} | ${cell(f.recurrence ?? 'not compared')} | ${cell(items(f.check))} |`),
    '',
  ];
}

export function markdownComparison(report: Report): string[] {
  const c = report.comparison;
  const out: string[] = [];
  if (c) {
    out.push('## Since the previous report', '', `Against ${code(c.previous.reportId)} as of ${md(c.previous.asOf)} (report.json SHA-256 ${code(c.previous.sha256)}): ${c.new} new, ${c.recurring} recurring, ${c.resolved.length} resolved.`, '');
    if (c.resolved.length) {
      out.push('| resolved | severity | principal | summary |', '|---|---|---|---|');
      for (const f of c.resolved) out.push(`| ${cell(f.id)} | ${cell(f.severity)} | ${cell(f.principal)} | ${cell(f.summary)} |`);
      out.push('');
    }
  }
  if (report.trend?.length) {
    out.push('### Trend', '', '| report | as of | high | medium | low | checklist pass/fail/error |', '|---|---|---|---|---|---|');
    for (const p of report.trend) out.push(`| ${cell(p.reportId)} | ${cell(p.asOf.slice(0, 10))} | ${p.findings.high} | ${p.findings.medium} | ${p.findings.low} | ${p.checklist.pass}/${p.checklist.fail}/${p.checklist.error} |`);
    out.push('');
  }
  return out;
}

export function markdownExceptions(report: Report): string[] {
  const list = report.exceptions ?? [];
  if (list.length === 0) return ['## Accepted exceptions', '', 'None.', ''];
  return [
    '## Accepted exceptions',
    '',
    '| rule | scope | compensating control | owner | review by |',
    '|---|---|---|---|---|',
    ...list.map((x) => `| ${cell(x.rule)} | ${cell(x.path ?? 'whole app')} | ${cell(x.compensatingControl)} | ${cell(x.owner ?? '')} | ${cell(x.reviewBy ?? '')} |`),
    '',
  ];
}

export function markdownSignOff(report: Report): string[] {
  return ['## Sign-off', '', 'Reviewer: ____________________  Date: ____________  Signature: ____________________', '', `SHA-256 of report.json: ${code(reportSha256(report))}`, ''];
}

/** Markdown and HTML specials become literal text; line breaks (a lone CR among them) become spaces. */
const md = escapeMarkdown;
const cell = escapeMarkdown;
/** Inline code; a value holding backticks is shown escaped instead. */
function code(value: string): string {
  return /[`\r\n]/.test(value) ? md(value) : `\`${value}\``;
}
