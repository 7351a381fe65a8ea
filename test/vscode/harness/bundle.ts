// Bundles the mocha entry and every test/vscode/**/*.test.ts into out/test/vscode (git-ignored),
// with `vscode` left to the extension host and mocha loaded from the repo's node_modules.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './codeServer';
import type { HarnessConfig } from '.';

export const testsDir = join(repoRoot, 'test/vscode');
/** Bundles of all runs; each run has its own folder, so two runs at once never overwrite each other. */
export const bundlesRoot = join(repoRoot, 'out/test/vscode');

export function findTests(dir = testsDir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
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

/** Bundles entry and tests into out/test/vscode/run-<pid>, writes harness.json beside the entry. */
export async function bundleTests(options: BundleOptions = {}): Promise<Bundle> {
  const tests = findTests().filter(
    (file) => !options.only?.length || options.only.some((part) => relative(testsDir, file).includes(part)),
  );
  if (tests.length === 0) throw new Error(`no test/vscode/**/*.test.ts matches ${options.only?.join(', ') ?? ''}`);
  removeStaleBundles();
  const bundleDir = join(bundlesRoot, `run-${process.pid}`);
  rmSync(bundleDir, { recursive: true, force: true });
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
  const config: HarnessConfig = { files, timeoutMs: options.timeoutMs ?? 20_000, color: Boolean(process.stdout.isTTY) };
  if (options.grep) config.grep = options.grep;
  writeFileSync(join(bundleDir, 'harness/harness.json'), JSON.stringify(config, null, 2));
  return {
    entry: join(bundleDir, 'harness/index.js'),
    files,
    remove: () => rmSync(bundleDir, { recursive: true, force: true }),
  };
}
