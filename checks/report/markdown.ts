import { CHECKS } from '../../lib/controls/catalog';
import type { Finding, Report } from '../report-model';
import { markdownComparison, markdownExceptions, markdownFindingIds, markdownScope, markdownSignOff } from './markdown-auditor';
import { escapeMarkdown } from './escape-markdown';
import type { ReportWriter } from './writer';

/** report.md: checklist first, then findings by check with what to do, then the inputs read. */
export const markdownWriter: ReportWriter = {
  fileName: 'report.md',
  contentType: 'text/markdown; charset=utf-8',
  render: renderMarkdown,
};

const MARK = { pass: '✅ pass', fail: '❌ fail', error: '⚠️ error' } as const;

function renderMarkdown(report: Report): string {
  const out: string[] = [];
  out.push(`# HIPAA coding audit: ${text(report.organization)}`, '');
  out.push(`As of ${report.asOf}; events from ${report.window.from} to ${report.window.to} (${report.window.days} days). Generated ${report.generatedAt}.`, '');

  out.push(...markdownScope(report));
  out.push('## Quarterly checklist', '');
  for (const item of report.checklist) {
    out.push(`### ${item.item}. ${text(item.title)}: ${MARK[item.status]}`, '', `CFR: ${item.cfr.map((c) => `45 CFR ${c}`).join(', ')}`, '');
    for (const reason of item.reasons) out.push(`- ${text(reason)}`);
    out.push('');
  }

  out.push('## Findings', '');
  // Multi-account evidence: every finding names its account (CONTRACT §3), so the table does too.
  const byAccount = report.findings.some((f) => f.account !== undefined);
  for (const info of CHECKS) {
    const status = report.checks.find((c) => c.check === info.check);
    const mine = report.findings.filter((f) => f.check === info.check);
    const state = status === undefined ? 'not run' : status.status === 'error' ? `⚠️ error: ${text(status.error ?? '')}` : `${mine.length} finding${mine.length === 1 ? '' : 's'}`;
    out.push(`### ${info.title} (\`${info.check}\`): ${state}`, '', `CFR: ${info.cfr.map((c) => `45 CFR ${c}`).join(', ')}`, '');
    if (mine.length > 0) {
      out.push(`What to do: ${info.remediation}`, '', `| severity |${byAccount ? ' account |' : ''} rule | principal | summary |`, `|---|${byAccount ? '---|' : ''}---|---|---|`);
      for (const f of sortBySeverity(mine)) out.push(`| ${f.severity} |${byAccount ? ` ${cell(f.account ?? '')} |` : ''} ${f.rule} | ${cell(f.principal)} | ${cell(f.summary)} |`);
      out.push('');
    }
  }
  const other = report.checks.filter((c) => !CHECKS.some((i) => i.check === c.check));
  for (const c of other) out.push(`### \`${c.check}\`: ${c.status}`, '');

  out.push(...markdownFindingIds(report), ...markdownComparison(report), ...markdownExceptions(report));
  out.push('## Inputs', '', '| source | kind | status | records | SHA-256 | problem |', '|---|---|---|---|---|---|');
  for (const i of report.inputs) out.push(`| ${cell(i.source)} | ${i.kind} | ${i.status} | ${i.records} | \`${i.sha256 || 'n/a'}\` | ${cell(i.problem ?? '')} |`);
  out.push('', ...markdownSignOff(report));
  return out.join('\n');
}

const ORDER = { high: 0, medium: 1, low: 2 } as const;
function sortBySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.principal.localeCompare(b.principal) || a.rule.localeCompare(b.rule));
}

/** Evidence text cannot open a link, HTML or emphasis, nor leave its line or table cell. */
const text = escapeMarkdown;
const cell = escapeMarkdown;
