import type { CodingEnvConfig } from '../../lib/config/schema';
import { CHECKLIST_ITEMS } from '../../lib/controls/catalog';
import type { ChecklistEvidence } from '../engine';
import type { RegisterResult } from '../register/load';
import type { ChecklistResult, CheckStatus, Finding } from '../report-model';
import type { Verdict } from './context';
import { ITEM_RULES } from './items';

export interface ChecklistInput {
  readonly config: CodingEnvConfig;
  readonly register: RegisterResult;
  readonly asOfDate: string;
  readonly findings: readonly Finding[];
  readonly checks: readonly CheckStatus[];
  readonly evidence: ChecklistEvidence;
}

/**
 * The quarterly checklist (CONTRACT §7). An item is `error`, never `pass`, when the register is
 * malformed or a check it depends on could not run. Titles, CFR and dependencies come from the catalog.
 */
export function evaluateChecklist(input: ChecklistInput): ChecklistResult[] {
  return CHECKLIST_ITEMS.map((info) => {
    const rule = ITEM_RULES.find((r) => r.item === info.item);
    let result: Verdict;
    if (!rule) result = { status: 'error', reasons: [`no rule implements item ${info.item}`] };
    else if (!input.register.ok) result = registerError(input.register, rule.section);
    else {
      const broken = info.dependsOn.flatMap((check) => input.checks.filter((c) => c.check === check && c.status === 'error').map((c) => `check ${check} could not run: ${c.error ?? 'unknown error'}`));
      const missing = info.dependsOn.filter((check) => !input.checks.some((c) => c.check === check)).map((check) => `check ${check} did not run`);
      result =
        broken.length + missing.length > 0
          ? { status: 'error', reasons: [...broken, ...missing] }
          : rule.evaluate({ ...input, register: input.register.register });
    }
    return { item: info.item, title: info.title, status: result.status, reasons: result.reasons, cfr: [...info.cfr] };
  });
}

/** The issues touching this item's section first; every item errs, because nothing in a malformed register is trusted. */
function registerError(register: Extract<RegisterResult, { ok: false }>, section: string): Verdict {
  const own = register.issues.filter((i) => i.path === section || i.path.startsWith(`${section}.`) || i.path.startsWith(`${section}[`));
  const shown = own.length > 0 ? own : register.issues;
  return {
    status: 'error',
    reasons: [`register ${register.source} is invalid${own.length > 0 ? '' : ' elsewhere'}:`, ...shown.map((i) => `${i.path || '(root)'}: ${i.message}`)],
  };
}
