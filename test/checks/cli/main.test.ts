import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import * as auditModule from '../../../checks/audit';
import { COMMAND_HELP, synopsis } from '../../../checks/cli/help';
import { EXIT, exitCode, hasFindingAtOrAbove, main } from '../../../checks/cli/main';
import { USAGE } from '../../../checks/cli/usage';
import * as pdfModule from '../../../checks/report/pdf';
import type { Report } from '../../../checks/report-model';
import { TOOL_VERSION } from '../../../checks/version';
import { sampleReport } from '../report/sample-report';

// main() in-process (the child-process suites in cli.test.ts cannot be seen by the mutation
// run): what it prints on stdout and stderr and the exit code of CONTRACT §4 for each path.
const NOW = new Date('2026-11-20T12:00:00Z');
const CONFIG = 'config/coding-env.json';
const REGISTER = 'test/fixtures/register/example.json';
const EVIDENCE = 'test/fixtures/evidence/example';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cli-main-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(tmp, { recursive: true, force: true });
});

async function run(argv: string[], now = NOW): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const code = await main(argv, now);
  (process.stdout.write as jest.Mock).mockRestore();
  (process.stderr.write as jest.Mock).mockRestore();
  return { code, stdout, stderr };
}

const auditArgs = (out: string, ...extra: string[]) => ['audit', '--config', CONFIG, '--evidence', EVIDENCE, '--register', REGISTER, '--as-of', '2026-11-20T12:00:00Z', '--out', out, ...extra];

