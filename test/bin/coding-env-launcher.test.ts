import { spawnSync } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

// bin/coding-env.js runs the compiled CLI when it is current, and compiles the TypeScript with
// tsx otherwise (a bundle older than any of its sources is stale, never run).
const ROOT = join(__dirname, '../..');
const BUNDLE = join(ROOT, 'dist/coding-env.cjs');
const PROBE = "process.on('exit', () => process.stderr.write(Object.keys(require.cache).some((k) => k.includes('/tsx/')) ? 'TSX' : 'COMPILED'))";

function version(): { stdout: string; runtime: string } {
  const r = spawnSync(process.execPath, ['-e', `${PROBE}; process.argv.splice(1, 0, 'coding-env'); require(${JSON.stringify(join(ROOT, 'bin/coding-env.js'))})`, '--', '--version'], { encoding: 'utf8', cwd: ROOT });
  return { stdout: r.stdout.trim(), runtime: r.stderr.trim().slice(-8).replace(/^.*(TSX|COMPILED)$/, '$1') };
}

describe('bin/coding-env.js', () => {
  beforeAll(() => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.js')], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
  });

  test('runs the compiled bundle that npm ci builds, without tsx', () => {
    expect(version()).toEqual({ stdout: require('../../package.json').version, runtime: 'COMPILED' });
  });

  test('falls back to the TypeScript sources when the bundle is older than one of them', () => {
    const { atime, mtime } = statSync(BUNDLE);
    utimesSync(BUNDLE, atime, new Date('2001-01-01T00:00:00Z'));
    try {
      expect(version()).toEqual({ stdout: require('../../package.json').version, runtime: 'TSX' });
    } finally {
      utimesSync(BUNDLE, atime, mtime);
    }
  });
});
