import type { CodingEnvConfig } from '../lib/config/schema';
import { evaluateChecklist } from './checklist/evaluate';
import { type ChecklistEvidence, runChecks } from './engine';
import type { AuditModel, AuditWindow } from './model/audit-model';
import { type Coverage, computeCoverage } from './model/completeness';
import type { RegisterResult } from './register/load';
import type { CheckStatus, Finding, InputRecord, Report } from './report-model';
import { ruleContext } from './rules/context';

/** Whole audit after loading: model -> rules -> findings -> checklist -> report. Pure; the CLI shares it with the Lambdas. */
export function buildReport(args: {
  readonly config: CodingEnvConfig;
  readonly model: AuditModel;
  readonly inputs: InputRecord[];
  readonly register: RegisterResult;
  readonly window: AuditWindow;
  readonly generatedAt: Date;
}): Report {
  const result = runChecks(args.model, args.config, args.window, args.inputs);
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
  return {
    asOf: args.window.to.toISOString(),
    window: { from: args.window.from.toISOString(), to: args.window.to.toISOString(), days: args.window.days },
    generatedAt: args.generatedAt.toISOString(),
    organization: args.config.organization.name,
    findings: args.findings,
    checks: args.checks,
    checklist,
    inputs: args.inputs,
    coverage: args.coverage ?? computeCoverage(args.window.from, args.window.to, new Map()),
    ...(registerWarnings(args.register).length > 0 ? { warnings: registerWarnings(args.register) } : {}),
  };
}

/** The `--days` before `asOf`. */
export function auditWindow(asOf: Date, days: number): AuditWindow {
  return { from: new Date(asOf.getTime() - days * 86_400_000), to: asOf, days };
}

function registerWarnings(register: RegisterResult): string[] {
  return register.ok ? [...(register.warnings ?? [])] : [];
}
