import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS } from './chromium-flags';

/** Where Debian, Ubuntu and Chrome's packages install the browser. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'] as const;

export interface PrintPdfOptions {
  /**
   * The Chromium (or Chrome) binary.
   * @default - the first of CHROMIUM_CANDIDATES that exists
   */
  readonly chromiumPath?: string;
  /** @default 60000 */
  readonly timeoutMs?: number;
}

/** No browser, or the browser failed: the report files are still written; only the PDF is missing. */
export class PdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfError';
  }
}

export function findChromium(candidates: readonly string[] = CHROMIUM_CANDIDATES): string | undefined {
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Prints `report.html` to PDF with the system's Chromium in headless mode, using the page's
 * print stylesheet and no browser header or footer. The browser profile lives in a temporary
 * directory removed afterwards, so nothing of the officer's own browser is touched.
 */
export async function printPdf(htmlFile: string, pdfFile: string, options: PrintPdfOptions = {}): Promise<void> {
  const chromium = options.chromiumPath ?? findChromium();
  if (!chromium || !isExecutable(chromium)) {
    throw new PdfError(
      `Cannot write ${pdfFile}: no Chromium found (${chromium ?? CHROMIUM_CANDIDATES.join(', ')}). Install it with "apt-get install chromium", or open ${htmlFile} in a browser and print it to PDF.`,
    );
  }
  if (!isReadableFile(htmlFile)) throw new PdfError(`Cannot write ${pdfFile}: ${htmlFile} is not a readable file.`);
  const profile = mkdtempSync(join(tmpdir(), 'coding-env-pdf-'));
  const args = [
    ...CHROMIUM_ARGS,
    `--user-data-dir=${profile}`,
    `--print-to-pdf=${resolve(pdfFile)}`,
    '--no-pdf-header-footer',
    pathToFileURL(resolve(htmlFile)).href,
  ];
  try {
    await run(chromium, args, options.timeoutMs ?? 60_000, pdfFile);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  if (!startsWithPdfMagic(pdfFile)) throw new PdfError(`Chromium exited without writing a PDF to ${pdfFile}.`);
}

function run(file: string, args: readonly string[], timeout: number, pdfFile: string): Promise<void> {
  return new Promise((done, fail) => {
    execFile(file, args, { timeout, maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return done();
      const detail = err.killed ? `timed out after ${timeout} ms` : `exited with ${err.code ?? err.signal ?? err.message}`;
      // Chromium logs harmless D-Bus noise to stderr; show only the tail for the real cause.
      const tail = String(stderr).trim().split('\n').slice(-3).join('\n');
      fail(new PdfError(`Cannot write ${pdfFile}: ${file} ${detail}${tail ? `\n${tail}` : ''}`));
    });
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isReadableFile(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function startsWithPdfMagic(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(5);
      return readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === '%PDF-';
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
