import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { auditWindow } from '../../../checks/audit';
import { normalizeRecord } from '../../../checks/evidence/cloudtrail-record';
import { loadEvidenceDir, sha } from '../../../checks/evidence/evidence-dir';
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
