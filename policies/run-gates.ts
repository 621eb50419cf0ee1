import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type App, CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { findingsFromReport, type GateResult, type TemplateLocation, validationReportSchema } from './findings';
import { CODING_RULES, explanationOf, infoOf } from './hipaa-coding-pack';
import { citationOf } from './citations';
import { ruleIdOf } from './rules/rule';
import type { RuleMetadata } from './sarif';
import { baseRuleId } from './sarif';
import { creationStackOf, sourceLocationOf } from './source-location';

/**
 * Collect the gates' findings from a synth, as CI needs them. Build the App with
 * `COLLECT_FINDINGS_CONTEXT` (the CDK then writes the report instead of throwing) and call
 * `applyGates` before this.
 */
export const COLLECT_FINDINGS_CONTEXT = { '@aws-cdk/core:failSynthOnValidationErrors': false } as const;

/** The CDK writes this file into the cloud assembly whenever a validation plugin ran. */
export const VALIDATION_REPORT_FILE = 'validation-report.json';

/** `cwd` is where template paths are relative to; `root` the project whose source files locate findings. */
export function runGates(app: App, cwd = process.cwd(), root = process.cwd()): GateResult {
  const assembly = app.synth();
  const reportFile = join(assembly.directory, VALIDATION_REPORT_FILE);
  if (!existsSync(reportFile)) {
    return { findings: [], pluginFailures: [{ pack: 'all', error: `no ${VALIDATION_REPORT_FILE} in ${assembly.directory}: were the gates applied?` }] };
  }
  const report = validationReportSchema.parse(JSON.parse(readFileSync(reportFile, 'utf8')));
  const byPath = new Map<string, IConstruct>(app.node.findAll().map((c) => [c.node.path, c]));
  return findingsFromReport(report, {
    locate: (path) => locate(byPath.get(path), assembly.directory, cwd),
    problems: (ruleId, path) => {
      const rule = CODING_RULES.find((r) => ruleIdOf(r) === baseRuleId(ruleId));
      const construct = byPath.get(path);
      // Stryker disable next-line ArrayDeclaration: our rule reports a resource only where its evaluate found problems, so evaluate is never undefined here.
      return rule && construct && CfnResource.isCfnResource(construct) ? (rule.evaluate(construct) ?? []) : [];
    },
    source: (path, traces) => {
      const construct = byPath.get(path);
      return sourceLocationOf(traces, root) ?? (construct ? sourceLocationOf(creationStackOf(construct), root) : undefined);
    },
  });
}

function locate(construct: IConstruct | undefined, assemblyDir: string, cwd: string): TemplateLocation | undefined {
  if (!construct) return undefined;
  // An L2 (annotations are often on one) is located by its default child, else by its stack's template.
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  let stack: Stack;
  try {
    stack = Stack.of(construct);
  } catch {
    return undefined; // the app or a stage: no template
  }
  const file = join(assemblyDir, stack.templateFile);
  const logicalId = resource && CfnResource.isCfnResource(resource) ? (stack.resolve(resource.logicalId) as string) : construct.node.id;
  const line = existsSync(file) ? lineOf(readFileSync(file, 'utf8'), logicalId) : undefined;
  return { templatePath: relative(cwd, file), logicalId, ...(line ? { line } : {}) };
}

/** The 1-based line where a resource starts in a template the CDK wrote (pretty-printed JSON). */
export function lineOf(template: string, logicalId: string): number | undefined {
  const index = template.split('\n').findIndex((l) => l.trimStart().startsWith(`${JSON.stringify(logicalId)}: {`));
  return index === -1 ? undefined : index + 1;
}

/** SARIF metadata for our rules, from the rules and the control table. */
export function codingRuleMetadata(): RuleMetadata[] {
  return CODING_RULES.map((rule) => ({
    id: ruleIdOf(rule),
    name: rule.id,
    shortDescription: infoOf(rule),
    help: explanationOf(rule),
    cfr: citationOf(ruleIdOf(rule)).cfr,
  }));
}
