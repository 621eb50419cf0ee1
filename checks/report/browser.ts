import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { type Browser, type BrowserContext, chromium as playwright } from 'playwright-core';

/**
 * The one browser of the project: the Chromium shipped inside the `@sparticuz/chromium` npm
 * package (brotli files under its `bin/`, inflated once to the temporary directory), driven by
 * playwright-core. The tests, `--pdf` and the scheduled report Lambda all use it, so nothing is
 * installed beside `npm ci` and every page is laid out with the same fonts (the package's Open
 * Sans, through its own fontconfig), on a laptop, in CI and in Lambda.
 */

/** No sync, updates or background requests: the machine may be offline, and nothing may leave it. */
const OFFLINE_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] as const;

export interface LaunchOptions {
  /**
   * The folder holding the package's brotli files (`chromium.br`, `fonts.tar.br`, ...).
   * @default - the installed package's `bin/` (in Lambda: the layer's folder, see lib/chromium-layer.ts)
   */
  readonly binDir?: string;
}

/** The browser could not be started: the report files are still written; only the PDF is missing. */
export class BrowserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrowserError';
  }
}

/** Inflates the browser (first call only) and returns its path; the jest global setup calls it once for all workers. */
export async function chromiumExecutable(options: LaunchOptions = {}): Promise<string> {
  try {
    return await chromium.executablePath(options.binDir);
  } catch (err) {
    throw new BrowserError(`cannot unpack the browser from @sparticuz/chromium${options.binDir ? ` (${options.binDir})` : ''}: ${(err as Error).message}. Run "npm ci".`);
  }
}

/** The package's fontconfig, inflated beside the browser. */
export function fontConfigDir(): string {
  return join(tmpdir(), 'fonts');
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = await chromiumExecutable(options);
  const fonts = fontConfigDir();
  if (!existsSync(join(fonts, 'fonts.conf'))) {
    throw new BrowserError(`the browser's fonts are missing from ${fonts}: delete ${executablePath} so they are unpacked again with it`);
  }
  try {
    return await playwright.launch({
      executablePath,
      args: [...browserArgs(), ...OFFLINE_ARGS],
      headless: true,
      env: { ...process.env, FONTCONFIG_PATH: fonts },
    });
  } catch (err) {
    throw new BrowserError(`cannot start the browser ${executablePath}: ${firstLine((err as Error).message)}`);
  }
}

/** A context that can reach nothing: every request the page makes is aborted. */
export async function offlineContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ colorScheme: 'light', locale: 'en-US', timezoneId: 'UTC', ...options });
  await context.route('**/*', (route) => route.abort());
  return context;
}

/**
 * The package's flags for serverless hosts. `--single-process` is for Lambda only (it cannot
 * fork there); elsewhere it makes the browser exit when a page closes.
 */
export function browserArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  const lambda = env.AWS_LAMBDA_FUNCTION_NAME !== undefined;
  return chromium.args.filter((arg) => lambda || arg !== '--single-process');
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? text;
}
