// A Stryker reporter for long runs: appends each mutant's result, as it is decided, to
// reports/mutation/mutants.jsonl, so that survivors can be read (and tests written) while the
// run goes on; the JSON and HTML reports appear only at its end. One JSON object a line, appended
// across runs (the parts of `npm run mutation:chunks`): a later result for the same mutant wins.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

const FILE = 'reports/mutation/mutants.jsonl';

class MutantStreamReporter {
  constructor() {
    mkdirSync(dirname(FILE), { recursive: true });
  }

  onMutantTested(result) {
    const { id, fileName, mutatorName, replacement, location, status, statusReason, coveredBy, killedBy, static: isStatic } = result;
    const file = fileName.replace(`${process.cwd()}/`, '');
    appendFileSync(FILE, `${JSON.stringify({ id, file, line: location.start.line, column: location.start.column, mutatorName, replacement, status, static: isStatic, coveredBy: coveredBy?.length, killedBy, statusReason: status === 'Killed' ? undefined : statusReason })}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'mutant-stream', MutantStreamReporter)];
