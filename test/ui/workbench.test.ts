// The UI harness itself: a person's first minute with the tutorial in a real VS Code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWorkbench, tutorialFolder, type Workbench } from './harness';

describe('the workbench a UI test gets', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench();
  });
  after(async () => {
    await workbench?.close();
  });

  it('opens samples/tutorial with the tutorial programs in the explorer', async () => {
    const names = await workbench.page.locator('.explorer-folders-view .explorer-item .label-name').allInnerTexts();
    for (const file of ['tutorial_numpy.py', 'tutorial_pytorch.py', 'tutorial.ts', 'data.csv'])
      assert.ok(names.includes(file), `${file} not in ${names.join(', ')}`);
  });

  it('shows tutorial_numpy.py in the editor when it is clicked in the explorer', async () => {
    await workbench.openFile('tutorial_numpy.py');
    const shown = await workbench.editorText();
    const onDisk = readFileSync(join(tutorialFolder, 'tutorial_numpy.py'), 'utf8').split('\n');
    // Every line the editor renders is the file's line, in order, starting at the first.
    const rendered = shown.split('\n');
    assert.ok(rendered.length >= 20, `only ${rendered.length} lines rendered`);
    assert.deepEqual(rendered, onDisk.slice(0, rendered.length));
  });

  it('has Autograd Lab installed and enabled, as the Extensions view shows through the command palette', async () => {
    await workbench.runCommand('Extensions: Show Enabled Extensions');
    const item = workbench.page
      .locator('.extensions-viewlet .extension-list-item', { hasText: 'Autograd Lab' })
      .first();
    await item.waitFor({ timeout: 15_000 });
    assert.match(await item.innerText(), /autograd-lab/);
    await workbench.runCommand('View: Show Explorer');
  });
});
