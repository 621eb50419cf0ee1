import { worksheetFromEvents } from '../../../checks/review/from-events';
import { weekEndingOn } from '../../../checks/review/worksheet';
import { renderWorksheetHtml } from '../../../checks/review/worksheet-html';
import { renderWorksheetMarkdown } from '../../../checks/review/worksheet-markdown';
import type { AiAttestation } from '../../../checks/model/attestations';
import { config, event } from '../helpers';

const week = weekEndingOn('2026-11-19', 'America/New_York');
const phi = (key: string, user: string) => event({ time: '2026-11-18T15:30:00Z', userName: user, eventSource: 's3.amazonaws.com', eventName: 'GetObject', bucket: 'examplecoding-phi-records', key });
const unattested: AiAttestation = { claimId: 'CLM-9', suggestedAt: '2026-11-18T17:00:00Z', suggestedMs: Date.parse('2026-11-18T17:00:00Z'), suggestedCodes: ['M54.50'], finalCodes: [], submittedAt: '2026-11-18T17:05:00Z', submittedMs: Date.parse('2026-11-18T17:05:00Z') };
const register = { watchList: [{ patientId: 'P100455', reason: 'relative of a workforce member', personIds: ['mgarcia'] }], training: [] };

describe('worksheet: watched records and AI attestation in their own sections', () => {
  test('with the register and the export, each has a numbered section before the sample', () => {
    const ws = worksheetFromEvents([phi('cardiology/P100455/echo.pdf', 'mgarcia'), phi('cardiology/P100999/echo.pdf', 'jdoe')], config(), week, { register, attestations: { sources: ['ai-attestations.csv'], rows: [unattested] } });
    expect(ws.watchedRecords.map((e) => `${e.finding.principal}:${e.finding.severity}`)).toEqual(['mgarcia:high']);
    expect(ws.aiAttestation.map((e) => e.finding.rule)).toEqual(['unattested-ai-codes']);
    const md = renderWorksheetMarkdown(ws);
    expect(md).toMatch(/## 3\. Access to watched records \(1\)[\s\S]*## 4\. AI-suggested codes: attestation \(1\)[\s\S]*## 5\. Random sample/);
    expect(renderWorksheetHtml(ws)).toContain('<h2>3. Access to watched records (1)</h2>');
  });

  test('without them (or with nothing to show) the worksheet is as before', () => {
    const ws = worksheetFromEvents([phi('cardiology/P100455/echo.pdf', 'mgarcia')], config(), week);
    expect(ws.watchedRecords).toEqual([]);
    expect(renderWorksheetMarkdown(ws)).toMatch(/## 3\. Random sample/);
  });
});
