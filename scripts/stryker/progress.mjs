// Reads a mutation run's live results (reports/mutation/mutants.jsonl, written by the
// mutant-stream reporter) while the run goes on: the score so far, per file, and the survivors.
//   node scripts/stryker/progress.mjs            score so far and the files with most survivors
//   node scripts/stryker/progress.mjs <file>...  that file's surviving mutants, with the line
//   node scripts/stryker/progress.mjs --report [reports/mutation/stryker-incremental.json] [<file>...]
//                                                the same over the kept (incremental) results
// The score is Stryker's: detected (killed, timeout) over valid mutants (detected, survived,
// no coverage); ignored, compile and runtime errors count for neither.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const fromReport = args[0] === '--report';
if (fromReport) args.shift();
const reportFile = fromReport && args[0]?.endsWith('.json') ? args.shift() : 'reports/mutation/stryker-incremental.json';

// Appended across runs: the last result for a mutant (file, place, mutator, replacement) wins.
const latest = new Map();
const lines = fromReport
  ? Object.entries(JSON.parse(readFileSync(reportFile, 'utf8')).files).flatMap(([file, { mutants }]) =>
      mutants.map((m) => ({ file, line: m.location.start.line, column: m.location.start.column, location: m.location, mutatorName: m.mutatorName, replacement: m.replacement, status: m.status })),
    )
  : readFileSync('reports/mutation/mutants.jsonl', 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
// The end too where known: two mutants may start at one place (`a && b` -> true, and `a` -> true).
const end = (r) => (r.location ? `${r.location.end.line}:${r.location.end.column}` : '');
for (const r of lines) latest.set(`${r.file}:${r.line}:${r.column}:${end(r)}:${r.mutatorName}:${r.replacement}`, r);
const results = [...latest.values()];
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const score = (rs) => {
  const d = rs.filter((r) => DETECTED.has(r.status)).length;
  const u = rs.filter((r) => UNDETECTED.has(r.status)).length;
  return { d, u, pct: d + u === 0 ? 100 : (100 * d) / (d + u) };
};

const files = args;
if (files.length === 0) {
  const all = score(results);
  console.log(`${results.length} mutants decided: ${all.d} detected, ${all.u} undetected, score ${all.pct.toFixed(2)}%`);
  const byFile = new Map();
  for (const r of results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const rows = [...byFile].map(([file, rs]) => ({ file, ...score(rs) })).filter((r) => r.u > 0).sort((a, b) => b.u - a.u);
  for (const r of rows.slice(0, 40)) console.log(`${String(r.u).padStart(4)} undetected  ${r.pct.toFixed(1).padStart(5)}%  ${r.file}`);
} else {
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const r of results.filter((x) => x.file === file && UNDETECTED.has(x.status)).sort((a, b) => a.line - b.line)) {
      console.log(`${file}:${r.line}:${r.column + 1} ${r.status} ${r.mutatorName} -> ${JSON.stringify(r.replacement).slice(0, 120)}`);
      console.log(`    ${lines[r.line - 1]?.trim().slice(0, 160)}`);
    }
  }
}
