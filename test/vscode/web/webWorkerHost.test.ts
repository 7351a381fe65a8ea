// Autograd Lab in VS Code for the Web, as a vscode.dev user has it: the extension runs from its `browser`
// entry (dist/web/extension.js) in the web worker extension host, with no Node. Run by `npm run test:web`
// only (the Node suite skips test/vscode/web/). Each test first checks where it runs, so this file cannot
// pass in the Node extension host by mistake.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activeExtension,
  derivativeHover,
  openEditor,
  select,
  TUTORIAL_LOSS,
  waitFor,
  workspaceFile,
  type ExtensionApi,
} from '../tutorialFiles';

/** The file paths of the scripts this worker fetched: the web worker host loads extensions by fetch. */
function scriptsLoadedHere(): string[] {
  return performance.getEntriesByType('resource').map((entry) => {
    const url = new URL(entry.name);
    return url.searchParams.get('path') ?? url.pathname; // code-server serves files as ...?path=<file path>
  });
}

/** Asserts that this test, and the extension it talks to, run in the web worker extension host. */
async function inWebWorkerHost(): Promise<vscode.Extension<ExtensionApi>> {
  const extension = await activeExtension();
  assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'Node is here: not a web host');
  assert.ok(typeof WorkerGlobalScope === 'function' && globalThis instanceof WorkerGlobalScope, 'not a Web Worker');
  assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
  // UI: the extension runs on the browser's side; in the Node (remote) extension host it would be Workspace.
  assert.equal(extension.extensionKind, vscode.ExtensionKind.UI, 'the extension runs in the Node extension host');
  const browserEntry = `${extension.extensionUri.path}/dist/web/extension.js`;
  assert.equal(extension.packageJSON.browser, './dist/web/extension.js');
  const scripts = scriptsLoadedHere();
  assert.ok(scripts.includes(browserEntry), `${browserEntry} was not loaded in this worker: ${scripts.join(', ')}`);
  assert.ok(!scripts.includes(`${extension.extensionUri.path}/dist/extension.js`), 'the Node entry was loaded');
  return extension;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** micrograd's README program (samples/tutorial/micrograd_readme.py) as a plain function of a and b. */
function microgradG(a: number, b: number): number {
  const relu = (v: number) => Math.max(0, v);
  let c = a + b;
  let d = a * b + b ** 3;
  c += c + 1;
  c += 1 + c + -a;
  d += d * 2 + relu(b + a);
  d += 3 * d + relu(b - a);
  const e = c - d;
  const f = e ** 2;
  let g = f / 2.0;
  g += 10.0 / f;
  return g;
}

/** Central difference (f(v + h) - f(v - h)) / 2h: relu's kinks are far from a = -4, b = 2. */
function centralDifference(f: (v: number) => number, v: number, h = 1e-5): number {
  return (f(v + h) - f(v - h)) / (2 * h);
}

function trainerTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('autogradLab.trainer'));
}

describe('Autograd Lab in VS Code for the Web (the web worker extension host)', () => {
  it('activates from its browser entry, dist/web/extension.js, in a Web Worker without Node', async () => {
    const extension = await inWebWorkerHost();
    assert.ok(extension.isActive);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of extension.packageJSON.contributes.commands as Array<{ command: string }>)
      assert.ok(registered.has(command), `${command} has no handler`);
  });

  it("hovers the tutorial's loss with ∂L/∂w = -30 at w = 0, the closed form mean(2x(wx - y))", async () => {
    await inWebWorkerHost();
    const numpy = workspaceFile('tutorial_numpy.py');
    const editor = await openEditor(numpy);
    // The file's data and start: x = [1, 2, 3, 4], y = 2x, w = 0; L = mean((w x - y)^2).
    assert.ok(editor.document.getText().includes('x =  np.array([1,2,3,4]'));
    assert.ok(editor.document.getText().includes('y =  np.array([2,4,6,8]'));
    const x = [1, 2, 3, 4];
    const y = x.map((v) => 2 * v);
    const w = 0;
    const dLdw = mean(x.map((xi, i) => 2 * xi * (w * xi - y[i]))); // -30
    const range = select(editor, TUTORIAL_LOSS);
    const text = await derivativeHover(numpy, range.start.translate(0, 3));
    assert.ok(text, 'no derivative hover');
    assert.ok(text.includes('```python\n(2*x*(w*x - y)).mean()\n```'), text);
    assert.ok(text.includes(`∂L/∂w = ${dLdw.toFixed(1)} at w = ${w}`), text);
  });

  it("hovers micrograd's README g with dg/da = 138.834 and dg/db = 645.577, as central differences give", async () => {
    await inWebWorkerHost();
    const program = await openEditor(workspaceFile('micrograd_readme.py'));
    const at = program.document.positionAt(program.document.getText().lastIndexOf('g.backward()'));
    program.selection = new vscode.Selection(at, at.translate(0, 1)); // the g that backward() starts from
    const text = await derivativeHover(program.document.uri, at);
    assert.ok(text, 'no derivative hover on g');
    // 6 significant digits, the default precision: micrograd prints 138.8338 and 645.5773.
    const dgda = centralDifference((a) => microgradG(a, 2), -4).toPrecision(6);
    const dgdb = centralDifference((b) => microgradG(-4, b), 2).toPrecision(6);
    assert.deepEqual([dgda, dgdb], ['138.834', '645.577']);
    assert.ok(text.includes(dgda), text);
    assert.ok(text.includes(dgdb), text);
    assert.match(text, /a = -4, b = 2/, text);
  });

  it("flags the tutorial's hand-written gradient as 4x too large: np.dot already sums the 4 samples", async () => {
    await inWebWorkerHost();
    const numpy = workspaceFile('tutorial_numpy.py');
    await openEditor(numpy);
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', numpy)) ?? [];
    assert.equal(lenses.filter((lens) => lens.command?.command === 'autogradLab.checkGradient').length, 1);
    await vscode.commands.executeCommand('autogradLab.checkGradient');
    const verdict = await waitFor('the gradient check', () =>
      vscode.languages.getDiagnostics(numpy).find((d) => d.source === 'Autograd Lab'),
    );
    assert.match(verdict.message, /4x too large/);
  });

  it('opens the trainer panel with Train Linear Model', async function () {
    this.timeout(60_000); // the first webview panel loads the trainer's page
    await inWebWorkerHost();
    await vscode.commands.executeCommand('autogradLab.trainLinearModel');
    const tab = await waitFor('the trainer panel', trainerTab, 30_000);
    assert.equal(tab.label, 'Train Linear Model');
    await vscode.window.tabGroups.close(tab);
    await waitFor('the trainer panel to close', () => trainerTab() === undefined || undefined);
  });
});
