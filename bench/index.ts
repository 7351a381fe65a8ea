// `npm run bench [-- --json]`: runs each benchmark in its own process so one cannot warm up or slow down another.
// The derive bench runs on code bundled as the extension ships it (esbuild, minified, ES2022): through tsx,
// every function also pays for tsx's transform (name-keeping wrappers), which cost the long expression
// about a third of its time. linreg and models stay on tsx: tfjs's wasm backend finds its .wasm files from
// node_modules, and its time is in typed-array loops the transform does not touch.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);

function bundled(file: string): string {
  const outfile = path.join(root, 'out', 'bench', path.basename(file, '.ts') + '.js');
  buildSync({
    entryPoints: [file],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  return outfile;
}

const benches: { file: string; bundle: boolean }[] = [
  { file: 'linreg.ts', bundle: false },
  { file: 'models.ts', bundle: false },
  { file: 'derive.ts', bundle: true },
];
let failed = 0;
for (const bench of benches) {
  const file = path.join(__dirname, bench.file);
  if (!existsSync(file)) continue;
  const command = bench.bundle
    ? ['--expose-gc', bundled(file), ...args]
    : ['--import', 'tsx', '--expose-gc', file, ...args];
  const run = spawnSync(process.execPath, command, { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
