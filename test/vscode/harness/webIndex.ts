// The extension-host test entry for VS Code for the Web (`npm run test:web`): VS Code loads this bundle
// in its web worker extension host, where there is no Node and no file system, and awaits run(). The
// runner bundles it with the test files, the config and mocha's browser build into one file (see
// bundleWebTests in bundle.ts); run() loads each test file into mocha, runs them and resolves only when
// every test passed. It prints the same start and summary lines as index.ts, so run.ts reads both alike.
import 'mocha/mocha.js'; // mocha's browser build: it defines the global `mocha` and runs in a Web Worker
import { runAndReport, type RunConfig } from './report';

/** A bundled test file: its path for mocha's report, and a function that evaluates it. */
export interface WebTestFile {
  path: string;
  load(): void;
}

/**
 * Where this code runs: the web worker extension host is a dedicated Web Worker without Node. A run in
 * any other host is refused before a test runs, so the web suite cannot silently pass in Node.
 */
export function isWebWorkerHost(): boolean {
  const scope = globalThis as { WorkerGlobalScope?: new () => unknown; process?: { versions?: { node?: string } } };
  return (
    typeof scope.WorkerGlobalScope === 'function' &&
    globalThis instanceof scope.WorkerGlobalScope &&
    scope.process?.versions?.node === undefined
  );
}

export async function runWebTests(config: RunConfig, files: WebTestFile[]): Promise<void> {
  if (!isWebWorkerHost()) throw new Error('the web test entry runs only in the web worker extension host');
  // A skipped or .only test would pass silently: forbid both.
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: config.color, timeout: config.timeoutMs });
  mocha.forbidOnly();
  mocha.forbidPending();
  if (config.grep) mocha.grep(config.grep);
  for (const file of files) {
    // What mocha.addFile + loadFiles do in Node: describe/it become globals bound to this file.
    mocha.suite.emit('pre-require', globalThis, file.path, mocha);
    file.load();
    mocha.suite.emit('require', undefined, file.path, mocha);
    mocha.suite.emit('post-require', globalThis, file.path, mocha);
  }

  await runAndReport(mocha);
}
