/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The browser tests share one unpacked Chromium from @sparticuz/chromium.
  globalSetup: '<rootDir>/test/global-setup.ts',
  // tsconfig's isolatedModules makes ts-jest transpile only; tsc --noEmit type-checks separately.
  transform: { '^.+\\.ts$': 'ts-jest' },
  // CDK synth in tests is CPU-heavy; two workers match the CI machine.
  maxWorkers: 2,
  testTimeout: 60000,
};
