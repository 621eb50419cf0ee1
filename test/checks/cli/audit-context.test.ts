import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { InputError } from '../../../lib/config/load';
import { auditScopeOf, readPreviousReports } from '../../../checks/cli/audit-context';
import type { AuditOptions } from '../../../checks/cli/options';
import type { LoadedEvidence } from '../../../checks/evidence/evidence-dir';

const SAMPLE = 'test/fixtures/report/sample-report.json';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-context-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const inputError = (fn: () => unknown): InputError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('no InputError');
};

describe('readPreviousReports', () => {
  test('each report validated, with the SHA-256 of its bytes as read; a BOM is accepted', () => {
    const bytes = readFileSync(SAMPLE);
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, Buffer.concat([Buffer.from('\uFEFF'), bytes]));
    const [plain, withBom] = readPreviousReports([SAMPLE, bom]);
    expect(plain.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(plain.report.findings.length).toBeGreaterThan(0);
    expect(withBom.report).toEqual(plain.report);
    expect(withBom.sha256).not.toBe(plain.sha256);
    expect(readPreviousReports([])).toEqual([]);
  });

  test('a file that cannot be read', () => {
    const file = join(dir, 'missing.json');
    const err = inputError(() => readPreviousReports([SAMPLE, file]));
    expect(err.source).toBe(file);
    expect(err.issues).toEqual([{ path: '', message: '--previous cannot be read (ENOENT)' }]);
    expect(inputError(() => readPreviousReports([dir])).issues).toEqual([{ path: '', message: '--previous cannot be read (EISDIR)' }]);
  });

  test('not JSON: said without quoting the bytes', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"patient": "P100234"');
    const err = inputError(() => readPreviousReports([file]));
    expect(err.issues).toEqual([{ path: '', message: '--previous is not JSON (expected a report.json written by coding-env audit)' }]);
    expect(err.message).not.toContain('P100234');
  });

  test('JSON that is not a report: its fields named, ten at most', () => {
    const file = join(dir, 'other.json');
    writeFileSync(file, '{}');
    const err = inputError(() => readPreviousReports([file]));
    expect(err.source).toBe(file);
    expect(err.issues.length).toBeGreaterThan(0);
    expect(err.issues.length).toBeLessThanOrEqual(10);
    expect(err.issues.every((i) => typeof i.path === 'string' && i.path !== '' && i.message !== '')).toBe(true);
    const report = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    report.findings[0].severity = 'critical';
    writeFileSync(file, JSON.stringify(report));
    expect(inputError(() => readPreviousReports([file])).issues.map((i) => i.path)).toEqual(['findings.0.severity']);
    report.findings = Array.from({ length: 12 }, () => 1);
    writeFileSync(file, JSON.stringify(report));
    expect(inputError(() => readPreviousReports([file])).issues).toHaveLength(10);
  });
});

describe('auditScopeOf', () => {
  const sts = mockClient(STSClient);
  afterAll(() => sts.restore());
  beforeEach(() => sts.reset());
  const unread = { ok: false, error: 'x' } as const;
  const loaded: LoadedEvidence = { model: { credentialReport: unread, authorization: unread, events: unread }, inputs: [] };
  const options = (source: AuditOptions['source'], register = 'test/fixtures/register/example.json'): AuditOptions => ({ config: 'config/coding-env.json', register, out: 'o', source, asOf: new Date(), days: 30 });
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  test('the config and register as read, hashed; a missing register is null', async () => {
    const scope = await auditScopeOf(options({ kind: 'evidence', dir: 'ev' }), loaded);
    expect(scope.configSha256).toBe(sha('config/coding-env.json'));
    expect(scope.registerSha256).toBe(sha('test/fixtures/register/example.json'));
    expect((await auditScopeOf(options({ kind: 'evidence', dir: 'ev' }, join(dir, 'none.json')), loaded)).registerSha256).toBeNull();
  });

  test('--athena is a live source, without an evidence folder, run by the AWS caller', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:iam::111122223333:user/hmartin', Account: '111122223333' });
    const scope = await auditScopeOf(options({ kind: 'athena' }), loaded, new STSClient({ region: 'us-east-1' }));
    expect(scope.source).toBe('live');
    expect(scope).not.toHaveProperty('evidenceDir');
    expect(scope.runBy).toEqual({ kind: 'aws-caller', identity: 'arn:aws:iam::111122223333:user/hmartin' });
  });

  test('a caller identity without an ARN names the account, or says it is unknown', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
    expect((await auditScopeOf(options({ kind: 'live' }), loaded, new STSClient({ region: 'us-east-1' }))).runBy).toEqual({ kind: 'aws-caller', identity: 'account 111122223333' });
    sts.on(GetCallerIdentityCommand).resolves({});
    expect((await auditScopeOf(options({ kind: 'live' }), loaded, new STSClient({ region: 'us-east-1' }))).runBy).toEqual({ kind: 'aws-caller', identity: 'account unknown' });
  });

  test('without a client of its own it makes one (the mock answers every STS client)', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:iam::111122223333:user/x' });
    process.env.AWS_REGION ??= 'us-east-1';
    expect((await auditScopeOf(options({ kind: 'live' }), loaded)).runBy.identity).toBe('arn:aws:iam::111122223333:user/x');
  });
});
