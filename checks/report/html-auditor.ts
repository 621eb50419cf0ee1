import { CHECKLIST_ITEMS } from '../../lib/controls/catalog';
import type { Finding, Report } from '../report-model';
import { escapeHtml as e } from './escape-html';
import { formatInstant, plural } from './format-text';
import { reportSha256 } from './report-digest';
import { trendSvg } from './trend-svg';

/**
 * The report page's sections for an auditor: scope, comparison with the previous report and
 * the trend, accepted exceptions, sign-off. Everything from the report is escaped.
 */

export function scopeSection(report: Report): string {
  const s = report.scope;
  if (s === undefined) return '<section id="scope"><h2>Scope</h2><p class="problem">This report does not state its scope (written by an older version).</p></section>';
  const list = (items: readonly string[]) => (items.length ? items.map((i) => `<code>${e(i)}</code>`).join(', ') : '<span class="none">none found in the evidence read</span>');
  const source = { evidence: 'evidence files (offline)', live: 'the AWS account, live', scheduled: 'the scheduled run in the AWS account' }[s.source] ?? s.source;
  const rows: [string, string][] = [
    ['Source', `${e(source)}${s.evidenceDir ? ` <code>${e(s.evidenceDir)}</code>` : ''}`],
    ['Accounts', list(s.accounts)],
    ['Regions', list(s.regions)],
    ['Trail archives', list(s.trails.map((t) => `s3://${t.bucket}/${t.prefix}`))],
    ['Tool', `${e(s.tool.name)} ${e(s.tool.version)}`],
    ['Run by', `${e(s.runBy.identity)} <span class="cfr">(${e(s.runBy.kind)})</span>`],
    ['Config SHA-256', `<span class="sha">${e(s.configSha256)}</span>`],
    ['Register SHA-256', s.registerSha256 ? `<span class="sha">${e(s.registerSha256)}</span>` : '<span class="problem">not readable</span>'],
  ];
  return `<section id="scope"><h2>Scope of this audit</h2><dl class="scope">${rows.map(([k, v]) => `<div><dt>${e(k)}</dt><dd>${v}</dd></div>`).join('')}</dl></section>`;
}

