import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { z } from 'zod';
import { phiAccessSchema } from '../../../checks/review/phi-access';
import { buildWorksheet, weekEndingOn } from '../../../checks/review/worksheet';
import { renderWorksheetHtml } from '../../../checks/review/worksheet-html';
import { launchChromium } from '../../../scripts/chromium';
import { sampleReport } from '../report/sample-report';

// Runs against the Chromium of the @sparticuz/chromium npm package.
describe('review worksheet in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an object key carrying markup renders as text, with no errors and no injected element', async () => {
    const accesses = z.array(phiAccessSchema).parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'review', 'phi-accesses.json'), 'utf8')));
    const html = renderWorksheetHtml(buildWorksheet(accesses, sampleReport().findings, { week: weekEndingOn('2026-11-20'), sampleSize: 9 }));
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.route('**/*', (route) => {
      problems.push(`request: ${route.request().url()}`);
      return route.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });
    expect(await page.locator('body').innerText()).toContain('op-note_<img src=x onerror=alert(1)>.pdf');
    expect(await page.locator('img, script, [onerror]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
