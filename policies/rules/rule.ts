import type { CfnResource } from 'aws-cdk-lib';

/**
 * One rule of the HIPAA coding pack. `evaluate` is a pure function of one resource (plus what it
 * looks up in the same stack): `undefined` when the rule does not apply to it, otherwise the
 * list of problems, empty when compliant. The pack turns that into cdk-nag's compliance; the gate
 * CLI re-runs it to print the problems next to the finding.
 */
export interface CodingRule {
  /** Explicit rule name: the pack prefixes it (`HIPAA.Coding-<id>`). Never derived from a file name. */
  readonly id: string;
  /** One line: what is wrong when the rule fails. */
  readonly info: string;
  /** Why the rule exists and how to fix a failure. */
  readonly explanation: string;
  /** Resource types the rule reads; every other type is not applicable. */
  readonly resourceTypes: readonly string[];
  readonly evaluate: (node: CfnResource) => string[] | undefined;
}

export const PACK_NAME = 'HIPAA.Coding';

export function ruleIdOf(rule: Pick<CodingRule, 'id'>): string {
  return `${PACK_NAME}-${rule.id}`;
}
