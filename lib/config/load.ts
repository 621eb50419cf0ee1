import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { jsonErrorPosition } from './json-position';
import { type CodingEnvConfig, configSchema } from './schema';

/** One offending field: its JSON path (`people[2].specialties[0]`) and what is wrong. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Bad input from a user's file. Carries every offending field so the CLI and synth can print
 * them all at once and exit 2, instead of a stack trace.
 */
export class InputError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly FieldIssue[],
  ) {
    super(`${source} is invalid:\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'InputError';
  }
}

/** `['people', 2, 'id']` -> `people[2].id` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** One FieldIssue per offending field; an unknown key is reported at its own path. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field (check its spelling)' }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}

/** Parse options that say "is required" rather than "expected string, received undefined". */
export const friendlyErrors = {
  error: (issue: { input?: unknown; code?: string }) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined,
};

/** Reads a JSON file, turning a missing file or bad JSON into an InputError naming the file. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(file, [{ path: '', message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` }]);
  }
  // Editors on Windows save a UTF-8 byte-order mark; JSON.parse would refuse it.
  const json = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(json);
  } catch {
    // Only the position: V8's message quotes the text around the error.
    throw new InputError(file, [{ path: '', message: `is not valid JSON (at position ${jsonErrorPosition(json)})` }]);
  }
}

export function parseConfig(raw: unknown, source = 'config'): CodingEnvConfig {
  const result = configSchema.safeParse(raw, friendlyErrors);
  if (!result.success) throw new InputError(source, toFieldIssues(result.error));
  return result.data;
}

export function loadConfigFile(file: string): CodingEnvConfig {
  return parseConfig(readJsonFile(file), file);
}

/** File name of the parsed config bundled beside each audit Lambda handler. */
export const BUNDLED_CONFIG_FILE = 'coding-env.json';
