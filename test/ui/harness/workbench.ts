// A real VS Code for a UI test: code-server with this extension installed, the workbench open in
// Debian's Chromium on a folder (samples/tutorial by default), and the page handed to the test.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from '../../vscode/harness/browser';
import { repoRoot, startCodeServer, tutorialFolder, type CodeServer } from '../../vscode/harness/codeServer';
import * as actions from './actions';

export interface WorkbenchOptions {
  /** The folder to open; samples/tutorial when omitted. */
  folder?: string;
  /**
   * How the extension is loaded: 'installed' (default) links the repository into the extensions folder,
   * as a user's install would be; 'development' passes it as extensionDevelopmentPath, like F5.
   */
  extension?: 'installed' | 'development' | 'none';
  /** User settings over the harness's quiet defaults. */
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  version: string;
  main?: string;
};

export class Workbench {
  /** Lines the page logged (console errors and page errors), for a failing test to print. */
  readonly pageErrors: string[] = [];

  constructor(
    readonly page: Page,
    readonly server: CodeServer,
    private readonly browser: BrowserSession,
    private readonly scratch: string,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && this.pageErrors.push(message.text()));
  }

  /** Clicks the file in the explorer (folders on the way are expanded) and waits for its editor. */
  openFile(relativePath: string): Promise<void> {
    return actions.openFile(this.page, relativePath);
  }
  /** Selects `text` in the active editor by click and shift+click; `occurrence` picks among repeats (0-based). */
  selectText(text: string, occurrence = 0, length?: number): Promise<void> {
    return actions.selectText(this.page, text, occurrence, length);
  }
  /** Clicks inside `text` in the active editor: the caret is there, nothing is selected. */
  placeCursor(text: string, occurrence = 0): Promise<void> {
    return actions.placeCursor(this.page, text, occurrence);
  }
  /** Moves the mouse over `text` in the active editor and returns the hover's text ('' when none appears). */
  hover(text: string, options?: actions.HoverOptions): Promise<string> {
    return actions.hover(this.page, text, options);
  }
  /** The editor hover already on screen (opened by a command or the keyboard), settled; see hover(). */
  visibleHover(options?: Omit<actions.HoverOptions, 'occurrence'>): Promise<string> {
    return actions.visibleHover(this.page, options);
  }
  /** F1, types the command's title, runs the matching entry. */
  runCommand(title: string): Promise<void> {
    return actions.runCommand(this.page, title);
  }
  /** The webview frame (nested iframes included) that holds `selector`. */
  webviewFrame(selector: string, timeoutMs?: number): Promise<Frame> {
    return actions.findFrame(this.page, selector, timeoutMs);
  }
  /** The text of the active editor, as rendered (visible lines). */
  editorText(): Promise<string> {
    return actions.editorText(this.page);
  }
  /** Saves a screenshot as artifacts/ui/<name>.png and returns its path. */
  screenshot(name: string): Promise<string> {
    return actions.screenshot(this.page, name);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const mode = options.extension ?? 'installed';
  if (mode !== 'none' && manifest.main && !existsSync(join(repoRoot, manifest.main))) {
    throw new Error(`${manifest.main} is missing: run npm run build first (npm run test:ui does)`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'autograd-lab-ui-'));
  const extensionsDir = join(scratch, 'extensions');
  if (mode === 'installed') {
    // An installed extension is a folder named publisher.name-version in the extensions folder.
    mkdirSync(extensionsDir, { recursive: true });
    symlinkSync(repoRoot, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  }

  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  try {
    server = await startCodeServer({ extensionsDir, settings: { 'editor.hover.delay': 200, ...options.settings } });
    browser = await openBrowser(options.viewport);
    const folder = options.folder ?? tutorialFolder;
    const payload: Array<[string, string]> | undefined =
      mode === 'development' ? [['extensionDevelopmentPath', server.remoteUri(repoRoot)]] : undefined;
    const workbench = new Workbench(browser.page, server, browser, scratch);
    await browser.page.goto(server.workbenchUrl(folder, payload));
    await actions.waitForWorkbench(browser.page);
    return workbench;
  } catch (error) {
    await browser?.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}
