// Exports from the trainer: text (history CSV/JSON, PyTorch or numpy script) opens in a new editor the
// user can save or run; the charts' PNG goes where the user chooses.
import * as vscode from 'vscode';
import type { ExportFormat } from '../../protocol/webviewMessages';

const LANGUAGE: Record<ExportFormat, string> = { csv: 'csv', json: 'json', pytorch: 'python', numpy: 'python' };

export async function exportText(format: ExportFormat, text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE[format], content: text });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
}

/** Returns where it was saved, or undefined when the user cancelled. */
export async function exportPng(dataUrl: string): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    filters: { 'PNG image': ['png'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'training.png') } : {}),
  });
  if (!target) return undefined;
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  await vscode.workspace.fs.writeFile(target, bytes);
  return vscode.workspace.asRelativePath(target);
}
