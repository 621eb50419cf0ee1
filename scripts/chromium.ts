import type { Browser } from 'playwright-core';
import { launchBrowser, offlineContext } from '../checks/report/browser';

/**
 * The browser for the report's browser tests and the README images: the npm package's
 * Chromium (checks/report/browser.ts), nothing installed on the machine.
 */
export { launchBrowser as launchChromium };

/** Fixed so screenshots compare across runs and machines (the fonts ship with the browser). */
export const SCREENSHOT_VIEWPORT = { width: 1000, height: 900 } as const;

/** A full-page PNG of `html`, rendered offline at the fixed viewport. */
export async function screenshotHtml(browser: Browser, html: string): Promise<Buffer> {
  const context = await offlineContext(browser, { viewport: SCREENSHOT_VIEWPORT, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
  } finally {
    await context.close();
  }
}
