// `npm run test:desktop`: the same extension-host suite under @vscode/test-electron, in a desktop VS Code
// this machine already has. It never downloads one: without VSCODE_EXECUTABLE_PATH it says so and fails.
//   VSCODE_EXECUTABLE_PATH=/usr/share/code/code npm run test:desktop [-- host] [-- --grep title]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleTests } from './bundle';
import { repoRoot, tutorialFolder } from './codeServer';
import { errorMessage } from '../../../src/common/result';

async function main(): Promise<number> {
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (!executable) {
    console.error(
      'test:desktop needs a desktop VS Code: set VSCODE_EXECUTABLE_PATH to its executable (nothing is downloaded).',
    );
    console.error('Without one, `npm run test:vscode` runs the same suite in code-server.');
    return 2;
  }
  if (!existsSync(executable)) {
    console.error(`VSCODE_EXECUTABLE_PATH=${executable} does not exist`);
    return 2;
  }
  const argv = process.argv.slice(2);
  const grepAt = argv.findIndex((arg) => arg === '--grep' || arg === '-g');
  const grep = grepAt >= 0 ? argv[grepAt + 1] : undefined;
  const only = argv.filter((arg, i) => arg !== '--no-build' && i !== grepAt && i !== grepAt + 1);
  if (
    !argv.includes('--no-build') &&
    spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0
  )
    return 1;
  const bundle = await bundleTests({ only, grep });

  const userDataDir = mkdtempSync(join(tmpdir(), 'autograd-lab-desktop-'));
  try {
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: bundle.entry,
      launchArgs: [
        tutorialFolder,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--user-data-dir',
        userDataDir,
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
    bundle.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`desktop extension-host tests: ${errorMessage(error)}`);
    process.exit(1);
  },
);
