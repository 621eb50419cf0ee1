/**
 * Jest for mutation testing (`npm run mutation`): the unit tests of checks/ and policies/.
 * Left out are tests that cover neither but cost minutes per dry run: CDK synth of lib/ and bin/
 * (lib/controls' catalog tests stay, the checklist reads it) and the browser renders, whose
 * HTML the report tests already check as text.
 * @type {import('jest').Config}
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/bin/',
    '<rootDir>/test/lib/(?!controls/)',
    '<rootDir>/test/scripts/',
    '\\.browser\\.test\\.ts$',
    '<rootDir>/test/checks/report/pdf\\.test\\.ts$',
  ],
};
