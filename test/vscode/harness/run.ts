// `npm run test:vscode`: runs test/vscode/**/*.test.ts with mocha inside a real VS Code extension host
// (code-server driven by Debian's Chromium), with samples/tutorial open and this repo loaded as the
// extension under development. Exits with mocha's result; always kills what it started.
// `npm run test:web` (--web): the same in VS Code for the Web's web worker extension host, where the
// extension runs from its `browser` entry (dist/web/extension.js): test/vscode/web/ and the host-neutral tests.
//   npm run test:vscode                       every test
//   npm run test:vscode -- host hover         only files whose path contains "host" or "hover"
//   npm run test:vscode -- --grep "activates" only tests whose title matches
//   npm run test:vscode -- --no-build         skip `npm run build`
// Env: VSCODE_TEST_TIMEOUT_MS (whole run, default 300000), VSCODE_TEST_VERBOSE=1 (all host logs).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, type BrowserSession } from './browser';
import { bundleTests, bundleWebTests } from './bundle';
import { isHostInstalled, repoRoot, startCodeServer, tutorialFolder, type CodeServer } from './codeServer';
import { logPrefix } from './report';
import { createLogFilter } from './logFilter';
import { mapBundleFrames } from './sourceStacks';
import { errorMessage } from '../../../src/common/result';

interface Args {
  only: string[];
  grep?: string;
  build: boolean;
  /** The web worker extension host instead of the Node one. */
  web: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { only: [], build: true, web: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--grep' || arg === '-g') args.grep = argv[++i];
    else if (arg === '--no-build') args.build = false;
    else if (arg === '--web') args.web = true;
    else args.only.push(arg);
  }
  return args;
}

/**
 * Runs this extension in the web worker extension host: the kind "web" makes the workbench load its
 * `browser` entry there, and the test entry goes to the host its extension runs in. The payload's
 * `extensionDevelopmentKind` would say the same, but code-server 4.100.3's browser workbench ignores it
 * (its environment service names it extensionDevelopmentLocationKind; the extension placement reads
 * extensionDevelopmentKind), and the test entry then lands in the Node extension host.
 */
function webWorkerHostSettings(): Record<string, unknown> {
  const manifest = readFileSync(join(repoRoot, 'package.json'), 'utf8');
  const { publisher, name } = JSON.parse(manifest) as { publisher: string; name: string };
  return { 'remote.extensionKind': { [`${publisher}.${name}`]: ['web'] } };
}

function step(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const timeoutMs = Number(process.env.VSCODE_TEST_TIMEOUT_MS ?? 300_000);
  if (args.build) step('npm', ['run', '--silent', 'build']);
  if (!isHostInstalled()) step('bash', ['scripts/install-vscode-host.sh']);
  const bundle = await (args.web ? bundleWebTests : bundleTests)({ only: args.only, grep: args.grep });
  const { entry, files } = bundle;
  const host = args.web ? 'the web worker extension host of VS Code for the Web' : 'VS Code';
  console.log(`extension-host tests: ${files.length} file(s) in ${host} (code-server), workspace samples/tutorial`);

  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  const stopAll = async (): Promise<void> => {
    await browser?.close();
    await server?.stop();
    bundle.remove();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`\n${signal}: stopping VS Code`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);

  try {
    const verbose = process.env.VSCODE_TEST_VERBOSE === '1';
    server = await startCodeServer({
      onOutput: verbose ? (text) => process.stderr.write(text) : undefined,
      settings: args.web ? webWorkerHostSettings() : {},
    });
    browser = await openBrowser();
    const { page } = browser;
    let resolveExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (resolveExit = resolve));
    const filter = createLogFilter({
      verbose,
      prefix: logPrefix,
      onHostCrash: () => resolveExit(1),
      rewrite: args.web ? mapBundleFrames : undefined,
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => filter.write(type, args));
    page.on('pageerror', (error) => verbose && console.error(`[page] ${error.message}`));

    const url = server.workbenchUrl(tutorialFolder, [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(entry)],
    ]);
    await page.goto(url);

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolveTimeout) => {
      timer = setTimeout(() => {
        console.error(`extension-host tests: no result after ${timeoutMs} ms; stopping`);
        resolveTimeout(124);
      }, timeoutMs);
    });
    const code = await Promise.race([exitCode, timedOut]);
    clearTimeout(timer);
    const summary = filter.summary();
    if (!summary) {
      console.error(
        `extension-host tests: VS Code exited (${code}) without a mocha summary; its log:\n${filter.startupLog()}`,
      );
      return code === 0 ? 1 : code;
    }
    return summary.failed > 0 || code !== 0 ? Math.max(code, 1) : 0;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`extension-host tests: ${errorMessage(error)}`);
    process.exit(1);
  },
);
