// A person's derivative hover: open the tutorial's numpy program, select the loss, hover it, read the
// tooltip, and keep a screenshot (artifacts/ui/hover-tutorial-loss.png) to look at.
import assert from 'node:assert/strict';
import { startWorkbench, type Workbench } from './harness';

const LOSS = '((y_pred-y)**2).mean()';
const VALUE_LINE = '∂L/∂w = -30.0 at w = 0';

/** Hovers until the tooltip says `wanted`: the first hover can race the extension host's start. */
async function hoverUntil(workbench: Workbench, wanted: string): Promise<string> {
  let text = '';
  for (let attempt = 0; attempt < 3 && !text.includes(wanted); attempt++) {
    text = await workbench.hover(LOSS, { waitFor: wanted, timeoutMs: 10_000 });
  }
  return text;
}

describe('the derivative hover, as a person uses it', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench();
  });
  after(async () => {
    await workbench?.close();
  });

  it('shows ∂L/∂w of the selected tutorial loss, in Python and in math, with its value at w = 0', async () => {
    await workbench.openFile('tutorial_numpy.py');
    // The CodeLens above the gradient shows the extension is active and its engine loaded.
    await workbench.page
      .locator('.codelens-decoration', { hasText: 'Check gradient against autograd' })
      .waitFor({ timeout: 30_000 });
    await workbench.selectText(LOSS);
    const text = await hoverUntil(workbench, VALUE_LINE);
    await workbench.screenshot('hover-tutorial-loss');
    assert.ok(text.includes(`∂/∂w of ${LOSS}`), text);
    assert.ok(text.includes(VALUE_LINE), text);
    assert.match(text, /∂L\/∂w = mean\(/, text);
    for (const link of ['Copy derivative', 'Show steps', 'Check my gradient', 'Train with this loss'])
      assert.ok(text.includes(link), `no "${link}" in ${text}`);
  });

  it("opens the chain-rule steps from the tooltip's link", async () => {
    await workbench.selectText(LOSS);
    await hoverUntil(workbench, 'Show steps');
    await workbench.page.locator('.monaco-hover a', { hasText: 'Show steps' }).first().click();
    await workbench.page.locator('.tab', { hasText: 'steps of' }).first().waitFor({ timeout: 15_000 });
    const preview = await workbench.webviewFrame('h2', 20_000); // the markdown preview renders the steps
    const headings = await preview.locator('h1, h2').allInnerTexts();
    assert.ok(headings.some((h) => h.startsWith('∂/∂w of')) && headings.includes('∂L/∂w'), headings.join(' | '));
    await workbench.screenshot('hover-show-steps');
  });

  it('on features_numpy.py, with a vector w: 2·Xᵀ(X w − y)/len(X), and its value at w = 0 worked by hand', async () => {
    await workbench.openFile('features_numpy.py');
    await workbench.selectText(LOSS);
    // X = [[1,1],[2,1],[3,2],[4,3]], y = [3,5,8,11], w = 0: 2/4 Xᵀ(-y) = [-40.5, -28.5]
    const text = await hoverUntil(workbench, '[-40.5, -28.5]');
    await workbench.screenshot('hover-features-matrix');
    assert.ok(text.includes('2*X.T @ (X @ w - y)/len(X)'), text);
    assert.ok(text.includes('∂L/∂w = 2·Xᵀ(X w − y)/len(X)'), text);
    assert.ok(text.includes('∂L/∂w = [-40.5, -28.5] at w = [0, 0]'), text);
  });

  it("reads micrograd's README program in order: selecting the g of g.backward() shows micrograd's dg/da and dg/db", async () => {
    await workbench.openFile('micrograd_readme.py');
    await workbench.selectText('g.backward()', 0, 1);
    // micrograd prints 138.8338 and 645.5773; the hover shows 6 significant digits
    let text = '';
    for (let attempt = 0; attempt < 3 && !text.includes('645.577'); attempt++) {
      text = await workbench.hover('g.backward()', { length: 1, waitFor: '645.577', timeoutMs: 10_000 });
    }
    await workbench.screenshot('hover-micrograd-readme');
    // A program's formulas are long: the numbers come first, in one line, right under the question
    assert.ok(text.includes('L = 24.7041 · ∂L/∂a = 138.834 · ∂L/∂b = 645.577 at a = -4, b = 2'), text);
    assert.ok(text.indexOf('645.577') < text.indexOf('(3*a + 4*b'), text);
  });

  it('shows the same tooltip from the palette: Autograd Lab: Show Derivative of Selection', async () => {
    await workbench.openFile('tutorial_numpy.py'); // the steps document beside it had the focus
    await workbench.selectText(LOSS);
    await workbench.runCommand('Autograd Lab: Show Derivative of Selection');
    const tooltip = workbench.page.locator('.monaco-editor .monaco-hover:visible', { hasText: VALUE_LINE }).first();
    await tooltip.waitFor({ timeout: 15_000 });
    assert.ok((await tooltip.innerText()).includes(`∂/∂w of ${LOSS}`));
  });
});

describe('the typeset derivative image (setting autogradLab.hover.typesetImage)', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench({ settings: { 'autogradLab.hover.typesetImage': true } });
  });
  after(async () => {
    await workbench?.close();
  });

  it('draws ∂L/∂w as a formula above its text form, and the image loads', async () => {
    await workbench.openFile('tutorial_numpy.py');
    await workbench.page
      .locator('.codelens-decoration', { hasText: 'Check gradient against autograd' })
      .waitFor({ timeout: 30_000 });
    await workbench.selectText(LOSS);
    const text = await hoverUntil(workbench, VALUE_LINE);
    assert.ok(text.includes(VALUE_LINE), text);
    const image = workbench.page.locator('.monaco-hover:visible img').first();
    await image.waitFor({ timeout: 10_000 });
    const size = await image.evaluate((img: HTMLImageElement) => ({
      width: img.naturalWidth,
      height: img.naturalHeight,
      alt: img.alt,
    }));
    await workbench.screenshot('hover-typeset-image');
    assert.ok(size.width > 100 && size.height > 20, JSON.stringify(size));
    assert.equal(size.alt, '∂L/∂w = mean(2·x·(w·x − y))');
  });
});
