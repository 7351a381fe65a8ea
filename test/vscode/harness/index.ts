// The extension-host test entry (`extensionTestsPath`): VS Code loads this bundle inside its real
// extension host and awaits run(). It runs mocha over the bundled test files the runner listed in
// harness.json beside it; resolving means every test passed, rejecting means one failed.
// Used unchanged by code-server (test/vscode/harness/run.ts) and by @vscode/test-electron (desktop.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { runAndReport, type HarnessConfig } from './report';
import { useSourceStacks } from './sourceStacks';

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

  await runAndReport(mocha);
}
