// Bundles the tests into out/test/vscode (git-ignored), with `vscode` left to the extension host.
// Node host (bundleTests): the mocha entry and each test/vscode/**/*.test.ts (but web/) as its own file,
// mocha loaded from the repo's node_modules. Web worker host (bundleWebTests): one browser file holding
// the web entry, mocha's browser build, the config and the tests of web/ plus the host-neutral ones.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './codeServer';
import type { HarnessConfig, RunConfig } from './report';

export const testsDir = join(repoRoot, 'test/vscode');
/** Bundles of all runs; each run has its own folder, so two runs at once never overwrite each other. */
export const bundlesRoot = join(repoRoot, 'out/test/vscode');

/** The Node host's tests: every *.test.ts under test/vscode but web/, whose tests assert the web worker host. */
export function findTests(dir = testsDir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return ['node_modules', 'web'].includes(entry.name) ? [] : findTests(path);
      return entry.name.endsWith('.test.ts') ? [path] : [];
    })
    .sort();
}

export interface BundleOptions {
  /** Only test files whose path (relative to test/vscode) contains one of these strings. */
  only?: string[];
  grep?: string;
  timeoutMs?: number;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes the bundle folders of runs whose process is gone. */
function removeStaleBundles(): void {
  if (!existsSync(bundlesRoot)) return;
  for (const entry of readdirSync(bundlesRoot)) {
    const pid = /^run-(\d+)$/.exec(entry)?.[1];
    if (pid === undefined || !isRunning(Number(pid)))
      rmSync(join(bundlesRoot, entry), { recursive: true, force: true });
  }
}

export interface Bundle {
  /** The mocha entry to pass as extensionTestsPath. */
  entry: string;
  files: string[];
  /** Deletes this run's bundles. */
  remove(): void;
}

function selectTests(tests: string[], only: string[] | undefined): string[] {
  const selected = tests.filter(
    (file) => !only?.length || only.some((part) => relative(testsDir, file).includes(part)),
  );
  if (selected.length === 0) throw new Error(`no extension-host test file matches ${only?.join(', ') ?? ''}`);
  return selected;
}

/** This run's empty bundle folder, out/test/vscode/run-<pid> (stale folders of finished runs removed). */
function freshBundleDir(): string {
  removeStaleBundles();
  const bundleDir = join(bundlesRoot, `run-${process.pid}`);
  rmSync(bundleDir, { recursive: true, force: true });
  return bundleDir;
}

function runConfig(options: BundleOptions): RunConfig {
  const config: RunConfig = { timeoutMs: options.timeoutMs ?? 20_000, color: Boolean(process.stdout.isTTY) };
  if (options.grep) config.grep = options.grep;
  return config;
}

/** Bundles entry and tests into out/test/vscode/run-<pid>, writes harness.json beside the entry. */
export async function bundleTests(options: BundleOptions = {}): Promise<Bundle> {
  const tests = selectTests(findTests(), options.only);
  const bundleDir = freshBundleDir();
  await esbuild.build({
    entryPoints: [join(testsDir, 'harness/index.ts'), ...tests],
    outbase: testsDir,
    outdir: bundleDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const files = tests.map((file) => join(bundleDir, relative(testsDir, file)).replace(/\.ts$/, '.js'));
  writeFileSync(
    join(bundleDir, 'harness/harness.json'),
    JSON.stringify({ ...runConfig(options), files } satisfies HarnessConfig, null, 2),
  );
  return {
    entry: join(bundleDir, 'harness/index.js'),
    files,
    remove: () => rmSync(bundleDir, { recursive: true, force: true }),
  };
}

/**
 * The test/vscode files that run unchanged in the web worker host too: they use only `vscode`, the
 * shared helpers and node:assert (mapped to webAssert.ts). host.test.ts reads files with node:fs, so it
 * stays Node-only; hover.test.ts also runs there (44 tests passed together) but doubles the run's time,
 * and web/ hovers the tutorial and micrograd itself.
 */
export const hostNeutralTests = [
  'extension.test.ts',
  'gradientCheck.test.ts',
  'commands.test.ts',
  'trainer.test.ts',
  'notebook.test.ts',
].map((name) => join(testsDir, name));

/** The web worker host's tests: test/vscode/web/*.test.ts, then the host-neutral ones. */
export function findWebTests(): string[] {
  return [...findTests(join(testsDir, 'web')), ...hostNeutralTests];
}

/** `node:assert` and `node:assert/strict` become webAssert.ts; any other Node module fails the build. */
const browserAssert: esbuild.Plugin = {
  name: 'browser-assert',
  setup(build) {
    build.onResolve({ filter: /^(node:)?assert(\/strict)?$/ }, () => ({
      path: join(testsDir, 'harness/webAssert.ts'),
    }));
  },
};

/**
 * One browser bundle for the web worker extension host, which loads a single CommonJS file and knows no
 * `require` but vscode's: the web entry, the config, and each test as a lazily evaluated module, so that
 * mocha's describe/it exist before a test file runs.
 */
export async function bundleWebTests(options: BundleOptions = {}): Promise<Bundle> {
  const tests = selectTests(findWebTests(), options.only);
  const bundleDir = freshBundleDir();
  const entry = join(bundleDir, 'web/index.js');
  const config = runConfig(options);
  const loaders = tests.map((file) => {
    const path = relative(testsDir, file);
    return `{ path: ${JSON.stringify(path)}, load: () => require(${JSON.stringify(`./${path}`)}) }`;
  });
  await esbuild.build({
    stdin: {
      contents: [
        "import { runWebTests } from './harness/webIndex';",
        `export const run = () => runWebTests(${JSON.stringify(config)}, [\n  ${loaders.join(',\n  ')},\n]);`,
      ].join('\n'),
      resolveDir: testsDir,
      sourcefile: 'web-entry.ts',
      loader: 'ts',
    },
    outfile: entry,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    external: ['vscode'],
    plugins: [browserAssert],
    logLevel: 'warning',
  });
  return { entry, files: tests, remove: () => rmSync(bundleDir, { recursive: true, force: true }) };
}
