'use strict';
// Shared by the mutation-run jest environment and sequencer: where the dry run's test ids are
// kept (in Stryker's sandbox, which is thrown away after the run) and which mutant is active.
const { join } = require('node:path');

/** The JSON Lines file of `{ file, ids }`, one line per test file of the initial run. */
function testIdsFile(rootDir) {
  return join(rootDir, '.stryker-test-ids.jsonl');
}

/** Stryker's active mutant in this process, or undefined in the initial run. */
function activeMutant() {
  return process.env.__STRYKER_ACTIVE_MUTANT__;
}

module.exports = { testIdsFile, activeMutant };
