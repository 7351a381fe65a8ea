// `npm run test:ui`: builds the extension, makes sure the VS Code host is installed, then runs
// test/ui/**/*.test.ts with mocha (options: mocharc.json beside this file).
//   npm run test:ui                          every UI test
//   npm run test:ui -- test/ui/hover.test.ts only these files (any mocha option works too)
//   npm run test:ui -- --no-build            skip `npm run build`
import { spawnSync } from 'node:child_process';
import { isHostInstalled, repoRoot } from '../../vscode/harness/codeServer';

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  return result.status ?? 1;
}

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const mochaArgs = args.filter((arg) => arg !== '--no-build');
let code = build ? run('npm', ['run', '--silent', 'build']) : 0;
if (code === 0 && !isHostInstalled()) code = run('bash', ['scripts/install-vscode-host.sh']);
// Files named on the command line replace the default glob (a spec in the config would add to them).
const files = mochaArgs.some((arg) => arg.endsWith('.ts')) ? [] : ['test/ui/**/*.test.ts'];
if (code === 0) code = run('npx', ['mocha', '--config', 'test/ui/harness/mocharc.json', ...files, ...mochaArgs]);
process.exit(code);