export function comparisonSection(report: Report): string {
  const c = report.comparison;
  const trend = report.trend ?? [];
  if (c === undefined && trend.length === 0) return '';
  const head = c
    ? `<p>Against report <code>${e(c.previous.reportId)}</code> as of ${e(formatInstant(c.previous.asOf))} (report.json SHA-256 <span class="sha">${e(c.previous.sha256)}</span>): <strong>${e(plural(c.new, 'new finding'))}</strong>, ${e(plural(c.recurring, 'recurring finding'))}, ${e(plural(c.resolved.length, 'resolved finding'))}.</p>`
    : '';
  const resolved = c && c.resolved.length
    ? `<h3>Resolved since the previous report</h3><table><thead><tr><th>Severity</th><th>Principal</th><th>Finding</th><th>ID</th></tr></thead><tbody>${c.resolved
        .map((f) => `<tr><td>${e(f.severity)}</td><td><code>${e(f.principal)}</code></td><td>${e(f.summary)} <span class="rule-id">(${e(f.check)} / ${e(f.rule)})</span></td><td class="sha">${e(f.id)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const chart = trend.length
    ? `<figure class="trend-fig">${trendSvg(trend)}<figcaption><table class="trend-table"><thead><tr><th>Report</th><th>As of</th><th>High</th><th>Medium</th><th>Low</th><th>Checklist pass / fail / error</th></tr></thead><tbody>${trend
        .map((p) => `<tr><td><code>${e(p.reportId)}</code></td><td>${e(p.asOf.slice(0, 10))}</td><td>${e(String(p.findings.high))}</td><td>${e(String(p.findings.medium))}</td><td>${e(String(p.findings.low))}</td><td>${e(`${p.checklist.pass} / ${p.checklist.fail} / ${p.checklist.error}`)}</td></tr>`)
        .join('')}</tbody></table></figcaption></figure>`
    : '';
  return `<section id="trend"><h2>Since the previous report</h2>${head}${chart}${resolved}</section>`;
}

/** The checklist items a finding's check feeds, as links to their rows. */
export function checklistLinks(finding: Finding): string {
  const items = CHECKLIST_ITEMS.filter((i) => (i.dependsOn as readonly string[]).includes(finding.check));
  return items.map((i) => `<a class="item-link" href="#item-${e(String(i.item))}">checklist item ${e(String(i.item))}</a>`).join(', ');
}

export function recurrenceMark(finding: Finding): string {
  if (finding.recurrence === 'new') return '<span class="tag new">New</span>';
  if (finding.recurrence === 'recurring') return '<span class="tag recurring">Recurring</span>';
  return '';
}

export function exceptionsSection(report: Report): string {
  const list = report.exceptions ?? [];
  const body = list.length
    ? `<table class="exceptions exceptions-full"><thead><tr><th class="col-rule">Rule and scope</th><th>Compensating control</th><th class="col-owner">Owner, review by</th></tr></thead><tbody>${list
        .map(
          (x) =>
            `<tr><td><code>${e(x.rule)}</code>${x.path ? `<div class="cfr">${e(x.path)}</div>` : '<div class="problem">whole app</div>'}</td><td>${e(x.compensatingControl)}</td><td>${x.owner ? e(x.owner) : '<span class="none">no owner named</span>'}<br>${x.reviewBy ? e(x.reviewBy) : '<span class="none">no review date</span>'}</td></tr>`,
        )
        .join('')}</tbody></table>${printExceptionsTable(list)}`
    : '<p class="none">No accepted exceptions.</p>';
  return `<section id="exceptions"><h2>Accepted exceptions</h2><p>Gate findings acknowledged in policies/acknowledgements.ts, each with the control that compensates for it.</p>${body}</section>`;
}

/**
 * Exceptions for paper: those sharing one compensating control, owner and review date are one
 * entry listing every rule and scope, so the control is printed once; entries are grouped under
 * their owner and review date, printed once per group. Nothing is left out.
 */
function printExceptionsTable(list: NonNullable<Report['exceptions']>): string {
  const groups = new Map<string, { control: string; owner?: string; reviewBy?: string; members: typeof list }>();
  for (const x of list) {
    const key = JSON.stringify([x.compensatingControl, x.owner ?? '', x.reviewBy ?? '']);
    const g = groups.get(key) ?? { control: x.compensatingControl, owner: x.owner, reviewBy: x.reviewBy, members: [] };
    groups.set(key, { ...g, members: [...g.members, x] });
  }
  // Rules acknowledged on the same paths share a line: each rule and each path still appears.
  const scopes = (members: typeof list) => {
    const byRule = new Map<string, string[]>();
    for (const x of members) byRule.set(x.rule, [...(byRule.get(x.rule) ?? []), x.path ?? '']);
    const byPaths = new Map<string, { rules: string[]; paths: string[] }>();
    for (const [rule, paths] of byRule) {
      const key = JSON.stringify(paths);
      byPaths.set(key, { rules: [...(byPaths.get(key)?.rules ?? []), rule], paths });
    }
    return [...byPaths.values()]
      .map(({ rules, paths }) => `<div class="x-rule">${rules.map((r) => `<code>${e(r)}</code>`).join(', ')} ${paths.map((path) => (path ? `<span class="cfr">${e(path)}</span>` : '<span class="problem">whole app</span>')).join(', ')}</div>`)
      .join('');
  };
  const owners = new Map<string, { owner?: string; reviewBy?: string; count: number; entries: string[] }>();
  for (const g of groups.values()) {
    const key = JSON.stringify([g.owner ?? '', g.reviewBy ?? '']);
    const o = owners.get(key) ?? { owner: g.owner, reviewBy: g.reviewBy, count: 0, entries: [] };
    owners.set(key, { ...o, count: o.count + g.members.length, entries: [...o.entries, `<div class="x-entry">${scopes(g.members)}<div>${e(g.control)}</div></div>`] });
  }
  const sections = [...owners.values()].map(
    (o) =>
      `<h4 class="x-owner">Owner ${o.owner ? e(o.owner) : 'not named'}; review by ${o.reviewBy ? e(o.reviewBy) : 'no date'} <span class="cfr">(${e(plural(o.count, 'exception'))})</span></h4><div class="x-columns">${o.entries.join('')}</div>`,
  );
  return `<div class="exceptions exceptions-print print-only">${sections.join('')}</div>`;
}

export function signOffSection(report: Report): string {
  return `<section id="signoff" class="signoff-block"><h2>Sign-off</h2><p>I reviewed this report and the findings above; actions are recorded in the register.</p>
<div class="signoff"><div>Reviewer</div><div>Date</div><div>Signature</div></div>
<p class="cfr">Report <code>${e(report.reportId ?? '')}</code>. SHA-256 of report.json (the record this page renders): <span class="sha">${e(reportSha256(report))}</span></p></section>`;
}

