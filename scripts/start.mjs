// `npm start`: puts Autograd Lab in front of a person, with the tutorial open.
// - With a desktop VS Code (`code` on PATH): code --extensionDevelopmentPath=<repo> samples/tutorial.
// - Otherwise: a real VS Code in the browser (code-server, installed into .vscode-test/ from npm on first
//   use), on 127.0.0.1 with this extension installed; prints the URL and runs until Ctrl+C.
// Env: PORT (default 8080, or a free one when 8080 is taken), AUTOGRAD_LAB_NO_DESKTOP=1 (always the browser).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tutorial = join(root, 'samples/tutorial');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

function hasDesktopCode() {
  if (process.env.AUTOGRAD_LAB_NO_DESKTOP === '1') return false;
  return spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
}

run('npm', ['run', '--silent', 'build']);

if (hasDesktopCode()) {
  console.log('Opening samples/tutorial in VS Code with Autograd Lab loaded from this folder...');
  const code = spawn('code', [`--extensionDevelopmentPath=${root}`, tutorial], { stdio: 'inherit' });
  code.on('exit', (status) => process.exit(status ?? 0));
} else {
  register(); // the harness's TypeScript, loaded as CommonJS like the tests load it
  const host = createRequire(import.meta.url)('../test/vscode/harness/codeServer.ts');
  if (!host.isHostInstalled()) run('bash', ['scripts/install-vscode-host.sh']);

  // Installed the way a user's VS Code installs it: publisher.name-version in the extensions folder,
  // here a link to this repository, so a rebuild and a window reload pick up changes.
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const extensionsDir = mkdtempSync(join(tmpdir(), 'autograd-lab-start-'));
  symlinkSync(root, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');

  const wantedPort = Number(process.env.PORT ?? 8080);
  const port = (await isFree(wantedPort)) ? wantedPort : await host.freePort();
  const server = await host.startCodeServer({ extensionsDir, port });
  let stopping = false;
  const stop = async () => {
    stopping = true;
    console.log('\nstopping code-server...');
    await server.stop();
    rmSync(extensionsDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  server.process.once('exit', (code) => {
    if (stopping) return;
    console.error(`code-server stopped (exit ${code})`);
    rmSync(extensionsDir, { recursive: true, force: true });
    process.exit(1);
  });
  console.log('\nAutograd Lab in VS Code 1.100 (code-server), with samples/tutorial open:\n');
  console.log(`  ${server.workbenchUrl(tutorial)}\n`);
  console.log('Open it in a browser. Try: select ((y_pred-y)**2).mean() in tutorial_numpy.py and hover it;');
  console.log('F1 > "Autograd Lab: Train Linear Model". Ctrl+C stops the server.');
}

async function isFree(port) {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
