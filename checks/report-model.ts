import { z } from 'zod';
import { comparisonSchema, exceptionSchema, scopeSchema, trendPointSchema } from './report/auditor-schema';
import { INPUT_STATUSES } from './model/completeness';

/**
 * The shapes that flow out of the audit (CONTRACT §4): findings from the rules, the status of
 * each check, the checklist, the inputs read. `report.json` is exactly `Report`.
 */

export const severitySchema = z.enum(['high', 'medium', 'low']);
export type Severity = z.infer<typeof severitySchema>;

export const findingSchema = z.object({
  check: z.string(),
  rule: z.string(),
  /** The IAM user name. */
  principal: z.string(),
  severity: severitySchema,
  /** One line a compliance officer can act on. */
  summary: z.string(),
  /** Event ids, times, addresses, groups: whatever proves the finding. */
  evidence: z.record(z.string(), z.unknown()),
  /** Stable across runs (checks/report/finding-id.ts); set by the report, not the rules. */
  id: z.string().optional(),
  /** Against the previous report: seen there (`recurring`) or not (`new`). */
  recurrence: z.enum(['new', 'recurring']).optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const checkStatusSchema = z.object({
  check: z.string(),
  status: z.enum(['ok', 'error']),
  /** Why the check could not run; present when status is `error`. */
  error: z.string().optional(),
});
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const checklistResultSchema = z.object({
  item: z.number().int(),
  title: z.string(),
  status: z.enum(['pass', 'fail', 'error']),
  reasons: z.array(z.string()),
  cfr: z.array(z.string()),
});
export type ChecklistResult = z.infer<typeof checklistResultSchema>;

/** Chain of custody: every input offered to the audit, read or skipped. */
export const inputRecordSchema = z.object({
  /** Path relative to the evidence directory, or an s3:// / api: locator for live reads. */
  source: z.string(),
  kind: z.string(),
  /**
   * `read`: every record read; `partial`: some records rejected or the file cut short;
   * `skipped`: nothing could be read (undecodable, wrong shape, unreadable); `refused`: not opened
   * or abandoned on purpose (not a regular file, past the size bounds); `ignored`: not evidence
   * the checks read (CloudTrail digest files, a second path to a file already read).
   */
  status: z.enum(INPUT_STATUSES),
  /** Records read (accepted) from it. */
  records: z.number().int(),
  sha256: z.string(),
  /** Why an input was not read whole, naming the position; never quotes its bytes. */
  problem: z.string().optional(),
});
export type InputRecord = z.infer<typeof inputRecordSchema>;

export const coverageGapSchema = z.object({ from: z.string(), to: z.string(), account: z.string().optional() });
/** Which UTC days of the window hold no CloudTrail event (CONTRACT §3a). */
export const coverageSchema = z.object({ from: z.string(), to: z.string(), gaps: z.array(coverageGapSchema) });

export const reportSchema = z.object({
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
  generatedAt: z.string(),
  organization: z.string(),
  findings: z.array(findingSchema),
  checks: z.array(checkStatusSchema),
  checklist: z.array(checklistResultSchema),
  inputs: z.array(inputRecordSchema),
  // For the auditor (docs/report.md); optional so older reports still load as --previous.
  reportId: z.string().optional(),
  scope: scopeSchema.optional(),
  exceptions: z.array(exceptionSchema).optional(),
  comparison: comparisonSchema.optional(),
  trend: z.array(trendPointSchema).optional(),
  coverage: coverageSchema,
  /** Things the audit noticed that change no result (unknown register fields, ...), each once. */
  warnings: z.array(z.string()).optional(),
});
export type Report = z.infer<typeof reportSchema>;
