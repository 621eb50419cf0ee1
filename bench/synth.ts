import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { largeRoster } from './large-roster';

/**
 * `npm run bench:synth [-- --people N]`: `bin/app.ts` (synth under every gate, Lambda bundling
 * included, as `cdk synth` runs it) of a roster of N active people (default 5,000), in a child
 * process so its wall time and peak RSS are its own. Targets: under 120 s and 1 GB.
 */
const { values } = parseArgs({ options: { people: { type: 'string', default: '5000' } } });
const people = Number(values.people);
const dir = mkdtempSync(join(tmpdir(), 'coding-env-bench-synth-'));
try {
  const configFile = join(dir, 'coding-env.json');
  writeFileSync(configFile, JSON.stringify(largeRoster(people)));
  const cdkJson = JSON.parse(require('node:fs').readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> };
  const started = process.hrtime.bigint();
  // GNU time reports the child's peak RSS; without it, only the wall time is measured.
  const result = spawnSync('/usr/bin/time', ['-f', '%M', 'node_modules/.bin/tsx', 'bin/app.ts'], {
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, config: configFile, asOf: '2026-11-20' }), CDK_OUTDIR: join(dir, 'cdk.out') },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = result.stderr.trim().split('\n');
  const maxRssKb = Number(lines[lines.length - 1]);
  if (result.status !== 0) {
    process.stderr.write(result.stderr.slice(-4000));
    throw new Error(`synth of ${people} people failed (exit ${result.status})`);
  }
  const mb = Number.isFinite(maxRssKb) ? Math.round(maxRssKb / 1024) : NaN;
  process.stdout.write(`synth of ${people} active people under the gates: ${seconds.toFixed(1)} s, peak RSS ${mb} MB (targets: < 120 s, < 1024 MB)\n`);
  if (seconds >= 120 || mb >= 1024) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
