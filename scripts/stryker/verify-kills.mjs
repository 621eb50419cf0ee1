// After a mutation run: does every test that killed a mutant pass on its own, on the code as it
// is? Stryker runs, for each mutant, only the tests that reach it, and its jest runner stops at
// the first failure. A test that fails without the tests before it (shared state between tests)
// would "kill" every mutant it is picked for without the mutant having anything to do with it.
// Each killing test is run alone (jest -t '^name$'), in band, with the mutation run's jest config;
// one failing alone is run once more in a fresh process before it is reported.
//   node scripts/stryker/verify-kills.mjs [reports/mutation/mutation.json]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8'));
const testById = new Map();
for (const [file, { tests }] of Object.entries(report.testFiles ?? {})) for (const t of tests) testById.set(t.id, { file, name: t.name });
const kills = new Map();
for (const { mutants } of Object.values(report.files)) {
  for (const m of mutants) {
    if (m.status !== 'Killed') continue;
    for (const id of m.killedBy ?? []) kills.set(id, (kills.get(id) ?? 0) + 1);
  }
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const aloneFails = (t) => {
  const run = spawnSync('npx', ['jest', '-c', 'jest.stryker.config.js', '--runInBand', '--silent', t.file, '-t', `^${escape(t.name)}$`], { encoding: 'utf8' });
  return run.status !== 0 ? `${run.stdout}${run.stderr}`.split('\n').filter((l) => /●|Error|expect/.test(l)).slice(0, 4).join('\n') : undefined;
};

const byFile = new Map();
for (const id of kills.keys()) {
  const t = testById.get(id);
  if (t) byFile.set(t.file, [...(byFile.get(t.file) ?? []), { id, ...t }]);
}
let checked = 0;
const unearned = [];
for (const [file, tests] of byFile) {
  for (const t of tests) {
    checked += 1;
    // Failing twice, each time in its own process: not a passing flake.
    const failure = aloneFails(t) === undefined ? undefined : aloneFails(t);
    if (failure !== undefined) {
      unearned.push({ ...t, mutants: kills.get(t.id) });
      process.stdout.write(`FAILS ALONE (${kills.get(t.id)} kills): ${file} > ${t.name}\n${failure}\n`);
    }
  }
  process.stderr.write(`${checked} of ${kills.size} killing tests checked\n`);
}
const lost = unearned.reduce((n, t) => n + t.mutants, 0);
process.stdout.write(`${kills.size} killing tests, ${unearned.length} fail alone; the kills they account for: ${lost}\n`);
process.exitCode = unearned.length > 0 ? 1 : 0;
