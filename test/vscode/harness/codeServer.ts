// Starts and stops a real VS Code (code-server 4.100, VS Code 1.100) installed by
// scripts/install-vscode-host.sh. Shared by the extension-host runner, the UI harness and `npm start`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
export const tutorialFolder = join(repoRoot, 'samples/tutorial');
export const codeServerEntry = join(repoRoot, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');

/** User settings for every run: no trust dialog, no first-run noise, nothing phoning home. */
const quietSettings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
};

export interface CodeServerOptions {
  /** Extra user settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Extensions folder; a fresh empty one when omitted. */
  extensionsDir?: string;
  /** Fixed port; a free one when omitted. */
  port?: number;
  /** Where code-server's own output goes; ignored when omitted. */
  onOutput?: (text: string) => void;
  /** How long to wait for the server to answer, in ms. */
  startTimeoutMs?: number;
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly process: ChildProcess;
  /** The workbench URL for a folder, with an optional `payload` (extension-host test options). */
  workbenchUrl(folder: string, payload?: Array<[string, string]>): string;
  /** A `vscode-remote://` URI for a path on this machine, as the payload expects. */
  remoteUri(path: string): string;
  /** Kills code-server and every process it started, and removes its temporary folders. */
  stop(): Promise<void>;
}

export function isHostInstalled(): boolean {
  return existsSync(codeServerEntry) && existsSync(join(repoRoot, '.vscode-test/code-server/.installed'));
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

// Every server started by this process, so an exit by error or signal still kills them.
const running = new Set<ChildProcess>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // negative pid: code-server and its extension host, pty host, watcher
  } catch {
    // already gone
  }
}
process.on('exit', () => running.forEach((child) => killGroup(child, 'SIGKILL')));

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!isHostInstalled()) {
    throw new Error(
      'code-server is not installed: run scripts/install-vscode-host.sh (about 4 minutes, npm registry only)',
    );
  }
  const scratch = mkdtempSync(join(tmpdir(), 'autograd-lab-vscode-'));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(scratch, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User/settings.json'),
    JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
  );

  const port = options.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [
      codeServerEntry,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
    ],
    {
      // EXTENSIONS_GALLERY={}: no marketplace, so the workbench never reaches for the network.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EXTENSIONS_GALLERY: '{}' },
    },
  );
  running.add(child);
  const output: string[] = [];
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString();
    output.push(text);
    options.onOutput?.(text);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const origin = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const exited = new Promise<void>((done) =>
      child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done()),
    );
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    killGroup(child, 'SIGKILL'); // children that ignored SIGTERM
    running.delete(child);
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    await waitForHealth(origin, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${output.join('')}`);
  }

  const remoteUri = (path: string): string => `vscode-remote://127.0.0.1:${port}${path}`;
  return {
    port,
    origin,
    userDataDir,
    extensionsDir,
    process: child,
    remoteUri,
    stop,
    workbenchUrl(folder, payload) {
      const query = new URLSearchParams({ folder });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${origin}/?${query.toString()}`;
    },
  };
}

async function waitForHealth(origin: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }
  throw new Error(`code-server did not answer at ${origin} within ${timeoutMs} ms`);
}
