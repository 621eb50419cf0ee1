import type { CodingEnvConfig } from '../lib/config/schema';
import { evaluateChecklist } from './checklist/evaluate';
import { type ChecklistEvidence, runChecks } from './engine';
import type { AuditModel, AuditWindow } from './model/audit-model';
import { type Coverage, computeCoverage } from './model/completeness';
import { type RegisterResult, registerEvidence } from './register/load';
import type { CheckStatus, Finding, InputRecord, Report } from './report-model';
import type { AuditScope } from './report/auditor-schema';
import { compareReports, type PreviousReport } from './report/comparison';
import { acceptedExceptions } from './report/exceptions';
import { defaultReportId, withIds } from './report/finding-id';
import { ruleContext } from './rules/context';

/** What the report adds for an auditor (docs/report.md); all optional. */
export interface AuditorContext {
  readonly scope?: AuditScope;
  /** Earlier reports: findings are marked new or recurring, resolved ones listed, the trend drawn. */
  readonly previous?: readonly PreviousReport[];
  /** @default - the as-of day and a digest of the report's basis */
  readonly reportId?: string;
}

/** Whole audit after loading: model -> rules -> findings -> checklist -> report. Pure; the CLI shares it with the Lambdas. */
export function buildReport(args: {
  readonly config: CodingEnvConfig;
  readonly model: AuditModel;
  readonly inputs: InputRecord[];
  readonly register: RegisterResult;
  readonly window: AuditWindow;
  readonly generatedAt: Date;
  readonly auditor?: AuditorContext;
}): Report {
  const model = { ...args.model, register: args.model.register ?? registerEvidence(args.register) };
  const result = runChecks(model, args.config, args.window, args.inputs);
  return composeReport({ ...args, findings: result.findings, checks: result.checks, evidence: result.evidence, coverage: result.coverage });
}

/**
 * Findings and check statuses -> checklist -> report. The scheduled run calls it with the
 * results the parallel check functions returned; the CLI through `buildReport`.
 */
export function composeReport(args: {
  readonly config: CodingEnvConfig;
  readonly window: AuditWindow;
  readonly generatedAt: Date;
  readonly register: RegisterResult;
  readonly findings: Finding[];
  readonly checks: CheckStatus[];
  readonly inputs: InputRecord[];
  readonly evidence: ChecklistEvidence;
  readonly auditor?: AuditorContext;
  /** Which days the events cover; absent (no check read events), every day of the window is a gap. */
  readonly coverage?: Coverage;
}): Report {
  const { asOfDate } = ruleContext(args.config, args.window);
  const checklist = evaluateChecklist({
    config: args.config,
    register: args.register,
    asOfDate,
    findings: args.findings,
    checks: args.checks,
    evidence: args.evidence,
  });
  const auditor = args.auditor ?? {};
  const base: Report = {
    asOf: args.window.to.toISOString(),
    window: { from: args.window.from.toISOString(), to: args.window.to.toISOString(), days: args.window.days },
    generatedAt: args.generatedAt.toISOString(),
    organization: args.config.organization.name,
    findings: withIds(args.findings),
    checks: args.checks,
    checklist,
    inputs: args.inputs,
    ...(auditor.scope !== undefined ? { scope: auditor.scope } : {}),
    exceptions: acceptedExceptions(args.config, asOfDate),
    coverage: args.coverage ?? computeCoverage(args.window.from, args.window.to, new Map()),
    ...(registerWarnings(args.register).length > 0 ? { warnings: registerWarnings(args.register) } : {}),
  };
  const report: Report = { ...base, reportId: auditor.reportId ?? defaultReportId(base) };
  // No earlier report (or an empty list, which compares to the same report): nothing to add.
  if (auditor.previous === undefined) return report;
  const compared = compareReports(report, auditor.previous);
  return { ...report, findings: compared.findings, ...(compared.comparison ? { comparison: compared.comparison } : {}), ...(compared.trend ? { trend: compared.trend } : {}) };
}

/** The `--days` before `asOf`. */
export function auditWindow(asOf: Date, days: number): AuditWindow {
  return { from: new Date(asOf.getTime() - days * 86_400_000), to: asOf, days };
}

function registerWarnings(register: RegisterResult): string[] {
  return register.ok ? [...(register.warnings ?? [])] : [];
}
