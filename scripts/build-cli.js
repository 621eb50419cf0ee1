#!/usr/bin/env node
'use strict';
// Compiles the audit CLI to one CommonJS file (dist/coding-env.cjs) with the local esbuild, so
// `coding-env` runs as JavaScript, with no TypeScript transpiling at run time. Dependencies stay
// in node_modules (`packages: external`): only our own TypeScript is bundled. The metafile lists
// every source the bundle holds, so bin/coding-env.js can tell a stale bundle and fall back.
// Run by `npm ci` / `npm install` (the `prepare` script) and by `npm run build:cli`.
const { buildSync } = require('esbuild');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const outfile = join(root, 'dist', 'coding-env.cjs');
mkdirSync(join(root, 'dist'), { recursive: true });
const result = buildSync({
  entryPoints: [join(root, 'checks', 'cli', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const sources = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules'));
writeFileSync(join(root, 'dist', 'coding-env.sources.json'), `${JSON.stringify(sources)}\n`);
process.stderr.write(`built ${outfile} from ${sources.length} sources\n`);
