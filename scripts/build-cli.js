#!/usr/bin/env node
'use strict';
// Compiles the audit CLI to one CommonJS file (dist/coding-env.cjs) with the local esbuild, so
// `coding-env` runs as JavaScript, with no TypeScript transpiling at run time. Dependencies stay
// in node_modules (`packages: external`): only our own TypeScript is bundled. The metafile lists
// every source the bundle holds, so bin/coding-env.js can tell a stale bundle and fall back.
// The CloudTrail parsing worker is a second bundle beside it (dist/cloudtrail-worker.cjs).
// Run by `npm ci` / `npm install` (the `prepare` script) and by `npm run build:cli`.
const { buildSync } = require('esbuild');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const outfile = join(root, 'dist', 'coding-env.cjs');
mkdirSync(join(root, 'dist'), { recursive: true });
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', sourcemap: 'linked', metafile: true, logLevel: 'warning' };
const result = buildSync({ ...common, entryPoints: [join(root, 'checks', 'cli', 'main.ts')], outfile });
// The CloudTrail parsing worker (checks/evidence/parse-pool.ts looks for it beside the CLI).
const worker = buildSync({ ...common, entryPoints: [join(root, 'checks', 'evidence', 'parse-worker.ts')], outfile: join(root, 'dist', 'cloudtrail-worker.cjs') });
const sources = [...new Set([...Object.keys(result.metafile.inputs), ...Object.keys(worker.metafile.inputs)])].filter((p) => !p.includes('node_modules'));
writeFileSync(join(root, 'dist', 'coding-env.sources.json'), `${JSON.stringify(sources)}\n`);
process.stderr.write(`built ${outfile} from ${sources.length} sources\n`);
