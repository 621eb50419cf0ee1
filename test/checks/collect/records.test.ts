import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { collectAttestations, readRegisterObject } from '../../../checks/collect/records';
import type { InputRecord } from '../../../checks/report-model';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());
const client = () => new S3Client({ region: 'us-east-1' });
const body = (text: string | Buffer) => ({ Body: Readable.from([Buffer.from(text)]) }) as never;
const denied = (name: string) => Object.assign(new Error(`${name} for arn:aws:iam::111122223333:role/audit`), { name });
const REGISTER = readFileSync('test/fixtures/register/example.json', 'utf8');

describe('readRegisterObject', () => {
  test('the register from its bucket, read whole, a byte-order mark accepted', async () => {
    s3.on(GetObjectCommand, { Bucket: 'reg', Key: 'register.json' }).resolves(body(`\uFEFF${REGISTER}`));
    const inputs: InputRecord[] = [];
    const result = await readRegisterObject(client(), 'reg', 'register.json', inputs);
    expect(result.ok && result.register.riskAnalysis).toEqual({ completedOn: '2026-01-15' });
    expect(result.source).toBe('s3://reg/register.json');
    expect(inputs).toEqual([{ source: 's3://reg/register.json', kind: 'register', status: 'read', records: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  test('not JSON: unusable, with the position only, never the bytes (a watched patient\'s id)', async () => {
    s3.on(GetObjectCommand).resolves(body('{"watchList": [{"patientId": P100455}]}'));
    const inputs: InputRecord[] = [];
    const result = await readRegisterObject(client(), 'reg', 'register.json', inputs);
    expect(result).toEqual({ ok: false, source: 's3://reg/register.json', issues: [{ path: '', message: 'not JSON: invalid at position 29' }] });
    expect(JSON.stringify(inputs)).not.toContain('P100455');
    expect(inputs[0]).toMatchObject({ status: 'skipped', records: 0, problem: 'not JSON' });
  });

  test('no register on file, or one that cannot be read: unusable with the reason, never a throw', async () => {
    s3.on(GetObjectCommand).rejects(denied('NoSuchKey'));
    const inputs: InputRecord[] = [];
    expect(await readRegisterObject(client(), 'reg', 'register.json', inputs)).toEqual({ ok: false, source: 's3://reg/register.json', issues: [{ path: '', message: 'no register on file: upload register.json (see the README)' }] });
    expect(inputs).toEqual([{ source: 's3://reg/register.json', kind: 'register', status: 'skipped', records: 0, sha256: '', problem: 'not found' }]);
    s3.on(GetObjectCommand).rejects(denied('AccessDenied'));
    const more: InputRecord[] = [];
    const result = await readRegisterObject(client(), 'reg', 'register.json', more);
    expect(result).toMatchObject({ ok: false, issues: [{ path: '', message: expect.stringMatching(/^cannot be read: AccessDenied/) }] });
    expect(more[0]).toMatchObject({ status: 'skipped', problem: 'AccessDenied' });
  });
});

describe('collectAttestations', () => {
  const JSONL = readFileSync('test/fixtures/attestations/ai-attestations.jsonl');
  test('none filed: ok and empty; other objects under the prefix are not read', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'ai-attestations.txt' }, {}] });
    const inputs: InputRecord[] = [];
    expect(await collectAttestations(client(), 'reg', inputs)).toEqual({ ok: true, value: { sources: [], rows: [] } });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(inputs).toEqual([]);
  });

  test('a listing that fails: unavailable, and named in the inputs', async () => {
    s3.on(ListObjectsV2Command).rejects(denied('AccessDenied'));
    const inputs: InputRecord[] = [];
    expect(await collectAttestations(client(), 'reg', inputs)).toEqual({ ok: false, error: 's3://reg/ai-attestations.* could not be listed: AccessDenied' });
    expect(inputs).toEqual([{ source: 's3://reg/ai-attestations.*', kind: 'ai-attestations', status: 'skipped', records: 0, sha256: '', problem: 'could not be listed (AccessDenied)' }]);
  });

  test('one export read, the other failing: the rows read are kept, the evidence is partial', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'ai-attestations.jsonl' }, { Key: 'ai-attestations.csv' }] });
    s3.on(GetObjectCommand, { Key: 'ai-attestations.jsonl' }).resolves(body(JSONL));
    s3.on(GetObjectCommand, { Key: 'ai-attestations.csv' }).rejects(denied('NoSuchKey'));
    const inputs: InputRecord[] = [];
    const result = await collectAttestations(client(), 'reg', inputs);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sources).toEqual(['s3://reg/ai-attestations.jsonl']);
    expect(result.value.rows.length).toBeGreaterThan(0);
    expect(result.problems).toEqual(['s3://reg/ai-attestations.csv: could not be read (NoSuchKey)']);
    expect(inputs.map((i) => [i.source, i.status])).toEqual([['s3://reg/ai-attestations.jsonl', 'read'], ['s3://reg/ai-attestations.csv', 'skipped']]);
  });

  test('every export failing: unavailable', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'ai-attestations.jsonl' }] });
    s3.on(GetObjectCommand).rejects(denied('KMS.AccessDeniedException'));
    expect(await collectAttestations(client(), 'reg', [])).toEqual({ ok: false, error: 's3://reg/ai-attestations.jsonl: could not be read (KMS.AccessDeniedException)' });
  });

  test('an export with a rejected row is partial; the CSV is read as CSV', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'ai-attestations.jsonl' }, { Key: 'ai-attestations.csv' }] });
    s3.on(GetObjectCommand, { Key: 'ai-attestations.jsonl' }).resolves(body(`${JSONL.toString().trimEnd()}\nnot json\n`));
    s3.on(GetObjectCommand, { Key: 'ai-attestations.csv' }).resolves(body(readFileSync('test/fixtures/evidence/example/ai-attestations.csv')));
    const result = await collectAttestations(client(), 'reg', []);
    expect(result).toMatchObject({ ok: true, problems: [expect.stringMatching(/^s3:\/\/reg\/ai-attestations\.jsonl: 1 of \d+ rows rejected/)] });
    expect(result.ok && result.value.rows.some((r) => r.claimId === 'CLM-2026-111701')).toBe(true);
  });
});

describe('collectAttestations: sparse answers', () => {
  test('a listing without Contents: none filed', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    const inputs: InputRecord[] = [];
    expect(await collectAttestations(client(), 'reg', inputs)).toEqual({ ok: true, value: { sources: [], rows: [] } });
    expect(s3.commandCalls(ListObjectsV2Command)[0].args[0].input).toEqual({ Bucket: 'reg', Prefix: 'ai-attestations.' });
  });

  test('an object without a body is read as an empty export', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'ai-attestations.jsonl' }] });
    s3.on(GetObjectCommand).resolves({});
    const inputs: InputRecord[] = [];
    const result = await collectAttestations(client(), 'reg', inputs);
    expect(result).toMatchObject({ ok: true, value: { sources: ['s3://reg/ai-attestations.jsonl'], rows: [] } });
    expect(inputs).toEqual([expect.objectContaining({ source: 's3://reg/ai-attestations.jsonl', records: 0 })]);
  });
});
