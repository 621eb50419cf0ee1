import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseAttestations } from '../../../checks/evidence/ai-attestations';
import { readAttestationFiles } from '../../../checks/evidence/attestation-files';
import type { InputRecord } from '../../../checks/report-model';
import { sha } from '../../../checks/evidence/evidence-dir';

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

describe('AI-attestation export: each row exactly, and every way a row is lost', () => {
  const parse = (text: string | Buffer, format: 'csv' | 'jsonl') => parseAttestations(`ai-attestations.${format}`, Readable.from([Buffer.from(text)]), format);

  test('a JSONL row becomes the attestation with every time also in milliseconds; its input carries the SHA-256 of the bytes', async () => {
    const text = readFileSync(join(FIXTURES, 'ai-attestations.jsonl'));
    const { rows, input } = await parse(text, 'jsonl');
    expect(rows[0]).toEqual({
      claimId: 'CLM-2026-110401', suggestedAt: '2026-11-04T14:00:00Z', suggestedMs: Date.parse('2026-11-04T14:00:00Z'), suggestedCodes: ['F32.1'], finalCodes: ['F32.1'],
      model: 'coding-assist-2.1', attestedBy: 'rpatel', attestedAt: '2026-11-04T14:03:10Z', attestedMs: Date.parse('2026-11-04T14:03:10Z'), action: 'accepted',
      submittedAt: '2026-11-04T15:00:00Z', submittedMs: Date.parse('2026-11-04T15:00:00Z'),
    });
    // Nulls are absent, not present as undefined.
    expect(Object.keys(rows[1]).sort()).toEqual(['claimId', 'finalCodes', 'model', 'suggestedAt', 'suggestedCodes', 'suggestedMs']);
    expect(input).toEqual({ source: 'ai-attestations.jsonl', kind: 'ai-attestations', status: 'read', records: 2, sha256: sha(text) });
  });

  test('JSONL: an empty string is absent too; finalCodes defaults to none; a line that is not an object is a rejected row', async () => {
    const { rows, problem, input } = await parse(['{"claimId":"C1","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":["I10"],"attestedBy":"","model":""}', '["C2"]', '"C3"', 'null'].join('\n'), 'jsonl');
    expect(rows).toEqual([{ claimId: 'C1', suggestedAt: '2026-11-03T09:14:02Z', suggestedMs: Date.parse('2026-11-03T09:14:02Z'), suggestedCodes: ['I10'], finalCodes: [] }]);
    expect(problem).toBe('ai-attestations.jsonl: 3 of 4 rows rejected (first at line 2: row: Invalid input: expected object, received array)');
    expect(input).toMatchObject({ status: 'partial', records: 4, problem: '3 of 4 rows rejected (first at line 2: row: Invalid input: expected object, received array)' });
  });

  test('JSONL: a BOM (first line, or a later one from files joined together) and CRLF line ends are read', async () => {
    const row = (id: string) => `{"claimId":"${id}","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":["I10"]}`;
    expect((await parse(`\ufeff${row('A')}\r\n${row('B')}\r\n`, 'jsonl')).rows.map((r) => r.claimId)).toEqual(['A', 'B']);
    const joined = await parse(`${row('A')}\n\ufeff${row('B')}`, 'jsonl');
    expect([joined.problem, joined.rows.map((r) => r.claimId)]).toEqual([undefined, ['A', 'B']]);
  });

  test.each([
    ['claimId', '{"claimId":"","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":[]}'],
    ['suggestedCodes', '{"claimId":"C","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":"I10"}'],
    ['suggestedCodes.0', '{"claimId":"C","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":[""]}'],
    ['submittedAt', '{"claimId":"C","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":[],"submittedAt":"2026-11-03"}'],
    ['action', '{"claimId":"C","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":[],"action":"approved"}'],
  ])('JSONL: a bad %s is named', async (field, line) => {
    expect((await parse(line, 'jsonl')).problem).toMatch(new RegExp(`^ai-attestations\\.jsonl: 1 of 1 rows rejected \\(first at line 1: ${field.replace('.', '\\.')}: `));
  });

  test('CSV: a quoted field over several lines is one record, numbered by its first line; codes trimmed, empty ones dropped', async () => {
    const csv = `\ufeff ${header.replace(/,/g, ' , ')} \nC1,2026-11-03T09:14:02Z," I10 ; ;E11.9 ","multi\nline ""model""",jdoe,,,,\n\nC2,2026-11-03T09:14:02Z,I10,m,,,,x,\n`;
    const { rows, problem, input } = await parse(csv, 'csv');
    expect(problem).toBeUndefined();
    expect(input.records).toBe(2);
    expect(rows.map((r) => [r.claimId, r.suggestedCodes, r.model, r.attestedBy, r.finalCodes])).toEqual([
      ['C1', ['I10', 'E11.9'], 'multi\nline "model"', 'jdoe', []],
      ['C2', ['I10'], 'm', undefined, ['x']],
    ]);
    const bad = await parse(`${header}\nC1,2026-11-03T09:14:02Z,"I10\nE11",m,,,,\nC2,2026-11-03T09:14:02Z,I10\n`, 'csv');
    expect(bad.problem).toBe('ai-attestations.csv: 2 of 2 rows rejected (first at line 2: 8 fields, the header has 9)');
  });

  test('CSV: a quote inside a field (not at its start) is text', async () => {
    const { rows } = await parse(`${header}\nC1,2026-11-03T09:14:02Z,I10,model 2",jdoe,,,,\n`, 'csv');
    expect(rows[0].model).toBe('model 2"');
  });

  test('CSV: a record past 65,536 characters (a quote never closed) is rejected and reading goes on', async () => {
    const long = `C1,2026-11-03T09:14:02Z,I10,"${'x'.repeat(70_000)}`;
    const { rows, problem } = await parse(`${header}\n${long}\nC2,2026-11-03T09:14:02Z,I10,m,,,,,\n`, 'csv');
    expect(problem).toBe('ai-attestations.csv: 1 of 2 rows rejected (first at line 2: a record longer than 65536 characters (an unterminated quote?))');
    expect(rows.map((r) => r.claimId)).toEqual(['C2']);
    const atBound = `C1,2026-11-03T09:14:02Z,I10,${'x'.repeat(65_536 - 'C1,2026-11-03T09:14:02Z,I10,'.length - 5)},,,,,`;
    expect(atBound.length).toBe(65_536);
    expect((await parse(`${header}\n${atBound}\n`, 'csv')).rows).toHaveLength(1);
  });

  test('a stream that fails is unreadable: skipped, no rows kept, the error code named', async () => {
    const body = new Readable({ read() {} });
    const result = parseAttestations('ai-attestations.csv', body, 'csv');
    body.push(`${header}\nC1,2026-11-03T09:14:02Z,I10,m,,,,,\n`);
    setImmediate(() => body.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
    const { rows, problem, input } = await result;
    expect(rows).toEqual([]);
    expect(problem).toBe('ai-attestations.csv: unreadable (ECONNRESET)');
    expect(input).toMatchObject({ status: 'skipped', problem: 'unreadable (ECONNRESET)' });
    const plain = new Readable({ read() {} });
    const second = parseAttestations('ai-attestations.jsonl', plain, 'jsonl');
    setImmediate(() => plain.destroy(new Error('KMS decrypt denied')));
    expect((await second).problem).toBe('ai-attestations.jsonl: unreadable (KMS decrypt denied)');
  });

  test('one file read and the other unreadable: the rows are kept, the problem named (partial, not clean)', async () => {
    const dir = dirWith({ 'ai-attestations.jsonl': readFileSync(join(FIXTURES, 'ai-attestations.jsonl'), 'utf8') });
    mkdirSync(join(dir, 'ai-attestations.csv'));
    const log = await readAttestationFiles(dir, []);
    expect(log).toEqual({ ok: true, value: { sources: ['ai-attestations.jsonl'], rows: expect.any(Array) }, problems: ['ai-attestations.csv: not a regular file'] });
    expect(log.ok && log.value.rows).toHaveLength(2);
  });

  test('a file with a rejected row alone: the rows read are kept, with the problem', async () => {
    const log = await readAttestationFiles(dirWith({ 'ai-attestations.jsonl': 'not json\n' }), []);
    expect(log).toEqual({ ok: true, value: { sources: ['ai-attestations.jsonl'], rows: [] }, problems: ['ai-attestations.jsonl: 1 of 1 rows rejected (first at line 1: not JSON)'] });
  });

  test('a symbolic link to an export is followed', async () => {
    const dir = dirWith({ 'real.csv': readFileSync(join(FIXTURES, 'ai-attestations.csv'), 'utf8') });
    symlinkSync(join(dir, 'real.csv'), join(dir, 'ai-attestations.csv'));
    const inputs: InputRecord[] = [];
    const log = await readAttestationFiles(dir, inputs);
    expect(log.ok && log.value.rows).toHaveLength(3);
    expect(inputs).toEqual([expect.objectContaining({ source: 'ai-attestations.csv', status: 'read' })]);
  });
});

test('CSV: a BOM before the header, and before a quoted first field, is read', async () => {
  const csv = `\ufeff${header}\n\ufeff"C1",2026-11-03T09:14:02Z,I10,m,,,,,\n`;
  const { rows, problem } = await parseAttestations('ai-attestations.csv', Readable.from([Buffer.from(csv)]), 'csv');
  expect([problem, rows.map((r) => r.claimId)]).toEqual([undefined, ['C1']]);
});

describe('AI-attestation export: the input record of an export not read whole', () => {
  const row = (id: string) => `{"claimId":"${id}","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":["I10"]}`;

  test('blank and white-space lines in JSON Lines are neither rows nor problems', async () => {
    const text = `${row('A')}\n\n   \n${row('B')}\n\n`;
    const { rows, problem, input } = await parseAttestations('ai-attestations.jsonl', Readable.from([Buffer.from(text)]), 'jsonl');
    expect([problem, input.status, input.records, rows.map((r) => r.claimId)]).toEqual([undefined, 'read', 2, ['A', 'B']]);
  });

  test('partial: the kind, the bytes\' SHA-256 and the problem on the input', async () => {
    const text = `${row('A')}\nnot json\n`;
    const { input } = await parseAttestations('ai-attestations.jsonl', Readable.from([Buffer.from(text)]), 'jsonl');
    expect(input).toEqual({ source: 'ai-attestations.jsonl', kind: 'ai-attestations', status: 'partial', records: 2, sha256: sha(text), problem: '1 of 2 rows rejected (first at line 2: not JSON)' });
  });

  test('unreadable: the kind, the rows counted before the failure, the SHA-256 of the bytes that arrived', async () => {
    const first = `${row('A')}\n${row('B')}\n`;
    const body = new Readable({ read() {} });
    const result = parseAttestations('ai-attestations.jsonl', body, 'jsonl');
    // Fails once the first chunk has been seen (hashed, split into lines, its rows counted).
    body.once('data', () => setImmediate(() => body.destroy(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))));
    body.push(first);
    const { input } = await result;
    expect(input).toEqual({ source: 'ai-attestations.jsonl', kind: 'ai-attestations', status: 'skipped', records: 2, sha256: sha(first), problem: 'unreadable (ECONNRESET)' });
  });
});

