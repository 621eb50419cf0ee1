import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aws_logs as logs, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { MissingAppError } from '../../policies/app-source';
import { docsBaseUri, main } from '../../policies/gate-cli';

function run(argv: string[], build?: Parameters<typeof main>[1]['build']) {
  const out: string[] = [];
  const err: string[] = [];
  // A stand-in environment has none of the real one's acknowledged constructs.
  const code = main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), build, acknowledgements: build ? [] : undefined });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run gate: usage, before any synth', () => {
  const USAGE = 'usage: npm run gate -- [--sarif FILE] [-c|--config FILE] [--as-of YYYY-MM-DD] [--outdir DIR] [--docs-url URL]';

  test('--help prints the usage and exits 0', () => {
    expect(run(['--help'])).toEqual({ code: 0, out: USAGE, err: '' });
    expect(run(['-h']).code).toBe(0);
  });

  test('each usage mistake exits 2 with its message and the usage', () => {
    expect(run(['extra'])).toEqual({ code: 2, out: '', err: `unexpected argument "extra"\n${USAGE}` });
    expect(run(['--docs-url', 'ftp://example.org/'])).toEqual({ code: 2, out: '', err: `--docs-url must be an http(s) URL, got "ftp://example.org/"\n${USAGE}` });
    expect(run(['--docs-url', 'https://example.org/a b']).err).toMatch(/^--docs-url must be an http\(s\) URL, got "https:\/\/example.org\/a b"\n/);
    expect(run(['--docs-url', 'xhttps://example.org/']).code).toBe(2);
    expect(run(['--as-of', '2026-02-30'])).toEqual({ code: 2, out: '', err: `--as-of must be a date YYYY-MM-DD, got "2026-02-30"\n${USAGE}` });
  });

  test('an invalid config file exits 2 without the usage', () => {
    const result = run(['--config', join(mkdtempSync(join(tmpdir(), 'gate-usage-')), 'missing.json')]);
    expect(result.code).toBe(2);
    expect(result.err).not.toContain('usage:');
  });

  test('docsBaseUri keeps a trailing slash and needs all three GitHub variables', () => {
    expect(docsBaseUri('https://example.org/docs/', {})).toBe('https://example.org/docs/');
    expect(docsBaseUri(undefined, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/env' })).toBeUndefined();
    expect(docsBaseUri(undefined, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_SHA: 'abc' })).toBeUndefined();
    expect(docsBaseUri(undefined, { GITHUB_REPOSITORY: 'acme/env', GITHUB_SHA: 'abc' })).toBeUndefined();
  });
});

