import { daysWithoutEvents, worksheetFromEvents } from '../../../checks/review/from-events';
import { weekEndingOn } from '../../../checks/review/worksheet';
import { renderWorksheetHtml } from '../../../checks/review/worksheet-html';
import { renderWorksheetMarkdown } from '../../../checks/review/worksheet-markdown';
import { anomalyCells, populationLines } from '../../../checks/review/worksheet-text';
import { config, event } from '../helpers';

const c = config();
const zone = c.organization.timezone; // America/New_York
const week = weekEndingOn('2026-11-20', zone); // Sat 14th .. Fri 20th, local
const phi = (time: string, key: string, over: Parameters<typeof event>[0] extends infer T ? Partial<T> : never = {}) =>
  event({ time, eventSource: 's3.amazonaws.com', eventName: 'GetObject', bucket: c.storage.phiBucketName, key, sourceIp: '10.100.0.23', ...over });

/** A PHI access or any event on every local day, so coverage is whole unless a test removes a day. */
const everyDay = ['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].map((d) => event({ time: `${d}T17:00:00Z` }));

describe('weekly worksheet: every anomaly row has local time, object and outcome', () => {
  // jdoe (cardiology) opens orthopedics twice: one allowed at night, one denied.
  const night = phi('2026-11-18T03:47:12Z', 'orthopedics/P-88410/op-note.pdf', { userName: 'jdoe' });
  const denied = phi('2026-11-18T15:20:04Z', 'orthopedics/P-88411/chart.pdf', { userName: 'jdoe', success: false });
  const ws = worksheetFromEvents([...everyDay, night, denied], c, week, { sampleSize: 5 });

  test('an out-of-specialty finding over two accesses gives two rows, each with its key, local time and outcome', () => {
    expect(ws.outOfSpecialty).toHaveLength(2);
    const rows = ws.outOfSpecialty.map((entry, i) => anomalyCells(entry, i, zone));
    expect(rows.map((r) => [r[1], r[3], r[4]])).toEqual([
      ['2026-11-17 22:47 EST', `s3://${c.storage.phiBucketName}/orthopedics/P-88410/op-note.pdf`, 'allowed'],
      ['2026-11-18 10:20 EST', `s3://${c.storage.phiBucketName}/orthopedics/P-88411/chart.pdf`, 'denied'],
    ]);
  });

  test('no row says "—" or "(see evidence)", and no UTC time is left in the page', () => {
    const md = renderWorksheetMarkdown(ws);
    const html = renderWorksheetHtml(ws);
    // The seed is quoted verbatim (it reproduces the sample); everything else is local time.
    for (const page of [md, html].map((p) => p.replace(/seed (&quot;|")log-review [^"&]*(&quot;|")/g, 'seed'))) {
      expect(page).not.toContain('(see evidence)');
      expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(page).not.toMatch(/\d{2}:\d{2} UTC/);
    }
    expect(md).toMatch(/\| allowed \|/);
    expect(md).toMatch(/\| denied \|/);
  });

  test('the sample rows carry the outcome too', () => {
    expect(ws.sample.map((a) => a.outcome).sort()).toEqual(['allowed', 'denied']);
  });
});

describe('weekly worksheet: days without trail files', () => {
  test('a day without any event is listed in local dates', () => {
    const events = everyDay.filter((e) => !e.time.startsWith('2026-11-16'));
    expect(daysWithoutEvents(events, week, zone)).toEqual(['2026-11-16']);
    expect(daysWithoutEvents(everyDay, week, zone)).toEqual([]);
  });

  test('a week with no trail file never reads "0 PHI accesses" without a warning', () => {
    const ws = worksheetFromEvents([], c, week);
    expect(ws.daysWithoutEvents).toHaveLength(7);
    const lines = populationLines(ws);
    expect(lines[0]).toMatch(/^WARNING: no CloudTrail events at all on 2026-11-14, .*2026-11-20 \(7 days\)/);
    expect(lines[0]).toContain('unknown, not zero');
    expect(lines.join('\n')).not.toContain('PHI accesses in the week: 0.');
    expect(renderWorksheetHtml(ws)).toContain('<p class="notice" role="alert"><strong>WARNING');
    expect(renderWorksheetMarkdown(ws)).toContain('WARNING: no CloudTrail events');
  });

  test('a whole week says the count plainly', () => {
    const ws = worksheetFromEvents(everyDay, c, week);
    expect(populationLines(ws)[0]).toBe('PHI accesses in the week: 0.');
  });
});
