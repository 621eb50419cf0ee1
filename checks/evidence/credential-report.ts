import { z } from 'zod';
import { formatPath } from '../../lib/config/load';
import type { AccessKeyState, CredentialReport, CredentialUser } from '../model/credentials';

/**
 * Parses the decoded IAM credential report (CSV). Accepts today's 22 columns and the older 16
 * (which makes the report partial: keys' last use is absent); unknown columns are noted and
 * ignored; a bad row is reported with its line number and skipped, the other rows kept, and
 * the report is partial (a person must never vanish silently).
 */

const BASE_COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed',
  'password_next_rotation', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated',
  'access_key_2_active', 'access_key_2_last_rotated', 'cert_1_active', 'cert_1_last_rotated',
  'cert_2_active', 'cert_2_last_rotated',
] as const;
const LAST_USED_COLUMNS = [
  'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
] as const;
const KNOWN = new Set<string>([...BASE_COLUMNS, ...LAST_USED_COLUMNS]);

export interface ParsedCredentialReport {
  readonly report: CredentialReport;
  /** Rows read, the root account's included. */
  readonly records: number;
  /** Why the report was not read whole (rejected rows, a missing root row, the older format): the report is `partial`. */
  readonly problems: readonly string[];
  /** What was noticed but loses nothing (unknown columns). */
  readonly notes: readonly string[];
}

/** Thrown when the file is not a credential report at all (no usable header). */
export class CredentialReportError extends Error {}

const bool = z.enum(['true', 'false'], { error: 'must be true or false' });
// One regex per field rather than a union: a union builds an issue for every failed branch, on every row.
const TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})';
const TIME_RE = new RegExp(`^${TIME}$`);
const MAYBE_TIME_RE = new RegExp(`^(${TIME}|N/A|no_information|not_supported)$`);
const timestamp = z.string().regex(TIME_RE, 'must be an ISO 8601 time');
/** A time, or one of the words AWS writes where there is none. */
const maybeTime = z.string().regex(MAYBE_TIME_RE, 'must be an ISO 8601 time, N/A, no_information or not_supported');

const rowSchema = z.object({
  user: z.string().min(1, 'is empty'),
  arn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:/, 'must be an IAM ARN'),
  user_creation_time: timestamp,
  password_enabled: z.enum(['true', 'false', 'not_supported'], { error: 'must be true, false or not_supported' }),
  password_last_used: maybeTime,
  mfa_active: bool,
  access_key_1_active: bool,
  access_key_1_last_rotated: maybeTime,
  access_key_2_active: bool,
  access_key_2_last_rotated: maybeTime,
  access_key_1_last_used_date: maybeTime.optional(),
  access_key_2_last_used_date: maybeTime.optional(),
});
type Row = z.infer<typeof rowSchema>;

