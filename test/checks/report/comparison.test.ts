import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareReports, type PreviousReport } from '../../../checks/report/comparison';
import { withIds } from '../../../checks/report/finding-id';
import { renderReportHtml } from '../../../checks/report/html';
import { reportSchema } from '../../../checks/report-model';
import { sampleReport } from './sample-report';

const previous = (name: string): PreviousReport => {
  const bytes = readFileSync(join(__dirname, '..', '..', 'fixtures', 'report', 'previous', name));
  return { report: reportSchema.parse(JSON.parse(bytes.toString('utf8'))), sha256: `sha-of-${name}` };
};
const PREVIOUS = ['q3.json', 'q1.json', 'q2.json'].map(previous); // out of order on purpose
const current = () => {
  const sample = sampleReport();
  return { ...sample, reportId: '2026-11-20-q4', findings: withIds(sample.findings) };
};

describe('compareReports against three earlier quarters', () => {
  const report = current();
  const compared = compareReports(report, PREVIOUS);

  test('marks each finding new or recurring against the latest earlier report (Q3)', () => {
    const q3 = new Set(PREVIOUS[0]!.report.findings.map((f) => f.id));
    for (const f of compared.findings) expect(f.recurrence).toBe(q3.has(f.id) ? 'recurring' : 'new');
    expect(compared.findings.filter((f) => f.recurrence === 'new').map((f) => f.id)).toEqual([report.findings[0]!.id]);
    expect(compared.comparison).toMatchObject({ previous: { reportId: '2026-08-20-q3', sha256: 'sha-of-q3.json' }, new: 1, recurring: report.findings.length - 1 });
  });

  test('lists what Q3 had and this report no longer has as resolved', () => {
    expect(compared.comparison?.resolved.map((f) => f.principal)).toEqual(['oldcoder']);
  });

  test('the trend holds the four quarters in order, totals per severity and checklist', () => {
    expect(compared.trend?.map((p) => p.reportId)).toEqual(['2026-02-20-q1', '2026-05-20-<b>q2</b>', '2026-08-20-q3', '2026-11-20-q4']);
    expect(compared.trend?.[0]?.checklist).toEqual({ pass: 2, fail: 6, error: 0 });
    const sev = (f: { severity: string }[], s: string) => f.filter((x) => x.severity === s).length;
    expect(compared.trend?.[3]?.findings).toEqual({ high: sev(report.findings, 'high'), medium: sev(report.findings, 'medium'), low: sev(report.findings, 'low') });
  });

  test('without an earlier report there is no comparison', () => {
    expect(compareReports(report, [])).toEqual({ findings: report.findings, trend: undefined });
  });
});

describe('report.html with the trend of three earlier quarters', () => {
  const compared = compareReports(current(), PREVIOUS);
  const html = renderReportHtml({ ...current(), ...compared });
  const trend = html.slice(html.indexOf('<section id="trend">'), html.indexOf('</section>', html.indexOf('<section id="trend">')));

  test('draws an inline SVG chart with one bar group per report, without script or external reference', () => {
    expect(trend).toContain('<svg class="trend"');
    expect(trend.match(/<g><title>/g)).toHaveLength(4);
    expect(trend).not.toMatch(/<script|<image|<use|href=|url\(|<foreignObject/i);
  });

  test('escapes report ids in the chart and its table', () => {
    expect(trend).not.toContain('<b>q2</b>');
    expect(trend).toContain('2026-05-20-&lt;b&gt;q2&lt;/b&gt;');
  });

  test('shows new and recurring on findings, and the resolved finding', () => {
    expect(html).toContain('<span class="tag new">New</span>');
    expect(html).toContain('<span class="tag recurring">Recurring</span>');
    expect(trend).toContain('Resolved since the previous report');
    expect(trend).toContain('oldcoder');
  });

  test('links findings to the checklist items their check feeds', () => {
    expect(html).toContain('id="item-3"');
    expect(html).toMatch(/href="#item-3">checklist item 3<\/a>/);
  });
});
