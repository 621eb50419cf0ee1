import type { z } from 'zod';
import { type FieldIssue, formatPath, friendlyErrors, InputError, readJsonFile } from '../../lib/config/load';
import type { Evidence } from '../model/audit-model';
import { REGISTER_SECTION_NAMES, REGISTER_SECTIONS, type Register, type RegisterSection } from './schema';

/**
 * The register as the audit reads it. Unusable as a whole (unreadable, not JSON, not an object):
 * `ok: false`, and every checklist item is `error`. Otherwise each section is judged alone: a
 * malformed one is left out of `register` and listed in `invalid` (only its items are `error`);
 * fields the register does not define are kept in the file, ignored, and listed in `warnings`.
 */
export type RegisterResult =
  | {
      readonly ok: true;
      readonly source: string;
      readonly register: Register;
      /** Unknown fields and unknown sections, one line each. */
      readonly warnings?: readonly string[];
      /** Malformed sections and their field issues. */
      readonly invalid?: { readonly [K in RegisterSection]?: readonly FieldIssue[] };
    }
  | { readonly ok: false; readonly source: string; readonly issues: readonly FieldIssue[] };

export function parseRegister(raw: unknown, source: string): RegisterResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, source, issues: [{ path: '', message: 'must be a JSON object with the register\'s sections (riskAnalysis, training, ...)' }] };
  }
  const register: Record<string, unknown> = {};
  const invalid: Partial<Record<RegisterSection, FieldIssue[]>> = {};
  const unknownFields: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!(REGISTER_SECTION_NAMES as string[]).includes(key)) unknownFields.push(key);
    else if (value !== undefined) {
      const section = key as RegisterSection;
      const parsed = parseSection(section, value);
      unknownFields.push(...parsed.unknown);
      if (parsed.issues.length > 0) invalid[section] = parsed.issues;
      else register[section] = parsed.value;
    }
  }
  const warnings = unknownFields.length > 0 ? [`${source}: fields the register does not define were ignored: ${unknownFields.join(', ')}`] : [];
  return {
    ok: true,
    source,
    register: register as Register,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(Object.keys(invalid).length > 0 ? { invalid } : {}),
  };
}

/**
 * One section: parsed strictly so unknown keys surface; those are removed from a copy and the
 * section parsed again, so an annotation never makes it invalid. zod reports every unknown key,
 * at every depth, in one pass: the second parse decides. Anything it still rejects is an issue
 * of the section (fail closed), never a silent pass.
 */
function parseSection(section: RegisterSection, value: unknown): { value?: unknown; issues: FieldIssue[]; unknown: string[] } {
  const schema: z.ZodType = REGISTER_SECTIONS[section];
  const issuesOf = (issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]) => issues.map((i) => ({ path: formatPath([section, ...i.path]), message: i.message }));
  const first = schema.safeParse(value, friendlyErrors);
  if (first.success) return { value: first.data, issues: [], unknown: [] };
  const others = first.error.issues.filter((i) => i.code !== 'unrecognized_keys');
  if (others.length > 0) return { issues: issuesOf(others), unknown: [] };
  // Only unknown keys: remove them from a copy (the officer's file is never changed) and parse that.
  const copy = structuredClone(value);
  const unknown: string[] = [];
  for (const stray of first.error.issues) {
    const target = stray.path.reduce<unknown>((node, k) => (node as Record<PropertyKey, unknown>)[k as PropertyKey], copy) as Record<string, unknown>;
    for (const key of (stray as { keys: string[] }).keys) {
      unknown.push(formatPath([section, ...stray.path, key]));
      delete target[key];
    }
  }
  const second = schema.safeParse(copy, friendlyErrors);
  // Stryker disable next-line ConditionalExpression: the second parse always succeeds (zod names every unknown key in the first pass); the branch after it is the fail-closed guard.
  if (second.success) return { value: second.data, issues: [], unknown };
  // Stryker disable next-line all: no register reaches it (zod names every unknown key in the first pass); kept so a second rejection is an issue, not a pass.
  return { issues: issuesOf(second.error.issues), unknown };
}

/** Every issue of a register that the audit would not fully trust: for `validate` and `review sign`. */
export function registerIssues(result: RegisterResult): FieldIssue[] {
  if (!result.ok) return [...result.issues];
  return Object.values(result.invalid ?? {}).flatMap((issues) => [...(issues ?? [])]);
}

/**
 * The register file; a missing or unreadable file, bad JSON or a non-object is an InputError
 * (the CLI exits 2: a mistyped path must not pass as "no evidence").
 */
export function loadRegister(file: string): Extract<RegisterResult, { ok: true }> {
  const result = parseRegister(readJsonFile(file), file);
  if (!result.ok) throw new InputError(file, result.issues);
  return result;
}

/** The register as evidence for the checks that read it: an invalid register names its issues. */
export function registerEvidence(result: RegisterResult): Evidence<Register> {
  if (result.ok) {
    // A malformed section is left out of the value and named: the checks reading the register are error, not quietly ok.
    const problems = Object.entries(result.invalid ?? {}).flatMap(([section, issues]) => (issues ?? []).map((i) => `${registerSectionTag(section)}${result.source}: ${i.path || section}: ${i.message}`));
    return { ok: true, value: result.register, ...(problems.length > 0 ? { problems } : {}) };
  }
  return { ok: false, error: `${result.source} is invalid: ${result.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}` };
}

/** How a register problem names its section, so a check is judged only by the sections it reads. */
export function registerSectionTag(section: string): string {
  return `register section ${section}: `;
}
