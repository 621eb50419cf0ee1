import type { CheckName } from '../../lib/controls/catalog';
import type { Register, RegisterSection } from '../register/schema';
import type { Finding } from '../report-model';
import type { ChecklistInput } from './evaluate';

/** What every checklist item reads: the checklist's input, with a register known to be valid. */
export type ChecklistContext = Omit<ChecklistInput, 'register'> & { readonly register: Register };

/** An item's verdict before titles and CFR are joined from the catalog. */
export type Verdict = { readonly status: 'pass' | 'fail' | 'error'; readonly reasons: string[] };

export const pass = (...reasons: string[]): Verdict => ({ status: 'pass', reasons });
export const fail = (reasons: string[]): Verdict => ({ status: 'fail', reasons });
export const error = (reasons: string[]): Verdict => ({ status: 'error', reasons });
export const verdict = (problems: string[], ok: string): Verdict => (problems.length > 0 ? fail(problems) : pass(ok));

export function findingsOf(ctx: ChecklistContext, check: CheckName): Finding[] {
  return ctx.findings.filter((f) => f.check === check);
}

export type { RegisterSection };
/** A missing register section is "no evidence". */
export function noEvidence(section: RegisterSection): Verdict {
  return fail([`no evidence: the register has no "${section}" section`]);
}
