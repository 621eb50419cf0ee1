#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (dist/coding-env.cjs, built by `npm ci` through the `prepare` script, or
// `npm run build:cli`) when it is at least as new as every source it was built from; otherwise,
// e.g. while editing the TypeScript, tsx compiles the sources on the fly.
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

function compiled() {
  const root = join(__dirname, '..');
  const bundle = join(root, 'dist', 'coding-env.cjs');
  try {
    const built = statSync(bundle).mtimeMs;
    const sources = JSON.parse(readFileSync(join(root, 'dist', 'coding-env.sources.json'), 'utf8'));
    for (const source of sources) if (statSync(join(root, source)).mtimeMs > built) return undefined;
    return bundle;
  } catch {
    return undefined;
  }
}

const bundle = compiled();
if (bundle === undefined) require('tsx/cjs');
const { main } = require(bundle ?? '../checks/cli/main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
