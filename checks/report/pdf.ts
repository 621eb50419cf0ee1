import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { Report } from '../report-model';
import { BrowserError, type LaunchOptions, launchBrowser, offlineContext } from './browser';
import { escapeHtml as e } from './escape-html';
import { formatInstant } from './format-text';
import { renderReportHtml } from './html';

/** Renders a report to PDF bytes; the report Lambda takes one so its tests need not start a browser. */
export type PdfRenderer = (report: Report) => Promise<Buffer>;

export interface PdfOptions extends LaunchOptions {
  /**
   * A browser to print with (left open); without one, a browser is started and closed.
   * @default - a new browser from @sparticuz/chromium
   */
  readonly browser?: Browser;
  /** @default 60000 */
  readonly timeoutMs?: number;
}

/** The browser failed or is missing: report.json/md/html are written; only the PDF is not. */
export class PdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfError';
  }
}

/**
 * US Letter (what US covered entities file), margins wide enough for the running header and
 * the page footer that Chromium draws on every page from the templates below.
 */
export const PDF_PAGE = { format: 'Letter', margin: { top: '12mm', bottom: '10mm', left: '10mm', right: '10mm' } } as const;

/**
 * report.html printed to PDF with the report's print stylesheet: on every page a running
 * header (organization, as-of, report id) and "Page x of y". Header and footer are Chromium's
 * templates: they cannot load anything, and every value in them is escaped.
 */
export async function renderReportPdf(report: Report, options: PdfOptions = {}): Promise<Buffer> {
  const browser = options.browser ?? (await launch(options));
  try {
    const context = await offlineContext(browser);
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(options.timeoutMs ?? 60_000);
      await page.setContent(renderReportHtml(report), { waitUntil: 'load' });
      const pdf = await page.pdf({
        ...PDF_PAGE,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: pdfHeader(report),
        footerTemplate: pdfFooter(),
        tagged: true,
        outline: true,
      });
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new PdfError('the browser returned something that is not a PDF');
      return pdf;
    } finally {
      await context.close();
    }
  } catch (err) {
    if (err instanceof PdfError) throw err;
    throw new PdfError(`cannot print the report to PDF: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    if (options.browser === undefined) await browser.close();
  }
}

/** For the CLI: writes `pdfFile`, or throws PdfError naming it (the other report files are already written). */
export async function writeReportPdf(report: Report, pdfFile: string, options: PdfOptions = {}): Promise<void> {
  let pdf: Buffer;
  try {
    pdf = await renderReportPdf(report, options);
  } catch (err) {
    throw new PdfError(`Cannot write ${pdfFile}: ${(err as Error).message}`);
  }
  writeFileSync(pdfFile, pdf);
}

async function launch(options: LaunchOptions): Promise<Browser> {
  try {
    return await launchBrowser(options);
  } catch (err) {
    throw new PdfError(err instanceof BrowserError ? err.message : `cannot start the browser: ${(err as Error).message}`);
  }
}

/** Templates are laid out without the page's stylesheet: sizes and fonts are set here. */
const BAND = 'font-family: "Open Sans", sans-serif; font-size: 7pt; color: #52606d; width: 100%; margin: 0 10mm; display: flex; justify-content: space-between; gap: 12px;';

export function pdfHeader(report: Report): string {
  const id = report.reportId ?? '';
  return `<div style='${BAND} border-bottom: 0.5pt solid #d9e2ec; padding-bottom: 2px;'><span>${e(report.organization)}</span><span>HIPAA audit as of ${e(formatInstant(report.asOf))}</span><span>Report ${e(id)}</span></div>`;
}

export function pdfFooter(): string {
  return `<div style='${BAND}'><span>Confidential: compliance record. report.json beside this file is the machine-readable record.</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}
