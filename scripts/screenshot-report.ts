import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderReportHtml } from '../checks/report/html';
import { reportSchema } from '../checks/report-model';
import { launchChromium, screenshotHtml } from './chromium';

/**
 * Renders the sample report (test/fixtures/report/sample-report.json) to
 * docs/report-screenshot.png for the README. Run: `npx tsx scripts/screenshot-report.ts [OUT]`.
 */
async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const out = process.argv[2] ?? join(root, 'docs', 'report-screenshot.png');
  const report = reportSchema.parse(JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'report', 'sample-report.json'), 'utf8')));
  const browser = await launchChromium();
  try {
    const png = await screenshotHtml(browser, renderReportHtml(report));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, png);
    process.stderr.write(`wrote ${out}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
