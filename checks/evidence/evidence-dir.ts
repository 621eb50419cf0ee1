import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AuditModel, AuditWindow, Evidence } from '../model/audit-model';
import { type Coverage, computeCoverage, INCOMPLETE_STATUSES } from '../model/completeness';
import { loadOrganizationDir } from './organization-dir';
import type { CredentialReport } from '../model/credentials';
import type { AuditEvent } from '../model/events';
import type { AuthorizationDetails } from '../model/iam';
import type { InputRecord } from '../report-model';
import { readAttestationFiles } from './attestation-files';
import { parseAuthorizationDetails } from './authorization-details';
import { readTrailFile } from './cloudtrail-file';
import { CLOUDTRAIL_FILE_RE } from './cloudtrail-files';
import { parseCredentialReport } from './credential-report';
import { eventFilter, type EventFilterSpec } from './event-filter';
import { EventSink } from './event-sink';
import { ParsePool, type ParseResult, workerCount } from './parse-pool';
import { jsonErrorPosition } from '../../lib/config/json-position';
import { DEFAULT_LIMITS, type ReadLimits } from './read-limits';
import { readWholeFile, walkFiles } from './walk';

/** File names inside `--evidence DIR` (CONTRACT §3). */
export const EVIDENCE_FILES = {
  credentialReport: 'credential-report.csv',
  authorizationDetails: 'account-authorization-details.json',
  cloudtrail: 'cloudtrail',
  /** Multi-account evidence: `accounts/<12-digit id>/` holds each account's two IAM files. */
  accounts: 'accounts',
} as const;

export interface LoadedEvidence {
  readonly model: AuditModel;
  readonly inputs: InputRecord[];
}

export interface EvidenceOptions {
  readonly window: AuditWindow;
  /** Which events a rule needs; the others are not kept. */
  readonly keep?: (event: AuditEvent) => boolean;
  /**
   * The same as data (the audit's or an investigation's filter), so that CloudTrail files can be
   * parsed in worker threads; `keep`, when given too, must be the same predicate.
   */
  readonly filter?: EventFilterSpec;
  /** Threads parsing CloudTrail files (this one and workers): 0 or 1 parses in this thread alone. @default one per core when the files total 4 MiB or more and the filter is given as data */
  readonly workers?: number;
  readonly progress?: (message: string) => void;
  /** Size bounds per file; the defaults suit the 1 GB Lambdas. */
  readonly limits?: ReadLimits;
}

/**
 * Reads an evidence directory. A missing or unreadable piece becomes `{ ok: false }`, one read
 * in part carries its `problems`; never an exception. Every input offered is in `inputs`.
 */
export async function loadEvidenceDir(dir: string, options: EvidenceOptions): Promise<LoadedEvidence> {
  if (isDirectory(join(dir, EVIDENCE_FILES.accounts))) return loadOrganizationDir(dir, options);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const inputs: InputRecord[] = [];
  // CloudTrail first: its parsing workers start up while this thread parses the IAM files. The
  // trail's inputs are added when it is read, after the IAM files' (their order in the report).
  const trail = readCloudTrail(dir, options, inputs, limits);
  const credentialReport = readCredentialReport(dir, EVIDENCE_FILES.credentialReport, inputs, limits);
  const authorization = readAuthorizationDetails(dir, EVIDENCE_FILES.authorizationDetails, inputs, limits);
  const { events, coverage } = await trail;
  const attestations = await readAttestationFiles(dir, inputs);
  return { model: { credentialReport, authorization, events, coverage, attestations }, inputs };
}

export interface CloudTrailRead {
  readonly events: Evidence<readonly AuditEvent[]>;
  readonly coverage: Coverage;
  /** The CloudTrail inputs alone (also pushed onto `inputs`). */
  readonly trailInputs: readonly InputRecord[];
}

