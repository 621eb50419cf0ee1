import type { ChecklistResult, Finding, InputRecord, Report } from '../report-model';
import { escapeHtml as e } from './escape-html';
import { evidenceHtml } from './evidence-html';
import { formatInstant, plural } from './format-text';
import { type FindingGroup, groupFindings } from './group-findings';
import { checklistLinks, comparisonSection, exceptionsSection, recurrenceMark, scopeSection, signOffSection } from './html-auditor';
import { REPORT_CSS } from './html-style';
import { ICON } from './icons';
import { printInputsTable } from './inputs-print';
import { printReasons } from './checklist-print';
import type { ReportWriter } from './writer';

/**
 * `report.html`: the report as one self-contained page a compliance officer can read, print
 * and file: checklist first, then findings by check with what to do, check status, and the
 * inputs with their SHA-256 (chain of custody). No scripts, no external assets. Every value
 * taken from the report goes through `escapeHtml`, even enums and numbers: a report read from
 * a file may not have been validated.
 */
export const htmlWriter: ReportWriter = {
  fileName: 'report.html',
  contentType: 'text/html; charset=utf-8',
  render: renderReportHtml,
};

const MARK = {
  pass: `<span class="mark pass">${ICON.check} Pass</span>`,
  fail: `<span class="mark fail">${ICON.cross} Fail</span>`,
  error: `<span class="mark error">${ICON.warning} Error</span>`,
} as const;

const SEVERITY_LABEL = { high: `${ICON.high} High`, medium: `${ICON.medium} Medium`, low: `${ICON.low} Low` } as const;

const ECFR_164 = 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164';
const ECFR_160 = 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-160';

export function renderReportHtml(report: Report): string {
  const groups = groupFindings(report);
  const title = `HIPAA audit report: ${report.organization}, as of ${formatInstant(report.asOf)}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body><main>',
    masthead(report),
    summary(report, groups),
    scopeSection(report),
    checklistSection(report.checklist, report.findings, groups),
    findingsSection(groups),
    comparisonSection(report),
    checkStatusSection(groups),
    exceptionsSection(report),
    inputsSection(report.inputs),
    signOffSection(report),
    closing(),
    '</main></body></html>',
    '',
  ].join('\n');
}

function masthead(report: Report): string {
  const { from, to, days } = report.window;
  return `<header>
<p class="kicker">HIPAA quarterly audit report</p>
<h1>${e(report.organization)}</h1>
<dl class="meta">
<div><dt>As of</dt><dd>${e(formatInstant(report.asOf))}</dd></div>
<div><dt>Window</dt><dd>${e(formatInstant(from))} to ${e(formatInstant(to))} (${e(plural(days, 'day'))})</dd></div>
<div><dt>Generated</dt><dd>${e(formatInstant(report.generatedAt))}</dd></div>
<div><dt>Report</dt><dd>${e(report.reportId ?? 'not identified')}</dd></div>
</dl>
</header>`;
}

function summary(report: Report, groups: readonly FindingGroup[]): string {
  const count = <T>(items: readonly T[], pred: (item: T) => boolean) => items.filter(pred).length;
  const list = report.checklist;
  const failed = groups.filter((g) => g.status !== 'ok');
  const c = report.comparison;
  const tiles: readonly (readonly [name: string, text: string])[] = [
    ['Checklist', `${count(list, (i) => i.status === 'pass')} pass · ${count(list, (i) => i.status === 'fail')} fail · ${count(list, (i) => i.status === 'error')} error`],
    ['Findings', `${count(report.findings, (f) => f.severity === 'high')} high · ${count(report.findings, (f) => f.severity === 'medium')} medium · ${count(report.findings, (f) => f.severity === 'low')} low`],
    ['Checks', failed.length === 0 ? `all ${groups.length} ran` : `${failed.length} of ${groups.length} could not run`],
    ['Inputs', `${count(report.inputs, (i) => i.status === 'read')} read · ${count(report.inputs, (i) => i.status !== 'read' && i.status !== 'ignored')} not read whole · ${count(report.inputs, (i) => i.status === 'ignored')} ignored`],
    ...(c ? [['Since last report', `${c.new} new · ${c.recurring} recurring · ${c.resolved.length} resolved`] as const] : []),
  ];
  const callout =
    failed.length === 0
      ? ''
      : `<div class="callout" role="alert"><strong>${ICON.warning} ${e(plural(failed.length, 'check'))} could not run.</strong> Their findings are unknown, and the checklist items that depend on them are marked Error, not Pass. Fix the input and run the audit again.
<ul>${failed.map((g) => `<li><strong>${e(g.title)}</strong>: ${e(g.error ?? 'no status was reported for this check')}</li>`).join('')}</ul></div>`;
  return `<section class="summary" aria-label="At a glance">${tiles
    .map(([name, text]) => `<div class="tile"><h3>${e(name)}</h3><p>${e(text)}</p></div>`)
    .join('')}</section>${callout}`;
}

function checklistSection(items: readonly ChecklistResult[], findings: readonly Finding[], groups: readonly FindingGroup[]): string {
  const rows = [...items]
    .sort((a, b) => a.item - b.item)
    .map(
      (item) => `<tr class="item-${e(String(item.status))}" id="item-${e(String(item.item))}">
<td class="num">${e(String(item.item))}</td>
<td><strong>${e(item.title)}</strong>${item.cfr.length ? `<div class="cfr">45 CFR ${item.cfr.map(e).join(', ')}</div>` : ''}</td>
<td>${MARK[item.status] ?? e(String(item.status))}</td>
<td>${item.reasons.length ? reasonsHtml(item.reasons, findings, groups) : '<span class="none">No reasons given.</span>'}</td>
</tr>`,
    );
  const body = rows.length
    ? `<table><thead><tr><th>#</th><th class="col-item">Item</th><th>Status</th><th>Reasons</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`
    : '<p class="none">The report has no checklist items.</p>';
  return `<section id="checklist"><h2>Quarterly checklist</h2>${body}</section>`;
}

