// What both test entries share, and run.ts reads: the config the runner hands an entry, and the run of
// mocha framed by the two lines the runner looks for in the extension host's log. No Node and no mocha
// import here: the web entry (webIndex.ts) is bundled from it for a Web Worker.

/** How mocha runs: the same in both hosts. */
export interface RunConfig {
  grep?: string;
  timeoutMs: number;
  color: boolean;
}

/** harness.json, the Node entry's config. */
export interface HarnessConfig extends RunConfig {
  /** Absolute paths of the bundled *.test.js files to run (the Node entry loads them from disk). */
  files: string[];
}

// The runner reads these lines from the extension host's log: `<prefix> start` before mocha runs and
// `<prefix> N passed, M failed` after it.
export const logPrefix = 'vscode-tests:';

/** Runs the tests loaded into `mocha`; resolves when every test passed, rejects on a failure or on none. */
export async function runAndReport(mocha: Mocha): Promise<void> {
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
