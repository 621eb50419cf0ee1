'use strict';
// Jest test sequencer for `npm run mutation` only. In a mutant run Stryker names the tests that
// reach the mutant (as jest's testNamePattern) but jest would still load every related test
// file to find them. This keeps only the files holding one of those tests, by the ids the
// environment recorded in the initial run, fastest first so that a killing test comes early.
// It fails open: a file it has no ids for is kept, and it never hands jest an empty list.
const { existsSync, readFileSync, statSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;
const { testIdsFile, activeMutant } = require('./test-ids.cjs');

class MutationTestSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.globalConfig = options.globalConfig;
    this.idsByFile = undefined;
  }

  ids(rootDir) {
    if (this.idsByFile === undefined) {
      const file = testIdsFile(rootDir);
      this.idsByFile = new Map();
      if (existsSync(file)) {
        for (const line of readFileSync(file, 'utf8').split('\n')) {
          if (line === '') continue;
          const { file: testFile, ids } = JSON.parse(line);
          this.idsByFile.set(testFile, ids);
        }
      }
    }
    return this.idsByFile;
  }

  async sort(tests) {
    const pattern = this.globalConfig.testNamePattern;
    if (!pattern || activeMutant() === undefined || tests.length === 0) return super.sort(tests);
    const wanted = new RegExp(pattern, 'i');
    const ids = this.ids(tests[0].context.config.rootDir);
    const kept = tests.filter((test) => {
      const fileIds = ids.get(test.path);
      return fileIds === undefined || fileIds.some((id) => wanted.test(id));
    });
    if (kept.length === 0) return super.sort(tests);
    const cost = (test) => {
      const cached = this._getCache(test)[test.path];
      return cached && cached[1] ? cached[1] : statSync(test.path).size;
    };
    return kept.sort((a, b) => cost(a) - cost(b) || (a.path < b.path ? -1 : 1));
  }
}

module.exports = MutationTestSequencer;
