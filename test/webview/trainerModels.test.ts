// The trainer panel's models, data sets and views in headless Chromium: the micrograd demo (two moons,
// a 2-16-16-1 MLP) trained to 100 % accuracy with the decision boundary drawn live. The boundary is
// checked against the data's own labels: beside every point, the heat map takes that point's class colour.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openPanel, posted, screenshot, setControl, sharedHarness, traceMainThread } from './harness';
import { shapeDataset } from '../../src/train/data/shapes';

const waitForStatus = (page: Page, pattern: RegExp, timeout = 60_000) =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''),
    pattern.source,
    { timeout },
  );

/** The boundary canvas's geometry, the theme's class and background colours, and its pixels as RGB. */
async function boundaryPixels(page: Page) {
  // No named functions inside evaluate: tsx would wrap them in a helper the page does not have.
  return page.evaluate(() => {
    const canvas = document.getElementById('boundary-chart') as HTMLCanvasElement;
    const style = getComputedStyle(document.body);
    const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const colours = ['--al-blue', '--al-orange', '--al-bg'].map((name) => {
      probe.fillStyle = style.getPropertyValue(name).trim();
      probe.fillRect(0, 0, 1, 1);
      return Array.from(probe.getImageData(0, 0, 1, 1).data.slice(0, 3));
    });
    return {
      plot: (canvas.dataset.plot ?? '').split(',').map(Number),
      range: (canvas.dataset.range ?? '').split(',').map(Number),
      ratio: canvas.width / canvas.clientWidth,
      width: canvas.width,
      colours,
      pixels: Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data),
    };
  });
}

/**
 * For each point, the class whose colour the heat map is nearer to a few pixels to its left and right
 * (beside the point's own dot): 0, 1, or null when the pixel is too pale to say.
 */
function classesBeside(view: Awaited<ReturnType<typeof boundaryPixels>>, points: [number, number][]) {
  const [left, top, width, height] = view.plot;
  const [xMin, xMax, yMin, yMax] = view.range;
  const [class0, class1, background] = view.colours;
  const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  const classAt = (x: number, y: number): 0 | 1 | null => {
    const at = 4 * (Math.round(y * view.ratio) * view.width + Math.round(x * view.ratio));
    const pixel = view.pixels.slice(at, at + 3);
    if (distance(pixel, background) < 20) return null;
    return distance(pixel, class0) < distance(pixel, class1) ? 0 : 1;
  };
  return points.map(([x1, x2]) => {
    const x = left + ((x1 - xMin) / (xMax - xMin)) * width;
    const y = top + (1 - (x2 - yMin) / (yMax - yMin)) * height;
    return [classAt(x - 7, y), classAt(x + 7, y)];
  });
}

