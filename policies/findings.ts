import { z } from 'zod';
import type { SourceLocation } from './source-location';

/**
 * What the gates found, as plain data: read from the CDK's validation report
 * (cdk.out/validation-report.json, schema `PolicyValidationReportJson`), one finding per rule and
 * construct, acknowledged ones kept with their reason. Pure: the caller reads the file and
 * supplies the template location of each construct.
 */

const violatingConstruct = z.object({
  constructPath: z.string(),
  cloudFormationResource: z.object({ templatePath: z.string(), logicalId: z.string() }).optional(),
  /** Where the construct was created (the CDK's creation stack, one string of frames per trace). */
  stackTraces: z.array(z.string()).optional(),
});

const violation = z.object({
  ruleName: z.string(),
  description: z.string(),
  suggestedFix: z.string().optional(),
  severity: z.string(),
  violatingConstructs: z.array(violatingConstruct),
});

const suppressed = violation.extend({
  acknowledgedId: z.string(),
  reason: z.string().optional(),
  acknowledgedAt: z.string().optional(),
});

export const validationReportSchema = z.object({
  version: z.string(),
  pluginReports: z.array(
    z.object({
      pluginName: z.string(),
      conclusion: z.enum(['success', 'failure']),
      metadata: z.record(z.string(), z.string()).optional(),
      violations: z.array(violation),
      suppressedViolations: z.array(suppressed).optional(),
    }),
  ),
});

export type ValidationReport = z.infer<typeof validationReportSchema>;

export type FindingLevel = 'error' | 'warning' | 'note';

export interface TemplateLocation {
  /** Template file, relative to the working directory. */
  readonly templatePath: string;
  readonly logicalId: string;
  /** 1-based line of the resource in the template, when known. */
  readonly line?: number;
}

export interface GateFinding {
  readonly pack: string;
  readonly ruleId: string;
  readonly level: FindingLevel;
  /** The rule's message (with its explanation: how to fix it). */
  readonly message: string;
  readonly constructPath: string;
  readonly location?: TemplateLocation;
  /** Where the construct was created in the project's source, when the CDK recorded it. */
  readonly source?: SourceLocation;
  /** The specific problems our rules found on this resource. */
  readonly problems: readonly string[];
  readonly acknowledged?: { readonly reason: string; readonly at: string };
}

/** A plugin that crashed: the gate cannot vouch for anything it would have checked. */
export interface PluginFailure {
  readonly pack: string;
  readonly error: string;
}

export interface GateResult {
  readonly findings: GateFinding[];
  readonly pluginFailures: PluginFailure[];
}

export interface FindingContext {
  locate(constructPath: string): TemplateLocation | undefined;
  problems(ruleId: string, constructPath: string): string[];
  /** The construct's source location, from the report's stack traces or else the construct itself. */
  source?(constructPath: string, stackTraces: readonly string[]): SourceLocation | undefined;
}

function levelOf(severity: string): FindingLevel {
  const s = severity.toLowerCase();
  if (s === 'error' || s === 'fatal') return 'error';
  return s === 'warning' ? 'warning' : 'note';
}

export function findingsFromReport(report: ValidationReport, context: FindingContext): GateResult {
  const findings: GateFinding[] = [];
  const pluginFailures: PluginFailure[] = [];
  for (const plugin of report.pluginReports) {
    if (plugin.conclusion === 'failure' && plugin.violations.length === 0 && plugin.metadata?.error) {
      pluginFailures.push({ pack: plugin.pluginName, error: plugin.metadata.error });
    }
    const all = [
      ...plugin.violations.map((v) => ({ v, ack: undefined })),
      ...(plugin.suppressedViolations ?? []).map((v) => ({ v, ack: { reason: v.reason ?? '', at: v.acknowledgedAt ?? '' } })),
    ];
    for (const { v, ack } of all) {
      for (const c of v.violatingConstructs) {
        const location = c.cloudFormationResource ?? context.locate(c.constructPath);
        const source = context.source?.(c.constructPath, c.stackTraces ?? []);
        findings.push({
          pack: plugin.pluginName,
          ruleId: v.ruleName,
          level: levelOf(v.severity),
          message: v.suggestedFix ? `${v.description} ${v.suggestedFix}` : v.description,
          constructPath: c.constructPath,
          ...(location ? { location } : {}),
          ...(source ? { source } : {}),
          problems: context.problems(v.ruleName, c.constructPath),
          ...(ack ? { acknowledged: ack } : {}),
        });
      }
    }
  }
  return { findings, pluginFailures };
}

/** The gate fails on any unacknowledged error and on any plugin that could not run. */
export function gateFails(result: GateResult): boolean {
  return result.pluginFailures.length > 0 || result.findings.some((f) => f.level === 'error' && !f.acknowledged);
}
