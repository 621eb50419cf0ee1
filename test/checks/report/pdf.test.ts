import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReportHtml } from '../../../checks/report/html';
import { findChromium, PdfError, printPdf } from '../../../checks/report/pdf';
import { assertChromium, CHROMIUM_PATH } from '../../../scripts/chromium';
import { sampleReport } from './sample-report';

describe('printPdf', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdf-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('prints report.html to a PDF with the system Chromium', async () => {
    assertChromium(); // fails with an install hint, never skips
    const html = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    writeFileSync(html, renderReportHtml(sampleReport()));
    await printPdf(html, pdf, { chromiumPath: CHROMIUM_PATH });
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
  }, 60_000);

  test('without Chromium, refuses with a message naming the fix, and writes nothing', async () => {
    const html = join(dir, 'report.html');
    writeFileSync(html, '<p>x</p>');
    const pdf = join(dir, 'report.pdf');
    const attempt = printPdf(html, pdf, { chromiumPath: join(dir, 'no-such-chromium') });
    await expect(attempt).rejects.toBeInstanceOf(PdfError);
    await expect(attempt).rejects.toThrow(/no Chromium found .*apt-get install chromium/);
    expect(() => readFileSync(pdf)).toThrow();
  });

  test('names the HTML file when it cannot be read', async () => {
    await expect(printPdf(join(dir, 'missing.html'), join(dir, 'r.pdf'), { chromiumPath: CHROMIUM_PATH })).rejects.toThrow(/missing\.html is not a readable file/);
  });

  test('finds the first installed browser among the candidates, or none', () => {
    expect(findChromium([join(dir, 'nope'), CHROMIUM_PATH])).toBe(CHROMIUM_PATH);
    expect(findChromium([join(dir, 'nope')])).toBeUndefined();
  });
});