describe('npm run gate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gate-cli-'));
  const common = ['--config', 'config/coding-env.json', '--as-of', '2026-11-20', '--outdir', join(dir, 'out')];

  test('exits 1 and writes SARIF when a change weakens the environment', () => {
    const sarif = join(dir, 'gate.sarif');
    const { code, out } = run([...common, '--sarif', sarif], (app) => {
      new logs.LogGroup(new Stack(app, 'CodingEnv'), 'Audit', { retention: logs.RetentionDays.ONE_YEAR });
    });
    expect(code).toBe(1);
    expect(out).toMatch(/ERROR HIPAA\.Coding-LogRetentionSixYears\n {2}at CodingEnv\/Audit\/Resource/);
    expect(out).toMatch(/- RetentionInDays is 365, below 2192/);
    expect(out).toMatch(/\d+ error\(s\)/);
    expect(out).toMatch(/^gates: AwsSolutions .*; HIPAA\.Security .*; HIPAA\.Coding FAILED \(1 error\)/m);
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('HIPAA.Coding-LogRetentionSixYears');
  });

  test('the example environment passes with its acknowledgements, which appear in the SARIF as suppressed results', () => {
    const sarif = join(dir, 'example.sarif');
    const { code, out } = run([...common, '--sarif', sarif]);
    expect(out).toMatch(/^0 error\(s\), 0 warning\(s\), [1-9]\d* acknowledged/m);
    expect(out).toMatch(/^gates: AwsSolutions passed \(0 errors, \d+ acknowledged\); HIPAA\.Security passed \(0 errors, \d+ acknowledged\); HIPAA\.Coding passed/m);
    expect(code).toBe(0);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { ruleId: string; suppressions?: { justification: string }[] }[] }[] };
    const justifications = log.runs[0].results.flatMap((r) => (r.suppressions ?? []).map((s) => s.justification));
    expect(justifications).toContainEqual(expect.stringMatching(/^Compensating control: .*\(acknowledged at CodingEnv\/Identities\/Access-coders-cardiology\)$/));
    expect(log.runs[0].results.filter((r) => (r.suppressions ?? []).length === 0)).toEqual([]);
    // Every acknowledged finding points at the project's source file that created its construct.
    const uris = (log as unknown as { runs: { results: { locations: { physicalLocation?: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0].results.map((r) => r.locations[0].physicalLocation?.artifactLocation.uri);
    expect(uris.filter((u) => !/^(lib|bin|policies)\/[\w/-]+\.ts$/.test(u ?? ''))).toEqual([]);
  });

  test('exits 0 when nothing fails', () => {
    const { code, out } = run(common, (app) => {
      // A stack needs one resource to be a valid template; this one no rule judges.
      new CfnWaitConditionHandle(new Stack(app, 'CodingEnv'), 'Placeholder');
    });
    expect(out).toMatch(/0 error\(s\), 0 warning\(s\), 0 acknowledged/);
    expect(code).toBe(0);
  });

  test('counts CloudFormation validation errors too (cdk.json turns them on, as in cdk synth)', () => {
    const { code, out } = run(common, (app) => {
      new Stack(app, 'CodingEnv');
    });
    expect(out).toMatch(/ERROR F0001/);
    expect(code).toBe(1);
  });

  test('exits 2 on bad usage or an invalid config, naming the field', () => {
    expect(run(['--as-of', 'yesterday']).code).toBe(2);
    expect(run(['--nope']).err).toMatch(/^unknown option --nope\n/);
    expect(run(['--sarif']).err).toMatch(/^--sarif needs a value/);
    expect(run(['--confg', 'x']).err).toMatch(/did you mean --config\?/);
    const missing = run(['--config', join(dir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing\.json is invalid/);
  });

  test('fails closed: whatever stops the synth exits 1 with "gate: <its message>"; a missing app exits 2', () => {
    const broken = run(common, () => {
      throw new Error('the stack could not be built');
    });
    expect(broken).toEqual({ code: 1, out: '', err: 'gate: the stack could not be built' });
    const missing = run(common, () => {
      throw new MissingAppError('lib/build-app.ts is missing (it exports buildCodingEnv)');
    });
    expect(missing).toEqual({ code: 2, out: '', err: 'gate: cannot build the environment: lib/build-app.ts is missing (it exports buildCodingEnv)' });
  });

  test('exits 2 with a plain message while lib/build-app.ts is missing', () => {
    const built = existsSync(join(__dirname, '../../lib/build-app.ts'));
    const result = run(common);
    if (built) expect(result.code).not.toBe(2);
    else expect(result).toEqual(expect.objectContaining({ code: 2, err: expect.stringMatching(/lib\/build-app\.ts is missing/) }));
  });
});

describe('docsBaseUri', () => {
  test('from --docs-url, else from GitHub Actions, else none', () => {
    expect(docsBaseUri('https://example.org/docs', {})).toBe('https://example.org/docs/');
    expect(docsBaseUri(undefined, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/env', GITHUB_SHA: 'abc123' })).toBe('https://github.com/acme/env/blob/abc123/');
    expect(docsBaseUri(undefined, { GITHUB_REPOSITORY: 'acme/env' })).toBeUndefined();
  });
});