/** The reasons as the screen shows them; on paper, reasons restating a finding name it instead (checklist-print.ts). */
function reasonsHtml(reasons: readonly string[], findings: readonly Finding[], groups: readonly FindingGroup[]): string {
  const full = reasons.map((r) => `<li>${e(r)}</li>`).join('');
  const paper = printReasons(reasons, findings, groups);
  return paper === undefined ? `<ul>${full}</ul>` : `<ul class="screen-only">${full}</ul>${paper}`;
}

function findingsSection(groups: readonly FindingGroup[]): string {
  const body = groups.length ? groups.map(findingGroup).join('\n') : '<p class="none">No checks were reported.</p>';
  return `<section id="findings"><h2>Findings by check</h2>${body}</section>`;
}

function findingGroup(group: FindingGroup): string {
  const head = `<div class="check-head"><h3>${e(group.title)}</h3>${groupMark(group)}${
    group.cfr.length ? `<span class="cfr">45 CFR ${group.cfr.map(e).join(', ')}</span>` : ''
  }</div>`;
  const todo = group.remediation && group.findings.length ? `<p class="todo"><strong>What to do:</strong> ${e(group.remediation)}</p>` : '';
  let body: string;
  if (group.status === 'error') {
    // Stryker disable next-line StringLiteral: groupFindings gives every error group its error (its own 'no reason given' when the status has none), so this fallback is never read
    const reason = group.error ?? 'no reason given';
    body = `<div class="callout"><strong>This check could not run:</strong> ${e(sentence(reason))} Its findings are unknown; this is not the same as none.</div>`;
  } else if (group.status === 'missing') {
    body = '<div class="callout"><strong>No status was reported for this check</strong>; treat its findings below as incomplete.</div>';
  } else {
    body = group.findings.length ? '' : '<p class="none">No findings.</p>';
  }
  const table = group.findings.length
    ? `<table><thead><tr><th class="nowrap">Severity</th><th>Principal</th><th>Finding and evidence</th></tr></thead><tbody>${group.findings
        .map(findingRow)
        .join('\n')}</tbody></table>`
    : '';
  return `<article class="check" id="check-${e(group.check)}">${head}${todo}${body}${table}</article>`;
}

