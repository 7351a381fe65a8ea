// How the trainer panel says a run ended early, in headless Chromium. Only a divergence (the loss or a
// parameter became NaN or infinite under the updates) is called one and offers a smaller learning rate;
// a run stopped on values the loss cannot take says "stopped", and what to change instead.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fromExtension, logLines, openPanel, screenshot, setControl, sharedHarness } from './harness';

const waitForStatus = (page: Page, pattern: RegExp, timeout = 30_000) =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''),
    pattern.source,
    { timeout },
  );

/** Opens a run of `modelExpr` on four points, with a loss expression or the panel's loss. */
async function launch(page: Page, y: number[], modelExpr: string, lossExpr?: string): Promise<void> {
  const data = { x: [[1], [2], [3], [4]], y };
  await fromExtension(page, {
    type: 'launch',
    launch: { ...(lossExpr ? { lossExpr } : {}), modelExpr, data, source: 'stop.py:2' },
  });
  await page.waitForFunction(
    (model) => document.getElementById('model-label')?.textContent?.startsWith(`f(x) = ${model} on stop.py:2`),
    modelExpr,
  );
  await waitForStatus(page, /^ready$/);
}

/** The banner's text, and whether it offers an action. */
async function banner(page: Page): Promise<{ text: string; action: boolean }> {
  return {
    text: (await page.locator('#banner-text').textContent()) ?? '',
    action: await page.locator('#banner-action').isVisible(),
  };
}

describe('trainer panel: a run that ends early (Chromium)', function () {
  this.timeout(120_000);
  const harness = sharedHarness();

  it('says "stopped at epoch 0", with no learning rate to try, when the loss is not finite at the start', async () => {
    const page = await openPanel(harness());
    // w starts at 0: y_pred = 0, and -log(0) = Infinity before the first update.
    await launch(page, [2, 4, 6, 8], 'w * x', '(-np.log(y_pred)).mean()');
    await page.locator('#step').click();
    await waitForStatus(page, /^stopped at epoch 0$/);
    const text =
      'Training stopped at epoch 0: the loss is Infinity at the starting parameters, before any step. The learning rate is not the cause: look at the loss and the model at the start, for a logarithm of 0 or of a negative number, or a division by 0.';
    assert.deepEqual(await banner(page), { text, action: false });
    assert.equal((await logLines(page)).at(-1), `# ${text}`);
    await page.context().close();
  });

  it('says "stopped at epoch 0" when the bce loss is given an output that is not a probability', async () => {
    const page = await openPanel(harness());
    // w starts at 0: every output of w * x - 0.5 is -0.5, outside [0, 1].
    await launch(page, [0, 0, 1, 1], 'w * x - 0.5');
    await setControl(page, 'loss', 'bce');
    await waitForStatus(page, /^ready$/);
    await page.locator('#play').click();
    await waitForStatus(page, /^stopped at epoch 0$/);
    assert.deepEqual(await banner(page), {
      text: "Training stopped at epoch 0: the model's output -0.5 is not a probability, and the bce loss takes values in [0, 1]. End the model with torch.sigmoid(...), or train its logit with the cross-entropy loss.",
      action: false,
    });
    await screenshot(page, 'stopped-not-probability');
    await page.context().close();
  });
});
