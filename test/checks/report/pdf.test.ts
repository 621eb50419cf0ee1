import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../../checks/report/browser';
import { CHECKS } from '../../../lib/controls/catalog';
import { PdfError, pdfHeader, renderReportPdf, writeReportPdf } from '../../../checks/report/pdf';
import type { Report } from '../../../checks/report-model';
import { exampleReport } from './example-report';
import { pdfPagePng } from '../../../scripts/pdf-page-png';
import { pdfPageTexts } from './pdf-pages';
import { decodePng } from './png';
import { sampleReport } from './sample-report';

describe('report.pdf of the example audit (every planted finding)', () => {
  let browser: Browser;
  let report: Report;
  let pages: string[];
  let pdf: Buffer;

  beforeAll(async () => {
    browser = await launchBrowser();
    report = await exampleReport();
    pdf = await renderReportPdf(report, { browser });
    pages = pdfPageTexts(pdf);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('fits in at most 6 pages', () => {
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBeLessThanOrEqual(6);
  });

  test('prints every finding of the report, each once, and the counts it states', () => {
    // Finding ids may wrap at a line end: compare without whitespace.
    const all = pages.join(' ').replace(/\s+/g, '');
    const printed = all.match(/f-[0-9a-f]{16}/g) ?? [];
    const ids = report.findings.map((f) => f.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(report.findings.length);
    expect([...printed].sort()).toEqual([...ids].sort());
    const count = (severity: string) => report.findings.filter((f) => f.severity === severity).length;
    expect(pages[0]).toContain(`${count('high')} high · ${count('medium')} medium · ${count('low')} low`);
  });

  test('condenses without leaving anything out: every finding\'s summary and evidence value, every exception\'s rule, scope and control', () => {
    // Lines wrap anywhere on paper: compare without whitespace.
    const all = pages.join(' ').replace(/\s+/g, '');
    const printed = (text: string) => all.includes(text.replace(/\s+/g, ''));
    const leaves = (v: unknown): string[] => (v === null || v === undefined ? [] : typeof v === 'object' ? Object.values(v).flatMap(leaves) : [String(v)]);
    const missing = [
      ...report.findings.flatMap((f) => [f.summary, ...leaves(f.evidence)].filter((t) => !printed(t)).map((t) => `${f.id}: ${t}`)),
      ...(report.exceptions ?? []).flatMap((x) => [x.rule, x.path ?? '', x.compensatingControl].filter((t) => !printed(t)).map((t) => `${x.rule}: ${t}`)),
    ];
    expect(report.findings.flatMap((f) => leaves(f.evidence)).length).toBeGreaterThan(report.findings.length);
    expect(report.exceptions?.length).toBeGreaterThan(1);
    expect(missing).toEqual([]);
  });

  test('the chain of custody on paper: files read whole counted per folder, every other input listed with its reason', () => {
    const all = pages.join(' ');
    const trail = report.inputs.filter((i) => i.status === 'read' && i.source.includes('/CloudTrail/us-east-1/'));
    expect(trail.length).toBeGreaterThan(1);
    expect(all).toContain(`Read, ${trail.length} files`);
    expect(all).toContain(`${report.inputs.filter((i) => i.status === 'read').length} read`);
  });

  test('every page carries the running header (organization, as-of, report id) and "Page x of y"', () => {
    expect(report.reportId).toMatch(/\S/);
    pages.forEach((text, i) => {
      expect(text).toContain('Example Coding Group');
      expect(text).toContain('HIPAA audit as of 2026-11-20 12:00 UTC');
      expect(text).toContain(`Report ${report.reportId}`);
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  test('no "What to do" call-out is split across pages, and no check heading ends a page', () => {
    const withFindings = CHECKS.filter((c) => report.findings.some((f) => f.check === c.check));
    expect(withFindings.length).toBeGreaterThan(0);
    for (const info of withFindings) {
      const box = `What to do: ${info.remediation}`.replace(/\s+/g, ' ');
      const holding = pages.filter((p) => p.includes(box));
      expect({ check: info.check, pages: holding.length }).toEqual({ check: info.check, pages: 1 });
      // The heading is on the same page as its call-out: kept with what follows.
      expect(holding[0]).toContain(info.title);
    }
  });

  test('no page ends with a section heading, its introduction or an exception owner\'s heading', () => {
    const ends = [/Quarterly checklist$/, /Findings by check$/, /Check status$/, /Accepted exceptions$/, /compensates for it\.$/, /\(\d+ exceptions?\)$/, /Inputs \(chain of custody\)$/, /listed with its reason\.$/, /Sign-off$/];
    const bodies = pages.map((text) => text.slice(0, text.lastIndexOf('Example Coding Group HIPAA audit as of')).trim());
    expect(bodies.every((b) => b.length > 0)).toBe(true);
    const stranded = bodies.flatMap((b, i) => ends.filter((end) => end.test(b)).map((end) => `page ${i + 1}: ${end}`));
    expect(stranded).toEqual([]);
  });

  test('a page draws to PNG as the README shows it (scripts/pdf-page-png.ts): US Letter at 100 dpi, with ink on it', async () => {
    const { png, pages: count } = await pdfPagePng(browser, pdf, 3);
    expect(count).toBe(pages.length);
    const image = decodePng(png);
    expect([image.width, image.height]).toEqual([850, 1100]);
    const readme = decodePng(readFileSync('docs/report-pdf-page.png'));
    expect([readme.width, readme.height]).toEqual([850, 1100]);
    let dark = 0;
    for (let i = 0; i < image.data.length; i += 4) if ((image.data[i] ?? 255) < 128) dark++;
    const ink = dark / (image.width * image.height);
    expect(ink).toBeGreaterThan(0.01);
    expect(ink).toBeLessThan(0.3);
    await expect(pdfPagePng(browser, pdf, pages.length + 1)).rejects.toThrow(`the PDF has ${pages.length} pages, not ${pages.length + 1}`);
  }, 30000);

  test('evidence is laid out as words and tables, not raw JSON', () => {
    const all = pages.join('\n');
    expect(all).not.toMatch(/\{"/);
    expect(all).not.toMatch(/\[\{/);
  });
});

describe('writeReportPdf', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdf-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('writes a PDF with the npm Chromium', async () => {
    const pdf = join(dir, 'report.pdf');
    await writeReportPdf(sampleReport(), pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('a browser that cannot start is a PdfError naming the file, and nothing is written', async () => {
    const pdf = join(dir, 'report.pdf');
    const broken = { newContext: () => Promise.reject(new Error('Target closed')), close: () => Promise.resolve() } as unknown as Browser;
    const attempt = writeReportPdf(sampleReport(), pdf, { browser: broken });
    await expect(attempt).rejects.toBeInstanceOf(PdfError);
    await expect(attempt).rejects.toThrow(/Cannot write .*report\.pdf: cannot print the report to PDF: Target closed/);
    expect(() => readFileSync(pdf)).toThrow();
  });
});

describe('PDF header', () => {
  test('escapes what comes from the report', () => {
    const header = pdfHeader({ ...sampleReport(), organization: '<img src=x onerror=alert(1)>', reportId: '"><script>' });
    expect(header).not.toContain('<img');
    expect(header).not.toContain('<script');
    expect(header).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
