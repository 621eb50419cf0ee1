#!/usr/bin/env node
'use strict';
// The audit CLI is TypeScript; tsx compiles it on the fly so no build step is needed.
require('tsx/cjs');
const { main } = require('../checks/cli/main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
