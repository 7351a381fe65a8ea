// `npm run test:webview`: builds the bundles, then runs test/webview/**/*.test.ts with mocha (the panel
// in headless Chromium against dist/).
//   npm run test:webview                          build, then every webview test
//   npm run test:webview -- --no-build            skip `npm run build` (dist/ is already fresh, as in npm test)
//   npm run test:webview -- --grep "landscape"    any mocha option works too
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

function run(command: string, args: string[]): number {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
}

const args = process.argv.slice(2);
const mochaArgs = args.filter((arg) => arg !== '--no-build');
let code = args.includes('--no-build') ? 0 : run('npm', ['run', '--silent', 'build']);
// Files named on the command line replace the default glob.
const files = mochaArgs.some((arg) => arg.endsWith('.ts')) ? [] : ['test/webview/**/*.test.ts'];
if (code === 0) {
  code = run('npx', [
    'mocha',
    '--no-config',
    '--require',
    'tsx/cjs',
    '--extension',
    'ts',
    '--timeout',
    '120000',
    '--reporter',
    'spec',
    '--forbid-only',
    '--forbid-pending',
    ...files,
    ...mochaArgs,
  ]);
}
process.exit(code);
