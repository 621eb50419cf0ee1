import { htmlWriter, renderReportHtml } from '../../../checks/report/html';
import type { Report } from '../../../checks/report-model';
import { CHECKS } from '../../../lib/controls/catalog';
import { sampleReport } from './sample-report';

const empty: Report = {
  asOf: '2026-11-20T12:00:00Z',
  window: { from: '2026-10-21T12:00:00Z', to: '2026-11-20T12:00:00Z', days: 30 },
  generatedAt: '2026-11-20T12:01:00Z',
  organization: 'Example Coding Group',
  findings: [],
  checks: CHECKS.map((c) => ({ check: c.check, status: 'ok' as const })),
  checklist: [{ item: 1, title: 'Risk analysis on file', status: 'pass', reasons: ['Completed 2026-01-15.'], cfr: ['164.308(a)(1)(ii)(A)'] }],
  inputs: [{ source: 'credential-report.csv', kind: 'credential-report', status: 'read', records: 3, sha256: 'ab'.repeat(32) }],
  coverage: { from: '2026-10-21T12:00:00Z', to: '2026-11-20T12:00:00Z', gaps: [] },
};

/** The HTML of one `<section id=...>`, to assert on a part of the page. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('htmlWriter', () => {
  test('is the report.html writer', () => {
    expect(htmlWriter.fileName).toBe('report.html');
    expect(htmlWriter.contentType).toBe('text/html; charset=utf-8');
    expect(htmlWriter.render(empty)).toBe(renderReportHtml(empty));
  });

  test("a finding's account is shown under its principal, escaped", () => {
    const report = sampleReport();
    const html = renderReportHtml({ ...report, findings: [{ ...report.findings[0], account: '<b>111122223333</b>' }] });
    expect(html).toContain('<div class="cfr">account &lt;b&gt;111122223333&lt;/b&gt;</div>');
    expect(renderReportHtml(report)).not.toContain('>account ');
  });

  test('is one self-contained page: inline style, no scripts, no external assets', () => {
    const html = renderReportHtml(sampleReport());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b|<[^>]*\s(src|href)=(?!"(https:\/\/www\.ecfr\.gov\/|#))|@import|url\(/i);
  });

  test('escapes every string from the report: evidence, principal, organization, reasons, inputs', () => {
    const evil = '<script>alert(1)</script>';
    const report: Report = {
      ...empty,
      organization: `Org ${evil}`,
      findings: [{ check: 'stale-access', rule: `r${evil}`, principal: `p${evil}`, severity: 'high', summary: `s${evil}`, evidence: { [`k${evil}`]: evil, list: [evil], nested: { ua: evil } } }],
      checks: [{ check: 'vpn-bypass', status: 'error', error: `e${evil}` }],
      checklist: [{ item: 1, title: `t${evil}`, status: 'fail', reasons: [`why${evil}`], cfr: [`c${evil}`] }],
      inputs: [{ source: `f${evil}`, kind: `k${evil}`, status: 'skipped', records: 0, sha256: `h${evil}`, problem: `p${evil}` }],
    };
    const html = renderReportHtml(report);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('"ua":"<');
    const shown = (prefix: string) => `${prefix}&lt;script&gt;alert(1)&lt;/script&gt;`;
    for (const prefix of ['Org ', 'r', 'p', 's', 'k', 't', 'why', 'c', 'f', 'h', 'e']) expect(html).toContain(shown(prefix));
    // Nested evidence is laid out as key and value, not printed as JSON.
    expect(html).toContain('<span class="ev-key">ua</span> &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('{&quot;');
    expect(html).toContain('<title>HIPAA audit report: Org &lt;script&gt;');
  });

  test('a finding id, an input kind and a refused input\'s problem reach the page escaped; an item without reasons or CFR says so', () => {
    const evil = '<b>x</b>';
    const report: Report = {
      ...empty,
      findings: [{ check: 'stale-access', rule: 'r', principal: 'p', severity: 'low', summary: 's', evidence: {}, id: `id${evil}` }],
      checklist: [{ item: 1, title: 't', status: 'error', reasons: [], cfr: [] }],
      inputs: [{ source: 'a/b.json', kind: `k${evil}`, status: 'refused', records: 0, sha256: '', problem: `p${evil}` }],
    };
    const html = renderReportHtml(report);
    expect(html).not.toContain(evil);
    expect(section(html, 'checklist')).toContain('<span class="none">No reasons given.</span>');
    expect(section(html, 'checklist')).not.toContain('45 CFR');
    expect(section(html, 'findings')).toContain('<tr id="id&lt;b&gt;x&lt;/b&gt;">');
    expect(section(html, 'findings')).toContain('(r, id&lt;b&gt;x&lt;/b&gt;)');
    expect(section(html, 'inputs')).toContain('<td class="nowrap">k&lt;b&gt;x&lt;/b&gt;</td>');
    expect(section(html, 'inputs')).toContain('Refused</strong>');
    expect(section(html, 'inputs')).toContain(' p&lt;b&gt;x&lt;/b&gt;</div>');
  });

  test('shows the header: organisation, as-of, window and generated time', () => {
    const html = renderReportHtml(sampleReport());
    expect(html).toContain('<h1>Example Coding Group</h1>');
    expect(html).toContain('<dt>As of</dt><dd>2026-11-20 12:00 UTC</dd>');
    expect(html).toContain('2026-10-21 12:00 UTC to 2026-11-20 12:00 UTC (30 days)');
    expect(html).toContain('<dt>Generated</dt><dd>2026-11-20 12:04 UTC</dd>');
  });

  test('puts the checklist first with a word and symbol for each status, reasons and CFR', () => {
    const html = renderReportHtml(sampleReport());
    expect(html.indexOf('id="checklist"')).toBeLessThan(html.indexOf('id="findings"'));
    expect(html.indexOf('id="findings"')).toBeLessThan(html.indexOf('id="checks"'));
    expect(html.indexOf('id="checks"')).toBeLessThan(html.indexOf('id="inputs"'));
    const checklist = section(html, 'checklist');
    expect(checklist.match(/<\/svg> Pass/g)).toHaveLength(3);
    expect(checklist.match(/<\/svg> Fail/g)).toHaveLength(4);
    expect(checklist.match(/<\/svg> Error/g)).toHaveLength(1);
    expect(checklist).toContain('TX: no review of state rules on record (stateRules.TX).');
    expect(checklist).toContain('45 CFR 164.308(b)(1), 164.502(e), 164.504(e)');
  });

  test('groups findings under each check with its title and what to do from the catalog', () => {
    const sample = sampleReport();
    const findings = section(renderReportHtml(sample), 'findings');
    // The checks the sample report has findings of (it predates the later checks).
    for (const check of CHECKS.filter((c) => c.check !== 'vpn-bypass' && sample.findings.some((f) => f.check === c.check))) {
      const start = findings.indexOf(`id="check-${check.check}"`);
      const group = findings.slice(start, findings.indexOf('</article>', start));
      expect(group).toContain(`<h3>${check.title}</h3>`);
      expect(group).toContain(`<strong>What to do:</strong> ${check.remediation}`);
      expect(group).toContain('2 findings');
    }
    expect(findings).toContain('<span class="ev-key">source IPs</span> 198.51.100.7, 203.0.113.45');
  });

  test('a check in error says it could not run and why, never "No findings", and is called out at the top', () => {
    const html = renderReportHtml(sampleReport());
    const findings = section(html, 'findings');
    const start = findings.indexOf('id="check-vpn-bypass"');
    const group = findings.slice(start, findings.indexOf('</article>', start));
    expect(group).toContain('</svg> Error');
    expect(group).toContain('This check could not run:</strong> CloudTrail management events cover 2026-11-02 to 2026-11-20 only; the window starts 2026-10-21.');
    expect(group).not.toContain('No findings');
    expect(html.indexOf('1 check could not run.')).toBeLessThan(html.indexOf('id="checklist"'));
    expect(section(html, 'checks')).toContain('<strong class="problem">CloudTrail management events cover');
  });

  test('with no findings, every check that ran says "No findings." and no remediation is shown', () => {
    const html = renderReportHtml(empty);
    expect(section(html, 'findings').match(/No findings\./g)).toHaveLength(CHECKS.length);
    expect(html).not.toContain('What to do');
    expect(html).not.toContain('could not run');
    expect(html).toContain(`all ${CHECKS.length} ran`);
    expect(html).toContain('0 high · 0 medium · 0 low');
  });

  test('with nothing at all, says so instead of showing empty tables', () => {
    const html = renderReportHtml({ ...empty, checks: [], checklist: [], inputs: [] });
    expect(html).toContain('The report has no checklist items.');
    expect(html).toContain('No checks were reported.');
    expect(html).toContain('No inputs were recorded');
    expect(html).not.toContain('<table');
  });

  test('lists inputs with their SHA-256, and a skipped input with its problem', () => {
    const inputs = section(renderReportHtml(sampleReport()), 'inputs');
    expect(inputs).toContain('3f1c0a7d9e2b4c6f8a1d3e5b7c9f0a2e4d6b8c1f3a5e7d9b2c4f6a8e0d1b3c5f');
    expect(inputs).toMatch(/<tr class="skipped">[^]*not a gzip file \(incorrect header check\)[^]*<\/svg> Skipped/);
  });

  test('prints well: rows are not split, backgrounds are dropped, link addresses are printed', () => {
    const html = renderReportHtml(empty);
    expect(html).toMatch(/@media print/);
    expect(html).toMatch(/tr, li[^{]*\{[^}]*break-inside: avoid/);
    expect(html).toContain('a[href^="http"]::after { content: " (" attr(href) ")"');
  });

  test('a check the catalog does not know: its group is headed by its id and its finding count, with no 45 CFR line', () => {
    const report = sampleReport();
    const html = renderReportHtml({ ...report, checks: [...report.checks, { check: 'custom-check', status: 'ok' }], findings: [...report.findings, { ...report.findings[0], check: 'custom-check' }] });
    expect(html).toContain('<article class="check" id="check-custom-check"><div class="check-head"><h3>custom-check</h3><span class="rule-id">1 finding</span></div><table>');
  });

  test('the summary tiles: each name and its counts, the comparison\'s when there is one', () => {
    const tiles = (r: Report) => [...renderReportHtml(r).matchAll(/<div class="tile"><h3>([^<]*)<\/h3><p>([^<]*)<\/p><\/div>/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(tiles({ ...empty, findings: [] })).toEqual(['Checklist: 1 pass · 0 fail · 0 error', 'Findings: 0 high · 0 medium · 0 low', `Checks: all ${CHECKS.length} ran`, 'Inputs: 1 read · 0 not read whole · 0 ignored']);
    expect(tiles({ ...empty, comparison: { previous: { reportId: 'r-2026-08', asOf: '2026-08-20T12:00:00Z', sha256: 'cd'.repeat(32) }, new: 2, recurring: 1, resolved: [] } }).at(-1)).toBe('Since last report: 2 new · 1 recurring · 0 resolved');
  });
});
