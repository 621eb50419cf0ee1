// The pure part of salvage.mjs: folds the results of one mutation run (its run file and its
// mutants.jsonl lines, written by stream-reporter.mjs) into an incremental report
// (mutation-testing-report-schema, as Stryker writes reports/mutation/stryker-incremental.json).
// Stryker's incremental differ then judges the salvaged results as it judges its own: a mutant is
// reused only where its code is unchanged and, if killed, its killing test is unchanged; if not
// killed, no covering test was added. So a salvaged result is never trusted beyond what Stryker
// would trust of a run that ended.

/** Stryker's identity of a mutant (incremental-differ.js): place, mutator, replacement. */
const mutantKey = (m) => `${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}\n${m.mutatorName}: ${m.replacement}`;
/** And of a test: file, start, name. */
const testKey = (file, t) => `${file}@${t.location?.start.line ?? 0}:${t.location?.start.column ?? 0}\n${t.name}`;

/** A timeout of the wall clock, which a paused or loaded machine can cause; not of the hit counter. */
const clockTimeout = (status, reason) => status === 'Timeout' && !/^Hit limit reached/.test(reason ?? '');

const language = (file) => (/\.tsx?$/.test(file) ? 'typescript' : /\.(html|vue)$/.test(file) ? 'html' : 'javascript');

/**
 * @param {object} report the incremental report (not changed; a new one is returned)
 * @param {{ run: string, tests: {id: string, name: string, file: string, location?: object}[], sources: Record<string, string>, testSources: Record<string, string> }} run
 * @param {object[]} lines the run's mutants.jsonl lines, in order (a later line for a mutant wins)
 * @param {{ dropTimeouts?: boolean }} options dropTimeouts: leave out every `Timeout` of the clock (salvaged or already in the report), so the next run tests them again: a run paused with SIGSTOP times mutants out that cannot loop. Timeouts of Stryker's hit limit (a count of statements run, not time) stay.
 */
function salvage(report, run, lines, options = {}) {
  const out = structuredClone(report);
  out.files ??= {};
  out.testFiles ??= {};
  out.schemaVersion ??= '1.0';
  const stats = { salvaged: 0, byStatus: {}, skipped: 0, droppedTimeouts: 0, replacedFiles: [] };

  const numericIds = (ids) => ids.map(Number).filter(Number.isInteger);
  let nextTestId = Math.max(-1, ...numericIds(Object.values(out.testFiles).flatMap((f) => f.tests.map((t) => t.id)))) + 1;
  let nextMutantId = Math.max(-1, ...numericIds(Object.values(out.files).flatMap((f) => f.mutants.map((m) => m.id)))) + 1;

  // The run's test files as the run read them; the tests already there keep their ids.
  for (const [file, source] of Object.entries(run.testSources)) {
    const entry = out.testFiles[file];
    if (entry === undefined) out.testFiles[file] = { source, tests: [] };
    // Stryker's own report does the same: the test file as last run, its earlier tests kept
    // (they are matched to current tests by file, start and name, or count as removed).
    else entry.source = source;
  }
  const reportId = run.tests.map((t) => {
    const file = t.file;
    out.testFiles[file] ??= { tests: [] };
    const key = testKey(file, t);
    const found = out.testFiles[file].tests.find((x) => testKey(file, x) === key);
    if (found !== undefined) return found.id;
    const id = String(nextTestId++);
    out.testFiles[file].tests.push({ id, name: t.name, ...(t.location ? { location: t.location } : {}) });
    return id;
  });

  const latest = new Map();
  for (const line of lines) {
    if (line.run !== run.run || line.location === undefined) continue;
    latest.set(`${line.file}\n${mutantKey(line)}`, line);
  }
  for (const line of latest.values()) {
    const unknownTest = [...(line.covering ?? []), ...(line.killing ?? [])].some((i) => i < 0 || i >= reportId.length);
    const source = run.sources[line.file];
    if (line.status === 'Pending' || unknownTest || source === undefined) {
      stats.skipped += 1;
      continue;
    }
    if (options.dropTimeouts && clockTimeout(line.status, line.statusReason)) {
      stats.droppedTimeouts += 1;
      continue;
    }
    let entry = out.files[line.file];
    if (entry === undefined || entry.source !== source) {
      // The file changed since the report's results for it: those are dropped, not moved.
      if (entry !== undefined) stats.replacedFiles.push(line.file);
      entry = out.files[line.file] = { language: language(line.file), source, mutants: [] };
    }
    const key = mutantKey(line);
    const mutant = {
      id: String(nextMutantId++),
      mutatorName: line.mutatorName,
      replacement: line.replacement,
      location: line.location,
      status: line.status,
      ...(line.statusReason !== undefined ? { statusReason: line.statusReason } : {}),
      ...(line.static !== undefined ? { static: line.static } : {}),
      ...(line.testsCompleted !== undefined ? { testsCompleted: line.testsCompleted } : {}),
      ...(line.covering !== undefined ? { coveredBy: line.covering.map((i) => reportId[i]) } : {}),
      ...(line.killing !== undefined ? { killedBy: line.killing.map((i) => reportId[i]) } : {}),
    };
    const at = entry.mutants.findIndex((m) => mutantKey(m) === key);
    if (at >= 0) entry.mutants[at] = mutant;
    else entry.mutants.push(mutant);
    stats.salvaged += 1;
    stats.byStatus[line.status] = (stats.byStatus[line.status] ?? 0) + 1;
  }
  if (options.dropTimeouts) {
    for (const entry of Object.values(out.files)) {
      const before = entry.mutants.length;
      entry.mutants = entry.mutants.filter((m) => !clockTimeout(m.status, m.statusReason));
      stats.droppedTimeouts += before - entry.mutants.length;
    }
  }
  return { report: out, stats };
}

module.exports = { salvage, mutantKey, testKey };
