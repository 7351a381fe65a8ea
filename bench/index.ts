// `npm run bench [-- --json]`: runs each benchmark in its own process so one cannot warm up or slow down another.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const benches = ['linreg.ts', 'derive.ts'].map((f) => path.join(__dirname, f)).filter((f) => existsSync(f));
let failed = 0;
for (const file of benches) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
