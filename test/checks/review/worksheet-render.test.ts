import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { phiAccessSchema } from '../../../checks/review/phi-access';
import { buildWorksheet, weekEndingOn } from '../../../checks/review/worksheet';
import { renderWorksheetHtml } from '../../../checks/review/worksheet-html';
import { markdownCell, renderWorksheetMarkdown } from '../../../checks/review/worksheet-markdown';
import { sampleReport } from '../report/sample-report';

const accesses = z.array(phiAccessSchema).parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'review', 'phi-accesses.json'), 'utf8')));
const week = weekEndingOn('2026-11-20');
const worksheet = buildWorksheet(accesses, sampleReport().findings, { week, sampleSize: 5, organization: 'Example Coding Group' });
const empty = buildWorksheet([], [], { week });
const zoned = buildWorksheet(accesses, sampleReport().findings, { week: weekEndingOn('2026-11-20', 'America/New_York'), timeZone: 'America/New_York' });

/** Text between a heading and the next heading. */
function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf('\n## ', start + heading.length);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('markdownCell', () => {
  test('keeps a table cell one cell on one line, with no live markup', () => {
    expect(markdownCell('a|b\nc')).toBe('a\\|b c');
    expect(markdownCell('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(markdownCell('op_note *x* [l](u) `c`')).toBe('op\\_note \\*x\\* \\[l\\](u) \\`c\\`');
  });
});

describe('renderWorksheetMarkdown', () => {
  const md = renderWorksheetMarkdown(worksheet);

  test('has the three sections in order, then the sign-off with the command to record it', () => {
    const order = ['## 1. After-hours access (1)', '## 2. Out-of-specialty access (1)', '## 3. Random sample (5)', '## Sign-off'].map((h) => md.indexOf(h));
    expect(order.every((pos, i) => pos > (order[i - 1] ?? -1))).toBe(true);
    expect(md).toContain('coding-env review sign --reviewer ID --sampled 5 --anomalies N --actions "TEXT" --register register.json');
    expect(md).toContain('- Reviewer (person id): ______');
  });

  test('gives every row blanks for the reviewer', () => {
    const sample = sectionOf(md, '## 3. Random sample');
    const rows = sample.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row).toMatch(/\| ☐ yes ☐ no \| {3}\|$/);
    expect(sectionOf(md, '## 1. After-hours')).toContain('| # | Time | Principal | Object | Outcome | Finding | Explained? | Action taken / note |');
  });

  test('escapes evidence and keys: no raw markup, and table rows are not broken', () => {
    const afterHours = sectionOf(md, '## 1. After-hours');
    expect(afterHours).toContain('op-note\\_&lt;img src=x onerror=alert(1)&gt;.pdf');
    expect(md).not.toContain('<img');
    const row = afterHours.split('\n').find((l) => l.startsWith('| 1 |')) ?? '';
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(10);
  });

  test('says the week, the population, what was left out, and warns that it holds PHI', () => {
    expect(md).toContain('Week: 2026-11-14 00:00 UTC to 2026-11-21 00:00 UTC');
    expect(md).toContain('PHI accesses in the week: 9.');
    expect(md).toContain('1 record outside the week; 1 repeated event id (counted once)');
    expect(md).toContain('> This worksheet lists PHI object keys.');
    expect(md).toContain('seed "log-review 2026-11-14T00:00:00.000Z/2026-11-21T00:00:00.000Z"');
  });

  test('shows times in the organisation\'s zone, so "after hours" reads as the finding says', () => {
    const text = renderWorksheetMarkdown(zoned);
    expect(text).toContain('Week: 2026-11-14 00:00 EST to 2026-11-21 00:00 EST (times in America/New\\_York)');
    expect(sectionOf(text, '## 1. After-hours')).toContain('| 1 | 2026-11-17 22:47 EST | mlopez |');
  });

  test('with nothing to review, says so in each section', () => {
    const text = renderWorksheetMarkdown(empty);
    expect(text).toContain('No PHI access outside business hours this week.');
    expect(text).toContain('No PHI access outside an assigned specialty this week.');
    expect(text).toContain('No PHI access in the week to sample.');
    expect(text).not.toContain('| 1 |');
  });
});

describe('renderWorksheetHtml', () => {
  const html = renderWorksheetHtml(worksheet);

  test('escapes every string from evidence and records', () => {
    expect(html).not.toMatch(/<(img|script)\b/);
    expect(html).toContain('op-note_&lt;img src=x onerror=alert(1)&gt;.pdf');
    expect(html).toContain('userAgent: &lt;img src=x onerror=alert(1)&gt;');
  });

  test('has the sections, a blank tick and note for every row, and the sign-off', () => {
    expect(html).toContain('<h2>1. After-hours access (1)</h2>');
    expect(html).toContain('<h2>2. Out-of-specialty access (1)</h2>');
    expect(html).toContain('<h2>3. Random sample (5)</h2>');
    expect(html.match(/<td class="tick">☐ yes ☐ no<\/td><td class="blank"><\/td><\/tr>/g)).toHaveLength(7);
    expect(html).toContain('<div>Reviewer (person id)</div>');
    expect(html).toContain('@media print');
  });

  test('a finding of another access-anomaly rule gets its own numbered section, and the sample the next number', () => {
    const other = { check: 'access-anomaly', rule: 'bulk-download', principal: 'klee', severity: 'high' as const, summary: 'klee read 400 records in 5 minutes', evidence: { time: '2026-11-17T12:00:00Z' } };
    const text = renderWorksheetHtml(buildWorksheet(accesses, [...sampleReport().findings, other], { week, sampleSize: 5 }));
    expect(text.match(/<h2>[^<]*<\/h2>/g)).toEqual(['<h2>1. After-hours access (1)</h2>', '<h2>2. Out-of-specialty access (1)</h2>', '<h2>3. Other access anomalies (1)</h2>', '<h2>4. Random sample (5)</h2>', '<h2>Sign-off</h2>']);
    expect(text).toContain('<td>klee read 400 records in 5 minutes</td>');
  });

  test('a sample row\'s cells: times, actions and outcomes unwrapped, principals and objects monospaced, the source IP both', () => {
    const one = renderWorksheetHtml(buildWorksheet(accesses, [], { week, sampleSize: 1 }));
    const row = /<tbody><tr>(.*?)<\/tr>/.exec(one.slice(one.indexOf('Random sample')))?.[1];
    expect(row?.replace(/>[^<]*</g, '><')).toBe('<td></td><td class="nowrap"></td><td class="mono"></td><td class="nowrap"></td><td class="mono"></td><td class="nowrap"></td><td class="mono nowrap"></td><td class="tick"></td><td class="blank"></td>');
  });

  test('with nothing to review, says so', () => {
    const text = renderWorksheetHtml(empty);
    expect(text).toContain('No PHI access in the week to sample.');
    expect(text).not.toContain('<table');
  });
});
