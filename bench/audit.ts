import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { loadConfigFile } from '../lib/config/load';
import type { CodingEnvConfig } from '../lib/config/schema';
import { auditWindow, buildReport } from '../checks/audit';
import { listFiles } from '../checks/evidence/walk';
import { loadEvidenceDir } from '../checks/evidence/evidence-dir';
import { parseRegister } from '../checks/register/load';
import { relevantEvents } from '../checks/rules/relevance';
import { writeSynthetic } from './synthetic';

/**
 * `npm run bench [-- --people N --events M --runs R]`: times the audit (evidence loading, rules,
 * checklist; the config is parsed before the clock starts) against a floor that only reads, gunzips and JSON-parses the same CloudTrail files.
 * Without --people/--events it measures issue 10's scenarios: the ratio at 2k/200k and 8k/800k,
 * and the audit's peak memory at 200k and at 2M events (one run, untimed).
 * Each run is a fresh child process so its peak RSS (maxRSS) is its own.
 */

const AS_OF = new Date('2026-11-20T12:00:00Z');

async function floor(dir: string): Promise<number> {
  let records = 0;
  for (const file of listFiles(join(dir, 'cloudtrail'))) {
    const chunks: Buffer[] = [];
    for await (const chunk of createReadStream(file).pipe(createGunzip())) chunks.push(chunk as Buffer);
    records += (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Records: unknown[] }).Records.length;
  }
  return records;
}

async function audit(dir: string, config: CodingEnvConfig): Promise<number> {
  const window = auditWindow(AS_OF, 30);
  const loaded = await loadEvidenceDir(dir, { window, keep: relevantEvents(config) });
  const report = buildReport({ config, model: loaded.model, inputs: loaded.inputs, register: parseRegister({}, 'none'), window, generatedAt: new Date() });
  if (report.checks.some((c) => c.status === 'error')) throw new Error(JSON.stringify(report.checks));
  return report.findings.length;
}

async function child(mode: string, dir: string): Promise<void> {
  // The config is the organisation's, not evidence: parsed before the clock starts, in both modes.
  const config = loadConfigFile(join(dir, 'config.json'));
  const start = process.hrtime.bigint();
  const result = mode === 'floor' ? await floor(dir) : await audit(dir, config);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ mode, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, result }));
}

function runChild(mode: string, dir: string): { ms: number; maxRssMb: number; result: number } {
  const r = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), __filename, '--child', mode, '--dir', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} run failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

interface Scenario {
  readonly people: number;
  readonly events: number;
  /** Time the audit against the floor (best of `runs`); else only its peak memory, from one run. */
  readonly timed: boolean;
  readonly maxRatio?: number;
  readonly maxRssMb: number;
}

/** The targets of issue 10: the floor ratio at 2k/200k and 8k/800k, memory flat in the event count. */
const DEFAULT_SCENARIOS: readonly Scenario[] = [
  { people: 2000, events: 200_000, timed: true, maxRatio: 1.2, maxRssMb: 256 },
  { people: 8000, events: 800_000, timed: true, maxRatio: 1.2, maxRssMb: 512 },
  { people: 2000, events: 2_000_000, timed: false, maxRssMb: 512 },
];

function measure(s: Scenario, runs: number, keep: boolean): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'coding-env-bench-'));
  try {
    process.stderr.write(`generating ${s.people} people and ${s.events} events in ${dir}\n`);
    writeSynthetic(dir, { people: s.people, events: s.events, asOf: AS_OF });
    const floors = [];
    const audits = [];
    for (let i = 0; i < (s.timed ? runs : 1); i += 1) {
      if (s.timed) floors.push(runChild('floor', dir));
      audits.push(runChild('audit', dir));
    }
    const best = (xs: { ms: number }[]) => Math.min(...xs.map((x) => x.ms));
    const peak = (xs: { maxRssMb: number }[]) => Math.max(...xs.map((x) => x.maxRssMb));
    const mem = `audit peak RSS ${peak(audits).toFixed(0)} MB (target < ${s.maxRssMb} MB: ${peak(audits) < s.maxRssMb ? 'met' : 'NOT met'})`;
    const head = `people ${s.people}, events ${s.events}`;
    if (!s.timed) return [`${head}, 1 run: audit ${best(audits).toFixed(0)} ms, ${audits[0].result} findings; ${mem}`];
    const ratio = best(audits) / best(floors);
    return [
      `${head}, best of ${runs}:`,
      `  floor (read + gunzip + JSON.parse):   ${best(floors).toFixed(0)} ms, peak RSS ${peak(floors).toFixed(0)} MB`,
      `  audit (evidence + rules + checklist): ${best(audits).toFixed(0)} ms, ${audits[0].result} findings`,
      `  ratio audit/floor ${ratio.toFixed(2)}x (target <= ${s.maxRatio}x: ${ratio <= (s.maxRatio ?? Infinity) ? 'met' : 'NOT met'}); ${mem}`,
    ];
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { people: { type: 'string' }, events: { type: 'string' }, runs: { type: 'string', default: '3' }, child: { type: 'string' }, dir: { type: 'string' }, keep: { type: 'boolean' } } });
  if (values.child && values.dir) return child(values.child, values.dir);
  const runs = Number(values.runs);
  const scenarios = values.people !== undefined || values.events !== undefined
    ? [{ people: Number(values.people ?? 2000), events: Number(values.events ?? 200_000), timed: true, maxRatio: 1.2, maxRssMb: 256 }]
    : DEFAULT_SCENARIOS;
  process.stdout.write(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})\n`);
  for (const s of scenarios) process.stdout.write(`${measure(s, runs, Boolean(values.keep)).join('\n')}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.message}\n`);
  process.exitCode = 1;
});
