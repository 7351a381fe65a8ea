// The extension-host test entry (`extensionTestsPath`): VS Code loads this bundle inside its real
// extension host and awaits run(). It runs mocha over the bundled test files the runner listed in
// harness.json beside it; resolving means every test passed, rejecting means one failed.
// Used unchanged by code-server (test/vscode/harness/run.ts) and by @vscode/test-electron (desktop.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { useSourceStacks } from './sourceStacks';

export interface HarnessConfig {
  /** Absolute paths of the bundled *.test.js files to run. */
  files: string[];
  grep?: string;
  timeoutMs: number;
  color: boolean;
}

// The runner reads these lines from the extension host's log: `<prefix> start` before mocha runs and
// `<prefix> N passed, M failed` after it.
export const logPrefix = 'vscode-tests:';

export async function run(): Promise<void> {
  const configPath = join(__dirname, 'harness.json');
  if (!existsSync(configPath)) throw new Error(`missing ${configPath}: run the tests through npm run test:vscode`);
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as HarnessConfig;

  useSourceStacks();
  // A skipped or .only test would pass silently: forbid both.
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: config.color,
    timeout: config.timeoutMs,
    forbidOnly: true,
    forbidPending: true,
  });
  if (config.grep) mocha.grep(config.grep);
  for (const file of config.files) mocha.addFile(file);

  console.log(`${logPrefix} start`);
  const result = await new Promise<{ passed: number; failed: number }>((done, fail) => {
    try {
      const runner = mocha.run(() => done({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
    } catch (error) {
      fail(error);
    }
  });
  console.log(`${logPrefix} ${result.passed} passed, ${result.failed} failed`);
  if (result.failed > 0) throw new Error(`${result.failed} extension-host test(s) failed`);
  if (result.passed === 0) throw new Error('no extension-host test ran');
}
