// The trainer's face in the extension host: the command opens one panel and reveals it again, a launch
// (from the hover or another command) reuses it, and a bad argument is ignored rather than thrown.
// What the panel shows is checked in test/ui/trainer.test.ts and test/webview.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readEditorArrays, trackLastTextEditor } from '../../src/extension/trainer/trainerData';
import { activeExtension, workspaceFile } from './tutorialFiles';

const VIEW_TYPE = 'autogradLab.trainer';

function trainerTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function closeTrainers(): Promise<void> {
  await vscode.window.tabGroups.close(trainerTabs());
  await until(() => trainerTabs().length === 0, 'the trainer tabs to close');
}

describe('Train Linear Model (extension host)', () => {
  before(async () => {
    await activeExtension();
  });
  afterEach(closeTrainers);

  it('opens the trainer panel titled "Train Linear Model"', async () => {
    await vscode.commands.executeCommand('autogradLab.trainLinearModel');
    await until(() => trainerTabs().length === 1, 'a trainer tab');
    assert.equal(trainerTabs()[0].label, 'Train Linear Model');
  });

  it('reveals the same panel when run again instead of opening a second one', async () => {
    await vscode.commands.executeCommand('autogradLab.trainLinearModel');
    await until(() => trainerTabs().length === 1, 'a trainer tab');
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await until(() => !trainerTabs()[0].isActive, 'the trainer to be hidden behind an editor');
    await vscode.commands.executeCommand('autogradLab.trainLinearModel');
    await until(() => trainerTabs().length === 1 && trainerTabs()[0].isActive, 'the trainer to be revealed');
    await vscode.commands
      .executeCommand('workbench.action.revertAndCloseActiveEditor')
      .then(undefined, () => undefined);
  });

  it('takes a launch with a loss and data into the same panel', async () => {
    await vscode.commands.executeCommand('autogradLab.trainLinearModel');
    await until(() => trainerTabs().length === 1, 'a trainer tab');
    const launch = {
      lossExpr: '((y_pred-y)**2).mean()',
      modelExpr: 'w*x',
      data: { x: [[1], [2], [3], [4]], y: [2, 4, 6, 8] },
      source: 'tutorial_numpy.py:19',
    };
    await vscode.commands.executeCommand('autogradLab.trainLinearModel', launch);
    assert.equal(trainerTabs().length, 1);
    // The page reports the loss it took, and the tab is named after it.
    await until(() => trainerTabs()[0]?.label === 'Train: ((y_pred-y)**2).mean()', 'the tab to name the launched loss');
  });

  it('ignores an argument that is not a launch instead of failing', async () => {
    await vscode.commands.executeCommand('autogradLab.trainLinearModel', { data: 'not arrays' });
    await until(() => trainerTabs().length === 1, 'a trainer tab');
  });

  it('opens a fresh panel after the last one was closed', async () => {
    await vscode.commands.executeCommand('autogradLab.trainLinearModel');
    await until(() => trainerTabs().length === 1, 'a trainer tab');
    await closeTrainers();
    await vscode.commands.executeCommand('autogradLab.trainLinearModel');
    await until(() => trainerTabs().length === 1, 'a new trainer tab');
  });
});

describe('Arrays from editor (extension host)', () => {
  it('reads x and y from the editor the user left for the panel, even once the panel covers it', async () => {
    // One editor group, so nothing an earlier test left open beside it can keep the file visible.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.editorLayoutSingle');
    const tracking = trackLastTextEditor();
    const document = await vscode.workspace.openTextDocument(workspaceFile('tutorial_numpy.py'));
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
    // A webview in the same group takes the focus and hides the editor, as clicking the trainer's tab does.
    const cover = vscode.window.createWebviewPanel('autogradLab.test.cover', 'cover', vscode.ViewColumn.One);
    try {
      await until(() => vscode.window.activeTextEditor === undefined, 'the webview to take the focus');
      assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document === document), 'the editor is hidden');
      // tutorial_numpy.py binds x = np.array([1,2,3,4], ...) and y = np.array([2,4,6,8], ...).
      assert.deepEqual(await readEditorArrays(), {
        ok: true,
        value: { kind: 'inline', label: 'tutorial_numpy.py', x: [[1], [2], [3], [4]], y: [2, 4, 6, 8] },
      });
    } finally {
      cover.dispose();
      tracking.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('says what is missing when no open editor binds x and y', async () => {
    const tracking = trackLastTextEditor();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('data.csv')), {
      preview: false,
    });
    try {
      const result = await readEditorArrays();
      assert.deepEqual(result, {
        ok: false,
        error: {
          message: 'data.csv does not bind x and y to a literal array of numbers (e.g. x = np.array([1, 2, 3, 4]))',
        },
      });
    } finally {
      tracking.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
