#!/usr/bin/env node
// The `autograd-lab` command: a thin launcher for the bundled CLI (`npm run build` makes dist/cli.js).
'use strict';
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('autograd-lab: dist/cli.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
require(bundle)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`autograd-lab: ${err && err.message ? err.message : err}\n`);
      process.exitCode = 1;
    },
  );
