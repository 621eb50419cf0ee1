import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { AiAttestation } from '../model/attestations';
import type { InputRecord } from '../report-model';

/**
 * The coding system's AI-attestation export (CONTRACT §3): `ai-attestations.jsonl` (one JSON
 * object per line) or `ai-attestations.csv` (a header row; codes `;`-separated). Read line by
 * line as a stream; a row that does not parse is counted, named by line and field (never its
 * bytes: the export names claims), and makes the whole input incomplete.
 */

export const ATTESTATION_FILES = ['ai-attestations.jsonl', 'ai-attestations.csv'] as const;
export type AttestationFormat = 'jsonl' | 'csv';

const when = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with zone' });
const optionalWhen = when.optional();
const codes = z.array(z.string().min(1));

const rowSchema = z.object({
  claimId: z.string().min(1),
  suggestedAt: when,
  suggestedCodes: codes,
  model: z.string().min(1).optional(),
  attestedBy: z.string().min(1).optional(),
  attestedAt: optionalWhen,
  action: z.enum(['accepted', 'modified', 'rejected']).optional(),
  finalCodes: codes.default([]),
  submittedAt: optionalWhen,
});

export interface AttestationParse {
  readonly input: InputRecord;
  readonly rows: AiAttestation[];
  /** Why the input is incomplete; undefined when every row was read. */
  readonly problem?: string;
}

/** Reads one export from a stream (a file or an S3 body). */
export async function parseAttestations(source: string, body: Readable, format: AttestationFormat): Promise<AttestationParse> {
  const hash = createHash('sha256');
  body.on('data', (chunk: Buffer) => hash.update(chunk));
  const rows: AiAttestation[] = [];
  let records = 0;
  let bad = 0;
  let firstProblem: string | undefined;
  const reject = (line: number, why: string) => {
    bad += 1;
    firstProblem ??= `line ${line}: ${why}`;
  };
  try {
    const lines = createInterface({ input: body, crlfDelay: Infinity });
    const rowsOf = format === 'jsonl' ? jsonlRows(lines) : csvRows(lines);
    for await (const { line, raw, problem } of rowsOf) {
      records += 1;
      if (problem !== undefined) {
        reject(line, problem);
        continue;
      }
      const parsed = rowSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        reject(line, `${issue.path.join('.') || 'row'}: ${issue.message}`);
        continue;
      }
      rows.push(toAttestation(parsed.data));
    }
  } catch (err) {
    const why = `unreadable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
    return { input: { source, kind: 'ai-attestations', status: 'skipped', records, sha256: hash.digest('hex'), problem: why }, rows: [], problem: `${source}: ${why}` };
  }
  const sha256 = hash.digest('hex');
  if (firstProblem !== undefined) {
    const problem = `${bad} of ${records} rows rejected (first at ${firstProblem})`;
    return { input: { source, kind: 'ai-attestations', status: 'partial', records, sha256, problem }, rows, problem: `${source}: ${problem}` };
  }
  return { input: { source, kind: 'ai-attestations', status: 'read', records, sha256 }, rows };
}

function toAttestation(r: z.infer<typeof rowSchema>): AiAttestation {
  return {
    claimId: r.claimId,
    suggestedAt: r.suggestedAt,
    suggestedMs: Date.parse(r.suggestedAt),
    suggestedCodes: r.suggestedCodes,
    finalCodes: r.finalCodes,
    ...(r.model === undefined ? {} : { model: r.model }),
    ...(r.attestedBy === undefined ? {} : { attestedBy: r.attestedBy }),
    ...(r.attestedAt === undefined ? {} : { attestedAt: r.attestedAt, attestedMs: Date.parse(r.attestedAt) }),
    ...(r.action === undefined ? {} : { action: r.action }),
    ...(r.submittedAt === undefined ? {} : { submittedAt: r.submittedAt, submittedMs: Date.parse(r.submittedAt) }),
  };
}

interface RawRow {
  readonly line: number;
  readonly raw?: unknown;
  /** Why the line is not a row at all. */
  readonly problem?: string;
}

async function* jsonlRows(lines: AsyncIterable<string>): AsyncGenerator<RawRow> {
  let n = 0;
  for await (const text of lines) {
    n += 1;
    // trim() drops a byte-order mark too (U+FEFF is white space to it).
    const t = text.trim();
    if (t === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(t);
    } catch {
      yield { line: n, problem: 'not JSON' };
      continue;
    }
    // Exports write absent times as null; the schema reads them as absent.
    yield { line: n, raw: withoutNulls(raw) };
  }
}

const MAX_RECORD_CHARS = 65_536;

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
async function* csvRows(lines: AsyncIterable<string>): AsyncGenerator<RawRow> {
  let header: string[] | undefined;
  let n = 0;
  let pending: { start: number; text: string } | undefined;
  for await (const text of lines) {
    n += 1;
    // No BOM handling needed: names and values are trimmed, and trim() drops U+FEFF.
    const chunk = pending === undefined ? text : `${pending.text}\n${text}`;
    const start = pending?.start ?? n;
    if (chunk.length > MAX_RECORD_CHARS) {
      // A quote that never closes would otherwise hold the rest of the file in memory.
      yield { line: start, problem: `a record longer than ${MAX_RECORD_CHARS} characters (an unterminated quote?)` };
      pending = undefined;
      continue;
    }
    const fields = splitCsv(chunk);
    if (fields === undefined) {
      pending = { start, text: chunk };
      continue;
    }
    pending = undefined;
    if (header === undefined) {
      header = fields.map((f) => f.trim());
      continue;
    }
    if (fields.length === 1 && fields[0].trim() === '') continue;
    if (fields.length !== header.length) {
      yield { line: start, problem: `${fields.length} fields, the header has ${header.length}` };
      continue;
    }
    const row: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const value = fields[i].trim();
      if (value === '') return;
      row[name] = name === 'suggestedCodes' || name === 'finalCodes' ? value.split(';').map((c) => c.trim()).filter(Boolean) : value;
    });
    yield { line: start, raw: row };
  }
  if (pending !== undefined) yield { line: pending.start, problem: 'unterminated quoted field' };
}

/** The fields of one record, or undefined when a quoted field continues on the next line. */
function splitCsv(text: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

function withoutNulls(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null && v !== ''));
}
