import type { CodingEnvConfig } from '../../lib/config/schema';
import type { CheckName } from '../../lib/controls/catalog';
import type { ChecklistEvidence } from '../engine';
import type { Register } from '../register/schema';
import type { CheckStatus, Finding } from '../report-model';

/** What every checklist item reads. */
export interface ChecklistContext {
  readonly config: CodingEnvConfig;
  readonly register: Register;
  readonly asOfDate: string;
  readonly findings: readonly Finding[];
  readonly checks: readonly CheckStatus[];
  readonly evidence: ChecklistEvidence;
}

/** An item's verdict before titles and CFR are joined from the catalog. */
export type Verdict = { readonly status: 'pass' | 'fail' | 'error'; readonly reasons: string[] };

export const pass = (...reasons: string[]): Verdict => ({ status: 'pass', reasons });
export const fail = (reasons: string[]): Verdict => ({ status: 'fail', reasons });
export const error = (reasons: string[]): Verdict => ({ status: 'error', reasons });
export const verdict = (problems: string[], ok: string): Verdict => (problems.length > 0 ? fail(problems) : pass(ok));

export function findingsOf(ctx: ChecklistContext, check: CheckName): Finding[] {
  return ctx.findings.filter((f) => f.check === check);
}

/** The register section an item reads; a missing one is "no evidence". */
export type RegisterSection = keyof Register;
export function noEvidence(section: RegisterSection): Verdict {
  return fail([`no evidence: the register has no "${section}" section`]);
}
