import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
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
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

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

  test('a read error without a code: "(error)" in its place', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const original = fs.readFileSync;
    jest.spyOn(fs, 'readFileSync').mockImplementation(((file: string, options?: BufferEncoding) => {
      if (file === SAMPLE) throw new Error('not an fs error');
      return original(file, options);
    }) as typeof fs.readFileSync);
    expect(inputError(() => readPreviousReports([SAMPLE])).issues).toEqual([{ path: '', message: '--previous cannot be read (error)' }]);
  });

  test('a BOM is accepted first only: one after a space is not JSON', () => {
    const file = join(dir, 'late-bom.json');
    writeFileSync(file, Buffer.concat([Buffer.from(' \uFEFF'), readFileSync(SAMPLE)]));
    expect(inputError(() => readPreviousReports([file])).issues).toEqual([{ path: '', message: '--previous is not JSON (expected a report.json written by coding-env audit)' }]);
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

  test('a config that cannot be read hashes to ""', async () => {
    const scope = await auditScopeOf({ ...options({ kind: 'evidence', dir: 'ev' }), config: join(dir, 'none.json') }, loaded);
    expect(scope.configSha256).toBe('');
  });

  test('evidence: its folder named, run by the OS user at this host', async () => {
    const scope = await auditScopeOf(options({ kind: 'evidence', dir: 'ev' }), loaded);
    expect(scope).toMatchObject({ source: 'evidence', evidenceDir: 'ev', runBy: { kind: 'os-user', identity: `${userInfo().username}@${hostname()}` } });
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
  });

  test('without an OS account entry: $USER, else $USERNAME, else "unknown"', async () => {
    const os = require('node:os') as typeof import('node:os');
    jest.spyOn(os, 'userInfo').mockImplementation(() => {
      throw Object.assign(new Error('uv_os_get_passwd returned ENOENT'), { code: 'ENOENT' });
    });
    const saved = { USER: process.env.USER, USERNAME: process.env.USERNAME };
    const runBy = async () => (await auditScopeOf(options({ kind: 'evidence', dir: 'ev' }), loaded)).runBy;
    try {
      process.env.USER = 'hmartin';
      process.env.USERNAME = 'amorgan';
      expect(await runBy()).toEqual({ kind: 'os-user', identity: `hmartin@${hostname()}` });
      delete process.env.USER;
      expect(await runBy()).toEqual({ kind: 'os-user', identity: `amorgan@${hostname()}` });
      delete process.env.USERNAME;
      expect(await runBy()).toEqual({ kind: 'os-user', identity: `unknown@${hostname()}` });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  test('sts:GetCallerIdentity failing: the caller is unknown, the error named', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' }));
    const scope = await auditScopeOf(options({ kind: 'live' }), loaded, new STSClient({ region: 'us-east-1' }));
    expect(scope.runBy).toEqual({ kind: 'aws-caller', identity: 'unknown (sts:GetCallerIdentity failed: ExpiredTokenException)' });
    expect(scope.source).toBe('live');
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
