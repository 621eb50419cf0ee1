/**
 * The report page's stylesheet, inlined so the page is one self-contained file an officer can
 * file or email. Meaning never rests on colour alone: every mark also carries a word and a
 * symbol, so the page reads the same printed in greyscale without backgrounds.
 */
export const REPORT_CSS = `
:root { --ink: #1f2933; --muted: #52606d; --rule: #d9e2ec; --head: #1d3557; --paper: #ffffff;
  --pass: #1b6e3a; --pass-bg: #e8f5ec; --fail: #b42318; --fail-bg: #fdecea; --error: #8a4b00; --error-bg: #fff4e0;
  --high: #b42318; --medium: #8a4b00; --low: #36596f; }
* { box-sizing: border-box; }
.icon { display: inline-block; vertical-align: -0.08em; }
html { background: #f4f6f8; }
body { margin: 0; color: var(--ink); font: 14px/1.45 sans-serif; }
main { max-width: 980px; margin: 24px auto; padding: 32px 40px; background: var(--paper); border: 1px solid var(--rule); }
h1 { font-size: 24px; margin: 2px 0 12px; color: var(--head); }
h2 { font-size: 18px; color: var(--head); margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--head); }
h3 { font-size: 15px; margin: 0; color: var(--head); }
p { margin: 6px 0; }
code, .mono { font-family: monospace; font-size: 12.5px; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); }
.meta { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 0; }
.meta div { min-width: 180px; }
.meta dt { font-size: 12px; color: var(--muted); }
.meta dd { margin: 0; font-weight: 600; }
.summary { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 20px; }
.tile { flex: 1 1 200px; border: 1px solid var(--rule); border-radius: 4px; padding: 10px 14px; }
.tile h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.tile p { margin: 4px 0 0; font-size: 15px; }
.callout { margin: 16px 0 0; padding: 10px 14px; border: 1px solid var(--error); border-left-width: 6px; background: var(--error-bg); border-radius: 4px; break-inside: avoid; }
.callout ul { margin: 6px 0 0; padding-left: 20px; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 4px; }
th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 1px solid var(--ink); padding: 6px 8px; }
td { vertical-align: top; border-bottom: 1px solid var(--rule); padding: 8px; overflow-wrap: anywhere; }
tr, li, .check-head, .callout, .signoff { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
td ul { margin: 0; padding-left: 18px; }
.num { width: 32px; font-weight: 600; }
.col-item { width: 36%; }
.nowrap { white-space: nowrap; }
.cfr { color: var(--muted); font-size: 12.5px; }
.mark { display: inline-block; white-space: nowrap; font-weight: 700; padding: 1px 8px; border: 1px solid currentColor; border-radius: 3px; }
.mark.pass { color: var(--pass); background: var(--pass-bg); }
.mark.fail { color: var(--fail); background: var(--fail-bg); }
.mark.error { color: var(--error); background: var(--error-bg); }
.sev { display: inline-block; white-space: nowrap; font-weight: 700; font-size: 12.5px; }
.sev.high { color: var(--high); } .sev.medium { color: var(--medium); } .sev.low { color: var(--low); }
.check { margin: 22px 0 0; }
.check .callout { margin: 6px 0 0; }
.check-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; }
.todo { margin: 4px 0 6px; padding: 6px 10px; background: #f0f4f8; border-left: 3px solid var(--head); }
.none { color: var(--muted); font-style: italic; }
.rule-id { color: var(--muted); font-size: 12px; }
.evidence { width: auto; margin: 4px 0 0; font-size: 12.5px; }
.evidence th, .evidence td, .kv th, .kv td { border: 0; padding: 1px 10px 1px 0; text-transform: none; letter-spacing: 0; font-size: inherit; }
.evidence th { color: var(--muted); font-weight: 400; white-space: nowrap; }
.ev-table { margin: 2px 0; width: auto; }
.ev-table th, .ev-table td { padding: 1px 8px 1px 0; font-size: 11.5px; border-bottom: 1px solid var(--rule); }
.ev-list { margin: 0; padding-left: 18px; }
.ev-key { color: var(--muted); }
.ev-pair { margin-right: 10px; display: inline-block; }
.ev-inline { margin: 2px 0 0; font-size: 12.5px; }
.ev-pair { overflow-wrap: anywhere; }
.scope { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 4px 24px; margin: 0; font-size: 13px; }
.scope div { display: flex; gap: 8px; min-width: 0; }
.scope dt { color: var(--muted); white-space: nowrap; min-width: 110px; }
.scope dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.kv { width: auto; font-size: 13px; }
.kv th { color: var(--muted); font-weight: 400; white-space: nowrap; vertical-align: top; }
.tag { display: inline-block; margin-left: 6px; font-size: 11px; font-weight: 700; padding: 0 5px; border: 1px solid currentColor; border-radius: 3px; }
.tag.new { color: var(--fail); } .tag.recurring { color: var(--muted); }
.item-link { white-space: nowrap; }
.trend-fig { margin: 8px 0; }
.trend { max-width: 640px; font-size: 10px; fill: var(--muted); }
.trend .t-high { fill: var(--high); } .trend .t-medium { fill: #d08a2a; } .trend .t-low { fill: #8fb3c8; }
.trend .t-line { fill: none; stroke: var(--head); stroke-width: 1.5; } .trend .t-dot { fill: var(--head); }
.trend .t-axis { stroke: var(--muted); stroke-width: 1; } .trend .t-total { fill: var(--ink); font-weight: 700; }
.trend-table, .exceptions { font-size: 12px; }
.exceptions td { padding: 4px 8px; }
.exceptions .col-rule { width: 34%; } .exceptions .col-owner { width: 13%; }
.sha { font-family: monospace; font-size: 11.5px; word-break: break-all; }
.problem { color: var(--error); font-size: 12.5px; margin-top: 2px; }
tr.skipped td { background: #fffaf0; }
.signoff { margin-top: 32px; display: grid; grid-template-columns: repeat(3, 1fr); gap: 24px; }
.signoff div { border-top: 1px solid var(--ink); padding-top: 4px; font-size: 12px; color: var(--muted); }
footer { margin-top: 24px; font-size: 12px; color: var(--muted); }
a { color: var(--head); }
.print-only { display: none; }
@media print {
  /* Laid out for paper: smaller type, tighter cells; a check (heading, what to do, its findings) stays on one page when it fits, and a heading never ends a page. */
  html, main { background: none; }
  main { max-width: none; margin: 0; padding: 0; border: 0; }
  body { font-size: 8.5pt; line-height: 1.3; }
  h1 { font-size: 15pt; margin: 0 0 4px; }
  h2 { font-size: 11.5pt; margin: 10px 0 4px; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 9.5pt; }
  td, th { padding: 3px 5px; }
  th { font-size: 7pt; }
  code, .mono { font-size: 7.5pt; }
  .cfr, .rule-id, .problem, .sev, .tag { font-size: 7.5pt; }
  .evidence, .ev-inline { font-size: 7.5pt; }
  .ev-table th, .ev-table td { font-size: 7pt; }
  .sha { font-size: 7pt; }
  .kv, .scope { font-size: 7.5pt; }
  .scope { gap: 1px 16px; }
  .scope dt { min-width: 80px; }
  .summary { margin-top: 8px; gap: 6px; }
  .tile { padding: 4px 8px; }
  .tile p { font-size: 9pt; }
  .meta { gap: 2px 20px; }
  .check { margin: 10px 0 0; }
  .check tbody tr:first-child { break-before: avoid; page-break-before: avoid; }
  .check-head, .todo { break-after: avoid; page-break-after: avoid; }
  .todo, .callout { break-inside: avoid; page-break-inside: avoid; }
  .trend-fig, .signoff-block { break-inside: avoid; page-break-inside: avoid; }
  .trend { max-width: 480px; }
  .exceptions, .trend-table { font-size: 7pt; line-height: 1.25; }
  .exceptions td { padding: 1px 4px; }
  .exceptions code, .exceptions .cfr { font-size: 7pt; }
  .mark, .tile, .callout, tr.skipped td, .todo { background: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 7pt; overflow-wrap: anywhere; }
  .signoff { margin-top: 8px; }
  footer { margin-top: 6px; font-size: 7pt; }
  footer a[href^="http"]::after { content: none; }
  /* Denser on paper: one row of tiles, narrower item column, findings as two columns (severity over principal, then the finding). */
  body { font-size: 7.2pt; line-height: 1.18; }
  .evidence, .ev-inline { font-size: 7pt; }
  .ev-table th, .ev-table td { font-size: 7pt; }
  .meta div { min-width: 0; }
  .tile { flex: 1 1 0; }
  .col-item { width: 26%; }
  #checklist td { padding: 2px 4px; }
  #checklist td ul, #checks td { font-size: 7pt; }
  #checks td { padding: 1px 4px; }
  /* Check status in two columns: one line per check. */
  #checks table, #checks tbody { display: block; }
  #checks thead { display: none; }
  #checks tbody { column-count: 2; column-gap: 6mm; }
  #checks tr { display: flex; gap: 6px; align-items: baseline; border-bottom: 1px solid var(--rule); break-inside: avoid; }
  #checks td { border: 0; }
  #checks td:first-child { flex: 1 1 auto; min-width: 0; }
  #checks td:nth-child(2), #checks td:nth-child(3) { flex: 0 0 auto; }
  #checks td .cfr { display: inline; margin-left: 6px; }
  .check > table, .check > table > tbody { display: block; }
  .check > table > thead { display: none; }
  .check > table > tbody > tr { display: grid; grid-template-columns: 17mm minmax(0, 1fr); border-bottom: 1px solid var(--rule); break-inside: auto; page-break-inside: auto; }
  .check > table > tbody > tr > td { border: 0; padding: 2px 4px; }
  .check > table > tbody > tr > td:nth-child(1) { grid-column: 1; grid-row: 1; padding-bottom: 0; }
  .check > table > tbody > tr > td:nth-child(2) { grid-column: 1; grid-row: 2; white-space: normal; padding-top: 0; }
  .check > table > tbody > tr > td:nth-child(3) { grid-column: 2; grid-row: 1 / span 3; }
  .check > table > tbody > tr > td:nth-child(3) > p { margin: 0; break-inside: avoid; break-after: avoid; }
  .ev-inline, .ev-table tr, .evidence > tbody > tr { break-inside: avoid; page-break-inside: avoid; }
  .check .ev-inline { margin: 1px 0 0; }
  .check-head h3 { font-size: 9pt; }
  .todo { margin: 2px 0 3px; padding: 3px 8px; }
  /* Evidence tables condensed (evidence-html.ts): one record as labelled values on a line, a column
     the same in every row printed once after the table, one column left as a comma-separated list. */
  .ev-one, .ev-one tbody, .ev-one tr { display: inline; }
  .ev-one thead { display: none; }
  .ev-one td { display: inline-block; border: 0; padding: 0; margin-right: 10px; }
  .ev-one td::before { content: attr(data-label) " "; color: var(--muted); }
  .ev-table .ev-same { display: none; }
  .ev .ev-same-line { display: block; }
  .ev-column, .ev-column thead, .ev-column tbody, .ev-column tr, .ev-column th, .ev-column td { display: inline; border: 0; padding: 0; }
  .ev-column th { text-transform: none; letter-spacing: 0; font-weight: 400; color: var(--muted); margin-right: 4px; }
  .ev-column tr + tr td::before { content: ", "; }
  /* Paper gets the condensed chain of custody (inputs-print.ts); the screen keeps every file. */
  .print-only { display: revert; }
  .screen-only { display: none; }
  span.print-only { display: inline; }
  table.inputs-full { display: none; }
  #inputs table { font-size: 7pt; }
  #inputs td { padding: 0 3px; line-height: 1.2; }
  #inputs .sha { font-size: 7pt; white-space: nowrap; word-break: normal; }
  #inputs .mono { font-size: 7pt; }
  #inputs .problem { font-size: 7pt; }
  /* Exceptions: owner and review date go under the rule, giving the control text the width. */
  table.exceptions-full { display: none; }
  /* Exceptions sharing a control are one entry (every rule and scope listed), in two columns, under their owner and review date. */
  .x-owner { font-size: 7.5pt; margin: 4px 0 1px; color: var(--ink); break-after: avoid; page-break-after: avoid; }
  .x-columns { column-count: 2; column-gap: 6mm; column-rule: 0.5pt solid var(--rule); }
  .x-entry { break-inside: avoid; page-break-inside: avoid; padding: 2px 0 3px; border-bottom: 0.5pt solid var(--rule); }
  .x-rule { overflow-wrap: anywhere; font-weight: 600; }
  .exceptions-print, .exceptions-print code, .exceptions-print .cfr { font-size: 7pt; line-height: 1.2; }
  .exceptions-print .x-owner, .exceptions-print .x-owner .cfr { font-size: 7.5pt; }
  .x-rule .cfr { font-weight: 400; }
  #exceptions > p { break-after: avoid; page-break-after: avoid; }
  #inputs > p, #exceptions > p { font-size: 7.5pt; }
}
`;
