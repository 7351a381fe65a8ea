// The trainer panel's script exports in headless Chromium: the PyTorch script of the moons demo comes from
// the worker and is the script PyTorch ran for test/fixtures/torch/moons-mlp (but for the points, which are
// Chromium's own), whose printed table the panel's log then repeats; what a script cannot stand for is
// refused in words.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { logLines, openPanel, posted, screenshot, setControl, sharedHarness } from './harness';

const fixture = (file: string) =>
  readFileSync(path.join(__dirname, '..', 'fixtures', 'torch', 'moons-mlp', file), 'utf8');

const waitForStatus = (page: Page, pattern: RegExp, timeout = 60_000) =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''),
    pattern.source,
    { timeout },
  );

/** Clicks an Export button and returns the script the page posted for the extension to open, if any. */
async function exportScript(page: Page, format: 'pytorch' | 'numpy'): Promise<string | null> {
  const before = (await posted(page)).length;
  if (!(await page.locator(`#export-${format}`).isVisible()))
    await page.locator('summary', { hasText: 'Export' }).click();
  await page.locator(`#export-${format}`).click({ force: true });
  await page.waitForTimeout(300); // the PyTorch script comes back from the worker
  const message = (await posted(page)).slice(before).find((m) => m.type === 'export' && m.format === format);
  return message ? String(message.text) : null;
}

const banner = async (page: Page) =>
  (await page.locator('#banner').isVisible()) ? await page.locator('#banner-text').textContent() : null;

describe('trainer panel: the script exports (Chromium)', function () {
  this.timeout(180_000);
  const harness = sharedHarness();

  it('exports the moons demo as the PyTorch script whose table PyTorch printed, and the log prints that table', async () => {
    const page = await openPanel(harness());
    await page.locator('#demo-moons').click();
    await setControl(page, 'dtype', 'float64'); // the script is digit for digit in float64
    await waitForStatus(page, /^ready$/);
    const script = await exportScript(page, 'pytorch');
    assert.ok(script !== null, 'the page posted the PyTorch script');
    const lines = script.split('\n');
    for (const line of [
      "# Exported from Autograd Lab's trainer: HINGE (mean), Adam lr=0.05 betas=(0.9, 0.999), 200 epochs, full batch, float64, autograd.",
      'def model(x, W1, b1, W2, b2, w3, b3):',
      '    return torch.relu(torch.relu(x @ W1 + b1) @ W2 + b2) @ w3 + b3',
      'optimizer = torch.optim.Adam(P.values(), lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)',
      'EPOCHS, EVERY = 200, 20',
    ])
      assert.ok(lines.includes(line), `missing line: ${line}`);
    // Every other line, the start values P included, is the script PyTorch 1.13 ran (test/fixtures/torch).
    const others = (text: string) => text.split('\n').filter((l) => !l.startsWith('x = '));
    assert.deepEqual(others(script), others(fixture('script.py')));
    assert.ok(lines.some((l) => l.startsWith('    "W1": torch.tensor([[-0.3303189808522953, -0.706640450344649, ')));
    // The points are Chromium's: Math.sin, Math.cos and Math.log may differ from Node's in the last bit.
    const points = (text: string) => (JSON.parse(/^x = torch\.tensor\((.*)\)$/m.exec(text)![1]) as number[][]).flat();
    const torchPoints = points(fixture('script.py'));
    points(script).forEach((v, i) => assert.ok(Math.abs(v - torchPoints[i]) <= 1e-15, `x[${i}]: ${v}`));
    assert.equal(await banner(page), null, 'nothing to say about a run the script reproduces');

    await page.locator('#play').click();
    await waitForStatus(page, /^done: 200 epochs$/);
    // PyTorch's table, each number to its last printed digit (Chromium's points differ in their last bit).
    const table = (await logLines(page)).filter((l) => !l.startsWith('#'));
    const torchTable = fixture('table.txt').split('\n').filter(Boolean);
    assert.equal(table.length, torchTable.length);
    const numbers = (line: string) => line.match(/-?\d+\.\d+/g) ?? [];
    table.forEach((line, k) => {
      assert.equal(line.replace(/-?\d+\.\d+/g, '#'), torchTable[k].replace(/-?\d+\.\d+/g, '#'));
      const theirs = numbers(torchTable[k]);
      numbers(line).forEach((n, i) => {
        const unit = 10 ** -(n.length - n.indexOf('.') - 1);
        assert.ok(Math.abs(Number(n) - Number(theirs[i])) <= unit * 1.001, `${line}\nPyTorch: ${torchTable[k]}`);
      });
    });

    // The numpy script writes the line model's gradient by hand: for the MLP its button is off, and says why.
    assert.equal(await page.locator('#export-numpy').isDisabled(), true);
    assert.equal(
      await page.locator('#export-note').textContent(),
      'The numpy script writes the gradient by hand and exists for the line model w·x + b; this run trains mlp:16,16:relu: use the PyTorch script.',
    );
    await screenshot(page, 'export-moons');
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.context().close();
  });

  it('refuses the PyTorch script of a hand-written gradient in the banner, and writes that run as numpy', async () => {
    const page = await openPanel(harness());
    await setControl(page, 'gradient', 'tutorial-numpy');
    assert.equal(await exportScript(page, 'pytorch'), null, 'no PyTorch script is posted');
    assert.match(
      (await banner(page)) ?? '',
      /^No PyTorch script: this run's gradient is hand-written \(the tutorial's numpy gradient\) and replaces autograd/,
    );
    assert.equal(await page.locator('#export-numpy').isDisabled(), false);
    assert.equal(await page.locator('#export-note').isVisible(), false);
    const numpy = await exportScript(page, 'numpy');
    assert.match(numpy ?? '', /^ {4}dw = np\.dot\(2\*x, y_pred-y\)\.mean\(\)$/m);
    await page.context().close();
  });
});
