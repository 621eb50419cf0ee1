/**
 * Jest for mutation testing (`npm run mutation`): the unit tests of checks/ and policies/.
 * Left out are tests that cover neither but cost minutes per dry run: CDK synth of lib/ and bin/
 * (lib/controls' catalog tests stay, the checklist reads it), the browser renders, whose
 * HTML the report tests already check as text, and the suites that are mostly runs of the CLI
 * as a child process (bin/coding-env.js, `--pdf` launching Chromium among them): Stryker cannot
 * see which mutants a child process reaches; and the fault matrices, whole audits per test (below).
 * @type {import('jest').Config}
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  // The shared Chromium is for the browser tests, which are not run here.
  globalSetup: undefined,
  // Per mutant: only the test files that reach it, stopping at the first failure.
  testEnvironment: require.resolve('./scripts/stryker/jest-environment.cjs'),
  testSequencer: require.resolve('./scripts/stryker/jest-sequencer.cjs'),
  // Instrumented code counts every statement it runs: the gzip-bomb and large-input fault tests
  // take several times as long as under plain jest.
  testTimeout: 300000,
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/bin/',
    '<rootDir>/test/lib/(?!controls/)',
    '<rootDir>/test/scripts/',
    '\\.browser\\.test\\.ts$',
    '<rootDir>/test/checks/report/pdf\\.test\\.ts$',
    // Child processes of bin/coding-env.js.
    '<rootDir>/test/checks/cli/(cli|review)\\.test\\.ts$',
    '<rootDir>/test/checks/faults/memory-bound\\.test\\.ts$',
    // The fault matrices: every test a whole audit (--evidence, --live, --athena, the scheduled
    // run), so they reach nearly every mutant, and each surviving mutant would run them all:
    // 50 s of the 63 s the rules' covering tests take, instrumented. The score is the unit
    // tests' own; these stay in npm test.
    '<rootDir>/test/checks/faults/fault-matrix\\.test\\.ts$',
    '<rootDir>/test/checks/cli/(live-faults|audit-athena)\\.test\\.ts$',
    '<rootDir>/test/checks/handlers/scheduled-faults\\.test\\.ts$',
  ],
};
