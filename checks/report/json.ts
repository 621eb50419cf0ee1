import { reportSchema } from '../report-model';
import type { ReportWriter } from './writer';

/** report.json: exactly `Report`, validated on the way out. */
export const jsonWriter: ReportWriter = {
  fileName: 'report.json',
  contentType: 'application/json',
  render: (report) => `${JSON.stringify(reportSchema.parse(report), null, 2)}\n`,
};
