import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { offlineContext } from '../checks/report/browser';
import { launchChromium } from './chromium';

/**
 * Renders one page of a PDF to PNG with the npm Chromium and pdf.js (from unpdf, already a
 * devDependency): nothing installed on the machine, nothing fetched. For the README's page image:
 *   npx tsx scripts/example-pdf.ts /tmp/report.pdf
 *   npx tsx scripts/pdf-page-png.ts /tmp/report.pdf 3 docs/report-pdf-page.png
 * The page is drawn at 100 dpi (US Letter: 850 x 1100 pixels) unless DPI is given as a fourth argument.
 */
const [pdfFile, pageArg = '1', out = 'page.png', dpiArg = '100'] = process.argv.slice(2);
const ORIGIN = 'https://pdf-page.invalid';

async function main(): Promise<void> {
  if (pdfFile === undefined) throw new Error('usage: npx tsx scripts/pdf-page-png.ts REPORT.pdf [PAGE] [OUT.png] [DPI]');
  const pageNumber = Number(pageArg);
  const scale = Number(dpiArg) / 72;
  if (!Number.isInteger(pageNumber) || pageNumber < 1 || !(scale > 0)) throw new Error('PAGE must be a page number from 1, DPI a positive number');
  const files: Record<string, { body: Buffer; contentType: string }> = {
    '/': { body: Buffer.from('<!doctype html><html><body style="margin:0"><canvas id="page"></canvas></body></html>'), contentType: 'text/html' },
    '/pdf.mjs': { body: readFileSync(join(dirname(require.resolve('unpdf')), 'pdfjs.mjs')), contentType: 'text/javascript' },
    '/report.pdf': { body: readFileSync(pdfFile), contentType: 'application/pdf' },
  };
  const browser = await launchChromium();
  try {
    const context = await offlineContext(browser, { viewport: { width: 800, height: 600 }, deviceScaleFactor: 1 });
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
      const viewport = pdfPage.getViewport({ scale: ${scale} });
      const canvas = document.getElementById('page');
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await pdfPage.render({ canvasContext: ctx, canvas, viewport }).promise;
      return doc.numPages;
    })()`);
    if (typeof pages !== 'number' || pageNumber > pages) throw new Error(`${pdfFile} has ${String(pages)} pages, not ${pageNumber}`);
    writeFileSync(out, await page.locator('#page').screenshot({ animations: 'disabled', caret: 'hide' }));
    process.stderr.write(`wrote ${out} (page ${pageNumber} of ${pages})\n`);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
