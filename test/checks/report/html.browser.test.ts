import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { renderReportHtml } from '../../../checks/report/html';
import { launchChromium, screenshotHtml } from '../../../scripts/chromium';
import { compareImages, decodePng } from './png';
import { sampleReport } from './sample-report';

// Runs against the Chromium of the @sparticuz/chromium npm package: nothing to install beside npm ci.
const SCREENSHOTS = join(__dirname, '__screenshots__');
const BASELINE = join(SCREENSHOTS, 'report.png');
/**
 * Pixels allowed to differ (by more than the per-channel threshold): room for anti-aliasing
 * noise, yet recolouring the Fail marks alone changes about 1,300 pixels and fails the test.
 */
const MAX_DIFF_PIXELS = 200;

describe('report.html in Chromium', () => {
  let browser: Browser;
  const html = renderReportHtml(sampleReport());

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('loads offline without console errors, page errors, dialogs or requests', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.route('**/*', (route) => {
      problems.push(`request: ${route.request().url()}`);
      return route.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });
    expect(await page.title()).toBe('HIPAA audit report: Example Coding Group, as of 2026-11-20 12:00 UTC');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('markup from evidence renders as text and injects no element', async () => {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const text = await page.locator('body').innerText();
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('[onerror]').count()).toBe(0);
    await page.close();
  });

  test('shows the checklist with a word for every mark, and the skipped input with its problem', async () => {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const marks = await page.locator('#checklist tbody tr td:nth-child(3)').allInnerTexts();
    expect(marks.map((m) => m.trim())).toEqual(['Pass', 'Fail', 'Fail', 'Pass', 'Fail', 'Error', 'Pass', 'Fail']);
    // The symbols are drawn (inline SVG), not taken from a font the browser may lack.
    expect(await page.locator('#checklist tbody tr td:nth-child(3) svg.icon').count()).toBe(8);
    const skipped = page.locator('#inputs tr.skipped');
    await expect(skipped.innerText()).resolves.toContain('not a gzip file (incorrect header check)');
    await page.close();
  });

  test('print layout keeps rows and call-outs whole', async () => {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    // Expressions as strings: the project compiles without the DOM lib.
    const row = await page.evaluate('getComputedStyle(document.querySelector("#checklist tbody tr")).breakInside');
    expect(row).toBe('avoid');
    // The footer cites the CFR parts by name; on paper their addresses are left out to keep the page count.
    const after = await page.evaluate('getComputedStyle(document.querySelector("footer a"), "::after").content');
    expect(after).toBe('none');
    expect(await page.locator('footer').innerText()).toContain('45 CFR Part 164 and Part 160');
    const check = await page.evaluate('getComputedStyle(document.querySelector(".todo")).breakInside');
    expect(check).toBe('avoid');
    await page.close();
  });

  test('layout matches the committed screenshot', async () => {
    const png = await screenshotHtml(browser, html);
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(SCREENSHOTS, { recursive: true });
      writeFileSync(BASELINE, png);
    }
    if (!existsSync(BASELINE)) {
      throw new Error(`No baseline at ${BASELINE}: run UPDATE_SCREENSHOTS=1 npx jest test/checks/report/html.browser.test.ts, look at the PNG, commit it.`);
    }
    const actual = decodePng(png);
    const expected = decodePng(readFileSync(BASELINE));
    const diff = compareImages(actual, expected);
    if (!diff.sameSize || diff.differentPixels > MAX_DIFF_PIXELS) {
      const out = join(SCREENSHOTS, 'report.actual.png');
      writeFileSync(out, png);
      throw new Error(
        diff.sameSize
          ? `${diff.differentPixels} pixels (${(diff.ratio * 100).toFixed(3)}%) differ from ${BASELINE}, more than ${MAX_DIFF_PIXELS}. Actual: ${out}`
          : `screenshot is ${actual.width}x${actual.height}, baseline ${expected.width}x${expected.height}. Actual: ${out}`,
      );
    }
    expect(diff.differentPixels).toBeLessThanOrEqual(MAX_DIFF_PIXELS);
  });
});
