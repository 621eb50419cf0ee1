import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdkContext } from '../lib/synth';

/** Runs bin/app.ts as `cdk synth` would: cdk.json's context plus `-c` values through CDK_CONTEXT_JSON, output to CDK_OUTDIR. */
function runApp(context: Record<string, unknown>, outdir: string) {
  const result = spawnSync(join('node_modules', '.bin', 'tsx'), ['bin/app.ts'], {
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ ...cdkContext(), ...context }), CDK_OUTDIR: outdir },
    encoding: 'utf8',
    // The real synth bundles every audit Lambda and stages the 78 MB Chromium layer: slow on a loaded 2-core machine.
    timeout: 180000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('bin/app.ts', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'coding-env-app-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('an invalid config exits 2 naming every offending field, without a stack trace', () => {
    const raw = JSON.parse(readFileSync('config/coding-env.json', 'utf8')) as { people: Record<string, unknown>[]; network: Record<string, unknown> };
    raw.people[0].specialties = ['neurology'];
    raw.network.vpcCidr = '10.20.0.0/33';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(raw));

    const { status, stderr } = runApp({ config: file, asOf: '2026-11-20' }, join(dir, 'out-bad'));

    expect(status).toBe(2);
    expect(stderr).toContain('people[0].specialties[0]');
    expect(stderr).toContain('network.vpcCidr');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'out-bad', 'CodingEnv.template.json'))).toBe(false);
  });

  test('a missing config file exits 2 naming the file', () => {
    const { status, stderr } = runApp({ config: join(dir, 'nope.json') }, join(dir, 'out-missing'));
    expect(status).toBe(2);
    expect(stderr).toContain('nope.json');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  test('a malformed asOf exits 2', () => {
    const { status, stderr } = runApp({ asOf: '2026-13-01' }, join(dir, 'out-asof'));
    expect(status).toBe(2);
    expect(stderr).toContain('asOf');
  });

  test('the example config with a pinned asOf synthesizes the stack', () => {
    const outdir = join(dir, 'out-ok');
    const { status, stderr } = runApp({ asOf: '2026-11-20' }, outdir);
    // Bundling the audit Lambdas reports progress on stderr; nothing else may appear there.
    expect(stderr.split('\n').filter((l) => l.trim() !== '' && !/^Bundling asset |^\s*\S*cdk\.out\S*\s+[\d.]+[kmg]?b$|^⚡ Done in|index\.js|^gates: /i.test(l))).toEqual([]);
    // The gates' line names each pack and its result, our own pack's clean pass included.
    expect(stderr).toMatch(/^gates: AwsSolutions passed \(0 errors, \d+ acknowledged\); HIPAA\.Security passed \(0 errors, \d+ acknowledged\); HIPAA\.Coding passed$/m);
    expect(status).toBe(0);
    expect(existsSync(join(outdir, 'CodingEnv.template.json'))).toBe(true);
    // Users live in the roster's nested stacks, written beside the parent template.
    const users = readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .flatMap((f) => Object.values((JSON.parse(readFileSync(join(outdir, f), 'utf8')) as { Resources: Record<string, { Type: string; Properties?: { UserName?: string } }> }).Resources))
      .filter((r) => r.Type === 'AWS::IAM::User')
      .map((r) => r.Properties?.UserName);
    expect(users).toContain('jdoe');
    expect(users).not.toContain('bsmith');
  }, 200_000);
});
