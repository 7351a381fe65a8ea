// Show Computation Graph as a person uses it in a real VS Code: select the tutorial's loss (or put the
// cursor on micrograd's g.backward()), run the command from the palette, run the backward pass in the
// panel, and read each parameter's grad on its node. Expected numbers: the tutorial's closed form
// (L = 7.5 (w - 2)^2, so dL/dw = 15 (w - 2) = -30 at w = 0) and what micrograd prints (138.8338, 645.5773).
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { startWorkbench, type Workbench } from './harness';

const TITLE = 'Autograd Lab: Show Computation Graph';

/** The palette lists the command once the extension host has started, which takes a while on a busy machine. */
async function runWhenListed(workbench: Workbench): Promise<void> {
  await runWhenListedTitle(workbench, TITLE);
}

async function runWhenListedTitle(workbench: Workbench, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await workbench.runCommand(title);
      return;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}

/** The node of a leaf, found by what a screen reader hears: `parameter w: data …, grad …`. */
function leaf(frame: Frame, name: string) {
  return frame.locator(`.box[aria-label^="parameter ${name}:"]`);
}

/** Runs both passes to their end and returns the panel for reading. */
async function runBackward(workbench: Workbench, expression: string): Promise<Frame> {
  const frame = await workbench.webviewFrame('#run-backward', 60_000);
  await frame.waitForFunction(
    (text) => document.getElementById('expression')?.textContent?.includes(text),
    expression,
    { timeout: 30_000 },
  );
  await frame.locator('#run-backward').click();
  return frame;
}

describe('Show Computation Graph in the workbench', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench();
  });
  after(async () => {
    if (workbench?.pageErrors.length) console.log(workbench.pageErrors.join('\n'));
    await workbench?.close();
  });

  it("draws the tutorial's loss and, stepped to the end, shows ∂L/∂w = -30 on w", async () => {
    await workbench.openFile('tutorial_numpy.py');
    await workbench.selectText('((y_pred-y)**2).mean()');
    await runWhenListed(workbench);
    const frame = await runBackward(workbench, 'w*x');
    await frame.waitForFunction(
      () => document.querySelector('.box[aria-label^="parameter w:"]')?.getAttribute('aria-label')?.includes('grad'),
      undefined,
      { timeout: 20_000 },
    );
    const label = (await leaf(frame, 'w').getAttribute('aria-label')) ?? '';
    await workbench.screenshot('graph-tutorial');
    assert.match(label, /^parameter w: data 0\.0000, grad -30\.0000$/, label);
    const steps = (await frame.locator('.step .text').allTextContents()).join('\n');
    // y_pred = forward(x) named w*x in the file: the chain rule calls it by that name
    assert.ok(steps.includes('∂L/∂w = Σ(∂L/∂y_pred · x) = -30.0000'), steps);
  });

  it("draws micrograd's README program from the cursor on g.backward(): dg/da = 138.8338, dg/db = 645.5773", async () => {
    await workbench.openFile('micrograd_readme.py');
    await workbench.placeCursor('g.backward()');
    await runWhenListed(workbench);
    const frame = await runBackward(workbench, 'a + b');
    await frame.waitForFunction(
      () => document.querySelector('.box[aria-label^="parameter b:"]')?.getAttribute('aria-label')?.includes('645'),
      undefined,
      { timeout: 20_000 },
    );
    await workbench.screenshot('graph-micrograd-readme');
    // a and b are used many times: their grads were accumulated (micrograd's +=)
    assert.equal(await leaf(frame, 'a').getAttribute('aria-label'), 'parameter a: data -4.0000, grad 138.8338 (+=)');
    assert.equal(await leaf(frame, 'b').getAttribute('aria-label'), 'parameter b: data 2.0000, grad 645.5773 (+=)');
  });

  it("opens from the trainer's Graph button on the tutorial at epoch 0: ∂L/∂w = -30", async () => {
    await runWhenListedTitle(workbench, 'Autograd Lab: Train Linear Model');
    const trainer = await workbench.webviewFrame('#log', 60_000);
    await trainer.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, {
      timeout: 60_000,
    });
    await trainer.locator('#graph').click();
    const frame = await runBackward(workbench, 'w*x');
    await frame.waitForFunction(
      () => document.querySelector('.box[aria-label^="parameter w:"]')?.getAttribute('aria-label')?.includes('grad'),
      undefined,
      { timeout: 20_000 },
    );
    await workbench.screenshot('graph-from-trainer');
    assert.equal(await leaf(frame, 'w').getAttribute('aria-label'), 'parameter w: data 0.0000, grad -30.0000');
  });
});