function groupMark(group: FindingGroup): string {
  if (group.status === 'error') return MARK.error;
  if (group.status === 'missing') return `<span class="mark error">${ICON.warning} No status</span>`;
  return `<span class="rule-id">${e(plural(group.findings.length, 'finding'))}</span>`;
}

function findingRow(finding: Finding): string {
  const links = checklistLinks(finding);
  return `<tr id="${e(finding.id ?? '')}">
<td><span class="sev ${e(finding.severity)}">${SEVERITY_LABEL[finding.severity] ?? e(String(finding.severity))}</span>${recurrenceMark(finding)}</td>
<td class="nowrap"><code>${e(finding.principal)}</code>${finding.account !== undefined ? `<div class="cfr">account ${e(finding.account)}</div>` : ''}</td>
<td><p>${e(finding.summary)} <span class="rule-id">(${e(finding.rule)}${finding.id ? `, ${e(finding.id)}` : ''}${links ? `; ${links}` : ''})</span></p>${evidenceHtml(finding.evidence)}</td>
</tr>`;
}

function checkStatusSection(groups: readonly FindingGroup[]): string {
  const rows = groups.map((g) => {
    const status = g.status === 'ok' ? `<span class="mark pass">${ICON.check} Ran</span>` : g.status === 'error' ? MARK.error : `<span class="mark error">${ICON.warning} No status</span>`;
    const detail = g.status === 'ok' ? e(plural(g.findings.length, 'finding')) : `<strong class="problem">${e(g.error ?? 'not reported by the audit')}</strong>`;
    return `<tr><td><strong>${e(g.title)}</strong><div class="cfr"><code>${e(g.check)}</code></div></td><td>${status}</td><td>${detail}</td></tr>`;
  });
  return `<section id="checks"><h2>Check status</h2>${
    rows.length ? `<table><thead><tr><th>Check</th><th>Status</th><th>Result</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>` : '<p class="none">No checks were reported.</p>'
  }</section>`;
}

function inputsSection(inputs: readonly InputRecord[]): string {
  const rows = inputs.map(
    (input) => `<tr class="${e(input.status)}">
<td><span class="mono">${e(input.source)}</span>${input.problem ? `<div class="problem">${ICON.warning} ${e(input.problem)}</div>` : ''}</td>
<td class="nowrap">${e(input.kind)}</td>
<td class="nowrap">${input.status === 'read' ? 'Read' : input.status === 'ignored' ? 'Ignored' : `<strong>${ICON.warning} ${input.status === 'partial' ? 'Partly read' : input.status === 'refused' ? 'Refused' : 'Skipped'}</strong>`}</td>
<td>${e(String(input.records))}</td>
<td class="sha">${e(input.sha256)}</td>
</tr>`,
  );
  const body = rows.length
    ? `<table class="inputs-full"><thead><tr><th>Source</th><th>Kind</th><th>Status</th><th>Records</th><th>SHA-256</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>${printInputsTable(inputs)}`
    : '<p class="problem">No inputs were recorded: the findings above cannot be traced to evidence.</p>';
  return `<section id="inputs"><h2>Inputs (chain of custody)</h2><p>Every file or API read offered to the audit, with the SHA-256 of its bytes as read. A skipped input was not used; its problem is shown.<span class="print-only"> On paper, files read whole are counted per folder; every input not read whole is listed with its reason.</span></p>${body}</section>`;
}

/** Ends a message with one full stop, whether or not it had one. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function closing(): string {
  return `<footer><p>report.json in the same folder is the machine-readable record of this report. Citations are to 45 CFR
<a href="${ECFR_164}">Part 164</a> and <a href="${ECFR_160}">Part 160</a>.</p></footer>`;
}
