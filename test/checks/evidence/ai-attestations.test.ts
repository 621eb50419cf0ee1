import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseAttestations } from '../../../checks/evidence/ai-attestations';
import { readAttestationFiles } from '../../../checks/evidence/attestation-files';
import type { InputRecord } from '../../../checks/report-model';

const FIXTURES = 'test/fixtures/attestations';
const dirWith = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'attest-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};
/** Why the export is not whole: unavailable, or read in part (its rows still audited). */
const problemOf = (log: Awaited<ReturnType<typeof readAttestationFiles>>) => (log.ok ? (log.problems ?? []).join('; ') : log.error);
const header = 'claimId,suggestedAt,suggestedCodes,model,attestedBy,attestedAt,action,finalCodes,submittedAt';

describe('AI-attestation export', () => {
  test('reads the CSV export: quoted commas, ;-separated codes, empty fields absent, times with zones', async () => {
    const { rows, input, problem } = await parseAttestations('ai-attestations.csv', Readable.from([readFileSync(join(FIXTURES, 'ai-attestations.csv'))]), 'csv');
    expect(problem).toBeUndefined();
    expect(input).toMatchObject({ kind: 'ai-attestations', status: 'read', records: 3 });
    expect(rows[0]).toMatchObject({ claimId: 'CLM-2026-110301', suggestedCodes: ['I10', 'E11.9'], model: 'coding-assist 2.1, cardiology', attestedBy: 'jdoe', action: 'accepted', suggestedMs: Date.parse('2026-11-03T14:14:02Z') });
    expect(rows[2]).toMatchObject({ claimId: 'CLM-2026-110303', finalCodes: [] });
    expect(rows[2].attestedBy).toBeUndefined();
    expect(rows[2].attestedAt).toBeUndefined();
  });

  test('reads the JSONL export; null fields are absent', async () => {
    const inputs: InputRecord[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'attest-'));
    copyFileSync(join(FIXTURES, 'ai-attestations.jsonl'), join(dir, 'ai-attestations.jsonl'));
    const log = await readAttestationFiles(dir, inputs);
    expect(log.ok && log.value.rows.map((r) => `${r.claimId}:${r.attestedBy ?? '-'}`)).toEqual(['CLM-2026-110401:rpatel', 'CLM-2026-110402:-']);
    expect(inputs).toEqual([expect.objectContaining({ source: 'ai-attestations.jsonl', status: 'read', records: 2 })]);
  });

  test('both files are read; none is ok and empty (nothing to examine, nothing listed)', async () => {
    const both = mkdtempSync(join(tmpdir(), 'attest-'));
    copyFileSync(join(FIXTURES, 'ai-attestations.jsonl'), join(both, 'ai-attestations.jsonl'));
    copyFileSync(join(FIXTURES, 'ai-attestations.csv'), join(both, 'ai-attestations.csv'));
    const log = await readAttestationFiles(both, []);
    expect(log.ok && log.value.rows).toHaveLength(5);
    const inputs: InputRecord[] = [];
    expect(await readAttestationFiles(dirWith({}), inputs)).toEqual({ ok: true, value: { sources: [], rows: [] } });
    expect(inputs).toEqual([]);
  });

  test('a rejected row makes the export partial, naming file, line and field, never the bytes; the other rows are kept', async () => {
    const inputs: InputRecord[] = [];
    const csv = `${header}\nC1,2026-11-03T09:14:02-05:00,I10,m,jdoe,2026-11-03 09:16,accepted,I10,\nC2,2026-11-03T09:14:02-05:00,I10,m,jdoe,,,,\n`;
    const log = await readAttestationFiles(dirWith({ 'ai-attestations.csv': csv }), inputs);
    expect(problemOf(log)).toBe('ai-attestations.csv: 1 of 2 rows rejected (first at line 2: attestedAt: must be an ISO 8601 time with zone)');
    expect(log.ok && log.value.rows.map((r) => r.claimId)).toEqual(['C2']);
    expect(inputs[0]).toMatchObject({ status: 'partial', records: 2 });
    expect(JSON.stringify(log)).not.toContain('09:16');
  });

  test.each([
    ['a row with a missing field', `${header}\nC1,2026-11-03T09:14:02Z,I10\n`, 'line 2: 3 fields, the header has 9'],
    ['an unterminated quote', `${header}\nC1,2026-11-03T09:14:02Z,I10,"never closed,jdoe,,,,\n`, 'line 2: unterminated quoted field'],
    ['a time without a zone', `${header}\nC1,2026-11-03T09:14:02,I10,m,,,,,\n`, 'line 2: suggestedAt: must be an ISO 8601 time with zone'],
  ])('CSV: %s is rejected', async (_what, csv, where) => {
    const log = await readAttestationFiles(dirWith({ 'ai-attestations.csv': csv }), []);
    expect(problemOf(log)).toContain(where);
  });

  test('JSONL: a line that is not JSON or has a bad action is rejected; blank lines and a BOM are fine', async () => {
    const good = '{"claimId":"C1","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":["I10"]}';
    expect(await readAttestationFiles(dirWith({ 'ai-attestations.jsonl': `\ufeff${good}\n\n` }), [])).toMatchObject({ ok: true });
    const bad = await readAttestationFiles(dirWith({ 'ai-attestations.jsonl': `${good}\n{"claimId":\n{"claimId":"C2","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":[],"action":"approved"}\n` }), []);
    expect(problemOf(bad)).toBe('ai-attestations.jsonl: 2 of 3 rows rejected (first at line 2: not JSON)');
  });

  test('a folder, a FIFO-like non-file or a broken link under the name is refused, not waited on', async () => {
    const dir = dirWith({});
    mkdirSync(join(dir, 'ai-attestations.csv'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'ai-attestations.jsonl'));
    const inputs: InputRecord[] = [];
    const log = await readAttestationFiles(dir, inputs);
    expect(!log.ok && log.error).toBe('ai-attestations.jsonl: cannot be read (ENOENT); ai-attestations.csv: not a regular file');
    expect(inputs.map((i) => i.status)).toEqual(['skipped', 'skipped']);
  });
});