describe('AI-attestation export: lines that are not rows', () => {
  const parse = (text: string, format: 'csv' | 'jsonl') => parseAttestations(`ai-attestations.${format}`, Readable.from([Buffer.from(text)]), format);

  test.each([['"C3"', 'string'], ['42', 'number'], ['true', 'boolean'], ['null', 'null'], ['["C2"]', 'array']])('JSONL: a line holding %s is a rejected row (expected an object, got a %s)', async (line, type) => {
    expect((await parse(`${line}\n`, 'jsonl')).problem).toBe(`ai-attestations.jsonl: 1 of 1 rows rejected (first at line 1: row: Invalid input: expected object, received ${type})`);
  });

  test('CSV: a white-space line is blank; a line of one non-empty field is a short row', async () => {
    const ok = await parse(`${header}\n   \nC1,2026-11-03T09:14:02Z,I10,m,,,,,\n`, 'csv');
    expect([ok.problem, ok.input.records]).toEqual([undefined, 1]);
    const short = await parse(`${header}\nC1\n`, 'csv');
    expect(short.problem).toBe('ai-attestations.csv: 1 of 1 rows rejected (first at line 2: 1 fields, the header has 9)');
  });
});

test('AI-attestation files: a broken link is skipped with its code, on the input and in the error', async () => {
  const dir = dirWith({});
  symlinkSync(join(dir, 'nowhere'), join(dir, 'ai-attestations.csv'));
  const inputs: InputRecord[] = [];
  expect(await readAttestationFiles(dir, inputs)).toEqual({ ok: false, error: 'ai-attestations.csv: cannot be read (ENOENT)' });
  expect(inputs).toEqual([{ source: 'ai-attestations.csv', kind: 'ai-attestations', status: 'skipped', records: 0, sha256: '', problem: 'cannot be read (ENOENT)' }]);
  const folder = dirWith({});
  mkdirSync(join(folder, 'ai-attestations.jsonl'));
  const inputs2: InputRecord[] = [];
  await readAttestationFiles(folder, inputs2);
  expect(inputs2).toEqual([{ source: 'ai-attestations.jsonl', kind: 'ai-attestations', status: 'skipped', records: 0, sha256: '', problem: 'not a regular file' }]);
});

