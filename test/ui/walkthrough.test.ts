// The walkthrough, followed as a newcomer would: open it from the palette, press "Show Me" on the
// hover step, and see the tutorial open with its loss selected and the derivative shown.
import assert from 'node:assert/strict';
import { startWorkbench, type Workbench } from './harness';

describe('the Get Started walkthrough', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench();
  });
  after(async () => {
    await workbench?.close();
  });

  it('opens the tutorial and shows the hover from its "Show Me" button', async () => {
    const { page } = workbench;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('>Welcome: Open Walkthrough');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough' }).first().click();
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Autograd Lab' })
      .first()
      .click({ timeout: 15_000 });
    const step = page.locator('.getting-started-step', { hasText: 'Hover the loss' }).first();
    await step.waitFor({ timeout: 15_000 });
    await step.click();
    await workbench.screenshot('walkthrough');
    await step.locator('a, button', { hasText: 'Show Me' }).first().click();
    const tooltip = page.locator('.monaco-editor .monaco-hover:visible', { hasText: '∂L/∂w = -30.0 at w = 0' }).first();
    await tooltip.waitFor({ timeout: 20_000 });
    assert.ok((await tooltip.innerText()).includes('∂/∂w of ((y_pred-y)**2).mean()'));
    await workbench.screenshot('walkthrough-show-me');
  });
});
