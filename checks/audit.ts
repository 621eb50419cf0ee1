import type { CodingEnvConfig } from '../lib/config/schema';
import { evaluateChecklist } from './checklist/evaluate';
import { runChecks } from './engine';
import type { AuditModel, AuditWindow } from './model/audit-model';
import type { RegisterResult } from './register/load';
import type { InputRecord, Report } from './report-model';

/** Whole audit after loading: model -> rules -> findings -> checklist -> report. Pure; the CLI and Lambdas share it. */
export function buildReport(args: {
  readonly config: CodingEnvConfig;
  readonly model: AuditModel;
  readonly inputs: InputRecord[];
  readonly register: RegisterResult;
  readonly window: AuditWindow;
  readonly generatedAt: Date;
}): Report {
  const result = runChecks(args.model, args.config, args.window, args.inputs);
  const checklist = evaluateChecklist({
    config: args.config,
    register: args.register,
    asOfDate: result.context.asOfDate,
    findings: result.findings,
    checks: result.checks,
    evidence: result.evidence,
  });
  return {
    asOf: args.window.to.toISOString(),
    window: { from: args.window.from.toISOString(), to: args.window.to.toISOString(), days: args.window.days },
    generatedAt: args.generatedAt.toISOString(),
    organization: args.config.organization.name,
    findings: result.findings,
    checks: result.checks,
    checklist,
    inputs: args.inputs,
  };
}

/** The `--days` before `asOf`. */
export function auditWindow(asOf: Date, days: number): AuditWindow {
  return { from: new Date(asOf.getTime() - days * 86_400_000), to: asOf, days };
}
