import type { CheckName } from '../../lib/controls/catalog';
import type { Register, RegisterSection } from '../register/schema';
import type { Finding } from '../report-model';
import type { ChecklistInput } from './evaluate';

/** What every checklist item reads: the checklist's input, with a register known to be valid. */
export type ChecklistContext = Omit<ChecklistInput, 'register'> & { readonly register: Register };

/** An item's verdict before titles and CFR are joined from the catalog. */
export type Verdict = { readonly status: 'pass' | 'fail' | 'error'; readonly reasons: string[] };

// Declarations, not arrow functions in constants: a constant is made at import, where no test
// in particular reaches it, so a mutation test could not tell which tests a mutant of it meets.
export function pass(...reasons: string[]): Verdict {
  return { status: 'pass', reasons };
}
export function fail(reasons: string[]): Verdict {
  return { status: 'fail', reasons };
}
export function error(reasons: string[]): Verdict {
  return { status: 'error', reasons };
}
export function verdict(problems: string[], ok: string): Verdict {
  return problems.length > 0 ? fail(problems) : pass(ok);
}

export function findingsOf(ctx: ChecklistContext, check: CheckName): Finding[] {
  return ctx.findings.filter((f) => f.check === check);
}

export type { RegisterSection };
/** A missing register section is "no evidence". */
export function noEvidence(section: RegisterSection): Verdict {
  return fail([`no evidence: the register has no "${section}" section`]);
}
