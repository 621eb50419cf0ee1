import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Everything that ships (the CLI's runtime dependencies, what esbuild bundles into the check
 * Lambdas) comes from package.json `dependencies`, transitively. This walks that closure as
 * node resolves it (nested node_modules first, then each parent's) and fails on any strong
 * copyleft licence: AGPL, GPL, SSPL. An SPDX `OR` passes when one alternative is permissive.
 * devDependencies (test tools, and the AGPL IAM simulator the differential tests compare our
 * evaluator with) are not walked: they never ship.
 */
const ROOT = join(__dirname, '..', '..');
const COPYLEFT = /\b(A?GPL|SSPL)\b/i;

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly license?: string | { readonly type?: string };
  readonly licenses?: readonly { readonly type?: string }[];
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

const read = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Where node finds `name` from a package in `from`: its own node_modules, then each parent's. */
function resolve(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT || dirname(dir) === dir) return undefined;
  }
}

function licenceOf(m: Manifest): string {
  if (typeof m.license === 'string') return m.license;
  if (m.license?.type) return m.license.type;
  return (m.licenses ?? []).map((l) => l.type ?? '').filter(Boolean).join(' OR ');
}

/** Copyleft unless some `OR` alternative is free of it. */
export function isCopyleft(expression: string): boolean {
  const alternatives = expression.replace(/[()]/g, ' ').split(/\s+OR\s+/i);
  return alternatives.every((a) => COPYLEFT.test(a));
}

function productionClosure(): Map<string, { name: string; version: string; licence: string }> {
  const seen = new Map<string, { name: string; version: string; licence: string }>();
  const root = read(ROOT);
  const missing: string[] = [];
  const visit = (dir: string, deps: readonly string[], optional: ReadonlySet<string>) => {
    for (const name of deps) {
      const at = resolve(name, dir);
      if (!at) {
        // Optional and peer dependencies (platform binaries, unused peers) may be absent; nothing of them ships then.
        if (!optional.has(name)) missing.push(`${name} (needed by ${relative(ROOT, dir) || 'the project'})`);
        continue;
      }
      if (seen.has(at)) continue;
      const m = read(at);
      seen.set(at, { name: m.name, version: m.version, licence: licenceOf(m) });
      const soft = new Set([...Object.keys(m.optionalDependencies ?? {}), ...Object.keys(m.peerDependencies ?? {})]);
      visit(at, [...Object.keys(m.dependencies ?? {}), ...soft], soft);
    }
  };
  visit(ROOT, Object.keys(root.dependencies ?? {}), new Set());
  expect(missing).toEqual([]);
  return seen;
}

describe('licences of what ships', () => {
  test('the SPDX check: copyleft ids fail, a permissive alternative passes', () => {
    expect(isCopyleft('AGPL-3.0-or-later')).toBe(true);
    expect(isCopyleft('GPL-2.0-only')).toBe(true);
    expect(isCopyleft('SSPL-1.0')).toBe(true);
    expect(isCopyleft('(MIT OR GPL-3.0-or-later)')).toBe(false);
    expect(isCopyleft('Apache-2.0')).toBe(false);
    expect(isCopyleft('LGPL-3.0')).toBe(false);
    expect(isCopyleft('MIT AND GPL-3.0')).toBe(true);
  });

  test('no runtime dependency, direct or transitive, is AGPL, GPL or SSPL licensed', () => {
    const closure = productionClosure();
    // The walk reaches the SDK and CDK trees, so it is the real closure, not an empty one.
    expect(closure.size).toBeGreaterThan(50);
    expect([...closure.values()].map((p) => p.name)).toEqual(expect.arrayContaining(['zod', 'aws-cdk-lib', '@aws-sdk/client-iam']));
    const copyleft = [...closure.values()].filter((p) => isCopyleft(p.licence)).map((p) => `${p.name}@${p.version}: ${p.licence}`);
    expect(copyleft).toEqual([]);
    expect([...closure.values()].some((p) => p.name.startsWith('@cloud-copilot/'))).toBe(false);
  });

  test('every runtime dependency declares a licence', () => {
    const unlicensed = [...productionClosure().values()].filter((p) => p.licence.trim() === '' || /^UNLICENSED$/i.test(p.licence)).map((p) => `${p.name}@${p.version}`);
    expect(unlicensed).toEqual([]);
  });
});
