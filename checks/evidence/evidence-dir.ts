import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AuditModel, AuditWindow, Evidence } from '../model/audit-model';
import { computeCoverage, INCOMPLETE_STATUSES } from '../model/completeness';
import type { CredentialReport } from '../model/credentials';
import type { AuditEvent } from '../model/events';
import type { AuthorizationDetails } from '../model/iam';
import type { InputRecord } from '../report-model';
import { readAttestationFiles } from './attestation-files';
import { parseAuthorizationDetails } from './authorization-details';
import { CLOUDTRAIL_FILE_RE, ingestCloudTrail } from './cloudtrail-files';
import { parseCredentialReport } from './credential-report';
import { EventSink } from './event-sink';
import { jsonErrorPosition } from '../../lib/config/json-position';
import { DEFAULT_LIMITS, type ReadLimits } from './read-limits';
import { openRegular, readWholeFile, walkFiles } from './walk';

/** File names inside `--evidence DIR` (CONTRACT §3). */
export const EVIDENCE_FILES = {
  credentialReport: 'credential-report.csv',
  authorizationDetails: 'account-authorization-details.json',
  cloudtrail: 'cloudtrail',
} as const;

export interface LoadedEvidence {
  readonly model: AuditModel;
  readonly inputs: InputRecord[];
}

export interface EvidenceOptions {
  readonly window: AuditWindow;
  /** Which events a rule needs; the others are not kept. */
  readonly keep?: (event: AuditEvent) => boolean;
  readonly progress?: (message: string) => void;
  /** Size bounds per file; the defaults suit the 1 GB Lambdas. */
  readonly limits?: ReadLimits;
}

/**
 * Reads an evidence directory. A missing or unreadable piece becomes `{ ok: false }`, one read
 * in part carries its `problems`; never an exception. Every input offered is in `inputs`.
 */
export async function loadEvidenceDir(dir: string, options: EvidenceOptions): Promise<LoadedEvidence> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const inputs: InputRecord[] = [];
  const credentialReport = readCredentialReport(dir, inputs, limits);
  const authorization = readAuthorizationDetails(dir, inputs, limits);
  const { events, coverage } = await readCloudTrail(dir, options, inputs, limits);
  const attestations = await readAttestationFiles(dir, inputs);
  return { model: { credentialReport, authorization, events, coverage, attestations }, inputs };
}

async function readCloudTrail(dir: string, options: EvidenceOptions, inputs: InputRecord[], limits: ReadLimits): Promise<{ events: Evidence<readonly AuditEvent[]>; coverage: AuditModel['coverage'] }> {
  const trailDir = join(dir, EVIDENCE_FILES.cloudtrail);
  const none = computeCoverage(options.window.from, options.window.to, new Map());
  if (!isDirectory(trailDir)) return { events: { ok: false, error: `${EVIDENCE_FILES.cloudtrail}/ not found in ${dir}` }, coverage: none };
  const sink = new EventSink(options.window, options.keep);
  const trailInputs: InputRecord[] = [];
  for (const entry of walkFiles(trailDir, dir)) {
    if (entry.kind === 'problem') {
      trailInputs.push({ source: entry.path, kind: 'cloudtrail', status: entry.status, records: 0, sha256: '', problem: entry.problem });
      continue;
    }
    const source = relative(dir, entry.path);
    if (/(^|[\\/])CloudTrail-Digest[\\/]/.test(source)) {
      trailInputs.push({ source, kind: 'cloudtrail-digest', status: 'ignored', records: 0, sha256: '', problem: 'CloudTrail digest file: proves log integrity, holds no events' });
      continue;
    }
    if (!CLOUDTRAIL_FILE_RE.test(source)) {
      trailInputs.push({ source, kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: 'not a CloudTrail file (.json, .jsonl or .ndjson, optionally .gz): not read' });
      continue;
    }
    const opened = openRegular(entry.path);
    if ('problem' in opened) {
      trailInputs.push({ source, kind: 'cloudtrail', status: opened.status, records: 0, sha256: '', problem: opened.problem });
      continue;
    }
    trailInputs.push(await ingestCloudTrail(source, createReadStream('', { fd: opened.fd }), /\.gz$/i.test(source), sink, limits));
  }
  inputs.push(...trailInputs);
  const read = trailInputs.filter((i) => i.status === 'read' || i.status === 'partial');
  const records = read.reduce((n, i) => n + i.records, 0);
  options.progress?.(`read ${read.length} of ${trailInputs.length} CloudTrail files (${records} records)`);
  const coverage = sink.coverage();
  const problems = [...problemsOf(trailInputs), ...sink.conflicts()];
  if (records === 0) {
    const why = trailInputs.length === 0 ? 'no file' : read.length === 0 ? 'no readable file' : 'files without a single record';
    return { events: { ok: false, error: `${EVIDENCE_FILES.cloudtrail}/ holds ${why}: no CloudTrail record to audit${problems.length ? ` (${problems.slice(0, 3).join('; ')})` : ''}` }, coverage };
  }
  return { events: { ok: true, value: sink.events(), ...(problems.length ? { problems } : {}) }, coverage };
}

/** `source: problem` of every input not read whole. */
export function problemsOf(inputs: readonly InputRecord[]): string[] {
  return inputs.filter((i) => INCOMPLETE_STATUSES.has(i.status)).map((i) => `${i.source}: ${i.status}: ${i.problem ?? 'not read whole'}`);
}

function readCredentialReport(dir: string, inputs: InputRecord[], limits: ReadLimits): Evidence<CredentialReport> {
  const source = EVIDENCE_FILES.credentialReport;
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

function readAuthorizationDetails(dir: string, inputs: InputRecord[], limits: ReadLimits): Evidence<AuthorizationDetails> {
  const source = EVIDENCE_FILES.authorizationDetails;
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
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function sha(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
