import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, derivativeHover } from './tutorialFiles';

// The tutorial as a notebook, split over three python cells: the loss in the last cell uses the model
// and the values defined in earlier cells.
const CELLS = [
  'import numpy as np\nx = np.array([1,2,3,4], dtype=np.float32)\ny = np.array([2,4,6,8], dtype=np.float32)\nw = 0.0',
  'def forward(x):\n    return w * x',
  'y_pred = forward(x)\nl = ((y_pred-y)**2).mean()',
];

describe('the derivative hover in a Jupyter notebook', () => {
  let notebook: vscode.NotebookDocument;

  before(async () => {
    await activeExtension();
    const data = new vscode.NotebookData(
      CELLS.map((text) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, 'python')),
    );
    notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(notebook);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reads definitions from earlier python cells and names their lines by cell', async () => {
    const cell = notebook.cellAt(2).document;
    const at = cell.positionAt(cell.getText().indexOf('((y_pred') + 3);
    const text = await derivativeHover(cell.uri, at);
    assert.ok(text, 'no derivative hover in the notebook cell');
    assert.ok(text.includes('∂L/∂w = -30.0 at w = 0'), text);
    assert.match(text, /`forward` → `w \* x` \(cell 2, line 1\)/, text);
    assert.match(text, /`w = 0\.0` \(cell 1, line 4\)/, text);
  });
});