/** `cloudtrail/` of an evidence directory; `expected`: accounts that must each be covered (multi-account evidence). */
export async function readCloudTrail(dir: string, options: EvidenceOptions, inputs: InputRecord[], limits: ReadLimits, expected?: readonly string[]): Promise<CloudTrailRead> {
  const trailDir = join(dir, EVIDENCE_FILES.cloudtrail);
  const none = computeCoverage(options.window.from, options.window.to, new Map(), expected);
  if (!isDirectory(trailDir)) return { events: { ok: false, error: `${EVIDENCE_FILES.cloudtrail}/ not found in ${dir}` }, coverage: none, trailInputs: [] };
  const keep = options.keep ?? (options.filter ? eventFilter(options.filter) : () => true);
  const sink = new EventSink(options.window, keep);
  const trailInputs: InputRecord[] = [];
  const files: { path: string; source: string; size: number }[] = [];
  // Inputs in walk order: each file's place is reserved, its record filled in when it is read.
  const order: ({ input: InputRecord } | { file: number })[] = [];
  for (const entry of walkFiles(trailDir, dir)) {
    if (entry.kind === 'problem') {
      order.push({ input: { source: entry.path, kind: 'cloudtrail', status: entry.status, records: 0, sha256: '', problem: entry.problem } });
      continue;
    }
    const source = relative(dir, entry.path);
    if (/(^|[\\/])CloudTrail-Digest[\\/]/.test(source)) {
      order.push({ input: { source, kind: 'cloudtrail-digest', status: 'ignored', records: 0, sha256: '', problem: 'CloudTrail digest file: proves log integrity, holds no events' } });
      continue;
    }
    if (!CLOUDTRAIL_FILE_RE.test(source)) {
      order.push({ input: { source, kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: 'not a CloudTrail file (.json, .jsonl or .ndjson, optionally .gz): not read' } });
      continue;
    }
    order.push({ file: files.length });
    files.push({ path: entry.path, source, size: entry.size });
  }
  const read = await readTrailFiles(files, sink, options, limits);
  for (const o of order) trailInputs.push('input' in o ? o.input : read[o.file]);
  inputs.push(...trailInputs);
  const readable = trailInputs.filter((i) => i.status === 'read' || i.status === 'partial');
  const records = readable.reduce((n, i) => n + i.records, 0);
  options.progress?.(`read ${readable.length} of ${trailInputs.length} CloudTrail files (${records} records)`);
  const coverage = sink.coverage(expected);
  const problems = [...problemsOf(trailInputs), ...sink.conflicts()];
  if (records === 0) {
    const why = trailInputs.length === 0 ? 'no file' : readable.length === 0 ? 'no readable file' : 'files without a single record';
    return { events: { ok: false, error: `${EVIDENCE_FILES.cloudtrail}/ holds ${why}: no CloudTrail record to audit${problems.length ? ` (${problems.slice(0, 3).join('; ')})` : ''}` }, coverage, trailInputs };
  }
  return { events: { ok: true, value: sink.events(), ...(problems.length ? { problems } : {}) }, coverage, trailInputs };
}

/**
 * Reads the files into the sink, in their order: in worker threads when that pays (and the
 * filter is data a worker can rebuild), else here. A file whose worker died is read here.
 */
