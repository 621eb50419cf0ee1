'use strict';
// Stryker's buildCommand, run once in its sandbox before the tests: gives the sandbox a
// node_modules link when Stryker made none. Stryker links node_modules only when it is a real
// directory, so in a worktree whose node_modules is itself a symlink the sandbox has none; module
// resolution still finds the parent's, but code reading a package by path (lib/chromium-layer.ts
// reads node_modules/@sparticuz/chromium/package.json) does not.
const { existsSync, symlinkSync } = require('node:fs');
const { dirname } = require('node:path');

if (!existsSync('node_modules')) {
  symlinkSync(dirname(dirname(require.resolve('jest/package.json'))), 'node_modules', 'dir');
}
