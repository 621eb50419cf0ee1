import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSync } from 'esbuild';
import { writeSynthetic } from './synthetic';

/**
 * `npm run bench [-- --people N --events M --runs R]`: times the audit (evidence loading, rules,
 * checklist; the config is parsed before the clock starts) against a floor that only reads,
 * gunzips and JSON-parses the same CloudTrail files, one after another.
 * Without --people/--events it measures issue 10's scenarios: the ratio at 2k/200k and 8k/800k,
 * the audit's peak memory at 200k and at 2M events (one run, untimed), and the per-event cost of
 * the Athena row path (GetQueryResults pages -> events -> the same rules) against the floor's.
 * Each run is a fresh child process so its peak RSS (maxRSS) is its own, and every child runs
 * compiled JavaScript (esbuild, as the CLI is built), never TypeScript transpiled on the fly.
 */

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist', 'bench');

/** bench/audit-child.ts and the parsing worker, bundled as scripts/build-cli.js bundles the CLI. */
function compileChild(): string {
  mkdirSync(OUT, { recursive: true });
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning' } as const;
  buildSync({ ...common, entryPoints: [join(ROOT, 'bench', 'audit-child.ts')], outfile: join(OUT, 'audit-child.cjs') });
  buildSync({ ...common, entryPoints: [join(ROOT, 'checks', 'evidence', 'parse-worker.ts')], outfile: join(OUT, 'cloudtrail-worker.cjs') });
  return join(OUT, 'audit-child.cjs');
}

interface Run {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly result: number;
}

function runChild(script: string, mode: string, dir: string): Run {
  const r = spawnSync(process.execPath, [script, mode, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} run failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

interface Scenario {
  readonly people: number;
  readonly events: number;
  /** Time the audit against the floor (best of `runs`); else only its peak memory, from one run. */
  readonly timed: boolean;
  readonly maxRatio?: number;
  readonly maxRssMb?: number;
  /** Also time the Athena row path per event (best of `runs`). */
  readonly athena?: boolean;
}

/** The targets of issue 10: the floor ratio at 2k/200k and 8k/800k, memory flat in the event count. */
const DEFAULT_SCENARIOS: readonly Scenario[] = [
  { people: 2000, events: 200_000, timed: true, maxRatio: 1.2, maxRssMb: 256, athena: true },
  { people: 8000, events: 800_000, timed: true, maxRatio: 1.2 },
  { people: 2000, events: 2_000_000, timed: false, maxRssMb: 512 },
];

const best = (xs: readonly Run[]) => Math.min(...xs.map((x) => x.ms));
const peak = (xs: readonly Run[]) => Math.max(...xs.map((x) => x.maxRssMb));
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

function measure(script: string, s: Scenario, runs: number, keep: boolean): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'coding-env-bench-'));
  try {
    process.stderr.write(`generating ${s.people} people and ${s.events} events in ${dir}\n`);
    writeSynthetic(dir, { people: s.people, events: s.events, asOf: new Date('2026-11-20T12:00:00Z') });
    const floors: Run[] = [];
    const audits: Run[] = [];
    const athenas: Run[] = [];
    for (let i = 0; i < (s.timed ? runs : 1); i += 1) {
      if (s.timed) floors.push(runChild(script, 'floor', dir));
      audits.push(runChild(script, 'audit', dir));
      if (s.athena) athenas.push(runChild(script, 'athena', dir));
    }
    const head = `people ${s.people}, events ${s.events}`;
    const mem = s.maxRssMb === undefined ? `audit peak RSS ${peak(audits).toFixed(0)} MB` : `audit peak RSS ${peak(audits).toFixed(0)} MB (target < ${s.maxRssMb} MB: ${verdict(peak(audits) < s.maxRssMb)})`;
    if (!s.timed) return [`${head}, 1 run: audit ${best(audits).toFixed(0)} ms, ${audits[0].result} findings; ${mem}`];
    const ratio = best(audits) / best(floors);
    const lines = [
      `${head}, best of ${runs} (load average before: ${loadavg().map((l) => l.toFixed(1)).join(' ')}):`,
      `  floor (read + gunzip + JSON.parse):   ${best(floors).toFixed(0)} ms, peak RSS ${peak(floors).toFixed(0)} MB`,
      `  audit (evidence + rules + checklist): ${best(audits).toFixed(0)} ms, ${audits[0].result} findings`,
      `  ratio audit/floor ${ratio.toFixed(3)}x (target <= ${s.maxRatio}x: ${verdict(ratio <= (s.maxRatio ?? Infinity))}); ${mem}`,
    ];
    if (s.athena) {
      const perEvent = (ms: number) => (ms * 1000) / s.events;
      lines.push(`  Athena row path (result pages -> events -> rules): ${best(athenas).toFixed(0)} ms, ${perEvent(best(athenas)).toFixed(2)} us/event (floor ${perEvent(best(floors)).toFixed(2)} us/event: ${(best(athenas) / best(floors)).toFixed(2)}x)`);
    }
    return lines;
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const { values } = parseArgs({ options: { people: { type: 'string' }, events: { type: 'string' }, runs: { type: 'string', default: '3' }, keep: { type: 'boolean' } } });
  const runs = Number(values.runs);
  const scenarios = values.people !== undefined || values.events !== undefined
    ? [{ people: Number(values.people ?? 2000), events: Number(values.events ?? 200_000), timed: true, maxRatio: 1.2, athena: true }]
    : DEFAULT_SCENARIOS;
  const script = compileChild();
  process.stdout.write(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), compiled child ${script}\n`);
  for (const s of scenarios) process.stdout.write(`${measure(script, s, runs, Boolean(values.keep)).join('\n')}\n`);
  process.stdout.write(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`bench failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
