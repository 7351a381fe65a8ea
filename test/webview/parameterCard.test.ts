// The Parameters card in headless Chromium: the moons demo's network as a heat map per matrix and long
// vector beside its gradient's, read out in words by pointer and keyboard, with the numbers checked
// against an independent computation (central differences of the hinge loss in plain JS, and the
// tutorial's closed form dL/dw = mean(2x(wx - y))), in a light and a dark theme.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { lastFromWorker, openPanel, screenshotOf, setControl, sharedHarness } from './harness';
import { shapeDataset } from '../../src/train/data/shapes';
import { moonsHingeDerivative, type NetworkValues } from '../fixtures/moonsNetwork';

const waitForStatus = (page: Page, pattern: RegExp, timeout = 60_000) =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''),
    pattern.source,
    { timeout },
  );

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

/** The card's numbers are printed to five significant digits. */
function assertPrinted(printed: string, exact: number, what: string, relative = 1e-4): void {
  const value = Number(printed);
  assert.ok(
    Math.abs(value - exact) <= relative * Math.abs(exact) + 1e-12,
    `${what}: printed ${printed}, expected ${exact}`,
  );
}

/** Within `relative` of the reference, or within 1e-6 of it when it is about 0. */
function assertNear(actual: number, expected: number, what: string, relative = 2e-3): void {
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.abs(expected) + 1e-6,
    `${what}: ${actual}, the reference says ${expected}`,
  );
}

interface Snapshot {
  epochs: number;
  parameters: { name: string; shape: number[] }[];
  values: number[];
  gradients: number[];
}

/** The worker's last snapshot of the parameters, by name. */
async function snapshotByName(
  page: Page,
): Promise<{ snapshot: Snapshot; values: NetworkValues; gradients: NetworkValues }> {
  const snapshot = (await lastFromWorker(page, 'gradients')) as unknown as Snapshot;
  const values: NetworkValues = {};
  const gradients: NetworkValues = {};
  let offset = 0;
  for (const { name, shape } of snapshot.parameters) {
    const size = shape.reduce((a, b) => a * b, 1);
    values[name] = snapshot.values.slice(offset, offset + size);
    gradients[name] = snapshot.gradients.slice(offset, offset + size);
    offset += size;
  }
  return { snapshot, values, gradients };
}

/** Points at entry k of a parameter's value map and returns the readout: entry, value, gradient. */
async function pointAt(page: Page, name: string, k: number) {
  const canvas = page.locator(`canvas.heat-map[data-of="value"][data-parameter="${name}"]`);
  const cols = Number(await canvas.getAttribute('data-cols'));
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const cell = box.width / cols;
  await page.mouse.move(box.x + ((k % cols) + 0.5) * cell, box.y + (Math.floor(k / cols) + 0.5) * cell);
  return readout(page);
}

async function readout(page: Page) {
  const line = await text(page, '#params-readout');
  const match = /^(\S+) = (\S+), ∂L\/∂(\S+) = (\S+)$/.exec(line);
  assert.ok(match, `the readout says an entry's value and gradient in words: "${line}"`);
  assert.equal(match[3], match[1], 'the gradient is named after the same entry');
  return { entry: match[1], value: match[2], gradient: match[4] };
}

/** The index of the entry with the largest |gradient| (a place where the reference says something). */
const steepest = (g: number[]) => g.reduce((best, v, k) => (Math.abs(v) > Math.abs(g[best]) ? k : best), 0);

/** The RGB of a map's cell k (at its centre) and of a CSS colour variable of the page. */
async function cellColour(page: Page, name: string, of: 'value' | 'gradient', k: number) {
  return page.evaluate(
    ([parameter, side, index]) => {
      const canvas = document.querySelector(
        `canvas.heat-map[data-of="${side}"][data-parameter="${parameter}"]`,
      ) as HTMLCanvasElement;
      const cols = Number(canvas.dataset.cols);
      const cell = canvas.width / cols;
      const x = Math.floor(((index as number) % cols) * cell + cell / 2);
      const y = Math.floor(Math.floor((index as number) / cols) * cell + cell / 2);
      return Array.from(canvas.getContext('2d')!.getImageData(x, y, 1, 1).data.slice(0, 3));
    },
    [name, of, k] as const,
  );
}

async function cssColour(page: Page, variable: string) {
  return page.evaluate((name) => {
    const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    probe.fillStyle = getComputedStyle(document.body).getPropertyValue(name).trim();
    probe.fillRect(0, 0, 1, 1);
    return Array.from(probe.getImageData(0, 0, 1, 1).data.slice(0, 3));
  }, variable);
}

