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
.evidence { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 4px 0 0; font-size: 12.5px; }
.evidence dt { color: var(--muted); }
.evidence dd { margin: 0; font-family: monospace; overflow-wrap: anywhere; }
.sha { font-family: monospace; font-size: 11.5px; word-break: break-all; }
.problem { color: var(--error); font-size: 12.5px; margin-top: 2px; }
tr.skipped td { background: #fffaf0; }
.signoff { margin-top: 32px; display: grid; grid-template-columns: repeat(3, 1fr); gap: 24px; }
.signoff div { border-top: 1px solid var(--ink); padding-top: 4px; font-size: 12px; color: var(--muted); }
footer { margin-top: 24px; font-size: 12px; color: var(--muted); }
a { color: var(--head); }
@media print {
  html, main { background: none; }
  main { max-width: none; margin: 0; padding: 0; border: 0; }
  body { font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .check-head, .todo { break-after: avoid; page-break-after: avoid; }
  .mark, .tile, .callout, tr.skipped td, .todo { background: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 9pt; overflow-wrap: anywhere; }
  @page { margin: 15mm 14mm; }
}
`;
