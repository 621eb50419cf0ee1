import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { type FieldIssue, friendlyErrors, InputError, readJsonFile, toFieldIssues } from '../../lib/config/load';
import { isoDate } from '../../lib/config/schema';
import { parseRegister, registerIssues } from '../register/load';

/**
 * Recording a signed weekly log review in the register (CONTRACT §6 `logReviews`, checklist
 * item 4). `addLogReview` is pure; `signLogReview` is the small I/O edge the CLI calls.
 */

export interface LogReviewInput {
  /** The reviewer's person id. */
  readonly reviewer: string;
  readonly recordsSampled: number;
  readonly anomalies: number;
  /** What was done about the anomalies; may be empty only when there were none. */
  readonly actions?: string;
  /** YYYY-MM-DD. */
  readonly reviewedOn: string;
}

export type LogReview = Required<LogReviewInput>;

const logReviewInputSchema = z
  .strictObject({
    reviewer: z.string().trim().min(1, 'must name the reviewer (their person id)'),
    recordsSampled: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative'),
    anomalies: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative'),
    actions: z.string().trim().optional(),
    reviewedOn: isoDate,
  })
  .refine((r) => r.anomalies === 0 || (r.actions ?? '') !== '', {
    error: 'must say what was done about the anomalies',
    path: ['actions'],
  });

const NO_ACTION = 'none: no anomalies found';

/**
 * The register with one more log review appended to `logReviews`. Every other key keeps its
 * value and place; `logReviews` is added at the end when absent. Refuses (InputError naming
 * the field) a bad review or a register that does not validate, so a bad file is never
 * rewritten as if it were fine.
 */
export function addLogReview(register: unknown, review: LogReviewInput, source = 'register'): Record<string, unknown> {
  const parsed = logReviewInputSchema.safeParse(review, friendlyErrors);
  if (!parsed.success) throw new InputError('log review', toFieldIssues(parsed.error));
  // Annotations (unknown fields) are kept as they are; a malformed section is refused.
  const existing = registerIssues(parseRegister(register, source));
  if (existing.length > 0) throw new InputError(source, existing);
  const { reviewer, recordsSampled, anomalies, actions, reviewedOn } = parsed.data;
  const entry: LogReview = { reviewedOn, reviewer, recordsSampled, anomalies, actions: actions || NO_ACTION };
  const raw = register as Record<string, unknown>;
  const previous = Array.isArray(raw['logReviews']) ? (raw['logReviews'] as unknown[]) : [];
  const next = { ...raw, logReviews: [...previous, entry] };
  const check = registerIssues(parseRegister(next, source));
  if (check.length > 0) throw new InputError(source, check);
  return next;
}

/** The register file, as 2-space JSON with a final newline. */
export function formatRegister(register: unknown): string {
  return `${JSON.stringify(register, null, 2)}\n`;
}

/**
 * Reads the register file, appends the review, and writes the file back atomically (a
 * temporary file in the same directory, flushed, then renamed over it), keeping its mode.
 * A missing or invalid file is refused, never created or overwritten.
 */
export function signLogReview(registerFile: string, review: LogReviewInput): LogReview {
  const current = readJsonFile(registerFile);
  const next = addLogReview(current, review, registerFile);
  writeFileAtomic(registerFile, formatRegister(next));
  const reviews = next['logReviews'] as LogReview[];
  return reviews[reviews.length - 1] as LogReview;
}

function writeFileAtomic(file: string, text: string): void {
  const mode = statSync(file).mode & 0o777;
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      fchmodSync(fd, mode); // the umask must not loosen or tighten the officer's file
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    const issue: FieldIssue = { path: '', message: `cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
    throw new InputError(file, [issue]);
  }
}
