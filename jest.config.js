/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  // CDK synth in tests is CPU-heavy; two workers match the CI machine.
  maxWorkers: 2,
  testTimeout: 60000,
};
