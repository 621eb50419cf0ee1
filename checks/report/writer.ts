import type { Report } from '../report-model';

/** One output format of the report. Each format is one small writer; the CLI and the Lambdas write them all. */
export interface ReportWriter {
  /** File name inside the output directory or S3 prefix, e.g. `report.json`. */
  readonly fileName: string;
  readonly contentType: string;
  render(report: Report): string;
}