export function parseCredentialReport(text: string): ParsedCredentialReport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // split() always yields a first element, if only ''.
  const header = splitCsvLine(lines[0]);
  const missing = BASE_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new CredentialReportError(`not a credential report: header lacks ${missing.join(', ')}`);

  const problems: string[] = [];
  const notes: string[] = [];
  const unknown = header.filter((c) => !KNOWN.has(c));
  if (unknown.length > 0) notes.push(`unknown columns ignored: ${unknown.join(', ')}`);
  const hasKeyLastUsed = LAST_USED_COLUMNS.every((c) => header.includes(c));
  if (!hasKeyLastUsed) problems.push('older 16-column report: access keys\' last-used dates are absent, so unused keys cannot be found');

  const users: CredentialUser[] = [];
  let records = 0;
  let root = false;
  const lineOf = new Map<string, number>();
  // Two rows for one user: which one is true is unknown, so both are kept and the report is partial.
  const push = (user: CredentialUser, lineNo: number) => {
    const earlier = lineOf.get(user.user);
    if (earlier !== undefined) problems.push(`line ${lineNo} (${user.user}): a second row for this user (first on line ${earlier})`);
    else lineOf.set(user.user, lineNo);
    users.push(user);
  };
  lines.slice(1).forEach((line, i) => {
    const lineNo = i + 2;
    if (line.trim() === '') return;
    const cells = splitCsvLine(line);
    if (cells.length !== header.length) {
      problems.push(`line ${lineNo}: ${cells.length} fields, the header has ${header.length}; row skipped`);
      return;
    }
    const raw: Record<string, string> = Object.fromEntries(header.map((c, j) => [c, cells[j]]));
    // Stryker disable next-line ConditionalExpression: the schema accepts exactly the rows conforms() accepts; only speed differs.
    const parsed = conforms(raw) ? { success: true as const, data: raw } : rowSchema.safeParse(raw);
    if (!parsed.success) {
      const what = parsed.error.issues.map((e) => `${formatPath(e.path)} ${e.message}`).join('; ');
      problems.push(`line ${lineNo} (${cells[0] || 'no user'}): ${what}; row skipped`);
      return;
    }
    records += 1;
    if (isRoot(parsed.data)) root = true;
    else push(toUser(parsed.data, hasKeyLastUsed), lineNo);
  });
  // IAM always writes the root account's row first: without it the report is empty or cut.
  if (records === 0 && problems.filter((p) => p.startsWith('line ')).length === 0) throw new CredentialReportError('no rows under the header (no <root_account> row): an empty credential report, not a clean account');
  if (!root) problems.push('no <root_account> row: the report is cut or filtered');
  return { report: { users, hasKeyLastUsed }, records, problems, notes };
}

const BOOLS = new Set(['true', 'false']);
const ARN_RE = /^arn:aws[a-z-]*:iam::\d{12}:/;
/**
 * Fast path with the schema's own tests, for the rows that pass (nearly all); the others go
 * through `rowSchema`, which says what is wrong.
 */
function conforms(raw: Record<string, string>): raw is Row {
  // Every header column is present (the row has the header's length and the header all base columns).
  return (
    !!raw.user && ARN_RE.test(raw.arn) && TIME_RE.test(raw.user_creation_time) &&
    (raw.password_enabled === 'not_supported' || isBool(raw.password_enabled)) && isMaybeTime(raw.password_last_used) && isBool(raw.mfa_active) &&
    isBool(raw.access_key_1_active) && isMaybeTime(raw.access_key_1_last_rotated) && isBool(raw.access_key_2_active) && isMaybeTime(raw.access_key_2_last_rotated) &&
    (raw.access_key_1_last_used_date === undefined || isMaybeTime(raw.access_key_1_last_used_date)) &&
    (raw.access_key_2_last_used_date === undefined || isMaybeTime(raw.access_key_2_last_used_date))
  );
}

function isBool(v: string | undefined): boolean {
  return v !== undefined && BOOLS.has(v);
}

function isMaybeTime(v: string | undefined): boolean {
  return v !== undefined && MAYBE_TIME_RE.test(v);
}

function isRoot(row: Row): boolean {
  return row.arn.endsWith(':root') || row.user === '<root_account>';
}

function toUser(row: Row, hasKeyLastUsed: boolean): CredentialUser {
  const key = (slot: 1 | 2, active: string, rotated: string, used: string | undefined): AccessKeyState => ({
    slot,
    active: active === 'true',
    lastRotated: time(rotated),
    lastUsed: !hasKeyLastUsed ? 'unknown' : (time(used) ?? 'never'),
  });
  return {
    user: row.user,
    arn: row.arn,
    createdAt: row.user_creation_time,
    passwordEnabled: row.password_enabled === 'true',
    passwordLastUsed: time(row.password_last_used) ?? 'never',
    mfaActive: row.mfa_active === 'true',
    keys: [
      key(1, row.access_key_1_active, row.access_key_1_last_rotated, row.access_key_1_last_used_date),
      key(2, row.access_key_2_active, row.access_key_2_last_rotated, row.access_key_2_last_used_date),
    ],
  };
}

function time(value: string | undefined): string | undefined {
  return value === undefined || value === 'N/A' || value === 'no_information' || value === 'not_supported' ? undefined : value;
}

/** RFC 4180 fields; the credential report does not quote, but a re-saved file may. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
