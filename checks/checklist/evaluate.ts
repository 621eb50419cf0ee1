import type { CodingEnvConfig } from '../../lib/config/schema';
import { CHECKLIST_ITEMS } from '../../lib/controls/catalog';
import type { ChecklistEvidence } from '../engine';
import { summarizeProblems } from '../model/completeness';
import { EVIDENCE_KINDS } from '../model/evidence-kinds';
import type { RegisterResult } from '../register/load';
import type { ChecklistResult, CheckStatus, Finding } from '../report-model';
import type { Verdict } from './context';
import { type ItemRule, itemRules } from './items';

export interface ChecklistInput {
  readonly config: CodingEnvConfig;
  readonly register: RegisterResult;
  readonly asOfDate: string;
  readonly findings: readonly Finding[];
  readonly checks: readonly CheckStatus[];
  readonly evidence: ChecklistEvidence;
}

/**
 * The quarterly checklist (CONTRACT §7). An item is `error`, never `pass`, when the register
 * section it reads is malformed (or the register unusable as a whole), when a check it depends
 * on is `error` or did not run, or when the evidence it reads itself was not read whole. An item
 * in error still lists the failures it could establish. Titles, CFR and dependencies come from the catalog.
 */
export function evaluateChecklist(input: ChecklistInput): ChecklistResult[] {
  const rules = itemRules();
  return CHECKLIST_ITEMS.map((info) => {
    const rule = rules.find((r) => r.item === info.item);
    let result: Verdict;
    if (!rule) result = { status: 'error', reasons: [`no rule implements item ${info.item}`] };
    else if (!input.register.ok) result = wholeRegisterError(input.register, rule.section);
    else {
      const own = input.register.invalid?.[rule.section];
      const blockers = [
        ...(own ? [`register ${input.register.source}: section "${rule.section}" is invalid:`, ...own.map((i) => `${i.path || '(root)'}: ${i.message}`)] : []),
        ...info.dependsOn.flatMap((check) => input.checks.filter((c) => c.check === check && c.status === 'error').map((c) => `check ${check} could not run: ${c.error ?? 'unknown error'}`)),
        ...info.dependsOn.filter((check) => !input.checks.some((c) => c.check === check)).map((check) => `check ${check} did not run`),
        ...evidenceBlockers(rule, input.evidence),
      ];
      const readable = (rule.evidence ?? []).every((k) => input.evidence[k].ok);
      const decided = own || !readable ? undefined : rule.evaluate({ ...input, register: input.register.register });
      if (blockers.length === 0 && decided) result = decided;
      else result = { status: 'error', reasons: [...blockers, ...(decided?.status === 'fail' ? decided.reasons : [])] };
    }
    return { item: info.item, title: info.title, status: result.status, reasons: result.reasons, cfr: [...info.cfr] };
  });
}

/** The IAM evidence an item reads itself, when it was not read whole. */
function evidenceBlockers(rule: ItemRule, evidence: ChecklistEvidence): string[] {
  return (rule.evidence ?? []).flatMap((kind) => {
    const piece = evidence[kind];
    const { label } = EVIDENCE_KINDS[kind];
    if (!piece.ok) return [`${label} unreadable: ${piece.error}`];
    return piece.problems?.length ? [`${label} not read whole: ${summarizeProblems(piece.problems)}`] : [];
  });
}

/** A register unusable as a whole: every item errs, its own section's issues first. */
function wholeRegisterError(register: Extract<RegisterResult, { ok: false }>, section: string): Verdict {
  const own = register.issues.filter((i) => i.path === section || i.path.startsWith(`${section}.`) || i.path.startsWith(`${section}[`));
  const shown = own.length > 0 ? own : register.issues;
  return {
    status: 'error',
    reasons: [`register ${register.source} is invalid${own.length > 0 ? '' : ' elsewhere'}:`, ...shown.map((i) => `${i.path || '(root)'}: ${i.message}`)],
  };
}
