import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { auditWindow } from '../../../checks/audit';
import { normalizeRecord } from '../../../checks/evidence/cloudtrail-record';
import { isDirectory, loadEvidenceDir, parseJson, problemsOf, readAuthorizationDetails, readCloudTrail, readCredentialReport, sha } from '../../../checks/evidence/evidence-dir';
import { BatchBuilder } from '../../../checks/evidence/event-batch';
import { EventSink } from '../../../checks/evidence/event-sink';
import { ParsePool, type ParseResult } from '../../../checks/evidence/parse-pool';
import { DEFAULT_LIMITS } from '../../../checks/evidence/read-limits';
import type { InputRecord } from '../../../checks/report-model';
import { AS_OF } from '../helpers';

const EXAMPLE = 'test/fixtures/evidence/example';
const window = auditWindow(AS_OF, 30);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'evidence-'));
  cpSync(EXAMPLE, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ids = async (d = dir) => {
  const { model } = await loadEvidenceDir(d, { window });
  if (!model.events.ok) throw new Error(model.events.error);
  return model.events.value.map((e) => e.id);
};

describe('evidence directory: the example', () => {
  test('reads every input with its record count and the SHA-256 of the bytes as stored', async () => {
    const { model, inputs } = await loadEvidenceDir(EXAMPLE, { window });
    expect(model.credentialReport.ok && model.authorization.ok && model.events.ok).toBe(true);
    expect(inputs.every((i) => i.status === 'read')).toBe(true);
    const gz = inputs.find((i) => i.source.endsWith('Tx9pL4mN2bQw8eRs.json.gz'));
    expect(gz).toMatchObject({ records: 5, sha256: sha(readFileSync(join(EXAMPLE, gz?.source ?? ''))) });
  });

  test('de-duplicates events present in both S3 files and LookupEvents pages', async () => {
    const all = await ids();
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((id) => id === 'b2c4d6e8-0004-4c1e-9a1b-000000000004')).toHaveLength(1);
  });

  test('ignores events after --as-of and before the window start', async () => {
    const all = await ids();
    expect(all).not.toContain('0a0b0c0d-0013-4c1e-9a1b-000000000013');
    expect(all).not.toContain('0a0b0c0d-0014-4c1e-9a1b-000000000014');
  });

  test('never attributes a hidden failed sign-in to a user', async () => {
    const { model } = await loadEvidenceDir(EXAMPLE, { window });
    const hidden = model.events.ok ? model.events.value.find((e) => e.id === 'c3d5e7f9-0005-4c1e-9a1b-000000000005') : undefined;
    expect(hidden).toMatchObject({ success: false });
    expect(hidden?.userName).toBeUndefined();
  });
});

