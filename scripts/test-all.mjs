// `npm test`: every suite in order (type check and lint, build, unit, webview, extension host, the web
// worker extension host of VS Code for the Web, UI), each
// streamed to the terminal, then one closing line CI and people can read:
//   tests: N passed, M failed
// N and M sum the mocha summaries of all suites; a suite that fails without a mocha summary (the type
// check, the build, a host that never started) counts as one failure. Exit 0 only when M is 0.
//   node scripts/test-all.mjs                 every suite
//   node scripts/test-all.mjs unit vscode     only these suites
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};

/** Each suite is an npm script; the build runs once, so the host suites skip their own. */
const suites = [
  { name: 'check', script: 'check', args: [] },
  { name: 'build', script: 'build', args: [] },
  { name: 'unit', script: 'test:unit', args: [] },
  { name: 'webview', script: 'test:webview', args: ['--no-build'] },
  { name: 'vscode', script: 'test:vscode', args: ['--no-build'] },
  { name: 'web', script: 'test:web', args: ['--no-build'] },
  { name: 'ui', script: 'test:ui', args: ['--no-build'] },
];

// eslint-disable-next-line no-control-regex -- the escape character is what colour codes start with
const ansi = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Sums mocha's "N passing", "N failing" and "N pending" lines. */
function mochaCounts(output) {
  const text = output.replace(ansi, '');
  const sum = (word) =>
    [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((total, m) => total + Number(m[1]), 0);
  return { passed: sum('passing'), failed: sum('failing'), pending: sum('pending') };
}

function runSuite(suite) {
  return new Promise((resolve) => {
    const args = ['run', '--silent', suite.script, ...(suite.args.length ? ['--', ...suite.args] : [])];
    const env = { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) };
    const child = spawn('npm', args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !suites.some((s) => s.name === name));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; suites: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const results = [];
for (const suite of suites.filter((s) => !wanted.length || wanted.includes(s.name))) {
  console.log(`\n=== ${suite.name} (npm run ${suite.script}) ===`);
  const started = Date.now();
  let counts;
  if (!scripts[suite.script]) {
    console.error(`no npm script "${suite.script}"`);
    counts = { passed: 0, failed: 1, pending: 0 };
  } else {
    const { code, output } = await runSuite(suite);
    counts = mochaCounts(output);
    if (code !== 0 && counts.failed === 0) counts.failed = 1; // failed before or outside mocha
    // A skipped test is not a passing one: each pending test counts as a failure.
    counts.failed += counts.pending;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name: suite.name, ...counts, seconds });
}

console.log('\n=== summary ===');
for (const r of results) {
  const pending = r.pending ? `, ${r.pending} pending` : '';
  console.log(
    `${r.name.padEnd(8)} ${r.failed ? 'FAIL' : 'ok  '}  ${r.passed} passed, ${r.failed} failed${pending}  (${r.seconds} s)`,
  );
}
const passed = results.reduce((t, r) => t + r.passed, 0);
const failed = results.reduce((t, r) => t + r.failed, 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