test('AI-attestation export: absent optional fields are absent keys, not keys holding undefined', async () => {
  const line = '{"claimId":"C1","suggestedAt":"2026-11-03T09:14:02Z","suggestedCodes":["I10"]}\n';
  const { rows } = await parseAttestations('ai-attestations.jsonl', Readable.from([Buffer.from(line)]), 'jsonl');
  expect(rows[0]).toStrictEqual({ claimId: 'C1', suggestedAt: '2026-11-03T09:14:02Z', suggestedMs: Date.parse('2026-11-03T09:14:02Z'), suggestedCodes: ['I10'], finalCodes: [] });
});

test('AI-attestation CSV: a row whose first field is empty is a row without a claim id, not a blank line', async () => {
  const csv = `${header}\n,2026-11-03T09:14:02Z,I10,m,,,,,\n`;
  const { problem } = await parseAttestations('ai-attestations.csv', Readable.from([Buffer.from(csv)]), 'csv');
  expect(problem).toBe('ai-attestations.csv: 1 of 1 rows rejected (first at line 2: claimId: Invalid input: expected string, received undefined)');
});

test('AI-attestation CSV: values are trimmed; a field of spaces is absent', async () => {
  const csv = `${header}\nC1 , 2026-11-03T09:14:02Z ,I10, m ,  jdoe  ,   ,,,\n`;
  const { rows, problem } = await parseAttestations('ai-attestations.csv', Readable.from([Buffer.from(csv)]), 'csv');
  expect(problem).toBeUndefined();
  expect(rows[0]).toStrictEqual({ claimId: 'C1', suggestedAt: '2026-11-03T09:14:02Z', suggestedMs: Date.parse('2026-11-03T09:14:02Z'), suggestedCodes: ['I10'], finalCodes: [], model: 'm', attestedBy: 'jdoe' });
});
