import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasFindingAtOrAbove } from '../../../checks/cli/main';
import { type Report, reportSchema } from '../../../checks/report-model';

const EXAMPLE = ['--config', 'config/coding-env.json', '--evidence', 'test/fixtures/evidence/example', '--register', 'test/fixtures/register/example.json', '--as-of', '2026-11-20T12:00:00Z'];
let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'cli-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function cli(...args: string[]) {
  return run(process.env, ...args);
}
function run(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/coding-env.js', ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('coding-env audit', () => {
  test('writes report.json (exactly Report) and report.md for the example, exit 0, progress on stderr', () => {
    const r = cli('audit', ...EXAMPLE, '--out', join(out, 'a'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/wrote .*report\.json/);
    const report = reportSchema.strict().parse(JSON.parse(readFileSync(join(out, 'a/report.json'), 'utf8')));
    expect(report.checks.every((c) => c.status === 'ok')).toBe(true);
    expect(report.findings.map((f) => `${f.check}/${f.rule}/${f.principal}`)).toEqual(
      expect.arrayContaining(['stale-access/departed-person-active/tnguyen', 'shared-credentials/concurrent-console-sessions/mgarcia', 'vpn-bypass/outside-network/ci-deployer', 'access-anomaly/out-of-specialty/jdoe']),
    );
    const md = readFileSync(join(out, 'a/report.md'), 'utf8');
    expect(md.indexOf('## Quarterly checklist')).toBeLessThan(md.indexOf('## Findings'));
    expect(md).toContain('TX: no review of state rules on record');
    expect(md).toMatch(/\| cloudtrail\/lookup-events\/us-east-1-page-1\.json \| cloudtrail-lookup-events \| read \| 4 \| `[0-9a-f]{64}`/);
  }, 30000);

  test('--fail-on high exits 1 when a high finding exists, still writing the report', () => {
    const r = cli('audit', ...EXAMPLE, '--out', join(out, 'b'), '--fail-on', 'high');
    expect(r.code).toBe(1);
    expect(readFileSync(join(out, 'b/report.json'), 'utf8')).toContain('"findings"');
  }, 30000);

  test('a malformed register section still produces a report: its item errors, the others are decided, exit 4', () => {
    const bad = join(out, 'bad-register.json');
    writeFileSync(bad, JSON.stringify({ riskAnalysis: { completedOn: 'last spring' } }));
    const r = cli('audit', ...EXAMPLE.slice(0, 4), '--as-of', '2026-11-20T12:00:00Z', '--register', bad, '--out', join(out, 'c'));
    expect(r.code).toBe(4);
    const report = JSON.parse(readFileSync(join(out, 'c/report.json'), 'utf8')) as Report;
    expect(report.checklist.map((i) => i.status)).toEqual(['error', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail']);
    expect(report.checklist[0].reasons).toContain('riskAnalysis.completedOn: must be a date YYYY-MM-DD');
  }, 30000);

  test.each([
    [['audit', '--config', 'config/coding-env.json', '--register', 'x', '--out', 'o'], /exactly one of --evidence DIR, --live or --athena/],
    [['audit', ...EXAMPLE, '--out', 'o', '--days', 'ten'], /--days must be a whole number/],
    [['audit', ...EXAMPLE, '--out', 'o', '--fail-on', 'critical'], /--fail-on must be high, medium or low/],
    [['audit', ...EXAMPLE, '--out', 'o', '--bogus'], /unknown option --bogus$/m],
    [['audit', ...EXAMPLE.slice(0, 6), '--as-of', 'yesterday', '--out', 'o'], /--as-of must be an ISO date/],
    [['audit', '--config', 'config/coding-env.json', '--evidence', 'no/such/dir', '--register', 'test/fixtures/register/example.json', '--out', 'o'], /no\/such\/dir is invalid:\n {2}- \(root\): --evidence is not a directory/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('bad usage %j exits 2 with a clear message', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  }, 30000);

  test('an invalid config exits 2 naming the field', () => {
    const config = JSON.parse(readFileSync('config/coding-env.json', 'utf8'));
    config.people[0].specialties = ['dermatology'];
    const file = join(out, 'config.json');
    writeFileSync(file, JSON.stringify(config));
    const r = cli('audit', '--config', file, ...EXAMPLE.slice(2), '--out', join(out, 'd'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('people[0].specialties[0]: unknown specialty "dermatology"');
    noStack(r.stderr);
  }, 30000);
});

describe('coding-env audit --live', () => {
  test('without AWS credentials writes a report whose checks are all error, never ok, exit 4', () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: out,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(out, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(out, 'no-credentials'),
    };
    const r = run(env, 'audit', '--config', 'config/coding-env.json', '--live', '--register', 'test/fixtures/register/example.json', '--out', join(out, 'live'));
    expect(r.code).toBe(4);
    const report = JSON.parse(readFileSync(join(out, 'live/report.json'), 'utf8')) as Report;
    // Every check that reads the account is error; those that read only the register (and no attestation export) run.
    const registerOnly = ['ai-attestation', 'breach-notification'];
    expect(report.checks.filter((c) => !registerOnly.includes(c.check)).every((c) => c.status === 'error')).toBe(true);
    expect(report.checks.filter((c) => registerOnly.includes(c.check)).map((c) => c.status)).toEqual(['ok', 'ok']);
    expect(report.checklist.filter((i) => i.status === 'error').map((i) => i.item)).toEqual([2, 3, 5, 6]);
    noStack(r.stderr);
  }, 60000);
});

describe('coding-env validate and --help', () => {
  test('validate accepts the example config and register', () => {
    const r = cli('validate', '--config', 'config/coding-env.json', '--register', 'test/fixtures/register/example.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/config\/coding-env.json: valid/);
  }, 30000);
  test('validate refuses a malformed register with the field path, exit 2', () => {
    const bad = join(out, 'bad.json');
    writeFileSync(bad, JSON.stringify({ training: [{ personId: 'jdoe', completedOn: '2026-02-30' }] }));
    const r = cli('validate', '--config', 'config/coding-env.json', '--register', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('training[0].completedOn: must be a date YYYY-MM-DD');
  }, 30000);
  test('--help prints usage, exit 0', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('coding-env validate --config FILE [--register FILE]');
  }, 30000);
});

describe('--fail-on thresholds', () => {
  const report = (severity: 'high' | 'medium' | 'low') => ({ findings: [{ severity }] }) as unknown as Report;
  test('at or above the level fails, below does not', () => {
    expect(hasFindingAtOrAbove(report('medium'), 'medium')).toBe(true);
    expect(hasFindingAtOrAbove(report('high'), 'medium')).toBe(true);
    expect(hasFindingAtOrAbove(report('low'), 'medium')).toBe(false);
    expect(hasFindingAtOrAbove({ findings: [] } as unknown as Report, 'low')).toBe(false);
  });
});

describe('coding-env audit: scope, --previous and --pdf', () => {
  const sha = (file: string) => require('node:crypto').createHash('sha256').update(readFileSync(file)).digest('hex') as string;

  test('report.json states its scope: accounts and regions read, tool version, who ran it, input hashes', () => {
    const r = cli('audit', ...EXAMPLE, '--out', join(out, 's'));
    expect(r.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(out, 's/report.json'), 'utf8')));
    expect(report.scope).toMatchObject({
      source: 'evidence',
      evidenceDir: 'test/fixtures/evidence/example',
      accounts: ['111122223333'],
      tool: { name: 'hipaa-coding-env', version: JSON.parse(readFileSync('package.json', 'utf8')).version },
      runBy: { kind: 'os-user', identity: expect.stringMatching(/\S@\S/) },
      configSha256: sha('config/coding-env.json'),
      registerSha256: sha('test/fixtures/register/example.json'),
    });
    expect(report.scope?.regions).toEqual(expect.arrayContaining(['us-east-1', 'us-west-2']));
    expect(report.reportId).toMatch(/^2026-11-20-[0-9a-f]{8}$/);
    expect(report.exceptions?.length).toBeGreaterThan(0);
    const md = readFileSync(join(out, 's/report.md'), 'utf8');
    expect(md).toContain(sha('config/coding-env.json'));
    expect(md).toContain('### Finding ids');
    for (const f of report.findings) expect(md).toContain(`| \`${f.id}\` |`);
  }, 30000);

  test('--previous marks findings new or recurring and lists the resolved', () => {
    const prev = JSON.parse(readFileSync(join(out, 's/report.json'), 'utf8')) as Report;
    const dropped = prev.findings[0]!;
    const older = { ...prev, asOf: '2026-08-20T12:00:00.000Z', reportId: 'q3', findings: [...prev.findings.slice(1), { ...dropped, id: 'f-0000000000000000', principal: 'gone' }] };
    writeFileSync(join(out, 'previous.json'), JSON.stringify(older));
    const r = cli('audit', ...EXAMPLE, '--out', join(out, 'p'), '--previous', join(out, 'previous.json'));
    expect(r.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(out, 'p/report.json'), 'utf8')));
    expect(report.findings.find((f) => f.id === dropped.id)?.recurrence).toBe('new');
    expect(report.findings.filter((f) => f.recurrence === 'recurring')).toHaveLength(prev.findings.length - 1);
    expect(report.comparison?.resolved.map((f) => f.principal)).toEqual(['gone']);
    expect(report.comparison?.previous).toEqual({ reportId: 'q3', asOf: '2026-08-20T12:00:00.000Z', sha256: sha(join(out, 'previous.json')) });
    expect(readFileSync(join(out, 'p/report.html'), 'utf8')).toContain('<svg class="trend"');
  }, 30000);

  test('a --previous that is missing or not a report is bad input (exit 2), naming the file, nothing written', () => {
    writeFileSync(join(out, 'not-a-report.json'), '{"hello":1}');
    for (const file of [join(out, 'missing.json'), join(out, 'not-a-report.json')]) {
      const r = cli('audit', ...EXAMPLE, '--out', join(out, 'bad'), '--previous', file);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(file);
      noStack(r.stderr);
    }
    expect(() => readFileSync(join(out, 'bad/report.json'))).toThrow();
  }, 30000);

  test('--pdf writes report.pdf with the npm Chromium', () => {
    const r = cli('audit', ...EXAMPLE, '--out', join(out, 'pdf'), '--pdf');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'pdf/report.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60000);
});
