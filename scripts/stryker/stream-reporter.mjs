// A Stryker reporter for long runs: appends each mutant's result, as it is decided, to
// reports/mutation/mutants.jsonl, so that survivors can be read (and tests written) while the
// run goes on; the JSON and HTML reports appear only at its end. One JSON object a line, appended
// across runs (the parts of `npm run mutation:chunks`): a later result for the same mutant wins.
// Each `stryker run` also writes reports/mutation/runs/<run>.json once its plan is ready: the
// tests of its dry run and the sources it read, so that the results of a run cut short (a
// session ending, a machine restarting) can be folded into the incremental report by
// scripts/stryker/salvage.mjs instead of being lost; each line names its run.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

const FILE = 'reports/mutation/mutants.jsonl';
export const RUNS_DIR = 'reports/mutation/runs';

const rel = (file) => relative(process.cwd(), file).split('\\').join('/');

class MutantStreamReporter {
  constructor() {
    mkdirSync(dirname(FILE), { recursive: true });
    this.run = new Date().toISOString().replace(/[:.]/g, '-');
    /** Test id (jest: the full name) -> its index in the run file. */
    this.testIndex = new Map();
    this.tests = [];
  }

  onDryRunCompleted({ result }) {
    // In the report's form (1-based positions), as Stryker's own report writes tests.
    this.tests = result.tests.map((t) => ({
      id: t.id,
      name: t.name,
      file: t.fileName === undefined ? '' : rel(t.fileName),
      ...(t.startPosition ? { location: { start: { line: t.startPosition.line + 1, column: t.startPosition.column + 1 } } } : {}),
    }));
    this.tests.forEach((t, i) => this.testIndex.set(t.id, i));
  }

  onMutationTestingPlanReady({ mutantPlans }) {
    const mutated = [...new Set(mutantPlans.map((p) => rel(p.mutant.fileName)))].sort();
    const testFiles = [...new Set(this.tests.map((t) => t.file).filter((f) => f !== ''))].sort();
    const read = (files) => Object.fromEntries(files.map((f) => [f, readFileSync(f, 'utf8')]));
    mkdirSync(RUNS_DIR, { recursive: true });
    writeFileSync(`${RUNS_DIR}/${this.run}.json`, JSON.stringify({ run: this.run, tests: this.tests, sources: read(mutated), testSources: read(testFiles) }));
  }

  onMutantTested(result) {
    const { id, fileName, mutatorName, replacement, location, status, statusReason, coveredBy, killedBy, testsCompleted, static: isStatic } = result;
    const file = rel(fileName);
    const index = (ids) => ids?.map((t) => this.testIndex.get(t) ?? -1);
    appendFileSync(
      FILE,
      `${JSON.stringify({
        id, file, line: location.start.line, column: location.start.column, mutatorName, replacement, status, static: isStatic, coveredBy: coveredBy?.length, killedBy,
        statusReason: status === 'Killed' ? undefined : statusReason,
        // For salvage.mjs: the whole result, tests as indices into the run file's list.
        run: this.run, location, testsCompleted, covering: index(coveredBy), killing: index(killedBy),
      })}\n`,
    );
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'mutant-stream', MutantStreamReporter)];
