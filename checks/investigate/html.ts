import { escapeHtml as e } from '../report/escape-html';
import type { InvestigationReport } from './report';
import { describeSubject } from './select';

const CSS = `
body { margin: 0; color: #1f2933; font: 13px/1.4 sans-serif; }
main { max-width: 1200px; margin: 20px auto; padding: 0 24px; }
h1 { font-size: 22px; color: #1d3557; margin: 0 0 8px; }
h2 { font-size: 16px; color: #1d3557; margin: 24px 0 8px; border-bottom: 2px solid #1d3557; padding-bottom: 3px; break-after: avoid; }
p { margin: 4px 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dt { color: #52606d; } dd { margin: 0; font-weight: 600; }
.notice { border: 1px solid #8a4b00; border-left-width: 6px; padding: 6px 10px; margin: 12px 0; }
.incomplete { border-color: #b42318; background: #fdecea; }
.complete { border-color: #1b6e3a; background: #e8f5ec; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-size: 11px; text-transform: uppercase; color: #52606d; border-bottom: 1px solid #1f2933; padding: 4px 6px; }
td { vertical-align: top; border-bottom: 1px solid #9aa5b1; padding: 5px 6px; }
td.mono { font-family: monospace; font-size: 12px; overflow-wrap: anywhere; }
td.nowrap { white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.none { font-style: italic; color: #52606d; }
@media print { main { max-width: none; margin: 0; padding: 0; } .notice { background: none; } @page { size: landscape; margin: 10mm; } }
`;

/** investigation.html: one self-contained, printable page; everything from evidence is escaped. */
export function renderInvestigationHtml(r: InvestigationReport): string {
  const denied = r.accesses.filter((a) => a.outcome === 'denied').length;
  const people = new Set(r.accesses.map((a) => a.person)).size;
  const status = r.complete
    ? `<div class="notice complete"><strong>Complete:</strong> every CloudTrail input was read whole and every UTC day from ${e(r.from.slice(0, 10))} to ${e(r.to.slice(0, 10))} holds events.</div>`
    : `<div class="notice incomplete"><strong>INCOMPLETE: this is not a full accounting.</strong> Accesses outside the evidence read cannot be excluded.<ul>${r.incomplete.map((x) => `<li>${e(x)}</li>`).join('')}</ul></div>`;
  const rows = r.accesses
    .map(
      (a) =>
        `<tr><td class="nowrap">${e(a.timeUtc)}</td><td class="nowrap">${e(a.timeLocal)}</td><td class="mono">${e(a.person)}</td><td class="nowrap">${e(a.action)}</td><td class="mono">${e(a.objectKey)}</td><td>${a.outcome === 'denied' ? '<strong>denied</strong>' : 'allowed'}</td><td class="mono nowrap">${e(a.sourceIp)}</td><td class="mono">${e(a.eventId)}</td></tr>`,
    )
    .join('\n');
  const table = r.accesses.length
    ? `<table><thead><tr><th>Time (UTC)</th><th>Time (${e(r.timezone)})</th><th>Person</th><th>Action</th><th>Object</th><th>Outcome</th><th>Source address</th><th>Event id</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
    : '<p class="none">No PHI data event matches in the evidence read.</p>';
  const gaps = r.coverage.gaps.map((g) => `${g.from === g.to ? g.from : `${g.from} to ${g.to}`}${g.account ? ` (account ${g.account})` : ''}`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Access investigation: ${e(describeSubject(r.subject))}</title><style>${CSS}</style></head>
<body><main>
<h1>Access investigation: ${e(describeSubject(r.subject))}</h1>
<p>${e(r.organization)}. Contains protected health information: keep it with the investigation's records.</p>
<dl><dt>Records</dt><dd>PHI data events on s3://${e(r.bucket)}, allowed and denied</dd>
<dt>Range</dt><dd>${e(r.from)} to ${e(r.to)}</dd>
<dt>Accesses</dt><dd>${r.accesses.length} (${denied} denied) by ${people} principal${people === 1 ? '' : 's'}</dd>
<dt>Generated</dt><dd>${e(r.generatedAt)} by ${e(r.tool)}</dd></dl>
${status}
<h2>Accesses</h2>
${table}
<h2>Coverage</h2>
<p>${gaps.length ? `UTC days without any CloudTrail event: ${e(gaps.join(', '))}.` : 'Every UTC day of the range holds CloudTrail events.'}</p>
<p>${r.inputs.length} CloudTrail input${r.inputs.length === 1 ? '' : 's'} offered, ${r.inputs.filter((i) => i.status === 'read').length} read whole (listed with SHA-256 in investigation.json).</p>
</main></body></html>
`;
}
