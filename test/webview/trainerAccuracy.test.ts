// The trainer panel's accuracy card in headless Chromium: it shows exactly when the run's epochs carry an
// accuracy, for a loss expression as for a built-in loss. The count its caption gives is checked against
// the labels and the parameters the page exports, classified in the test itself.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fromExtension, logLines, openPanel, posted, screenshot, setControl, sharedHarness } from './harness';

const waitForStatus = (page: Page, pattern: RegExp, timeout = 60_000) =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''),
    pattern.source,
    { timeout },
  );

/** Two classes in the plane, one point of each on the other's side: a line classifies 8 of the 10 at best. */
const POINTS = [
  [2, 1],
  [1, 2],
  [2, 2],
  [3, 1],
  [-1, -1],
  [-2, -1],
  [-1, -2],
  [-2, -2],
  [-3, -1],
  [1, 1],
];
const LABELS = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];

/** Opens the run a launch brings (a model, with a loss expression or the panel's loss, on POINTS) once configured. */
async function launch(page: Page, modelExpr: string, lossExpr?: string): Promise<void> {
  await fromExtension(page, {
    type: 'launch',
    launch: {
      ...(lossExpr ? { lossExpr } : {}),
      modelExpr,
      data: { x: POINTS, y: LABELS },
      source: 'two_classes.py:4',
    },
  });
  await page.waitForFunction(
    (model) => document.getElementById('model-label')?.textContent?.startsWith(`f(x) = ${model} on two_classes.py:4`),
    modelExpr,
  );
  await waitForStatus(page, /^ready$/);
}

/** The History CSV the page exports, as its header and rows of numbers. */
async function exportedCsv(page: Page): Promise<{ header: string[]; rows: number[][] }> {
  const before = (await posted(page)).filter((m) => m.type === 'export').length;
  await page.locator('#export-csv').click();
  await page.waitForFunction(
    (n) =>
      (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'export').length > n,
    before,
  );
  const text = ((await posted(page)).filter((m) => m.type === 'export').at(-1) as unknown as { text: string }).text;
  const [header, ...rows] = text.trim().split('\n');
  return { header: header.split(','), rows: rows.map((row) => row.split(',').map(Number)) };
}

describe('trainer panel: the accuracy card (Chromium)', function () {
  this.timeout(180_000);
  const harness = sharedHarness();

  it('shows the accuracy of a loss expression that is binary cross-entropy, with the count the exported parameters give', async () => {
    const page = await openPanel(harness());
    await setControl(page, 'dtype', 'float64');
    await launch(page, 'torch.sigmoid(x @ w + b)', 'F.binary_cross_entropy(y_pred, y)');
    // the Loss field names what the run trains; the expression reduces itself, so no Reduction field
    assert.equal(
      await page.locator('#loss option:checked').textContent(),
      'from the editor: F.binary_cross_entropy(y_pred, y)',
    );
    assert.equal(await page.locator('#field-reduction').isVisible(), false);
    assert.equal(await page.locator('#accuracy-chart').isVisible(), false, 'no empty chart before the first epoch');
    await setControl(page, 'speed', 'max');
    await setControl(page, 'lr', '0.5');
    await setControl(page, 'epochs', '6');
    await page.locator('#play').click();
    await waitForStatus(page, /^done: 6 epochs$/);
    assert.ok(await page.locator('#accuracy-chart').isVisible(), 'the run counts accuracy: its card shows');
    const caption = (await page.locator('#accuracy-chart-caption').textContent()) ?? '';
    const shown = /^([\d.]+) % \((\d+) of 10 points\) in epoch 5’s forward pass\.$/.exec(caption);
    assert.ok(shown, `the caption gives a count: ${caption}`);

    // Epoch 5's forward pass (one full batch) runs at the parameters epoch 4 ended with: classify each
    // point as 1 where sigmoid(w·x + b) > 0.5, and count the labels met.
    await page.locator('summary', { hasText: 'Export' }).click();
    const { header, rows } = await exportedCsv(page);
    const column = (name: string) => {
      const k = header.indexOf(name);
      assert.ok(k >= 0, `the CSV has a column ${name}: ${header.join(',')}`);
      return k;
    };
    const row = rows.find((r) => r[column('epoch')] === 4)!;
    const [w0, w1, b] = ['w[0]', 'w[1]', 'b'].map((name) => row[column(name)]);
    const right = POINTS.filter(([x0, x1], i) => {
      const p = 1 / (1 + Math.exp(-(w0 * x0 + w1 * x1 + b)));
      return (p > 0.5 ? 1 : 0) === LABELS[i];
    }).length;
    assert.equal(Number(shown[2]), right);
    assert.equal(shown[1], (10 * right).toFixed(1));
    assert.match((await logLines(page)).at(-1) ?? '', /accuracy = /);
    await screenshot(page, 'accuracy-loss-expression');

    // The same points under a regression loss written as an expression: no accuracy, and no stale curve.
    await launch(page, 'x @ w + b', '((y_pred - y)**2).mean()');
    assert.equal(await page.locator('#accuracy-chart').isVisible(), false, 'a new run hides the last run’s card');
    await page.locator('#play').click();
    await waitForStatus(page, /^done: 6 epochs$/);
    assert.equal(await page.locator('#accuracy-chart').isVisible(), false, 'a regression loss counts no accuracy');
    assert.equal(await page.locator('#accuracy-chart-caption').textContent(), '');
    assert.doesNotMatch((await logLines(page)).join('\n'), /accuracy/);
    await page.context().close();
  });

  it('trains a built-in loss picked in place of the editor’s, and no longer offers the editor’s', async () => {
    const page = await openPanel(harness());
    await launch(page, 'torch.sigmoid(x @ w + b)', 'F.binary_cross_entropy(y_pred, y)');
    await setControl(page, 'loss', 'mse');
    await waitForStatus(page, /^ready$/);
    await page.locator('#step').click();
    await waitForStatus(page, /^paused after 1 of 100 epochs$/);
    assert.match((await logLines(page)).join('\n'), /^# f\(x\) = torch\.sigmoid\(x @ w \+ b\), MSE \(mean\),/m);
    assert.deepEqual(
      await page.locator('#loss option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
      ['mse', 'mae', 'huber', 'bce', 'hinge', 'cross-entropy'],
    );
    assert.ok(await page.locator('#field-reduction').isVisible());
    await page.context().close();
  });

  it('shows the accuracy of the built-in bce loss once its first epoch is in, and hides it after a switch to MSE', async () => {
    const page = await openPanel(harness());
    await launch(page, 'torch.sigmoid(x @ w + b)');
    await setControl(page, 'loss', 'bce');
    await waitForStatus(page, /^ready$/);
    assert.equal(await page.locator('#accuracy-chart').isVisible(), false, 'no empty chart before the first epoch');
    await page.locator('#step').click();
    await waitForStatus(page, /^paused after 1 of 100 epochs$/);
    assert.ok(await page.locator('#accuracy-chart').isVisible());
    // init zeros: every output is sigmoid(0) = 0.5, not above 0.5, so every point is called 0: 5 of 10.
    assert.equal(
      await page.locator('#accuracy-chart-caption').textContent(),
      '50.0 % (5 of 10 points) in epoch 0’s forward pass.',
    );
    // MSE from here on: the run's epochs no longer all carry an accuracy, so the card goes.
    await setControl(page, 'loss', 'mse');
    await page.locator('#step').click();
    await waitForStatus(page, /^paused after 2 of 100 epochs$/);
    assert.equal(await page.locator('#accuracy-chart').isVisible(), false);
    await page.context().close();
  });
});
