import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { offlineContext } from '../checks/report/browser';
import { launchChromium } from './chromium';

const ORIGIN = 'https://pdf-page.invalid';

/**
 * One page of a PDF drawn to PNG by pdf.js (from unpdf, already a devDependency) inside the npm
 * Chromium: nothing installed on the machine, nothing fetched. At 100 dpi a US Letter page is
 * 850 x 1100 pixels. Returns the PNG and the PDF's page count.
 */
export async function pdfPagePng(browser: Browser, pdf: Buffer, pageNumber: number, dpi = 100): Promise<{ png: Buffer; pages: number }> {
  if (!Number.isInteger(pageNumber) || pageNumber < 1 || !(dpi > 0)) throw new Error('the page must be a number from 1, the dpi a positive number');
  const files: Record<string, { body: Buffer; contentType: string }> = {
    '/': { body: Buffer.from('<!doctype html><html><body style="margin:0"><canvas id="page"></canvas></body></html>'), contentType: 'text/html' },
    '/pdf.mjs': { body: readFileSync(join(dirname(require.resolve('unpdf')), 'pdfjs.mjs')), contentType: 'text/javascript' },
    '/report.pdf': { body: pdf, contentType: 'application/pdf' },
  };
  const context = await offlineContext(browser, { viewport: { width: 800, height: 600 }, deviceScaleFactor: 1 });
  try {
    // Registered after offlineContext's abort-everything route, so it is matched first: only these three answers exist.
    await context.route(`${ORIGIN}/**`, (route) => {
      const file = files[new URL(route.request().url()).pathname];
      return file ? route.fulfill({ status: 200, body: file.body, contentType: file.contentType }) : route.abort();
    });
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/`);
    // A string, not a function: tsx would wrap a function with helpers the page does not have.
    const pages = await page.evaluate(`(async () => {
      const pdfjs = await import('${ORIGIN}/pdf.mjs');
      const data = new Uint8Array(await (await fetch('${ORIGIN}/report.pdf')).arrayBuffer());
      const doc = await pdfjs.getDocument({ data, isEvalSupported: false }).promise;
      if (${pageNumber} > doc.numPages) return doc.numPages;
      const pdfPage = await doc.getPage(${pageNumber});
      const viewport = pdfPage.getViewport({ scale: ${dpi / 72} });
      const canvas = document.getElementById('page');
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await pdfPage.render({ canvasContext: ctx, canvas, viewport }).promise;
      return doc.numPages;
    })()`);
    if (typeof pages !== 'number' || pageNumber > pages) throw new Error(`the PDF has ${String(pages)} pages, not ${pageNumber}`);
    return { png: await page.locator('#page').screenshot({ animations: 'disabled', caret: 'hide' }), pages };
  } finally {
    await context.close();
  }
}

/**
 * For the README's page image:
 *   npx tsx scripts/example-pdf.ts /tmp/report.pdf
 *   npx tsx scripts/pdf-page-png.ts /tmp/report.pdf 3 docs/report-pdf-page.png [DPI]
 */
async function main(): Promise<void> {
  const [pdfFile, pageArg = '1', out = 'page.png', dpiArg = '100'] = process.argv.slice(2);
  if (pdfFile === undefined) throw new Error('usage: npx tsx scripts/pdf-page-png.ts REPORT.pdf [PAGE] [OUT.png] [DPI]');
  const browser = await launchChromium();
  try {
    const { png, pages } = await pdfPagePng(browser, readFileSync(pdfFile), Number(pageArg), Number(dpiArg));
    writeFileSync(out, png);
    process.stderr.write(`wrote ${out} (page ${pageArg} of ${pages})\n`);
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
