import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditModel, AuditWindow, Evidence } from '../model/audit-model';
import type { CredentialReport } from '../model/credentials';
import type { AuditEvent } from '../model/events';
import type { AuthorizationDetails } from '../model/iam';
import type { InputRecord } from '../report-model';
import { readAttestationFiles } from './attestation-files';
import { parseAuthorizationDetails } from './authorization-details';
import { loadCloudTrailDir } from './cloudtrail-files';
import { parseCredentialReport } from './credential-report';
import { EventSink } from './event-sink';

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
}

/** Reads an evidence directory. A missing or unreadable piece becomes `{ ok: false }`, never an exception. */
export async function loadEvidenceDir(dir: string, options: EvidenceOptions): Promise<LoadedEvidence> {
  const inputs: InputRecord[] = [];
  const credentialReport = readCredentialReport(join(dir, EVIDENCE_FILES.credentialReport), inputs);
  const authorization = readAuthorizationDetails(join(dir, EVIDENCE_FILES.authorizationDetails), inputs);

  let events: Evidence<readonly AuditEvent[]>;
  const trailDir = join(dir, EVIDENCE_FILES.cloudtrail);
  if (!existsSync(trailDir) || !statSync(trailDir).isDirectory()) {
    events = { ok: false, error: `${EVIDENCE_FILES.cloudtrail}/ not found in ${dir}` };
  } else {
    const sink = new EventSink(options.window, options.keep);
    const trailInputs = await loadCloudTrailDir(trailDir, dir, sink);
    inputs.push(...trailInputs);
    const read = trailInputs.filter((i) => i.status === 'read');
    options.progress?.(`read ${read.length} of ${trailInputs.length} CloudTrail files`);
    events = read.length > 0 ? { ok: true, value: sink.events() } : { ok: false, error: `no readable CloudTrail file in ${EVIDENCE_FILES.cloudtrail}/` };
  }
  const attestations = await readAttestationFiles(dir, inputs);
  return { model: { credentialReport, authorization, events, attestations }, inputs };
}

function readFile(file: string, kind: string, inputs: InputRecord[]): Buffer | string {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? String(err)})`;
    inputs.push({ source: baseName(file), kind, status: 'skipped', records: 0, sha256: '', problem });
    return `${baseName(file)} ${problem}`;
  }
}

function readCredentialReport(file: string, inputs: InputRecord[]): Evidence<CredentialReport> {
  const kind = 'credential-report';
  const bytes = readFile(file, kind, inputs);
  if (typeof bytes === 'string') return { ok: false, error: bytes };
  const sha256 = sha(bytes);
  try {
    const parsed = parseCredentialReport(bytes.toString('utf8'));
    const problem = parsed.problems.length > 0 ? parsed.problems.join('; ') : undefined;
    inputs.push({ source: baseName(file), kind, status: 'read', records: parsed.records, sha256, ...(problem ? { problem } : {}) });
    return { ok: true, value: parsed.report };
  } catch (err) {
    inputs.push({ source: baseName(file), kind, status: 'skipped', records: 0, sha256, problem: (err as Error).message });
    return { ok: false, error: `${baseName(file)}: ${(err as Error).message}` };
  }
}

function readAuthorizationDetails(file: string, inputs: InputRecord[]): Evidence<AuthorizationDetails> {
  const kind = 'authorization-details';
  const bytes = readFile(file, kind, inputs);
  if (typeof bytes === 'string') return { ok: false, error: bytes };
  const sha256 = sha(bytes);
  try {
    const parsed = parseAuthorizationDetails(parseJson(bytes));
    inputs.push({ source: baseName(file), kind, status: 'read', records: parsed.records, sha256 });
    return { ok: true, value: parsed.details };
  } catch (err) {
    inputs.push({ source: baseName(file), kind, status: 'skipped', records: 0, sha256, problem: (err as Error).message });
    return { ok: false, error: `${baseName(file)}: ${(err as Error).message}` };
  }
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}`);
  }
}

export function sha(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
