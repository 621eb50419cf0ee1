import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Report, reportSchema } from '../../../checks/report-model';

/** The sample report fixture, validated so a drifting fixture fails loudly. */
export function sampleReport(): Report {
  const file = join(__dirname, '..', '..', 'fixtures', 'report', 'sample-report.json');
  return reportSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
