// Mutation testing of the audit and the gate packs: `npm run mutation` (not part of `npm test`;
// it runs the covering tests once per mutant, so schedule it). One file:
//   npm run mutation -- --mutate checks/collect/paginate.ts
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // The unit tests of checks/ and policies/, without CDK synth of lib/ and the browser renders.
  jest: { configFile: 'jest.stryker.config.js' },
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  mutate: ['checks/**/*.ts', 'policies/**/*.ts'],
  // docs/ stays: tests compare docs/controls.md with the control table.
  ignorePatterns: ['cdk.out', 'out', 'coverage', 'reports', '*.actual.png'],
  buildCommand: 'node scripts/stryker/sandbox.js',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // The CI machine's two cores; override with --concurrency.
  concurrency: 2,
  // Static mutants (module-level code: zod schemas, regex and table constants) are reached by
  // no test in particular, so each would run the whole suite (about 20 minutes here); about 13%
  // of the mutants are static. They are reported as Ignored, outside the score.
  ignoreStatic: true,
  // A mutant's budget is its covering tests' time x 2 + 20 s; endless loops are caught sooner by
  // Stryker's hit limit. A timeout counts as detected, so the budget is generous: on a loaded
  // machine a tighter one timed out mutants that cannot loop.
  timeoutMS: 20000,
  // The initial run is the whole suite in one process, instrumented: about 20 minutes here.
  dryRunTimeoutMinutes: 60,
  timeoutFactor: 2,
  // Results are kept in reports/stryker-incremental.json: a second run re-tests only the mutants
  // whose code or covering tests changed.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  // mutant-stream: each result as it is decided (reports/mutation/mutants.jsonl), for long runs.
  plugins: ['@stryker-mutator/*', './scripts/stryker/stream-reporter.mjs'],
  reporters: ['clear-text', 'progress', 'html', 'json', 'mutant-stream'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The bar: 85% is the floor; below it the run says so (it does not fail the build).
  thresholds: { high: 90, low: 85, break: null },
};
