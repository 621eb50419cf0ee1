import { writeFileSync } from 'node:fs';
import { renderReportPdf } from '../checks/report/pdf';
import { exampleReport } from '../test/checks/report/example-report';

/** Writes the example audit's report.pdf (37 findings) to look at: `npx tsx scripts/example-pdf.ts OUT.pdf`. */
exampleReport()
  .then(async (report) => {
    const out = process.argv[2] ?? 'report.pdf';
    writeFileSync(out, await renderReportPdf(report));
    process.stderr.write(`wrote ${out}\n`);
  })
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
