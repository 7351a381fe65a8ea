import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, derivativeHover, waitFor } from './tutorialFiles';

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

// The seed notebook's first two cells as it has them (imports, then the whole numpy program): its
// hand-written gradient np.dot(2*x, y_pred-y).mean() sums the 4 samples, so it is 4x autograd's mean
// gradient: -120 against -30 at w = 0 (samples/tutorial/README.md).
const SEED_CELLS = [
  'import numpy as np\nimport torch',
  [
    'x =  np.array([1,2,3,4], dtype = np.float32)',
    'y =  np.array([2,4,6,8], dtype = np.float32)',
    '',
    'w = 0.0',
    '',
    '# model prediction',
    'def forward(x):',
    '    return w * x',
    '',
    '# loss = MSE',
    'def loss(y, y_pred):',
    '    return ((y_pred-y)**2).mean()',
    '',
    '# gradient',
    'def gradient(x, y, y_pred):',
    '    return np.dot(2*x, y_pred-y).mean()',
    '',
    'learning_rate = 0.01',
    'for epoch in range(20):',
    '    y_pred = forward(x)',
    '    l = loss(y, y_pred)',
    '    dw = gradient(x, y, y_pred)',
    '    w -= learning_rate * dw',
  ].join('\n'),
];

describe('the gradient check in a Jupyter notebook cell', () => {
  let notebook: vscode.NotebookDocument;
  const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Autograd Lab');

  before(async () => {
    await activeExtension();
    const data = new vscode.NotebookData(
      SEED_CELLS.map((text) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, 'python')),
    );
    notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(notebook);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('puts the CodeLens above the gradient function, on the line of its own cell', async () => {
    const cell = notebook.cellAt(1).document;
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', cell.uri)) ?? [];
    const checks = lenses.filter((l) => l.command?.command === 'autogradLab.checkGradient');
    assert.equal(checks.length, 1, JSON.stringify(checks.map((l) => [l.range.start.line, l.command?.title])));
    assert.equal(cell.lineAt(checks[0].range.start.line).text, 'def gradient(x, y, y_pred):');
  });

  it('flags the gradient as 4x too large on its expression in the cell, and the quick fix makes it match', async () => {
    const cell = notebook.cellAt(1).document;
    await vscode.commands.executeCommand('autogradLab.checkGradient', cell.uri.toString(), 'gradient');
    const [diagnostic] = await waitFor('the verdict in the cell', () =>
      ours(cell.uri).length ? ours(cell.uri) : undefined,
    );
    assert.equal(cell.getText(diagnostic.range), 'np.dot(2*x, y_pred-y).mean()');
    assert.match(diagnostic.message, /4x too large/, diagnostic.message);
    assert.match(diagnostic.message, /-120\b/, diagnostic.message);
    assert.match(diagnostic.message, /-30\b/, diagnostic.message);

    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        cell.uri,
        diagnostic.range,
      )) ?? [];
    const fix = actions.find((a) => a.edit && /4/.test(a.title));
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    await vscode.workspace.applyEdit(fix.edit);
    const verdict = await waitFor('the re-check after the fix', () => {
      const d = ours(cell.uri);
      return d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Information ? d[0] : undefined;
    });
    assert.doesNotMatch(verdict.message, /too large/, verdict.message);
  });
});
