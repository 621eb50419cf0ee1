import { z } from 'zod';

/**
 * The parts of report.json an auditor asks for first (docs/report.md): what was audited and by
 * whom, the accepted exceptions, and the comparison with earlier reports. Optional in the
 * schema so reports written before them still load as `--previous`.
 */

export const scopeSchema = z.object({
  /** `evidence` (offline, `--evidence DIR`), `live` (`--live`) or `scheduled` (the report Lambda). */
  source: z.enum(['evidence', 'live', 'scheduled']),
  /** The evidence directory as given on the command line (offline only). */
  evidenceDir: z.string().optional(),
  /** 12-digit AWS account ids the evidence belongs to. */
  accounts: z.array(z.string()),
  /** Regions whose events were read (LookupEvents, or the trail's `AWSLogs/.../CloudTrail/<region>/` folders). */
  regions: z.array(z.string()),
  /** The trail archives read for data events, as S3 bucket and prefix; empty offline. */
  trails: z.array(z.object({ bucket: z.string(), prefix: z.string() })),
  tool: z.object({ name: z.string(), version: z.string() }),
  /** Who ran the audit: the AWS caller identity (live), the Lambda function (scheduled), or the OS user (offline). */
  runBy: z.object({ kind: z.enum(['aws-caller', 'lambda', 'os-user']), identity: z.string() }),
  /** SHA-256 (hex) of the config's bytes as read. */
  configSha256: z.string(),
  /** SHA-256 (hex) of the register's bytes as read; null when it could not be read. */
  registerSha256: z.string().nullable(),
});
export type AuditScope = z.infer<typeof scopeSchema>;

/** An accepted exception: a gate finding acknowledged with its compensating control. */
export const exceptionSchema = z.object({
  rule: z.string(),
  /** Construct path it covers; absent for an app-wide acknowledgement. */
  path: z.string().optional(),
  compensatingControl: z.string(),
  owner: z.string().optional(),
  /** When the exception must be reviewed again (YYYY-MM-DD). */
  reviewBy: z.string().optional(),
});
export type AcceptedException = z.infer<typeof exceptionSchema>;

/** A finding of the previous report that this one no longer has. */
export const resolvedFindingSchema = z.object({
  id: z.string(),
  check: z.string(),
  rule: z.string(),
  principal: z.string(),
  severity: z.string(),
  summary: z.string(),
});

export const comparisonSchema = z.object({
  previous: z.object({ reportId: z.string(), asOf: z.string(), sha256: z.string() }),
  new: z.number().int(),
  recurring: z.number().int(),
  resolved: z.array(resolvedFindingSchema),
});
export type Comparison = z.infer<typeof comparisonSchema>;

/** One report's totals, for the trend over the last quarters. */
export const trendPointSchema = z.object({
  reportId: z.string(),
  asOf: z.string(),
  findings: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  checklist: z.object({ pass: z.number().int(), fail: z.number().int(), error: z.number().int() }),
});
export type TrendPoint = z.infer<typeof trendPointSchema>;
