import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsFromReport, validationReportSchema } from './findings';
import { VALIDATION_REPORT_FILE } from './run-gates';
import { packSummaryLine } from './summary';

/**
 * The gates' one-line result for `cdk synth`, read from the validation report the CDK wrote into
 * the cloud assembly (it writes it before failing the synth, so a failing synth gets it too).
 * No report means the gates did not run: said so, never a silent pass.
 */
export function synthGateSummary(assemblyDir: string): string {
  const file = join(assemblyDir, VALIDATION_REPORT_FILE);
  if (!existsSync(file)) return `gates: no ${VALIDATION_REPORT_FILE} in ${assemblyDir}: the policy packs did not run`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = validationReportSchema.safeParse(raw);
  if (!parsed.success) return `gates: ${file} is not a validation report the gates can read`;
  return packSummaryLine(findingsFromReport(parsed.data, { locate: () => undefined, problems: () => [] }));
}
