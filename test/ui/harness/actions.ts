// What a person does in the workbench, as functions of the page: open a file from the explorer, select
// text, hover it, run a palette command, find a webview, take a screenshot. Selectors are VS Code 1.100's.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { repoRoot } from '../../vscode/harness/codeServer';
import { locateText, type TextBox } from './editorDom';

const activeEditor = '.editor-group-container.active .monaco-editor';

export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.explorer-folders-view .explorer-item').first().waitFor({ timeout: timeoutMs });
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

export async function openFile(page: Page, relativePath: string): Promise<void> {
  const parts = relativePath.split('/');
  for (const [index, name] of parts.entries()) {
    const row = page
      .locator('.explorer-folders-view .monaco-list-row', {
        has: page.locator('.label-name', { hasText: exactly(name) }),
      })
      .first();
    await row.waitFor({ timeout: 15_000 });
    const isFolder = index < parts.length - 1;
    if (isFolder && (await row.getAttribute('aria-expanded')) === 'true') continue;
    await row.click();
  }
  const name = parts[parts.length - 1];
  await page.locator('.editor-group-container.active .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
  await page.locator(`${activeEditor} .view-line`).first().waitFor({ timeout: 15_000 });
}

export async function editorText(page: Page): Promise<string> {
  return page
    .locator(`${activeEditor} .view-lines`)
    .first()
    .evaluate((lines) =>
      Array.from(lines.querySelectorAll<HTMLElement>('.view-line'))
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('\n'),
    );
}

/** The boxes of `text` in the active editor, scrolling down through the file until it is rendered. */
async function findText(page: Page, text: string, occurrence: number): Promise<TextBox> {
  const editor = page.locator(activeEditor).first();
  await editor.waitFor({ timeout: 15_000 });
  for (let attempt = 0; attempt < 40; attempt++) {
    const box = await editor.evaluate(locateText, { text, occurrence });
    if (box) return box;
    const area = await editor.boundingBox();
    if (!area) break;
    await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
    await page.mouse.wheel(0, area.height / 2);
    await page.waitForTimeout(100);
  }
  throw new Error(`"${text}" (occurrence ${occurrence}) is not on one line of the active editor`);
}

/**
 * Selects the `occurrence`-th `text` on screen, or only its first `length` characters (the `g` of
 * `g.backward()`), as a person drags over it.
 */
export async function selectText(page: Page, text: string, occurrence = 0, length = text.length): Promise<void> {
  const box = await findText(page, text, occurrence);
  const endX = box.startX + ((box.endX - box.startX) * length) / text.length;
  // Clicking just inside the first character's left half puts the caret before it; shift+click just
  // inside the last character's right half extends the selection to after it.
  await page.mouse.click(box.startX + 1, box.y);
  await page.keyboard.down('Shift');
  await page.mouse.click(endX - 1, box.y);
  await page.keyboard.up('Shift');
  const status = page.locator('#status\\.editor\\.selection');
  try {
    await status.filter({ hasText: `(${length} selected)` }).waitFor({ timeout: 5_000 });
  } catch {
    throw new Error(`selecting "${text}" left the status bar at "${await status.innerText().catch(() => '?')}"`);
  }
}

/** Clicks inside the `occurrence`-th `text` on screen, leaving the caret there and nothing selected. */
export async function placeCursor(page: Page, text: string, occurrence = 0): Promise<void> {
  const box = await findText(page, text, occurrence);
  await page.mouse.click((box.startX + box.endX) / 2, box.y);
  const status = page.locator('#status\\.editor\\.selection');
  await status.filter({ hasNotText: 'selected' }).waitFor({ timeout: 5_000 });
}

export interface HoverOptions {
  occurrence?: number;
  /** Hover the middle of the text's first `length` characters instead of the whole text's. */
  length?: number;
  /** Wait until the hover's text matches (e.g. the derivative), not just until one appears. */
  waitFor?: string | RegExp;
  timeoutMs?: number;
}

export async function hover(page: Page, text: string, options: HoverOptions = {}): Promise<string> {
  const box = await findText(page, text, options.occurrence ?? 0);
  await page.mouse.move(box.startX - 40, box.y + 200); // away first, so a stale hover closes
  const endX =
    options.length === undefined ? box.endX : box.startX + ((box.endX - box.startX) * options.length) / text.length;
  await page.mouse.move((box.startX + endX) / 2, box.y, { steps: 4 });
  return visibleHover(page, options);
}

/**
 * The text of the editor hover on screen, once it has settled (no "Loading...", unchanged for 300 ms)
 * and matches `waitFor`; the last text seen ('' when none) after `timeoutMs`. For hovers opened by a
 * command or the keyboard as well as by the mouse. The editor hover is rendered outside `.monaco-editor`.
 */
export async function visibleHover(page: Page, options: Omit<HoverOptions, 'occurrence'> = {}): Promise<string> {
  const hoverBox = page.locator('.monaco-resizable-hover .monaco-hover:visible').first();
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let last = '';
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const current = (await hoverBox.count()) > 0 ? await hoverBox.innerText().catch(() => '') : '';
    if (current !== last) [last, stableSince] = [current, Date.now()];
    const ready = current !== '' && !/Loading\.\.\./.test(current) && Date.now() - stableSince >= 300;
    const wanted =
      options.waitFor === undefined ||
      (typeof options.waitFor === 'string' ? current.includes(options.waitFor) : options.waitFor.test(current));
    if (ready && wanted) return current;
    await page.waitForTimeout(100);
  }
  return last;
}

export async function runCommand(page: Page, title: string): Promise<void> {
  // The palette lists commands as their contributions register, which on a busy machine can lag the
  // workbench's first paint: reopen it a few times before concluding the command is not there.
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 10_000 });
    } catch {
      await page.keyboard.press('Escape');
      if (attempt === attempts) throw new Error(`no command titled "${title}" in the palette`);
      await page.waitForTimeout(1_000);
      continue;
    }
    await row.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    return;
  }
}

export async function findFrame(page: Page, selector: string, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue; // the workbench itself is not a webview
      const found = await frame.$(selector).catch(() => null); // frames come and go while webviews load
      if (found) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(
    `no frame holds ${selector} after ${timeoutMs} ms (frames: ${page
      .frames()
      .map((f) => f.url().slice(0, 80))
      .join(', ')})`,
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(repoRoot, 'artifacts/ui');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path });
  return path;
}
