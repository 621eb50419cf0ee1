import { type FieldIssue, friendlyErrors, InputError, readJsonFile, toFieldIssues } from '../../lib/config/load';
import type { Evidence } from '../model/audit-model';
import { type Register, registerSchema } from './schema';

/**
 * A register that could not be read or parsed does not stop the audit: the checklist items
 * that need it become `error` with these issues, never `pass`.
 */
export type RegisterResult =
  | { readonly ok: true; readonly source: string; readonly register: Register }
  | { readonly ok: false; readonly source: string; readonly issues: readonly FieldIssue[] };

export function parseRegister(raw: unknown, source: string): RegisterResult {
  const result = registerSchema.safeParse(raw, friendlyErrors);
  return result.success
    ? { ok: true, source, register: result.data }
    : { ok: false, source, issues: toFieldIssues(result.error) };
}

export function loadRegister(file: string): RegisterResult {
  try {
    return parseRegister(readJsonFile(file), file);
  } catch (err) {
    if (err instanceof InputError) return { ok: false, source: file, issues: err.issues };
    throw err;
  }
}

/** The register as evidence for the checks that read it: an invalid register names its issues. */
export function registerEvidence(result: RegisterResult): Evidence<Register> {
  if (result.ok) return { ok: true, value: result.register };
  return { ok: false, error: `${result.source} is invalid: ${result.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}` };
}