describe('trainer panel: models, data sets and the decision boundary (Chromium)', function () {
  this.timeout(180_000);
  const harness = sharedHarness();

  it('trains the micrograd demo, a 2-16-16-1 MLP on two moons, to 100 % accuracy with the boundary between the moons', async () => {
    const page = await openPanel(harness());
    await waitForStatus(page, /^ready$/);
    assert.equal(await page.locator('#boundary-chart').isVisible(), false, 'the tutorial has one feature: no plane');
    let tasks: { cpuMs: number }[] = [];
    tasks = await traceMainThread(page, async () => {
      await page.locator('#demo-moons').click();
      await waitForStatus(page, /^done: 200 epochs$/);
    });
    const label = (await page.locator('#model-label').textContent()) ?? '';
    assert.match(label, /torch\.relu\(torch\.relu\(x @ W1 \+ b1\) @ W2 \+ b2\) @ w3 \+ b3/);
    assert.match(label, /moons: 100 points, noise 0\.1, seed 1 \(N = 100\)/);
    assert.equal(await page.locator('#panel-title').textContent(), 'Train a Model', 'a network is not a line');
    assert.equal(await page.locator('#landscape-chart').isVisible(), false, 'no empty landscape for a network');
    // 2x16 + 16 + 16x16 + 16 + 16 + 1 = 32 + 16 + 256 + 16 + 16 + 1 = 337 weights and biases.
    assert.match(
      (await page.locator('#model-params').textContent()) ?? '',
      /^337 parameters: W1 2×16, b1 16, W2 16×16, b2 16, w3 16, b3$/,
    );
    assert.match(
      (await page.locator('#accuracy-chart-caption').textContent()) ?? '',
      /^100\.0 % \(100 of 100 points\) in epoch 199’s forward pass\.$/,
    );
    assert.equal(await page.locator('#fit-chart').isVisible(), false, 'the plane replaces the first feature’s scatter');
    assert.ok(await page.locator('#accuracy-chart').isVisible());
    const log = (await page.locator('#log').textContent()) ?? '';
    assert.match(log, /epoch 180: W1 = 2x16 \|W1\| = [\d.]+, .*accuracy = 1\.000/);

    // The moons as the panel generated them (seed 1): class 0 the upper moon, class 1 the lower.
    const data = shapeDataset('moons', { n: 100, noise: 0.1, seed: 1 });
    const points = Array.from({ length: data.n }, (_, i): [number, number] => [data.x[2 * i], data.x[2 * i + 1]]);
    const beside = classesBeside(await boundaryPixels(page), points);
    let agree = 0;
    let said = 0;
    beside.forEach((sides, i) =>
      sides.forEach((c) => {
        if (c === null) return;
        said++;
        if (c === data.y[i]) agree++;
      }),
    );
    assert.ok(said >= 150, `the heat map is tinted beside most points (${said} of 200 places)`);
    assert.ok(agree / said >= 0.95, `the heat map beside a point has its class colour (${agree} of ${said})`);
    await screenshot(page, 'moons-boundary');
    assert.deepEqual(
      tasks.filter((t) => t.cpuMs > 50),
      [],
      'no main-thread task over 50 ms of CPU while the boundary redraws',
    );

    // The hinge loss reaches exactly 0 once every margin is met: the log scale cannot draw it, and says so.
    await page.locator('summary', { hasText: 'Export' }).click();
    await page.locator('#export-csv').click();
    const csv = ((await posted(page)).find((m) => m.type === 'export') as unknown as { text: string }).text;
    const zeroEpochs = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',').map(Number))
      .filter((row) => row[1] === 0)
      .map((row) => row[0]);
    assert.ok(zeroEpochs.length > 0, 'the run reaches a loss of exactly 0');
    assert.equal(
      await page.locator('#loss-chart-caption').textContent(),
      `The loss is exactly 0 in ${zeroEpochs.length} epochs, from epoch ${zeroEpochs[0]}: a log scale has no 0, so the bar on its floor marks them.`,
    );

    // The saved copy of 337 parameters x 200 epochs is bounded: a reload brings back some epochs, and says so.
    await page.waitForTimeout(700); // the state is saved at most every 500 ms
    await page.reload();
    await waitForStatus(page, /^done: 200 epochs$/);
    const restored = (await page.locator('#log').textContent()) ?? '';
    assert.match(
      restored,
      /# restored: the panel kept \d+ of the 200 epochs it had run: the charts and the CSV export show those/,
    );
    assert.match(restored, /epoch 180: W1 = 2x16/, 'the log itself is kept whole');
    assert.match(
      (await page.locator('#accuracy-chart-caption').textContent()) ?? '',
      /^100\.0 % \(100 of 100 points\) in epoch 199’s forward pass\.$/,
    );
    await page.context().close();
  });

  it('trains a cubic on the tutorial and shows its parameter count', async () => {
    const page = await openPanel(harness());
    await setControl(page, 'model', 'poly:3');
    await page.waitForFunction(() => document.getElementById('model-params')?.textContent?.startsWith('4 parameters'));
    assert.match(
      (await page.locator('#model-label').textContent()) ?? '',
      /f\(x\) = w1\*x \+ w2\*x\*\*2 \+ w3\*x\*\*3 \+ b/,
    );
    await page.context().close();
  });
});
