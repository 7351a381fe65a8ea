// Shared by the extension-host suites: the extension, the tutorial's files in the test workspace
// (samples/tutorial), and small helpers to select text and read hovers. Not a test file itself.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'autograd-lab.autograd-lab';
export const TUTORIAL_LOSS = '((y_pred-y)**2).mean()';
export const TUTORIAL_GRADIENT = 'np.dot(2*x, y_pred-y).mean()';

export interface ExtensionApi {
  activationMs: number;
  hoverTimings(): number[];
}

export async function activeExtension(): Promise<vscode.Extension<ExtensionApi>> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  await extension.activate();
  return extension;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with samples/tutorial open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openEditor(uriOrDoc: vscode.Uri | vscode.TextDocument): Promise<vscode.TextEditor> {
  const document = uriOrDoc instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uriOrDoc) : uriOrDoc;
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Selects the `occurrence`-th `text` in the editor and returns its range. */
export function select(editor: vscode.TextEditor, text: string, occurrence = 0): vscode.Range {
  const all = editor.document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = all.indexOf(text, at + 1);
  assert.ok(at >= 0, `"${text}" is not in ${editor.document.uri.path}`);
  const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + text.length));
  editor.selection = new vscode.Selection(range.start, range.end);
  return range;
}

export function placeCursor(editor: vscode.TextEditor, position: vscode.Position): void {
  editor.selection = new vscode.Selection(position, position);
}

function markdownOf(content: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof content === 'string') return content;
  return 'value' in content ? content.value : '';
}

/** Every hover's markdown at `position`, one string per hover. */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.map((h) => h.contents.map(markdownOf).join('\n'));
}

/** Our hover at `position` (the one that talks about ∂ or says "not an expression"), if any. */
export async function derivativeHover(uri: vscode.Uri, position: vscode.Position): Promise<string | undefined> {
  return (await hoverTexts(uri, position)).find((text) => /∂|not an expression|no parameters/.test(text));
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