describe('trainer panel: the Parameters card (Chromium)', function () {
  this.timeout(180_000);
  const harness = sharedHarness();

  it('shows the moons network as heat maps beside their gradients, which equal central differences of the hinge loss', async () => {
    const page = await openPanel(harness());
    await page.locator('#demo-moons').click();
    await setControl(page, 'speed', '1'); // slow, to pause early, while the hinge loss still has a gradient
    await waitForStatus(page, /^training/);
    await page.waitForFunction(() => !/^epoch 0 /.test(document.getElementById('epoch-counter')?.textContent ?? ''));
    await page.locator('#play').click(); // Pause
    await waitForStatus(page, /^paused after \d+ of 200 epochs$/);
    const epochs = Number(/after (\d+)/.exec(await text(page, '#status'))![1]);
    assert.ok(epochs > 0 && epochs < 60, `paused early, after ${epochs} epochs`);
    await page.waitForFunction(
      (e) => document.getElementById('params-epoch')?.textContent?.startsWith(`after epoch ${e - 1},`),
      epochs,
    );
    const { snapshot, values, gradients } = await snapshotByName(page);
    assert.equal(snapshot.epochs, epochs, 'the card shows the parameters where the run paused');

    // One heat map per matrix and long vector, in its own shape, each beside its gradient's; b3 in the table.
    const maps = (of: string) =>
      page.$$eval(`canvas.heat-map[data-of="${of}"]`, (all) =>
        all.map((c) => [
          (c as HTMLElement).dataset.parameter,
          Number((c as HTMLElement).dataset.rows),
          Number((c as HTMLElement).dataset.cols),
        ]),
      );
    const expected = [
      ['W1', 2, 16],
      ['b1', 1, 16],
      ['W2', 16, 16],
      ['b2', 1, 16],
      ['w3', 1, 16],
    ];
    assert.deepEqual(await maps('value'), expected);
    assert.deepEqual(await maps('gradient'), expected);
    const box = await page.locator('canvas.heat-map[data-of="value"][data-parameter="W2"]').boundingBox();
    assert.ok(box && Math.abs(box.width - box.height) < 1, 'W2 is drawn square, 16 by 16 cells');
    assert.deepEqual(await page.locator('#params-table tbody th').allTextContents(), ['b3']);
    assert.match(await text(page, '#params-basis'), /hinge loss \(mean\) over all 100 rows at these parameters/);
    assert.match(await text(page, '#params-basis'), /the gradient the next full-batch update takes/);

    const data = shapeDataset('moons', { n: 100, noise: 0.1, seed: 1 });
    const reference = (name: string, k: number) => moonsHingeDerivative(values, name, k, data);

    // Pointing at the steepest entry of W1, then of W2: its name, value and gradient in words.
    for (const [name, cols] of [
      ['W1', 16],
      ['W2', 16],
    ] as const) {
      const k = steepest(gradients[name]);
      const read = await pointAt(page, name, k);
      assert.equal(read.entry, `${name}[${Math.floor(k / cols)},${k % cols}]`);
      assertPrinted(read.value, values[name][k], `${read.entry}'s value`);
      assertNear(Number(read.gradient), reference(name, k), `${read.entry}'s gradient`);
      assert.ok(Math.abs(Number(read.gradient)) > 1e-4, `${read.entry} has a gradient to speak of`);
    }

    // The keyboard reads the same: focus W2's map, move one cell right and one down.
    await page.locator('#params-title').hover(); // the pointer off the maps
    await page.locator('canvas.heat-map[data-of="value"][data-parameter="W2"]').focus();
    assert.equal((await readout(page)).entry, 'W2[0,0]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const keyed = await readout(page);
    assert.equal(keyed.entry, 'W2[1,1]');
    assertPrinted(keyed.value, values.W2[17], 'W2[1,1]');
    assertNear(Number(keyed.gradient), reference('W2', 17), 'W2[1,1]’s gradient');

    // The table's scalar b3.
    const [b3Value, b3Gradient] = await page.locator('#params-table tbody td').allTextContents();
    assertPrinted(b3Value, values.b3[0], 'b3');
    assertNear(Number(b3Gradient), reference('b3', 0), '∂L/∂b3');

    // The colour scale: W2's largest |value| takes its sign's colour in full, blue below 0, orange above.
    const far = steepest(values.W2);
    const sign = values.W2[far] < 0 ? '--al-blue' : '--al-orange';
    assert.deepEqual(await cellColour(page, 'W2', 'value', far), await cssColour(page, sign));
    await page.locator('#params-card').scrollIntoViewIfNeeded();
    await screenshotOf(page, '#params-card', 'parameters-light');

    // A dark theme repaints the maps in its own colours.
    await page.evaluate(() => {
      const style = document.documentElement.style;
      style.setProperty('--vscode-editor-background', '#1e1e1e');
      style.setProperty('--vscode-foreground', '#cccccc');
      style.setProperty('--vscode-descriptionForeground', '#9d9d9d');
      style.setProperty('--vscode-sideBar-background', '#252526');
      style.setProperty('--vscode-panel-border', '#454545');
      style.setProperty('--vscode-charts-blue', '#3794ff');
      style.setProperty('--vscode-charts-orange', '#d18616');
      document.body.className = 'vscode-dark';
    });
    await page.waitForFunction(
      () => new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => resolve(true)), 300)),
    );
    assert.deepEqual(await cellColour(page, 'W2', 'value', far), await cssColour(page, sign));
    await screenshotOf(page, '#params-card', 'parameters-dark');
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.context().close();
  });

  it('shows the tutorial line’s w with dL/dw = -30 at w = 0 and -25.5 after one step (dL/dw = mean(2x(wx - y)))', async () => {
    const page = await openPanel(harness());
    await page.waitForFunction(() => document.getElementById('params-epoch')?.textContent?.startsWith('initial'));
    // x = 1..4, y = 2x: dL/dw = mean(2x(wx - 2x)) = 4 (w - 2) mean(x²) = 15 (w - 2): -30 at 0.
    assert.deepEqual(await page.locator('#params-table tbody tr').allTextContents(), ['w0-30']);
    assert.equal(await page.locator('canvas.heat-map').count(), 0, 'one value: no heat map');
    await page.locator('#step').click();
    await page.waitForFunction(() => document.getElementById('params-epoch')?.textContent?.startsWith('after epoch 0'));
    // SGD, lr 0.01: w = 0 - 0.01 · (-30) = 0.3, where dL/dw = 15 (0.3 - 2) = -25.5.
    const [w, dw] = await page.locator('#params-table tbody td').allTextContents();
    assertPrinted(w, 0.3, 'w after one step');
    assertPrinted(dw, -25.5, 'dL/dw at w = 0.3');
    await page.context().close();
  });
});
