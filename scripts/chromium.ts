import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Drives Debian's Chromium (`apt-get install chromium`) for the report's browser tests and the
 * README screenshot. Nothing is downloaded: playwright-core only speaks to the installed binary.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

import { CHROMIUM_ARGS } from '../checks/report/chromium-flags';

export { CHROMIUM_ARGS };

/** Fixed so screenshots compare across runs on the same Chromium. */
export const SCREENSHOT_VIEWPORT = { width: 1000, height: 900 } as const;

export function assertChromium(path = CHROMIUM_PATH): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`Chromium is not installed at ${path}. Install it with "apt-get install -y chromium" (Debian/Ubuntu); the report's browser tests and screenshots need it.`);
  }
}

export async function launchChromium(path = CHROMIUM_PATH): Promise<Browser> {
  assertChromium(path);
  return chromium.launch({ executablePath: path, args: [...CHROMIUM_ARGS], headless: true });
}

/** A full-page PNG of `html`, rendered offline at the fixed viewport. */
export async function screenshotHtml(browser: Browser, html: string): Promise<Buffer> {
  const context = await browser.newContext({ viewport: SCREENSHOT_VIEWPORT, deviceScaleFactor: 1, colorScheme: 'light', locale: 'en-US', timezoneId: 'UTC' });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
  } finally {
    await context.close();
  }
}
