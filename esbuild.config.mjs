// One esbuild config, one typed options object per entry. tsc --noEmit does the type check; esbuild only bundles.
//   node esbuild.config.mjs            build every bundle into dist/
//   node esbuild.config.mjs --watch    rebuild on change
//   node esbuild.config.mjs --dev      unminified, with source maps
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

/** @type {esbuild.BuildOptions} */
const common = { bundle: true, minify: !dev, sourcemap: dev ? 'linked' : false, logLevel: 'warning', target: 'es2022' };

/** @type {Record<string, esbuild.BuildOptions>} */
const entries = {
  // Extension host: Node, CommonJS, `vscode` provided by the host.
  extension: {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  // VS Code for the Web runs the same extension in a web worker extension host.
  extensionWeb: {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
  },
  // The panel's page: browser, one IIFE.
  webview: {
    entryPoints: ['src/webview/page/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
  },
  // The computation graph panel's page: browser, one IIFE (dagre and the SVG drawing; no engine).
  graph: {
    entryPoints: ['src/webview/graph/main.ts'],
    outfile: 'dist/graph.js',
    platform: 'browser',
    format: 'iife',
  },
  // The trainer's Web Worker: a single self-contained file, started from a Blob URL.
  worker: {
    entryPoints: ['src/webview/worker/worker.ts'],
    outfile: 'dist/worker.js',
    platform: 'browser',
    format: 'iife',
  },
  // The headless `autograd-lab` command (bin/autograd-lab.js requires it).
  cli: { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' },
};

// A missing entry file is a broken build, not a bundle to skip: stop before building anything.
const missing = Object.entries(entries).flatMap(([name, o]) =>
  o.entryPoints.filter((p) => !existsSync(p)).map((p) => `${name}: ${p}`),
);
if (missing.length > 0) {
  console.error(`build failed: entry file not found (${missing.join('; ')})`);
  process.exit(1);
}
const builds = Object.entries(entries);
if (watch) {
  for (const [, options] of builds) await (await esbuild.context({ ...common, ...options })).watch();
  console.log(`watching ${builds.map(([n]) => n).join(', ')}`);
} else {
  await Promise.all(builds.map(([, options]) => esbuild.build({ ...common, ...options })));
}
