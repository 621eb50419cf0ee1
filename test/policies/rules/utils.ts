import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { HipaaCodingChecks } from '../../../policies/hipaa-coding-pack';
import type { CodingRule } from '../../../policies/rules/rule';
import { ruleIdOf } from '../../../policies/rules/rule';

/**
 * One way to run a rule in tests, modelled on cdk-nag's test/rules/utils.ts and adapted to the
 * 3.0 validation API: synthesize (so aspects such as Tags have run, as in a real synth), then let
 * the pack validate the stack's construct tree, as the validation framework does.
 */
export enum TestType {
  NON_COMPLIANCE,
  COMPLIANCE,
}

export function newStack(): Stack {
  return new Stack(new App(), 'Test');
}

export function validateStack(stack: Stack, rule: CodingRule, type: TestType, why?: RegExp): void {
  const ruleId = ruleIdOf(rule);
  App.of(stack)!.synth();
  const report = new HipaaCodingChecks().validateScope(stack);
  const violation = report.violations.find((v) => v.ruleName === ruleId);
  if (type === TestType.COMPLIANCE) {
    expect(problemsOf(stack, rule)).toEqual([]);
    expect(violation?.violatingResources ?? []).toEqual([]);
    return;
  }
  expect(violation).toBeDefined();
  expect(violation!.severity).toBe('error');
  expect(violation!.description).not.toMatch(/Rule threw an error/);
  if (why) expect(problemsOf(stack, rule).join('\n')).toMatch(why);
}

/** Every problem the rule finds in the stack, for asserting why it failed. */
export function problemsOf(stack: Stack, rule: CodingRule): string[] {
  return stack.node
    .findAll()
    .filter(CfnResource.isCfnResource)
    .flatMap((r) => rule.evaluate(r) ?? []);
}

/** A raw template resource, properties exactly as CloudFormation spells them: rules read nothing else. */
export function cfn(stack: Stack, id: string, type: string, properties: Record<string, unknown> = {}): CfnResource {
  return new CfnResource(stack, id, { type, properties });
}