describe('evidence directory: malformed inputs are reported, nothing else lost', () => {
  const trail = () => join(dir, 'cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11');

  test('a truncated gzip is partial by name, the records before the cut kept; the other files are read', async () => {
    const file = join(trail(), '12/111122223333_CloudTrail_us-east-1_20261112T1525Z_Tx9pL4mN2bQw8eRs.json.gz');
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 20));
    const { inputs, model } = await loadEvidenceDir(dir, { window });
    const bad = inputs.find((i) => i.source.endsWith('Tx9pL4mN2bQw8eRs.json.gz'));
    expect(bad).toMatchObject({ status: 'partial', problem: expect.stringMatching(/^truncated gzip: cut short after \d+ decompressed bytes/), sha256: sha(bytes.subarray(0, bytes.length - 20)) });
    expect(model.events.ok && model.events.value.some((e) => e.id === 'd4e6f8a0-0006-4c1e-9a1b-000000000006')).toBe(true);
    expect(model.events.ok && model.events.problems).toEqual([expect.stringMatching(/Tx9pL4mN2bQw8eRs\.json\.gz: partial: truncated gzip/)]);
  });

  test('a non-JSON file and a JSON file of the wrong shape are skipped with what was wrong', async () => {
    writeFileSync(join(trail(), '13/notes.json'), 'this is not json');
    writeFileSync(join(trail(), '13/other.json.gz'), gzipSync(JSON.stringify({ hello: 'world' })));
    writeFileSync(join(trail(), '13/README.txt'), 'hi');
    const { inputs } = await loadEvidenceDir(dir, { window });
    expect(inputs.find((i) => i.source.endsWith('notes.json'))).toMatchObject({ status: 'skipped', problem: expect.stringMatching(/^not JSON/) });
    expect(inputs.find((i) => i.source.endsWith('other.json.gz'))).toMatchObject({ status: 'skipped', problem: expect.stringMatching(/neither a CloudTrail log file/) });
    expect(inputs.find((i) => i.source.endsWith('README.txt'))).toMatchObject({ status: 'skipped', problem: expect.stringMatching(/not a CloudTrail file/) });
    // 20 planted events, 8 from the AI generator, 6 identity and integrity plants and 32 background
    // ones in the example; three before or after the window.
    expect(await ids()).toHaveLength(63);
  });

  test('a record that is not a CloudTrail event is counted and named; the file\'s other records are kept', async () => {
    const page = JSON.parse(readFileSync(join(EXAMPLE, 'cloudtrail/lookup-events/us-east-1-page-1.json'), 'utf8'));
    const good = { ...JSON.parse(page.Events[2].CloudTrailEvent), eventID: 'fresh-1' };
    writeFileSync(join(trail(), '13/mixed.json'), JSON.stringify({ Records: [{ eventID: 'x' }, good] }));
    const { inputs } = await loadEvidenceDir(dir, { window });
    expect(inputs.find((i) => i.source.endsWith('mixed.json'))).toMatchObject({ status: 'partial', records: 1, problem: expect.stringMatching(/^1 of 2 records rejected, first Records\[0\]: eventTime/) });
    expect(await ids()).toContain('fresh-1');
  });

  test('a missing credential report and unreadable authorization details become errors, not exceptions', async () => {
    rmSync(join(dir, 'credential-report.csv'));
    writeFileSync(join(dir, 'account-authorization-details.json'), '{"UserDetailList": [');
    const { model, inputs } = await loadEvidenceDir(dir, { window });
    expect(model.credentialReport).toEqual({ ok: false, error: 'credential-report.csv not found' });
    expect(model.authorization).toMatchObject({ ok: false, error: expect.stringMatching(/account-authorization-details.json: not JSON/) });
    expect(inputs.filter((i) => i.status === 'skipped').map((i) => i.source)).toEqual(['credential-report.csv', 'account-authorization-details.json']);
    expect(model.events.ok).toBe(true);
  });

  test('no cloudtrail folder: events unavailable', async () => {
    rmSync(join(dir, 'cloudtrail'), { recursive: true });
    const { model } = await loadEvidenceDir(dir, { window });
    expect(model.events).toMatchObject({ ok: false, error: expect.stringMatching(/cloudtrail\/ not found/) });
  });
});