async function readTrailFiles(files: readonly { path: string; source: string; size: number }[], sink: EventSink, options: EvidenceOptions, limits: ReadLimits): Promise<InputRecord[]> {
  const here = async (f: { path: string; source: string }): Promise<ParseResult> => {
    const builder = sink.builder();
    const input = await readTrailFile(f.path, f.source, builder, limits);
    return { input, batch: builder.build() };
  };
  const parallel = options.keep === undefined || options.filter !== undefined;
  const threads = parallel ? workerCount(files.reduce((n, f) => n + f.size, 0), files.length, options.workers) : 0;
  // This thread parses too, besides merging: one worker fewer.
  const pool = threads > 1 ? ParsePool.start(threads - 1, { window: sink.window, limits, ...(options.filter ? { filter: options.filter } : {}) }) : undefined;
  const inputs: InputRecord[] = [];
  try {
    // Files are handed out in order: a few ahead per worker keeps them busy, and while the file
    // to merge next is still in a worker, this thread parses the next one not handed out rather
    // than wait (it also merges, so a fixed share would leave the workers idle). Results wait
    // (small) until their turn, at most `held` files ahead.
    const ahead = 2;
    const held = 4 * Math.max(threads, 1);
    const done = new Map<number, ParseResult>();
    const inWorkers = new Map<number, Promise<void>>();
    let next = 0;
    let lost = 0;
    const dispatch = (n: number) => {
      const f = files[n];
      const parsed = (pool as ParsePool).parse(f.path, f.source).then(
        (r) => ({ input: r.input, batch: sink.adopt(r.batch) }),
        () => {
          lost += 1;
          return here(f);
        },
      );
      inWorkers.set(n, parsed.then((r) => {
        done.set(n, r);
        inWorkers.delete(n);
      }));
    };
    const parseHere = async (n: number) => done.set(n, await here(files[n]));
    for (let i = 0; i < files.length; i++) {
      for (;;) {
        for (; pool !== undefined && next < files.length && inWorkers.size < ahead * (threads - 1) && next - i < held; next++) dispatch(next);
        if (done.has(i)) break;
        if (next === i) {
          next += 1;
          await parseHere(i);
          break;
        }
        if (next < files.length && next - i < held) {
          await parseHere(next);
          next += 1;
          // Let the workers' answers in before deciding again.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        await inWorkers.get(i);
      }
      const { input, batch } = done.get(i) as ParseResult;
      done.delete(i);
      sink.merge(batch, files[i].source);
      inputs.push(input);
    }
    if (pool !== undefined) options.progress?.(`parsed CloudTrail files in ${threads} threads${lost > 0 ? ` (${lost} read again in the main thread after a worker failed)` : ''}`);
    return inputs;
  } finally {
    await pool?.close();
  }
}

/** `source: problem` of every input not read whole. */
export function problemsOf(inputs: readonly InputRecord[]): string[] {
  return inputs.filter((i) => INCOMPLETE_STATUSES.has(i.status)).map((i) => `${i.source}: ${i.status}: ${i.problem ?? 'not read whole'}`);
}

/** `source`: the report's path inside `dir`, as the report names it. */
export function readCredentialReport(dir: string, source: string, inputs: InputRecord[], limits: ReadLimits): Evidence<CredentialReport> {
  const kind = 'credential-report';
  const file = readWholeFile(join(dir, source), limits.maxWholeFileBytes);
  if (!file.ok) {
    inputs.push({ source, kind, status: file.status, records: 0, sha256: '', problem: file.problem });
    return { ok: false, error: `${source} ${file.problem}` };
  }
  const sha256 = sha(file.bytes);
  const text = utf8(file.bytes);
  if (text === undefined) {
    inputs.push({ source, kind, status: 'skipped', records: 0, sha256, problem: 'not UTF-8 text' });
    return { ok: false, error: `${source}: not UTF-8 text` };
  }
  try {
    const parsed = parseCredentialReport(text);
    const note = [...parsed.problems, ...parsed.notes].join('; ');
    inputs.push({ source, kind, status: parsed.problems.length > 0 ? 'partial' : 'read', records: parsed.records, sha256, ...(note ? { problem: note } : {}) });
    return { ok: true, value: parsed.report, ...(parsed.problems.length ? { problems: parsed.problems.map((p) => `${source}: ${p}`) } : {}) };
  } catch (err) {
    inputs.push({ source, kind, status: 'skipped', records: 0, sha256, problem: (err as Error).message });
    return { ok: false, error: `${source}: ${(err as Error).message}` };
  }
}

export function readAuthorizationDetails(dir: string, source: string, inputs: InputRecord[], limits: ReadLimits): Evidence<AuthorizationDetails> {
  const kind = 'authorization-details';
  const file = readWholeFile(join(dir, source), limits.maxWholeFileBytes);
  if (!file.ok) {
    inputs.push({ source, kind, status: file.status, records: 0, sha256: '', problem: file.problem });
    return { ok: false, error: `${source} ${file.problem}` };
  }
  const sha256 = sha(file.bytes);
  try {
    const parsed = parseAuthorizationDetails(parseJson(file.bytes));
    const problems = parsed.problems.map((p) => `${source}: ${p}`);
    inputs.push({ source, kind, status: problems.length ? 'partial' : 'read', records: parsed.records, sha256, ...(problems.length ? { problem: parsed.problems.join('; ') } : {}) });
    return { ok: true, value: parsed.details, ...(problems.length ? { problems } : {}) };
  } catch (err) {
    inputs.push({ source, kind, status: 'skipped', records: 0, sha256, problem: (err as Error).message });
    return { ok: false, error: `${source}: ${(err as Error).message}` };
  }
}

/**
 * JSON.parse, without its message: V8 quotes the text around the error, which may be a
 * patient's id. Only the position is kept.
 */
export function parseJson(bytes: Buffer | string): unknown {
  const text = typeof bytes === 'string' ? bytes : utf8(bytes);
  if (text === undefined) throw new Error('not UTF-8 text');
  const json = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(json);
  } catch {
    const at = jsonErrorPosition(json);
    throw new Error(at >= json.length ? 'not JSON: cut short (ends before the document is closed)' : `not JSON: invalid at position ${at}`);
  }
}

function utf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  }
  // Stryker disable next-line BlockStatement: an empty catch returns undefined too
  catch {
    return undefined;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function sha(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
