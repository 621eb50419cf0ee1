import { z } from 'zod';
import { type Coverage, mergeCoverage } from './model/completeness';
import { ALL_CHECKS } from './rules/all-checks';
import { compactInputs, dedupeInputs } from './compact-inputs';
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

/** Step Functions passes at most 256 KiB between states, and the Parallel state's output holds every check's result at once. */
export const STATE_LIMIT_BYTES = 256 * 1024;
/** Room in that output for the execution's input and the array around the results. */
const HEADROOM_BYTES = 16 * 1024;

/** Each check's share of the Parallel state's output: together they stay under the limit. */
export function resultBudget(checks = ALL_CHECKS.length): number {
  return Math.floor((STATE_LIMIT_BYTES - HEADROOM_BYTES) / Math.max(1, checks));
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;
const size = (r: CheckRunResult) => Buffer.byteLength(JSON.stringify(r));

/**
 * A result the state machine can carry: inputs compacted (read objects per region folder, the
 * unread ones named), and, when the findings alone are too many, the most severe that fit, the
 * check then `error` (fail closed: the report says the list is cut and where to get it whole).
 */
export function fitForStateMachine(result: CheckRunResult, limit = resultBudget()): CheckRunResult {
  const compact: CheckRunResult = { ...result, inputs: compactInputs(result.inputs), ...(result.completeness ? { completeness: boundedCompleteness(result.completeness) } : {}) };
  if (size(compact) <= limit) return compact;
  const ordered = [...compact.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const cut = (kept: number, inputs = compact.inputs): CheckRunResult => {
    const why = `${kept} of ${ordered.length} findings (the most severe) fit in what the scheduled run can pass on; run \`coding-env audit --live\` for the full list`;
    return { ...result, status: 'error', error: result.error === undefined ? why : `${result.error}; ${why}`, findings: ordered.slice(0, kept), inputs };
  };
  // The most findings that fit: size grows with the count, so search it.
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(cut(mid)) <= limit) lo = mid;
    else hi = mid - 1;
  }
  const best = cut(lo);
  if (size(best) <= limit) return best;
  // Even the inputs do not fit: keep only the ones not read whole, counted.
  return cut(0, compactInputs(compact.inputs.filter((i) => i.status !== 'read' && i.status !== 'ignored'), 5));
}

/** Problems per evidence kind, the first few named and the rest counted: `inputs` names every one. */
function boundedCompleteness(completeness: NonNullable<CheckRunResult['completeness']>, named = 5): NonNullable<CheckRunResult['completeness']> {
  return Object.fromEntries(
    Object.entries(completeness).map(([kind, s]) => [kind, s.problems.length <= named ? s : { state: s.state, problems: [...s.problems.slice(0, named), `and ${s.problems.length - named} more (see inputs)`] }]),
  );
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
  return { findings, checks, inputs: dedupeInputs(inputs), ...(coverage ? { coverage } : {}) };
}