describe('CloudTrail records: S3 bucket and key', () => {
  test('come from requestParameters, or from the AWS::S3::Object ARN when the parameters lack them', () => {
    const base = { eventID: 'e1', eventTime: '2026-11-12T15:00:00Z', eventName: 'GetObject', eventSource: 's3.amazonaws.com' };
    const fromParams = normalizeRecord({ ...base, requestParameters: { bucketName: 'b', key: 'cardiology/P1/a.pdf' } });
    const fromArn = normalizeRecord({ ...base, requestParameters: {}, resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::b/orthopedics/P2/b.pdf' }] });
    expect(fromParams.ok && [fromParams.event.bucket, fromParams.event.key]).toEqual(['b', 'cardiology/P1/a.pdf']);
    expect(fromArn.ok && [fromArn.event.bucket, fromArn.event.key]).toEqual(['b', 'orthopedics/P2/b.pdf']);
  });
});

describe('evidence directory: CloudTrail inputs, each named with what became of it', () => {
  const record = (id: string, time: string) => ({ eventVersion: '1.09', eventID: id, eventTime: time, eventName: 'GetObject', eventSource: 's3.amazonaws.com', recipientAccountId: '111122223333', userIdentity: { type: 'IAMUser', userName: 'jdoe' } });
  const small = () => {
    const d = mkdtempSync(join(tmpdir(), 'evidence-small-'));
    mkdirSync(join(d, 'cloudtrail'));
    return d;
  };
  const write = (d: string, rel: string, body: string | Buffer) => {
    mkdirSync(join(d, 'cloudtrail', rel, '..'), { recursive: true });
    writeFileSync(join(d, 'cloudtrail', rel), body);
  };
  const trail = async (d: string, progress?: (m: string) => void) => {
    const inputs: InputRecord[] = [];
    const read = await readCloudTrail(d, { window, ...(progress ? { progress } : {}) }, inputs, DEFAULT_LIMITS);
    return { ...read, inputs };
  };
  const scratch: string[] = [];
  afterEach(() => scratch.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dirOf = () => {
    const d = small();
    scratch.push(d);
    return d;
  };

  test('an empty cloudtrail/ holds no file: events unavailable, the whole window a gap', async () => {
    const d = dirOf();
    const r = await trail(d);
    expect(r.events).toEqual({ ok: false, error: 'cloudtrail/ holds no file: no CloudTrail record to audit' });
    expect(r.coverage.gaps).toEqual([{ from: '2026-10-21', to: '2026-11-20' }]);
    expect(r.trailInputs).toEqual([]);
  });

  test('`{"Records":[]}` is a file without a single record: unavailable, never a clean pass', async () => {
    const d = dirOf();
    write(d, 'a.json', '{"Records":[]}');
    const r = await trail(d);
    expect(r.events).toEqual({ ok: false, error: 'cloudtrail/ holds files without a single record: no CloudTrail record to audit' });
    expect(r.inputs).toEqual([expect.objectContaining({ source: 'cloudtrail/a.json', status: 'read', records: 0 })]);
  });

  test('only unreadable files: no readable file, the first three problems named', async () => {
    const d = dirOf();
    for (const n of ['a', 'b', 'c', 'd']) write(d, `${n}.json`, 'not json');
    const r = await trail(d);
    expect(r.events.ok).toBe(false);
    const error = r.events.ok ? '' : r.events.error;
    expect(error).toMatch(/^cloudtrail\/ holds no readable file: no CloudTrail record to audit \(cloudtrail\/a\.json: skipped: .*; cloudtrail\/b\.json: skipped: .*; cloudtrail\/c\.json: skipped: [^;]*\)$/);
    expect(error).not.toContain('d.json');
  });

  test('a digest file is ignored (no problem); a file of another kind is skipped (a problem)', async () => {
    const d = dirOf();
    write(d, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/a.json', JSON.stringify({ Records: [record('e1', '2026-11-19T10:00:00Z')] }));
    write(d, 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/19/digest.json.gz', gzipSync('{}'));
    write(d, 'notes.txt', 'hello');
    const progress: string[] = [];
    const r = await trail(d, (m) => progress.push(m));
    expect(r.inputs.map((i) => [i.source, i.kind, i.status, i.problem])).toEqual([
      ['cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/a.json', 'cloudtrail-log', 'read', undefined],
      ['cloudtrail/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/19/digest.json.gz', 'cloudtrail-digest', 'ignored', 'CloudTrail digest file: proves log integrity, holds no events'],
      ['cloudtrail/notes.txt', 'cloudtrail', 'skipped', 'not a CloudTrail file (.json, .jsonl or .ndjson, optionally .gz): not read'],
    ]);
    expect(r.events).toEqual({ ok: true, value: [expect.objectContaining({ id: 'e1' })], problems: ['cloudtrail/notes.txt: skipped: not a CloudTrail file (.json, .jsonl or .ndjson, optionally .gz): not read'] });
    expect(progress).toEqual(['read 1 of 3 CloudTrail files (1 records)']);
    expect(r.coverage.gaps).toEqual([{ from: '2026-10-21', to: '2026-11-18' }, { from: '2026-11-20', to: '2026-11-20' }]);
  });

  test('a file named like a digest outside a CloudTrail-Digest folder is read as CloudTrail', async () => {
    const d = dirOf();
    write(d, 'CloudTrail-Digest.json', JSON.stringify({ Records: [record('e1', '2026-11-19T10:00:00Z')] }));
    const r = await trail(d);
    expect(r.inputs.map((i) => [i.kind, i.status])).toEqual([['cloudtrail-log', 'read']]);
  });

  test('a file read in part is readable: its records are audited, the file named as partial', async () => {
    const d = dirOf();
    write(d, 'a.json', JSON.stringify({ Records: [{ eventID: 'x' }, record('e1', '2026-11-19T10:00:00Z')] }));
    const progress: string[] = [];
    const r = await trail(d, (m) => progress.push(m));
    expect(progress).toEqual(['read 1 of 1 CloudTrail files (1 records)']);
    expect(r.events).toEqual({ ok: true, value: [expect.objectContaining({ id: 'e1' })], problems: [expect.stringMatching(/^cloudtrail\/a\.json: partial: 1 of 2 records rejected/)] });
  });

  test('what is not a file in cloudtrail/ (a FIFO) is an input of its own, refused with the walk\'s reason, never opened', async () => {
    const d = dirOf();
    write(d, 'a.json', JSON.stringify({ Records: [record('e1', '2026-11-19T10:00:00Z')] }));
    execFileSync('mkfifo', [join(d, 'cloudtrail', 'pipe.json')]);
    const r = await trail(d);
    expect(r.inputs).toEqual([
      expect.objectContaining({ source: 'cloudtrail/a.json', status: 'read', records: 1 }),
      { source: 'cloudtrail/pipe.json', kind: 'cloudtrail', status: 'refused', records: 0, sha256: '', problem: 'not a regular file (a FIFO): refused without opening it' },
    ]);
    expect(r.events).toMatchObject({ ok: true, problems: ['cloudtrail/pipe.json: refused: not a regular file (a FIFO): refused without opening it'] });
  });

  test('JSON Lines and a bare array are read; all inputs read whole leave no problems', async () => {
    const d = dirOf();
    write(d, 'a.jsonl', `${JSON.stringify(record('e1', '2026-11-19T10:00:00Z'))}\n${JSON.stringify(record('e2', '2026-11-19T11:00:00Z'))}\n`);
    write(d, 'b.json', JSON.stringify([record('e3', '2026-11-18T10:00:00Z')]));
    const r = await trail(d);
    expect(r.events).toEqual({ ok: true, value: [expect.objectContaining({ id: 'e3' }), expect.objectContaining({ id: 'e1' }), expect.objectContaining({ id: 'e2' })] });
    expect(r.inputs.map((i) => [i.status, i.records])).toEqual([['read', 2], ['read', 1]]);
  });

  test('a missing folder and a folder that is a file: not found', async () => {
    const d = mkdtempSync(join(tmpdir(), 'evidence-none-'));
    scratch.push(d);
    writeFileSync(join(d, 'cloudtrail'), 'a file');
    const r = await readCloudTrail(d, { window }, [], DEFAULT_LIMITS);
    expect(r.events).toEqual({ ok: false, error: `cloudtrail/ not found in ${d}` });
    expect(r.coverage.gaps).toEqual([{ from: '2026-10-21', to: '2026-11-20' }]);
    expect(r.trailInputs).toEqual([]);
    expect(isDirectory(join(d, 'cloudtrail'))).toBe(false);
    expect(isDirectory(d)).toBe(true);
  });
});

describe('evidence directory: the credential report and authorization details files', () => {
  const inDir = (files: Record<string, string | Buffer>) => {
    const d = mkdtempSync(join(tmpdir(), 'evidence-iam-'));
    for (const [n, b] of Object.entries(files)) writeFileSync(join(d, n), b);
    return d;
  };
  const report = readFileSync(join(EXAMPLE, 'credential-report.csv'));

  test('read whole: `read`, the records counted, the SHA-256 of the bytes, no problem', () => {
    const inputs: InputRecord[] = [];
    const r = readCredentialReport(inDir({ 'credential-report.csv': report }), 'credential-report.csv', inputs, DEFAULT_LIMITS);
    expect(r.ok && r.problems).toBeUndefined();
    expect(inputs).toEqual([{ source: 'credential-report.csv', kind: 'credential-report', status: 'read', records: 12, sha256: sha(report) }]);
  });

  test('a rejected row: partial, the problem on the input and, with its source, on the evidence; a note alone keeps it read', () => {
    const lines = report.toString().split('\n');
    lines[2] = 'broken,row';
    const inputs: InputRecord[] = [];
    const r = readCredentialReport(inDir({ 'c.csv': lines.join('\n') }), 'c.csv', inputs, DEFAULT_LIMITS);
    expect(r).toMatchObject({ ok: true, problems: ['c.csv: line 3: 2 fields, the header has 22; row skipped'] });
    expect(inputs[0]).toMatchObject({ status: 'partial', records: 11, problem: 'line 3: 2 fields, the header has 22; row skipped' });
    const noted = report.toString().split('\n').map((l, i) => (l ? `${l},${i === 0 ? 'extra' : 'x'}` : l)).join('\n');
    const inputs2: InputRecord[] = [];
    const r2 = readCredentialReport(inDir({ 'c.csv': noted }), 'c.csv', inputs2, DEFAULT_LIMITS);
    expect(r2.ok && r2.problems).toBeUndefined();
    expect(inputs2[0]).toMatchObject({ status: 'read', problem: 'unknown columns ignored: extra' });
  });

  test('not UTF-8, not a report, too large: skipped or refused, the evidence unavailable, nothing quoted', () => {
    const inputs: InputRecord[] = [];
    const bad = Buffer.from([0x75, 0x73, 0x65, 0x72, 0xff, 0xfe, 0x0a]);
    expect(readCredentialReport(inDir({ 'c.csv': bad }), 'c.csv', inputs, DEFAULT_LIMITS)).toEqual({ ok: false, error: 'c.csv: not UTF-8 text' });
    expect(inputs[0]).toEqual({ source: 'c.csv', kind: 'credential-report', status: 'skipped', records: 0, sha256: sha(bad), problem: 'not UTF-8 text' });
    expect(readCredentialReport(inDir({ 'c.csv': 'name,patient-4711\n' }), 'c.csv', inputs, DEFAULT_LIMITS)).toEqual({ ok: false, error: expect.stringMatching(/^c\.csv: not a credential report: header lacks user, arn/) });
    expect(inputs[1]).toMatchObject({ status: 'skipped', records: 0, problem: expect.stringMatching(/^not a credential report/) });
    expect(readCredentialReport(inDir({ 'c.csv': report }), 'c.csv', inputs, { ...DEFAULT_LIMITS, maxWholeFileBytes: 100 })).toEqual({ ok: false, error: 'c.csv larger than the 0 MiB bound for this file: refused' });
    expect(inputs[2]).toEqual({ source: 'c.csv', kind: 'credential-report', status: 'refused', records: 0, sha256: '', problem: 'larger than the 0 MiB bound for this file: refused' });
  });

  test('authorization details: read, partial with its problems, or skipped naming the position, never the bytes', () => {
    const whole = readFileSync(join(EXAMPLE, 'account-authorization-details.json'));
    const inputs: InputRecord[] = [];
    expect(readAuthorizationDetails(inDir({ 'a.json': whole }), 'a.json', inputs, DEFAULT_LIMITS)).toMatchObject({ ok: true });
    expect(inputs[0]).toEqual({ source: 'a.json', kind: 'authorization-details', status: 'read', records: 23, sha256: sha(whole) });
    const cut = JSON.stringify({ ...JSON.parse(whole.toString()), IsTruncated: true });
    const partial = readAuthorizationDetails(inDir({ 'a.json': cut }), 'a.json', inputs, DEFAULT_LIMITS);
    expect(partial).toMatchObject({ ok: true, problems: ['a.json: the export says IsTruncated: true, but no later page is present: the export is cut'] });
    expect(inputs[1]).toMatchObject({ status: 'partial', problem: 'the export says IsTruncated: true, but no later page is present: the export is cut' });
    const bare = JSON.stringify({ ...JSON.parse(whole.toString()), IsTruncated: true, Policies: [] });
    const two = readAuthorizationDetails(inDir({ 'a.json': bare }), 'a.json', [], DEFAULT_LIMITS);
    const twoInputs: InputRecord[] = [];
    readAuthorizationDetails(inDir({ 'a.json': bare }), 'a.json', twoInputs, DEFAULT_LIMITS);
    const said = two.ok ? two.problems ?? [] : [];
    expect(said.length).toBeGreaterThan(1);
    expect(twoInputs[0]).toMatchObject({ status: 'partial', problem: said.map((p) => p.replace(/^a\.json: /, '')).join('; ') });
    expect(twoInputs[0].problem).toMatch(/^the export says IsTruncated: true, but no later page is present: the export is cut; managed policy /);
    expect(readAuthorizationDetails(inDir({ 'a.json': '{"UserDetailList": [patient-4711]}' }), 'a.json', inputs, DEFAULT_LIMITS)).toEqual({ ok: false, error: 'a.json: not JSON: invalid at position 20' });
    expect(inputs[2]).toMatchObject({ status: 'skipped', records: 0, problem: 'not JSON: invalid at position 20' });
    expect(readAuthorizationDetails(inDir({}), 'a.json', inputs, DEFAULT_LIMITS)).toEqual({ ok: false, error: 'a.json not found' });
    expect(inputs[3]).toEqual({ source: 'a.json', kind: 'authorization-details', status: 'skipped', records: 0, sha256: '', problem: 'not found' });
  });

  test('parseJson: a BOM is fine; a document cut short says so; bytes that are not UTF-8 are named as such', () => {
    expect(parseJson('\uFEFF{"a":1}')).toEqual({ a: 1 });
    expect(parseJson(Buffer.from('\uFEFF[1]'))).toEqual([1]);
    expect(() => parseJson('{"a": [1, 2')).toThrow(/^not JSON: cut short \(ends before the document is closed\)$/);
    expect(() => parseJson('{"a": x}')).toThrow(/^not JSON: invalid at position 6$/);
    expect(() => parseJson(Buffer.from([0x7b, 0xff, 0x7d]))).toThrow(/^not UTF-8 text$/);
  });

  test('problemsOf: only inputs not read whole, each with its status and reason', () => {
    const inputs: InputRecord[] = [
      { source: 'a', kind: 'cloudtrail', status: 'read', records: 1, sha256: '' },
      { source: 'b', kind: 'cloudtrail', status: 'partial', records: 1, sha256: '', problem: 'cut' },
      { source: 'c', kind: 'cloudtrail', status: 'ignored', records: 0, sha256: '', problem: 'digest' },
      { source: 'd', kind: 'cloudtrail', status: 'refused', records: 0, sha256: '' },
      { source: 'e', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: 'gone' },
    ];
    expect(problemsOf(inputs)).toEqual(['b: partial: cut', 'd: refused: not read whole', 'e: skipped: gone']);
  });
});

/**
 * How files are shared between this thread and the workers, with a stand-in pool whose answers
 * the test releases: one each time this thread starts on a file (the first held back, so the
 * file to merge next waits in a worker), and the oldest when the loader has nothing left to do
 * but wait. Every file here is small, read without I/O waits, so each run is the same.
 */
describe('evidence directory: CloudTrail files shared with parsing workers', () => {
  // The module objects evidence-dir.ts calls into (an `import * as` would be a copy).
  const cf = require('../../../checks/evidence/cloudtrail-file') as typeof import('../../../checks/evidence/cloudtrail-file');
  const realRead = cf.readTrailFile;
  const realMerge = EventSink.prototype.merge;
  const record = (id: string, time: string) => ({ eventVersion: '1.09', eventID: id, eventTime: time, eventName: 'GetObject', eventSource: 's3.amazonaws.com', recipientAccountId: '111122223333', userIdentity: { type: 'IAMUser', userName: 'jdoe' } });
  const scratch: string[] = [];
  afterEach(() => {
    jest.restoreAllMocks();
    scratch.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  const trailDir = (files: number, size = 0) => {
    const d = mkdtempSync(join(tmpdir(), 'evidence-pool-'));
    scratch.push(d);
    mkdirSync(join(d, 'cloudtrail'));
    for (let k = 0; k < files; k++) {
      const records = [record(`e${k}`, `2026-11-${String(1 + (k % 19)).padStart(2, '0')}T10:00:00Z`)];
      writeFileSync(join(d, 'cloudtrail', `f${String(k).padStart(2, '0')}.json`), JSON.stringify({ Records: records, pad: 'x'.repeat(size) }));
    }
    return d;
  };
  const fileIndex = (source: string) => Number(/f(\d+)\.json$/.exec(source)?.[1]);

  interface Job { readonly n: number; readonly path: string; readonly source: string; readonly resolve: (r: ParseResult) => void; readonly reject: (e: Error) => void }

  async function shared(d: string, threads: number, opts: { fail?: number; progress?: boolean } = {}) {
    const log: string[] = [];
    const said: string[] = [];
    const held: Job[] = [];
    let inPool = 0;
    let maxInPool = 0;
    let merged = 0;
    let maxAhead = 0;
    let finished = false;
    const touch = (n: number) => {
      maxAhead = Math.max(maxAhead, n - merged);
    };
    const answer = (job: Job) => {
      inPool -= 1;
      log.push(`answer ${job.n}`);
      if (job.n === opts.fail) return job.reject(new Error('parsing worker exited (1)'));
      const builder = new BatchBuilder(window, () => true);
      void realRead(job.path, job.source, builder, DEFAULT_LIMITS).then((input) => job.resolve({ input, batch: builder.build() }));
    };
    const pool = {
      parse: (path: string, source: string) =>
        new Promise<ParseResult>((resolve, reject) => {
          const n = fileIndex(source);
          touch(n);
          log.push(`pool ${n}`);
          inPool += 1;
          maxInPool = Math.max(maxInPool, inPool);
          held.push({ n, path, source, resolve, reject });
        }),
      close: async () => undefined,
    };
    const start = jest.spyOn(ParsePool, 'start').mockReturnValue(pool as unknown as ParsePool);
    jest.spyOn(cf, 'readTrailFile').mockImplementation((path, source, target, limits) => {
      const n = fileIndex(source);
      touch(n);
      log.push(`here ${n}`);
      if (held.length > 1) answer(held.splice(1, 1)[0]);
      return realRead(path, source, target, limits);
    });
    jest.spyOn(EventSink.prototype, 'merge').mockImplementation(function (this: EventSink, batch, source) {
      merged += 1;
      log.push(`merge ${fileIndex(source)}`);
      return realMerge.call(this, batch, source);
    });
    // Nothing logged for two turns of the event loop: the loader waits on the pool.
    const waiter = async () => {
      let seen = -1;
      let still = 0;
      while (!finished) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (log.length !== seen) {
          seen = log.length;
          still = 0;
          continue;
        }
        if (++still < 2) continue;
        still = 0;
        const job = held.shift();
        if (job === undefined) throw new Error(`the loader waits on a pool that holds nothing: ${log.join(', ')}`);
        answer(job);
      }
    };
    const options = { window, workers: threads, ...(opts.progress === false ? {} : { progress: (m: string) => said.push(m) }) };
    const read = readCloudTrail(d, options, [], DEFAULT_LIMITS).finally(() => {
      finished = true;
    });
    const [r] = await Promise.all([read, waiter()]);
    return { r, log, said, start, maxInPool, maxAhead };
  }
  const alone = async (d: string) => {
    const r = await readCloudTrail(d, { window, workers: 0 }, [], DEFAULT_LIMITS);
    return { events: r.events, trailInputs: r.trailInputs, coverage: r.coverage };
  };

  test('two workers beside this thread: four files in the workers at most, none more than twelve ahead of the merge, the outcome one thread\'s', async () => {
    const d = trailDir(24);
    const one = await alone(d);
    const got = await shared(d, 3);
    expect({ events: got.r.events, trailInputs: got.r.trailInputs, coverage: got.r.coverage }).toStrictEqual(one);
    // One worker fewer than threads: this thread parses too.
    expect(got.start).toHaveBeenCalledTimes(1);
    expect(got.start).toHaveBeenCalledWith(2, { window, limits: DEFAULT_LIMITS });
    expect(got.maxInPool).toBe(4);
    expect(got.maxAhead).toBe(11);
    expect(got.said).toEqual(['parsed CloudTrail files in 3 threads', 'read 24 of 24 CloudTrail files (24 records)']);
    expect(got.log.filter((l) => l.startsWith('merge'))).toEqual(Array.from({ length: 24 }, (_, k) => `merge ${k}`));
    // Four handed out, this thread parsing the next while the first waits; each answer frees a
    // worker for the next file; at twelve ahead of file 0 this thread waits for it.
    expect(got.log.join(', ')).toBe([
      'pool 0, pool 1, pool 2, pool 3, here 4, answer 1, pool 5, here 6, answer 2, pool 7, here 8, answer 3, pool 9, here 10, answer 5, pool 11, answer 0',
      'merge 0, pool 12, merge 1, merge 2, merge 3, merge 4, merge 5, merge 6, here 13, answer 9, pool 14, here 15, answer 11, pool 16, here 17, answer 12, pool 18, answer 7',
      'merge 7, pool 19, merge 8, merge 9, merge 10, merge 11, merge 12, merge 13, here 20, answer 16, pool 21, here 22, answer 18, pool 23, answer 14',
      'merge 14, merge 15, merge 16, merge 17, merge 18, answer 19, merge 19, merge 20, answer 21, merge 21, merge 22, answer 23, merge 23',
    ].join(', '));
  });
});