describe('main: help, version and usage errors', () => {
  test('--version prints the version alone, exit 0', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${TOOL_VERSION}\n`, stderr: '' });
  });

  test('help prints the overview or the command\'s help, exit 0', async () => {
    expect(await run([])).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: '' });
    expect(await run(['audit', '--help'])).toEqual({ code: 0, stdout: `${COMMAND_HELP.audit}\n`, stderr: '' });
  });

  test('a usage error: the message, a blank line and the command\'s synopsis on stderr, exit 2', async () => {
    expect(await run(['audit', '--config', 'c', '--evidence', 'ev', '--register', 'r', '--out', 'o', '--days', '0'])).toEqual({ code: 2, stdout: '', stderr: `coding-env: --days must be a whole number of days from 1 to 3650, got "0"\n\n${synopsis('audit')}\n` });
    expect(await run(['--nope'])).toEqual({ code: 2, stdout: '', stderr: `coding-env: unknown option --nope\n\n${USAGE}\n` });
  });
});

describe('main: bad input files, exit 2 naming the file', () => {
  test('a missing --config', async () => {
    const r = await run(['validate', '--config', join(tmp, 'none.json')]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^coding-env: ${join(tmp, 'none.json')}`));
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  test('a missing --register stops the audit before anything is written', async () => {
    const out = join(tmp, 'out');
    const r = await run(['audit', '--config', CONFIG, '--evidence', EVIDENCE, '--register', join(tmp, 'nope.json'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coding-env: .*nope\.json/);
    expect(existsSync(out)).toBe(false);
  });

  test('--evidence that is not a directory', async () => {
    const out = join(tmp, 'out');
    const file = join(tmp, 'file');
    writeFileSync(file, '');
    for (const dir of [join(tmp, 'missing'), file]) {
      const r = await run(['audit', '--config', CONFIG, '--evidence', dir, '--register', REGISTER, '--out', out]);
      expect(r).toEqual({ code: 2, stdout: '', stderr: `coding-env: ${dir} is invalid:\n  - (root): --evidence is not a directory\n` });
    }
    expect(existsSync(out)).toBe(false);
  });

  test('--out that is a file, or cannot be created', async () => {
    const file = join(tmp, 'file');
    writeFileSync(file, 'x');
    expect(await run(auditArgs(file))).toEqual({ code: 2, stdout: '', stderr: `coding-env: ${file} is invalid:\n  - (root): --out is not a folder\n` });
    const under = join(file, 'out');
    expect(await run(auditArgs(under))).toEqual({ code: 2, stdout: '', stderr: `coding-env: ${under} is invalid:\n  - (root): --out cannot be created as a folder (ENOTDIR)\n` });
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  test('--out that cannot be written: refused before the audit reads anything, the probe not left behind', async () => {
    const out = join(tmp, 'ro');
    mkdirSync(out);
    // Permissions do not stop root: the probe's failure is simulated, as the OS reports it.
    const fs = require('node:fs') as typeof import('node:fs');
    const original = fs.writeFileSync;
    let probed = '';
    const spy = jest.spyOn(fs, 'writeFileSync').mockImplementation((file, data, options) => {
      if (String(file).includes('.coding-env-write-test-')) {
        probed = String(file);
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      }
      return original(file, data, options);
    });
    const r = await run(auditArgs(out));
    spy.mockRestore();
    expect(r).toEqual({ code: 2, stdout: '', stderr: `coding-env: ${out} is invalid:\n  - (root): --out is not writable (EACCES)\n` });
    expect(probed).toBe(join(out, `.coding-env-write-test-${process.pid}`));
    expect(readdirSync(out)).toEqual([]);
  });

  test('--out refused for an error without a code: "(error)" in its place', async () => {
    // fs errors carry a code; whatever else might throw is still refused, in the same words.
    const fs = require('node:fs') as typeof import('node:fs');
    const codeless = () => {
      throw new Error('not an fs error');
    };
    const out = join(tmp, 'out');
    const mkdir = jest.spyOn(fs, 'mkdirSync').mockImplementation(codeless);
    expect(await run(auditArgs(out))).toEqual({ code: 2, stdout: '', stderr: `coding-env: ${out} is invalid:\n  - (root): --out cannot be created as a folder (error)\n` });
    mkdir.mockRestore();
    const original = fs.writeFileSync;
    jest.spyOn(fs, 'writeFileSync').mockImplementation((file, data, options) => (String(file).includes('.coding-env-write-test-') ? codeless() : original(file, data, options)));
    expect(await run(auditArgs(out))).toEqual({ code: 2, stdout: '', stderr: `coding-env: ${out} is invalid:\n  - (root): --out is not writable (error)\n` });
  });

  test('an unreadable --previous names the file, and no report is written past it', async () => {
    const out = join(tmp, 'out');
    const prev = join(tmp, 'prev.json');
    const r = await run(auditArgs(out, '--previous', prev));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`coding-env: ${prev} is invalid:\n  - (root): --previous cannot be read (ENOENT)\n`);
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });
});

describe('main: internal errors, exit 3 without a stack trace', () => {
  test('an Error names its message', async () => {
    jest.spyOn(auditModule, 'buildReport').mockImplementation(() => {
      throw new Error('boom');
    });
    const r = await run(auditArgs(join(tmp, 'out')));
    expect(r.code).toBe(EXIT.internal);
    expect(r.stderr).toMatch(/\ncoding-env: internal error: boom\n$/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  test('a thrown non-Error is printed as text', async () => {
    jest.spyOn(auditModule, 'buildReport').mockImplementation(() => {
      throw 'plain text';
    });
    const r = await run(auditArgs(join(tmp, 'out')));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/\ncoding-env: internal error: plain text\n$/);
  });
});

describe('main: audit', () => {
  test('the example evidence: the four report files, the summary, exit 0', async () => {
    const out = join(tmp, 'out');
    const r = await run(auditArgs(out));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(['report.html', 'report.json', 'report.md', 'report.ocsf.json']);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('coding-env: auditing Example Coding Group from 2026-10-21T12:00:00.000Z to 2026-11-20T12:00:00.000Z');
    for (const f of ['report.json', 'report.md', 'report.html', 'report.ocsf.json']) expect(lines).toContain(`coding-env: wrote ${join(out, f)}`);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const items = report.checklist.map((i) => `${i.item}:${i.status}`).join(' ');
    expect(lines[lines.length - 1]).toBe(`coding-env: ${report.findings.length} findings; checks in error: none; checklist ${items}`);
    expect(r.stderr).not.toContain('not read whole');
    expect(r.stderr).not.toContain('without any CloudTrail event');
    expect(r.stderr).not.toContain('incomplete');
  });

  test('--fail-on: exit 1 at or above the level, 0 below it', async () => {
    const out = join(tmp, 'out');
    expect((await run(auditArgs(out, '--fail-on', 'low'))).code).toBe(EXIT.findings);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.findings.some((f) => f.severity === 'high')).toBe(true);
    expect((await run(auditArgs(join(tmp, 'o2'), '--fail-on', 'high'))).code).toBe(1);
  });

  test('a truncated CloudTrail file: exit 4, the input named as not read whole, the error checks named', async () => {
    const evidence = join(tmp, 'evidence');
    cpSync(EVIDENCE, evidence, { recursive: true });
    const trail = join(evidence, 'cloudtrail');
    const files = readdirSync(trail, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name)).sort();
    for (const f of files.slice(0, 4)) truncateSync(f, Math.max(1, readFileSync(f).length - 20));
    const out = join(tmp, 'out');
    const r = await run(['audit', '--config', CONFIG, '--evidence', evidence, '--register', REGISTER, '--as-of', '2026-11-20T12:00:00Z', '--out', out, '--fail-on', 'low']);
    expect(r.code).toBe(EXIT.incomplete);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const errors = report.checks.filter((c) => c.status === 'error').map((c) => c.check);
    expect(errors.length).toBeGreaterThan(0);
    const unread = report.inputs.filter((i) => i.status === 'partial' || i.status === 'skipped' || i.status === 'refused');
    expect(unread.length).toBe(4);
    expect(r.stderr).toContain(`; checks in error: ${errors.join(', ')}; checklist `);
    expect(r.stderr).toContain(`coding-env: 4 inputs not read whole (see inputs in report.json): ${unread.slice(0, 3).map((i) => `${i.source} (${i.status})`).join(', ')}, ...\n`);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('coding-env: the audit is incomplete: exit 4');
  });

  test('one input not read whole is listed without "..."', async () => {
    const evidence = join(tmp, 'evidence');
    cpSync(EVIDENCE, evidence, { recursive: true });
    writeFileSync(join(evidence, 'cloudtrail', 'cut.json'), '{"Records":[');
    const r = await run(['audit', '--config', CONFIG, '--evidence', evidence, '--register', REGISTER, '--as-of', '2026-11-20T12:00:00Z', '--out', join(tmp, 'out')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/\ncoding-env: 1 inputs not read whole \(see inputs in report\.json\): cloudtrail\/cut\.json \(skipped\)\n/);
  });

  test('days without events: the gaps listed, single days and ranges, exit 4', async () => {
    const out = join(tmp, 'out');
    const r = await run(['audit', '--config', CONFIG, '--evidence', EVIDENCE, '--register', REGISTER, '--as-of', '2026-11-24T12:00:00Z', '--out', out]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.coverage.gaps.length).toBeGreaterThan(0);
    const listed = report.coverage.gaps.map((g) => (g.from === g.to ? g.from : `${g.from}..${g.to}`)).join(', ');
    expect(r.stderr).toContain(`\ncoding-env: days of the window without any CloudTrail event: ${listed}\n`);
    expect(listed).toMatch(/\.\./);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('the audit is incomplete: exit 4');
    const one = await run(['audit', '--config', CONFIG, '--evidence', EVIDENCE, '--register', REGISTER, '--as-of', '2026-11-22T12:00:00Z', '--out', join(tmp, 'one')]);
    const oneReport = JSON.parse(readFileSync(join(tmp, 'one', 'report.json'), 'utf8')) as Report;
    expect(oneReport.coverage.gaps).toEqual([
      { from: '2026-10-23', to: '2026-10-23' },
      { from: '2026-11-22', to: '2026-11-22' },
    ]);
    expect(one.stderr).toContain('\ncoding-env: days of the window without any CloudTrail event: 2026-10-23, 2026-11-22\n');
  });

  test('register warnings and invalid sections are reported before the audit', async () => {
    const register = JSON.parse(readFileSync(REGISTER, 'utf8').replace(/^\uFEFF/, ''));
    register.training[0].notes = 'annotated by the officer';
    register.riskAnalysis = 'not an object';
    register.breachResponseTest = 'not an object';
    const file = join(tmp, 'register.json');
    writeFileSync(file, JSON.stringify(register));
    const r = await run(['audit', '--config', CONFIG, '--evidence', EVIDENCE, '--register', file, '--as-of', '2026-11-20T12:00:00Z', '--out', join(tmp, 'out')]);
    const lines = r.stderr.split('\n');
    expect(lines.filter((l) => l.startsWith('coding-env: warning: ')).length).toBe(1);
    expect(lines.find((l) => l.startsWith('coding-env: warning: '))).toContain('training[0].notes');
    expect(lines).toContain(`coding-env: ${file}: sections riskAnalysis, breachResponseTest are invalid: the checklist items reading them will be "error" (run coding-env validate for details)`);
    expect(r.code).toBe(4);
  });

  test('checklist items in error with every check decided: still "incomplete", exit 4', async () => {
    const register = JSON.parse(readFileSync(REGISTER, 'utf8').replace(/^\uFEFF/, ''));
    register.riskAnalysis = 'not an object';
    const file = join(tmp, 'register.json');
    writeFileSync(file, JSON.stringify(register));
    const out = join(tmp, 'out');
    const r = await run(['audit', '--config', CONFIG, '--evidence', EVIDENCE, '--register', file, '--as-of', '2026-11-20T12:00:00Z', '--out', out]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.checks.filter((c) => c.status === 'error')).toEqual([]);
    expect(report.checklist.filter((i) => i.status === 'error').length).toBeGreaterThan(0);
    expect(report.checklist.some((i) => i.status !== 'error')).toBe(true);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[lines.length - 2]).toMatch(/^coding-env: \d+ findings; checks in error: none; checklist /);
    expect(lines[lines.length - 1]).toBe('coding-env: the audit is incomplete: exit 4');
    expect(r.code).toBe(4);
  });

  test('three inputs not read whole, one refused (not a regular file): all three listed, without "..."', async () => {
    const evidence = join(tmp, 'evidence');
    cpSync(EVIDENCE, evidence, { recursive: true });
    writeFileSync(join(evidence, 'cloudtrail', 'cut-1.json'), '{"Records":[');
    writeFileSync(join(evidence, 'cloudtrail', 'cut-2.json'), '{"Records":[');
    symlinkSync('/dev/null', join(evidence, 'cloudtrail', 'device.json'));
    const out = join(tmp, 'out');
    const r = await run(['audit', '--config', CONFIG, '--evidence', evidence, '--register', REGISTER, '--as-of', '2026-11-20T12:00:00Z', '--out', out]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const unread = report.inputs.filter((i) => i.status !== 'read' && i.status !== 'ignored');
    expect(unread.map((i) => `${i.source} (${i.status})`)).toEqual(['cloudtrail/cut-1.json (skipped)', 'cloudtrail/cut-2.json (skipped)', 'cloudtrail/device.json (refused)']);
    expect(r.stderr).toContain('\ncoding-env: 3 inputs not read whole (see inputs in report.json): cloudtrail/cut-1.json (skipped), cloudtrail/cut-2.json (skipped), cloudtrail/device.json (refused)\n');
    expect(r.code).toBe(4);
  });

  test('--pdf: written after the other files; a PdfError is bad input, exit 2', async () => {
    const out = join(tmp, 'out');
    const pdf = jest.spyOn(pdfModule, 'writeReportPdf').mockResolvedValue();
    const r = await run(auditArgs(out, '--pdf'));
    expect(pdf).toHaveBeenCalledWith(expect.objectContaining({ checks: expect.any(Array) }), join(out, 'report.pdf'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`coding-env: wrote ${join(out, 'report.ocsf.json')}\ncoding-env: wrote ${join(out, 'report.pdf')}\n`);
    pdf.mockRejectedValue(new pdfModule.PdfError('cannot start Chromium: no executable'));
    const bad = await run(auditArgs(join(tmp, 'o2'), '--pdf'));
    expect(bad.code).toBe(EXIT.invalid);
    expect(bad.stderr.trimEnd().split('\n').pop()).toBe('coding-env: cannot start Chromium: no executable');
  });

  test('without --pdf no PDF is printed', async () => {
    const pdf = jest.spyOn(pdfModule, 'writeReportPdf').mockResolvedValue();
    expect((await run(auditArgs(join(tmp, 'out')))).code).toBe(0);
    expect(pdf).not.toHaveBeenCalled();
  });
});

describe('main: audit --security-hub', () => {
  const hub = mockClient(SecurityHubClient);
  const sts = mockClient(STSClient);
  const env = { ...process.env };
  beforeEach(() => {
    hub.reset();
    sts.reset();
    process.env.AWS_REGION = 'us-gov-west-1';
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws-us-gov:iam::111122223333:user/hmartin' });
  });
  afterEach(() => {
    process.env = { ...env };
  });
  afterAll(() => {
    hub.restore();
    sts.restore();
  });

  test('an import that succeeds keeps the audit\'s exit code', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => ({ FailedCount: 0, SuccessCount: input.Findings.length }));
    const r = await run(auditArgs(join(tmp, 'out'), '--security-hub'));
    expect(hub.commandCalls(BatchImportFindingsCommand).length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/coding-env: Security Hub: (\d+) of \1 findings imported into arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product\/111122223333\/default\n/);
    expect(r.code).toBe(0);
  });

  test('a failed import: exit 3 when the audit would exit 0, the audit\'s own code when it says more', async () => {
    hub.on(BatchImportFindingsCommand).rejects(Object.assign(new Error('not subscribed'), { name: 'InvalidAccessException' }));
    const r = await run(auditArgs(join(tmp, 'out'), '--security-hub'));
    expect(r.code).toBe(EXIT.internal);
    expect(r.stderr).toMatch(/\ncoding-env: Security Hub: 0 of (\d+) findings imported; \1 failed \(InvalidAccessException\) into /);
    expect(existsSync(join(tmp, 'out', 'report.json'))).toBe(true);
    expect((await run(auditArgs(join(tmp, 'o2'), '--security-hub', '--fail-on', 'low'))).code).toBe(EXIT.findings);
  });

  test('without --security-hub nothing is imported', async () => {
    await run(auditArgs(join(tmp, 'out')));
    expect(hub.commandCalls(BatchImportFindingsCommand)).toHaveLength(0);
  });
});

describe('main: validate', () => {
  test('the config alone, then with the register', async () => {
    const config = JSON.parse(readFileSync(CONFIG, 'utf8'));
    expect(await run(['validate', '--config', CONFIG])).toEqual({ code: 0, stdout: `${CONFIG}: valid (${config.people.length} people, ${config.specialties.length} specialties)\n`, stderr: '' });
    const both = await run(['validate', '--config', CONFIG, '--register', REGISTER]);
    expect(both).toEqual({ code: 0, stdout: `${CONFIG}: valid (${config.people.length} people, ${config.specialties.length} specialties)\n${REGISTER}: valid\n`, stderr: '' });
  });

  test('a register with an annotation: valid, one warning', async () => {
    const register = JSON.parse(readFileSync(REGISTER, 'utf8'));
    register.training[0].notes = 'x';
    const file = join(tmp, 'register.json');
    writeFileSync(file, JSON.stringify(register));
    const r = await run(['validate', '--config', CONFIG, '--register', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${file}: valid\n`);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^coding-env: warning: .*training\[0\]\.notes/)]);
  });

  test('a register with an invalid section: exit 2, the field named, not "valid"', async () => {
    const register = JSON.parse(readFileSync(REGISTER, 'utf8'));
    register.riskAnalysis = 'not an object';
    const file = join(tmp, 'register.json');
    writeFileSync(file, JSON.stringify(register));
    const r = await run(['validate', '--config', CONFIG, '--register', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain(`${file}: valid`);
    expect(r.stderr).toMatch(new RegExp(`^coding-env: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is invalid:\\n  - riskAnalysis`));
  });
});

describe('main: review and review sign', () => {
  test('review writes the worksheet, exit 0, nothing on stdout', async () => {
    const out = join(tmp, 'ws');
    const r = await run(['review', '--config', CONFIG, '--evidence', EVIDENCE, '--week-ending', '2026-11-15', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(['worksheet.html', 'worksheet.md']);
    expect(r.stderr).toMatch(/\ncoding-env: 4 PHI accesses in the week; 4 sampled; \d+ anomaly findings\n$/);
  });

  test('review over a folder without CloudTrail events: exit 2, no worksheet', async () => {
    const out = join(tmp, 'ws');
    const r = await run(['review', '--config', CONFIG, '--evidence', 'test/fixtures/register', '--week-ending', '2026-11-15', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/coding-env: the week's CloudTrail events could not be read: /);
    expect(existsSync(out)).toBe(false);
  });

  test('review sign records the review and says so on stdout, exit 0', async () => {
    const register = join(tmp, 'register.json');
    cpSync(REGISTER, register);
    const r = await run(['review', 'sign', '--register', register, '--reviewer', 'hmartin', '--sampled', '4', '--anomalies', '0', '--on', '2026-11-16']);
    expect(r).toEqual({ code: 0, stdout: `${register}: recorded the log review of 2026-11-16 by hmartin (4 sampled, 0 anomalies)\n`, stderr: '' });
    const bad = await run(['review', 'sign', '--register', register, '--reviewer', 'hmartin', '--sampled', '4', '--anomalies', '2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('actions: must say what was done about the anomalies');
  });
});

describe('exitCode and hasFindingAtOrAbove', () => {
  const decided = (): Report => {
    const r = sampleReport();
    return { ...r, checks: r.checks.map((c) => ({ ...c, status: 'ok' as const })), checklist: r.checklist.map((i) => ({ ...i, status: 'pass' as const })) };
  };
  const withSeverities = (...severities: ('high' | 'medium' | 'low')[]): Report => {
    const r = decided();
    return { ...r, findings: severities.map((severity) => ({ ...r.findings[0], severity })) };
  };

  test('no --fail-on: 0 with findings', () => {
    expect(withSeverities('high').findings).toHaveLength(1);
    expect(exitCode(withSeverities('high'))).toBe(0);
  });

  test('--fail-on counts findings at or above the level', () => {
    expect(exitCode(withSeverities('medium'), 'medium')).toBe(1);
    expect(exitCode(withSeverities('medium'), 'high')).toBe(0);
    expect(exitCode(withSeverities('medium'), 'low')).toBe(1);
    expect(exitCode(withSeverities('low'), 'medium')).toBe(0);
    expect(exitCode(withSeverities('low', 'high'), 'high')).toBe(1);
    expect(exitCode(withSeverities(), 'low')).toBe(0);
    expect(hasFindingAtOrAbove(withSeverities('high'), 'low')).toBe(true);
    expect(hasFindingAtOrAbove(withSeverities('low'), 'low')).toBe(true);
    expect(hasFindingAtOrAbove(withSeverities('low'), 'high')).toBe(false);
  });

  test('a check or a checklist item in error: 4, over findings too', () => {
    const r = withSeverities('high');
    const checkError = { ...r, checks: r.checks.map((c, i) => (i === r.checks.length - 1 ? { ...c, status: 'error' as const } : c)) };
    const itemError = { ...r, checklist: r.checklist.map((c, i) => (i === r.checklist.length - 1 ? { ...c, status: 'error' as const } : c)) };
    for (const report of [checkError, itemError]) {
      expect(exitCode(report)).toBe(EXIT.incomplete);
      expect(exitCode(report, 'low')).toBe(4);
    }
    // Every check and item in error, and --fail-on low: still 4, never 0.
    const all = { ...r, findings: [], checks: r.checks.map((c) => ({ ...c, status: 'error' as const })), checklist: r.checklist.map((c) => ({ ...c, status: 'error' as const })) };
    expect(exitCode(all, 'low')).toBe(4);
  });

  test('the codes of CONTRACT §4', () => {
    expect(EXIT).toEqual({ ok: 0, findings: 1, invalid: 2, internal: 3, incomplete: 4 });
  });
});
