// Serves the trainer panel (at /) and the computation graph panel (at /graph) outside VS Code: the real
// HTML shells (same CSP) from a local server on
// 127.0.0.1, the built bundles from dist/ and media/, and a stand-in for acquireVsCodeApi that records
// what the page posts and keeps its state in sessionStorage (JSON, as VS Code does) across reloads.
// The stand-in also counts each chart's draws and keeps the worker's newest message of each type, from
// the outside, so the shipped page needs no test hook.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { graphHtml } from '../../src/extension/graph/graphHtml';
import { makeNonce, trainerHtml } from '../../src/extension/trainer/trainerHtml';

const root = path.join(__dirname, '..', '..');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css' };

const VSCODE_STUB = `
window.__posted = [];
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => { const s = sessionStorage.getItem('vscodeState'); return s ? JSON.parse(s) : undefined; },
  setState: (s) => sessionStorage.setItem('vscodeState', JSON.stringify(s)),
});
// The newest message of each type the trainer's worker posted, for tests that check what the page shows
// against the worker's own numbers.
window.__fromWorker = {};
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(url, options) {
    super(url, options);
    this.addEventListener('message', (e) => { if (e.data && typeof e.data.type === 'string') window.__fromWorker[e.data.type] = e.data; });
  }
};
// chart.js clears its whole canvas once per draw: count those clears per canvas id.
window.__chartDraws = {};
const clearRect = CanvasRenderingContext2D.prototype.clearRect;
CanvasRenderingContext2D.prototype.clearRect = function (x, y, w, h) {
  const id = this.canvas.id;
  if (id && x === 0 && y === 0 && w === this.canvas.width && h === this.canvas.height) window.__chartDraws[id] = (window.__chartDraws[id] ?? 0) + 1;
  return clearRect.call(this, x, y, w, h);
};`;

export interface Harness {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url.pathname === '/' || url.pathname === '/graph') {
      const nonce = makeNonce();
      const shell =
        url.pathname === '/'
          ? trainerHtml({
              cspSource: origin,
              nonce,
              scriptUri: `${origin}/dist/webview.js`,
              workerUri: `${origin}/dist/worker.js`,
              styleUri: `${origin}/media/trainer.css`,
            })
          : graphHtml({
              cspSource: origin,
              nonce,
              scriptUri: `${origin}/dist/graph.js`,
              styleUri: `${origin}/media/graph.css`,
            });
      const html = shell.replace(
        '<script nonce=',
        `<script nonce="${nonce}" src="${origin}/stub.js"></script>\n<script nonce=`,
      );
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/stub.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(VSCODE_STUB);
      return;
    }
    const file = path.normalize(path.join(root, url.pathname));
    const allowed = ['dist', 'media'].some((dir) => file.startsWith(path.join(root, dir) + path.sep));
    if (!allowed) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A page in a fresh context (its own sessionStorage) that keeps its uncaught errors and console errors in `errors`. */
async function pageRecordingErrors(harness: Harness, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await harness.browser.newContext({ viewport })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

/** A fresh page (its own sessionStorage) with the panel loaded and the tutorial configured. */
export async function openPanel(harness: Harness): Promise<Page> {
  const page = await pageRecordingErrors(harness, { width: 1280, height: 1000 });
  await page.goto(harness.url);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  return page;
}

/** A fresh page with the computation graph panel loaded and ready (it has posted { type: 'ready' }). */
export async function openGraphPanel(harness: Harness, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await pageRecordingErrors(harness, viewport);
  await page.goto(new URL('graph', harness.url).href);
  await page.waitForFunction(() =>
    (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'),
  );
  return page;
}

export async function logLines(page: Page): Promise<string[]> {
  return ((await page.locator('#log').textContent()) ?? '').split('\n').filter(Boolean);
}

/** Sets a control's value as a user would and fires its change event. */
export async function setControl(page: Page, id: string, value: string): Promise<void> {
  const el = page.locator(`#${id}`);
  if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
  else {
    await el.fill(value);
    await el.dispatchEvent('change');
  }
}

/** Posts a message to the page as the extension would. */
export async function fromExtension(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function posted(page: Page): Promise<{ type: string; [key: string]: unknown }[]> {
  return page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
}

/** How many times each chart (by canvas id) has drawn itself so far. */
export async function chartDraws(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({ ...(window as unknown as { __chartDraws: Record<string, number> }).__chartDraws }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(root, 'artifacts', 'webview', `${name}.png`), fullPage: true });
}

/** A screenshot of one element (a card) rather than the whole page. */
export async function screenshotOf(page: Page, selector: string, name: string): Promise<void> {
  await page.locator(selector).screenshot({ path: path.join(root, 'artifacts', 'webview', `${name}.png`) });
}

/**
 * The newest message of this type the trainer's worker posted, as the page received it (before its
 * validation), with its typed arrays as plain arrays.
 */
export async function lastFromWorker(page: Page, type: string): Promise<Record<string, unknown> | undefined> {
  return page.evaluate((t) => {
    const m = (window as unknown as { __fromWorker: Record<string, Record<string, unknown>> }).__fromWorker[t];
    return m
      ? Object.fromEntries(
          Object.entries(m).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]),
        )
      : undefined;
  }, type);
}

export interface MainThreadTask {
  wallMs: number;
  cpuMs: number;
}

/**
 * Every task the page's main thread ran while `action` was going on, from a Chrome trace: its wall
 * time (what PerformanceObserver 'longtask' reports) and its thread CPU time (the page's own work,
 * which does not grow when other processes take the CPU).
 */
export async function traceMainThread(page: Page, action: () => Promise<void>): Promise<MainThreadTask[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'disabled-by-default-devtools.timeline', '__metadata'] },
  });
  await action();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const main = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * One harness for the enclosing describe block, started before its tests and closed after them:
 * `const harness = sharedHarness();`, then `openPanel(harness())` in a test.
 */
export function sharedHarness(): () => Harness {
  let harness: Harness | undefined;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('the harness starts in the describe block’s before hook');
    return harness;
  };
}
