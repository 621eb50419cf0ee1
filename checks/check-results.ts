import { z } from 'zod';
import { type Coverage, mergeCoverage } from './model/completeness';
import { ALL_CHECKS } from './rules/all-checks';
import { type CheckStatus, coverageSchema, type Finding, findingSchema, type InputRecord, inputRecordSchema } from './report-model';

/** How whole one kind of evidence was (the engine's EvidenceState), as it crosses the state machine. */
export const evidenceStateSchema = z.object({ state: z.enum(['whole', 'partial', 'unavailable']), problems: z.array(z.string()) });

/**
 * What a check function returns to the state machine, and what the report step receives for
 * each check (a failed check arrives as `error` with no findings). Validated at the boundary.
 */
export const checkRunResultSchema = z.object({
  check: z.string(),
  status: z.enum(['ok', 'error']),
  error: z.string().optional(),
  findings: z.array(findingSchema),
  inputs: z.array(inputRecordSchema),
  /** The days the check's events cover; present for checks that read events. */
  coverage: coverageSchema.optional(),
  /** Per evidence kind the check needs: read whole, in part, or not at all. */
  completeness: z.record(z.string(), evidenceStateSchema).optional(),
});
export type CheckRunResult = z.infer<typeof checkRunResultSchema>;

/** Step Functions passes at most 256 KiB between states; stay clear of it. */
export const MAX_RESULT_BYTES = 200 * 1024;

/**
 * A result too large for the state machine becomes `error` (fail closed) rather than being
 * cut silently; the officer runs the CLI for the full list.
 */
export function fitForStateMachine(result: CheckRunResult, limit = MAX_RESULT_BYTES): CheckRunResult {
  const size = Buffer.byteLength(JSON.stringify(result));
  if (size <= limit) return result;
  return {
    check: result.check,
    status: 'error',
    error: `${result.findings.length} findings (${size} bytes) exceed what the scheduled run can pass on; run \`coding-env audit --live\` for the full list`,
    findings: [],
    inputs: result.inputs,
    ...(result.coverage ? { coverage: result.coverage } : {}),
    ...(result.completeness ? { completeness: result.completeness } : {}),
  };
}

/** Each check's result, validated; a check with no result or a malformed one is `error`. */
export function gatherResults(results: readonly unknown[]): { findings: Finding[]; checks: CheckStatus[]; inputs: InputRecord[]; coverage?: Coverage } {
  const byCheck = new Map<string, CheckRunResult>();
  const malformed: string[] = [];
  results.forEach((raw, i) => {
    const parsed = checkRunResultSchema.safeParse(raw);
    if (parsed.success) byCheck.set(parsed.data.check, parsed.data);
    else malformed.push(`result ${i}: ${parsed.error.issues.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ')}`);
  });
  const findings: Finding[] = [];
  const checks: CheckStatus[] = [];
  const inputs: InputRecord[] = [];
  const coverages: Coverage[] = [];
  for (const { check } of ALL_CHECKS) {
    const result = byCheck.get(check);
    if (result === undefined) {
      const why = malformed.length > 0 ? `its result was missing or malformed (${malformed.join(' | ')})` : 'no result reached the report step';
      checks.push({ check, status: 'error', error: why });
      continue;
    }
    checks.push({ check, status: result.status, ...(result.error === undefined ? {} : { error: result.error }) });
    findings.push(...result.findings);
    inputs.push(...result.inputs);
    if (result.coverage) coverages.push(result.coverage);
  }
  const coverage = mergeCoverage(coverages);
  return { findings, checks, inputs, ...(coverage ? { coverage } : {}) };
}
