'use strict';
// Jest environment for `npm run mutation` only (jest.stryker.config.js). Two things make one
// mutant cost seconds instead of the whole covering suite (12 s a mutant, 14,000 mutants):
// - In the initial (dry) run it records every test file's test ids, so the sequencer can leave
//   out the files in which no test reaches the mutant (jest would load them only to skip them).
// - In a mutant run it stops at the first failing test: one failure kills the mutant, and Stryker
//   counts nothing else. The remaining tests, and the beforeAll hooks guarding them, are skipped.
// Stryker wraps this class in its own coverage environment; outside a mutation run it is not used.
const { appendFileSync } = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');
const { testIdsFile, activeMutant } = require('./test-ids.cjs');

// One jest process runs many test files in band: the bail state lives with the process, keyed by
// the mutant, so the next mutant's run starts clean.
const bail = { mutant: undefined };

function testId(test) {
  const names = [];
  for (let block = test; block.parent; block = block.parent) names.unshift(block.name);
  return names.join(' ');
}

function* testsOf(block) {
  for (const child of block.children) {
    if (child.type === 'describeBlock') yield* testsOf(child);
    else yield child;
  }
}

class MutationTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.rootDir = config.projectConfig.rootDir;
    this.testPath = context.testPath;
  }

  skipAll(state) {
    for (const test of testsOf(state.rootDescribeBlock)) test.mode = 'skip';
  }

  async handleTestEvent(event, state) {
    const mutant = activeMutant();
    const underStryker = Boolean(this.global[this.global.__strykerGlobalNamespace__ ?? '__stryker__']);
    if (!underStryker) return;
    if (event.name === 'run_start') {
      if (mutant === undefined) {
        const ids = [...testsOf(state.rootDescribeBlock)].map(testId);
        appendFileSync(testIdsFile(this.rootDir), `${JSON.stringify({ file: this.testPath, ids })}\n`);
      } else if (bail.mutant === mutant) {
        this.skipAll(state);
      }
    } else if (event.name === 'test_done' && mutant !== undefined && event.test.errors.length > 0) {
      bail.mutant = mutant;
      this.skipAll(state);
    }
  }
}

module.exports = MutationTestEnvironment;
module.exports.TestEnvironment = MutationTestEnvironment;
