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

/**
 * Text from evidence inside a markdown table cell: no cell breaks, no line breaks, no markup
 * (inline HTML or emphasis) that a renderer would act on.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

function table(columns: readonly string[], rows: readonly string[][]): string {
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function anomalySection(ws: ReviewWorksheet, number: number, title: string, empty: string, entries: readonly AnomalyEntry[]): string {
  const head = `## ${number}. ${title} (${entries.length})`;
  if (entries.length === 0) return `${head}\n\n${empty}`;
  return `${head}\n\n${table(
    ANOMALY_COLUMNS,
    entries.map((entry, i) => [...anomalyCells(entry, i, ws.timeZone).map(markdownCell), YES_NO, ' ']),
  )}`;
}

export function renderWorksheetMarkdown(ws: ReviewWorksheet): string {
  const parts = [
    `# ${TITLE}${ws.organization ? `: ${markdownCell(ws.organization)}` : ''}`,
    `Week: ${markdownCell(weekLine(ws))}  \n${populationLines(ws).map(markdownCell).join('  \n')}`,
    `> ${PHI_NOTICE}`,
    anomalySection(ws, 1, SECTIONS.afterHours.title, SECTIONS.afterHours.empty, ws.afterHours),
    anomalySection(ws, 2, SECTIONS.outOfSpecialty.title, SECTIONS.outOfSpecialty.empty, ws.outOfSpecialty),
  ];
  let next = 3;
  if (ws.otherAnomalies.length) parts.push(anomalySection(ws, next++, SECTIONS.otherAnomalies.title, '', ws.otherAnomalies));
  if (ws.watchedRecords.length) parts.push(anomalySection(ws, next++, SECTIONS.watchedRecords.title, '', ws.watchedRecords));
  if (ws.aiAttestation.length) parts.push(anomalySection(ws, next++, SECTIONS.aiAttestation.title, '', ws.aiAttestation));
  const sampleHead = `## ${next}. Random sample (${ws.sample.length})\n\n${markdownCell(sampleLine(ws))}`;
  parts.push(
    ws.sample.length
      ? `${sampleHead}\n\n${table(SAMPLE_COLUMNS, ws.sample.map((a, i) => [...sampleCells(a, i, ws.timeZone).map(markdownCell), YES_NO, ' ']))}`
      : `${sampleHead}\n\nNo PHI access in the week to sample.`,
  );
  parts.push(
    `## Sign-off\n\n${SIGN_OFF_FIELDS.map((f) => `- ${f}: ______________________`).join('\n')}\n\nRecord the signed review in the register:\n\n\`\`\`sh\n${signCommand(ws)}\n\`\`\``,
  );
  return `${parts.join('\n\n')}\n`;
}
