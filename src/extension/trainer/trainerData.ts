// Data for the trainer from the workspace: a CSV or JSON file the user picks, or the arrays bound in
// the active editor. Files are read through workspace.fs (it works in VS Code for the Web too) and sent
// to the page as text: the worker parses them, so a large file never blocks the extension host.
import * as vscode from 'vscode';
import { failure, ok, type Result, type UserError } from '../../common/result';
import type { DataSource } from '../../protocol/trainerSettings';
import { loadExprEngine } from '../exprEngine';
import { boundData } from './boundArrays';

const MAX_FILE_BYTES = 100 * 1024 * 1024;

export async function pickDataFile(): Promise<DataSource | undefined> {
  const files = await vscode.workspace.findFiles('**/*.{csv,json}', '**/node_modules/**', 500);
  const browse = { label: '$(folder-opened) Browse…', uri: undefined as vscode.Uri | undefined };
  const items = [...files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), browse];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Train on a data file',
    placeHolder: 'A CSV or JSON file with a header row',
  });
  if (!picked) return undefined;
  let uri = picked.uri;
  if (!uri) {
    const chosen = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { 'Data (CSV, JSON)': ['csv', 'json'] },
    });
    uri = chosen?.[0];
  }
  if (!uri) return undefined;
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_FILE_BYTES)
    throw new Error(
      `${vscode.workspace.asRelativePath(uri)} is ${(stat.size / 2 ** 20).toFixed(0)} MB; the trainer reads files up to 100 MB.`,
    );
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  const format = uri.path.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  // The page chooses the target column from the header; an empty target means "let the page choose".
  return { kind: 'file', label: vscode.workspace.asRelativePath(uri), format, text, target: '' };
}

/**
 * The editor the user last worked in. Clicking in the trainer panel moves focus to the webview, and then
 * activeTextEditor is undefined: "the active editor" is the last text editor that had focus.
 */
let lastTextEditor: vscode.TextEditor | undefined;

export function trackLastTextEditor(): vscode.Disposable {
  lastTextEditor = vscode.window.activeTextEditor;
  return vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor) lastTextEditor = editor;
  });
}

/** The arrays bound in the active (or last active) editor; failing that, in another visible editor. */
export async function readEditorArrays(): Promise<Result<DataSource>> {
  const candidates = [vscode.window.activeTextEditor, lastTextEditor, ...vscode.window.visibleTextEditors]
    .map((editor) => editor?.document)
    .filter(
      (document, i, all): document is vscode.TextDocument =>
        document !== undefined && !document.isClosed && all.indexOf(document) === i,
    );
  if (!candidates.length)
    return failure({
      message: 'Open a file that binds x and y to arrays (such as samples/tutorial/tutorial_numpy.py), then try again.',
    });
  const expr = await loadExprEngine();
  let firstError: UserError | undefined;
  for (const document of candidates) {
    const label = vscode.workspace.asRelativePath(document.uri);
    const found = boundData(expr.boundValues(document.getText(), document.languageId), label);
    if (found.ok) return ok({ kind: 'inline', label, x: found.value.x, y: found.value.y });
    firstError ??= found.error;
  }
  return failure(firstError ?? { message: '' });
}
