// After a mutation run was cut short (Stryker writes the incremental report only when a run
// ends): folds the results it had decided into reports/mutation/stryker-incremental.json, so the
// next run (`npm run mutation:chunks -- <part>`) tests only what is left.
//   node scripts/stryker/salvage.mjs [--drop-timeouts] [--report FILE] [run-id ...]
// Without a run id: the latest run in reports/mutation/runs/. --drop-timeouts leaves every
// timeout of the clock out of the report (not those of Stryker's hit limit, a count), so they
// are tested again (on an unpaused machine). --report: the
// incremental file, when stryker's `incrementalFile` is not the default.
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const { salvage } = createRequire(import.meta.url)('./salvage-merge.cjs');
const RUNS = 'reports/mutation/runs';
const LINES = 'reports/mutation/mutants.jsonl';

const { values, positionals } = parseArgs({ options: { 'drop-timeouts': { type: 'boolean' }, report: { type: 'string', default: 'reports/mutation/stryker-incremental.json' } }, allowPositionals: true });
const REPORT = values.report;
let runs = positionals;
if (runs.length === 0) {
  const all = readdirSync(RUNS).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  if (all.length === 0) throw new Error(`no run in ${RUNS}/: nothing to salvage`);
  runs = [all[all.length - 1]];
}
let report;
try {
  report = JSON.parse(readFileSync(REPORT, 'utf8'));
} catch (err) {
  if (err.code !== 'ENOENT') throw err;
  report = { schemaVersion: '1.0', files: {}, testFiles: {} };
}
const lines = readFileSync(LINES, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
for (const id of runs) {
  const run = JSON.parse(readFileSync(`${RUNS}/${id}.json`, 'utf8'));
  const result = salvage(report, run, lines, { dropTimeouts: values['drop-timeouts'] });
  report = result.report;
  const s = result.stats;
  const statuses = Object.entries(s.byStatus).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
  process.stdout.write(`run ${id}: ${s.salvaged} results salvaged (${statuses}); ${s.skipped} left out (pending or unmappable); ${s.droppedTimeouts} timeouts dropped${s.replacedFiles.length ? `; results of ${s.replacedFiles.join(', ')} replaced (changed since)` : ''}\n`);
}
writeFileSync(`${REPORT}.tmp`, JSON.stringify(report, null, 2));
renameSync(`${REPORT}.tmp`, REPORT);
process.stdout.write(`written ${REPORT}\n`);
