import { escapeHtml as e } from '../report/escape-html';
import type { AnomalyEntry, ReviewWorksheet } from './worksheet';
import {
  ANOMALY_COLUMNS,
  anomalyCells,
  PHI_NOTICE,
  populationLines,
  SAMPLE_COLUMNS,
  sampleCells,
  sampleLine,
  SECTIONS,
  SIGN_OFF_FIELDS,
  signCommand,
  TITLE,
  weekLine,
  YES_NO,
} from './worksheet-text';

/** Printable: the reviewer fills the blank columns and the sign-off by hand. */
const CSS = `
body { margin: 0; color: #1f2933; font: 13px/1.4 sans-serif; }
main { max-width: 1100px; margin: 20px auto; padding: 0 24px; }
h1 { font-size: 22px; color: #1d3557; margin: 0 0 8px; }
h2 { font-size: 16px; color: #1d3557; margin: 24px 0 8px; border-bottom: 2px solid #1d3557; padding-bottom: 3px; break-after: avoid; }
p { margin: 4px 0; }
.notice { border: 1px solid #8a4b00; border-left-width: 6px; padding: 6px 10px; margin: 12px 0; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-size: 11px; text-transform: uppercase; color: #52606d; border-bottom: 1px solid #1f2933; padding: 4px 6px; }
td { vertical-align: top; border-bottom: 1px solid #9aa5b1; padding: 6px; overflow-wrap: break-word; }
td.mono { font-family: monospace; font-size: 12px; overflow-wrap: anywhere; }
td.nowrap { white-space: nowrap; }
td.blank { width: 180px; }
td.tick { white-space: nowrap; }
tr, .signoff div { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.none { font-style: italic; color: #52606d; }
.signoff { display: grid; grid-template-columns: 1fr 1fr; gap: 36px 32px; margin-top: 40px; }
.signoff div { border-top: 1px solid #1f2933; padding-top: 3px; font-size: 11px; color: #52606d; }
pre { background: #f0f4f8; padding: 8px 10px; white-space: pre-wrap; }
@media print { main { max-width: none; margin: 0; padding: 0; } pre { background: none; border: 1px solid #9aa5b1; } @page { size: landscape; margin: 12mm; } }
`;

const CELL_CLASS: Readonly<Record<string, string>> = { Object: 'mono', Principal: 'mono', 'Source IP': 'mono nowrap', Time: 'nowrap', Action: 'nowrap', Outcome: 'nowrap' };

function table(columns: readonly string[], rows: readonly string[][]): string {
  const head = columns.map((c) => `<th>${e(c)}</th>`).join('');
  const classes = columns.map((c) => CELL_CLASS[c]);
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((cell, i) => `<td${classes[i] ? ` class="${classes[i]}"` : ''}>${e(cell)}</td>`).join('')}<td class="tick">${YES_NO}</td><td class="blank"></td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function anomalySection(ws: ReviewWorksheet, number: number, title: string, empty: string, entries: readonly AnomalyEntry[]): string {
  const body = entries.length ? table(ANOMALY_COLUMNS, entries.map((entry, i) => anomalyCells(entry, i, ws.timeZone))) : `<p class="none">${e(empty)}</p>`;
  return `<section><h2>${number}. ${e(title)} (${entries.length})</h2>${body}</section>`;
}

export function renderWorksheetHtml(ws: ReviewWorksheet): string {
  const heading = `${TITLE}${ws.organization ? `: ${ws.organization}` : ''}`;
  const sections = [
    anomalySection(ws, 1, SECTIONS.afterHours.title, SECTIONS.afterHours.empty, ws.afterHours),
    anomalySection(ws, 2, SECTIONS.outOfSpecialty.title, SECTIONS.outOfSpecialty.empty, ws.outOfSpecialty),
  ];
  let next = 3;
  // Stryker disable next-line StringLiteral: the empty-section text shows only in an empty section, and this one is added only when it has entries
  if (ws.otherAnomalies.length) sections.push(anomalySection(ws, next++, SECTIONS.otherAnomalies.title, '', ws.otherAnomalies));
  if (ws.watchedRecords.length) sections.push(anomalySection(ws, next++, SECTIONS.watchedRecords.title, '', ws.watchedRecords));
  if (ws.aiAttestation.length) sections.push(anomalySection(ws, next++, SECTIONS.aiAttestation.title, '', ws.aiAttestation));
  sections.push(
    `<section><h2>${next}. Random sample (${ws.sample.length})</h2><p>${e(sampleLine(ws))}</p>${
      ws.sample.length ? table(SAMPLE_COLUMNS, ws.sample.map((a, i) => sampleCells(a, i, ws.timeZone))) : '<p class="none">No PHI access in the week to sample.</p>'
    }</section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(`${heading}, ${weekLine(ws)}`)}</title><style>${CSS}</style></head>
<body><main>
<h1>${e(heading)}</h1>
<p><strong>Week:</strong> ${e(weekLine(ws))}</p>
${populationLines(ws).map((line) => (line.startsWith('WARNING') ? `<p class="notice" role="alert"><strong>${e(line)}</strong></p>` : `<p>${e(line)}</p>`)).join('\n')}
<p class="notice">${e(PHI_NOTICE)}</p>
${sections.join('\n')}
<section><h2>Sign-off</h2><div class="signoff">${SIGN_OFF_FIELDS.map((f) => `<div>${e(f)}</div>`).join('')}</div>
<p>Record the signed review in the register:</p><pre>${e(signCommand(ws))}</pre></section>
</main></body></html>
`;
}
