import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { ATTESTATION_KEYS, ATTESTATION_PREFIX } from '../../lib/register-keys';
import { parseAttestations } from '../evidence/ai-attestations';
import { parseJson, sha } from '../evidence/evidence-dir';
import type { Evidence } from '../model/audit-model';
import type { AttestationLog } from '../model/attestations';
import { parseRegister, type RegisterResult } from '../register/load';
import type { InputRecord } from '../report-model';

/** The register from its bucket; absent or unreadable is a RegisterResult with the reason, never a throw. */
export async function readRegisterObject(s3: S3Client, bucket: string, key: string, inputs?: InputRecord[]): Promise<RegisterResult> {
  const source = `s3://${bucket}/${key}`;
  try {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const chunks: Buffer[] = [];
    for await (const chunk of (Body ?? []) as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    const text = Buffer.concat(chunks).toString('utf8');
    let raw: unknown;
    try {
      // Only the position, never V8's message: it quotes the register (a watched patient's id).
      raw = parseJson(text);
    } catch (err) {
      inputs?.push({ source, kind: 'register', status: 'skipped', records: 0, sha256: sha(text), problem: 'not JSON' });
      return { ok: false, source, issues: [{ path: '', message: (err as Error).message }] };
    }
    inputs?.push({ source, kind: 'register', status: 'read', records: 1, sha256: sha(text) });
    return parseRegister(raw, source);
  } catch (err) {
    const missing = (err as Error).name === 'NoSuchKey';
    inputs?.push({ source, kind: 'register', status: 'skipped', records: 0, sha256: '', problem: missing ? 'not found' : (err as Error).name });
    const message = missing ? 'no register on file: upload register.json (see the README)' : `cannot be read: ${(err as Error).message}`;
    return { ok: false, source, issues: [{ path: '', message }] };
  }
}

/**
 * The coding system's AI-attestation export filed beside the register (`ai-attestations.jsonl`
 * and/or `.csv`), streamed. None filed: ok and empty. A listing or read that fails, or a rejected
 * row: unavailable, so the check is `error`.
 */
export async function collectAttestations(s3: S3Client, bucket: string, inputs: InputRecord[]): Promise<Evidence<AttestationLog>> {
  let keys: string[];
  try {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: ATTESTATION_PREFIX }));
    const names = new Set<string>(ATTESTATION_KEYS);
    keys = (listed.Contents ?? []).flatMap((o) => (o.Key !== undefined && names.has(o.Key) ? [o.Key] : []));
  } catch (err) {
    // Named in the report's inputs like every other source that could not be read.
    inputs.push({ source: `s3://${bucket}/${ATTESTATION_PREFIX}*`, kind: 'ai-attestations', status: 'skipped', records: 0, sha256: '', problem: `could not be listed (${(err as Error).name})` });
    return { ok: false, error: `s3://${bucket}/${ATTESTATION_PREFIX}* could not be listed: ${(err as Error).name}` };
  }
  const log = { sources: [] as string[], rows: [] as AttestationLog['rows'][number][] };
  const problems: string[] = [];
  for (const key of keys) {
    const source = `s3://${bucket}/${key}`;
    try {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = Body === undefined ? Readable.from([]) : (Body as Readable);
      const parsed = await parseAttestations(source, body, key.endsWith('.csv') ? 'csv' : 'jsonl');
      inputs.push(parsed.input);
      log.sources.push(source);
      log.rows.push(...parsed.rows);
      if (parsed.problem !== undefined) problems.push(parsed.problem);
    } catch (err) {
      inputs.push({ source, kind: 'ai-attestations', status: 'skipped', records: 0, sha256: '', problem: (err as Error).name });
      problems.push(`${source}: could not be read (${(err as Error).name})`);
    }
  }
  // Rows that were read still yield findings; the check is error for the rest (partial evidence).
  if (problems.length === 0) return { ok: true, value: log };
  return log.sources.length > 0 ? { ok: true, value: log, problems } : { ok: false, error: problems.join('; ') };
}
