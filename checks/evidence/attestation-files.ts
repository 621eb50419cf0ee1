import { createReadStream, lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Evidence } from '../model/audit-model';
import type { AttestationLog } from '../model/attestations';
import type { InputRecord } from '../report-model';
import { ATTESTATION_FILES, type AttestationFormat, parseAttestations } from './ai-attestations';

/**
 * `ai-attestations.jsonl` and/or `ai-attestations.csv` in the evidence directory. Neither there:
 * ok and empty (nothing to examine). One there but unreadable, not a regular file, or with a
 * rejected row: unavailable, naming the file, so the check is `error`.
 */
export async function readAttestationFiles(dir: string, inputs: InputRecord[]): Promise<Evidence<AttestationLog>> {
  const log = { sources: [] as string[], rows: [] as AttestationLog['rows'][number][] };
  const problems: string[] = [];
  for (const name of ATTESTATION_FILES) {
    const file = join(dir, name);
    try {
      lstatSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
    }
    let isFile: boolean;
    try {
      // Follows a symbolic link (a broken one is unreadable); a FIFO or device is refused, never waited on.
      isFile = statSync(file).isFile();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      inputs.push({ source: name, kind: 'ai-attestations', status: 'skipped', records: 0, sha256: '', problem: `cannot be read (${code})` });
      problems.push(`${name}: cannot be read (${code})`);
      continue;
    }
    if (!isFile) {
      inputs.push({ source: name, kind: 'ai-attestations', status: 'skipped', records: 0, sha256: '', problem: 'not a regular file' });
      problems.push(`${name}: not a regular file`);
      continue;
    }
    const format: AttestationFormat = name.endsWith('.csv') ? 'csv' : 'jsonl';
    const parsed = await parseAttestations(name, createReadStream(file), format);
    inputs.push(parsed.input);
    log.sources.push(name);
    log.rows.push(...parsed.rows);
    if (parsed.problem !== undefined) problems.push(parsed.problem);
  }
  // Rows that were read still yield findings; the check is error for the rest (partial evidence).
  if (problems.length === 0) return { ok: true, value: log };
  return log.sources.length > 0 ? { ok: true, value: log, problems } : { ok: false, error: problems.join('; ') };
}
