import { z } from 'zod';
import { findingSchema, inputRecordSchema } from '../report-model';

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
  };
}
