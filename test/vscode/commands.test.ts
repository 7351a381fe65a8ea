import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, openEditor, select, TUTORIAL_LOSS, waitFor, workspaceFile } from './tutorialFiles';

function trainerTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('autogradLab.trainer'));
}

describe('the Autograd Lab commands', () => {
  const numpy = workspaceFile('tutorial_numpy.py');

  before(async () => {
    await activeExtension();
  });

  it('Copy derivative puts the derivative on the clipboard', async () => {
    await vscode.commands.executeCommand('autogradLab.copyDerivative', '(2*x*(w*x - y)).mean()');
    assert.equal(await vscode.env.clipboard.readText(), '(2*x*(w*x - y)).mean()');
  });

  it('Train with Selected Loss opens the trainer panel on the selected loss', async function () {
    this.timeout(60_000); // the first webview panel loads the trainer's page
    const editor = await openEditor(numpy);
    select(editor, TUTORIAL_LOSS);
    await vscode.commands.executeCommand('autogradLab.trainWithSelectedLoss');
    const tab = await waitFor('the trainer panel', trainerTab, 30_000);
    // The page reports the loss it now trains and the extension names the tab after it: the title
    // changes only once the loss has travelled extension -> page -> extension.
    await waitFor(
      `the tab titled "Train: ${TUTORIAL_LOSS}"`,
      () => trainerTab()?.label === `Train: ${TUTORIAL_LOSS}` || undefined,
      30_000,
    );
    await vscode.window.tabGroups.close(trainerTab() ?? tab);
  });

  it('the walkthrough\'s "Check It" opens the tutorial from the workspace and flags its gradient', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('autogradLab.openTutorial', 'check');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), numpy.toString());
    assert.equal(editor.document.getText(editor.selection), TUTORIAL_LOSS, 'the loss is selected');
    const diagnostics = await waitFor('the verdict', () => {
      const ours = vscode.languages.getDiagnostics(numpy).filter((d) => d.source === 'Autograd Lab');
      return ours.length ? ours : undefined;
    });
    assert.match(diagnostics[0].message, /4x too large/);
  });
});
