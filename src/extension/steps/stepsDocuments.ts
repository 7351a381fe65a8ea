// Read-only side documents for "Show steps", served from memory under their own URI scheme.
import * as vscode from 'vscode';

export const STEPS_SCHEME = 'autograd-lab-steps';
const KEEP = 20;

export class StepsDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.contents.get(uri.toString()) ??
      '# These steps are no longer available\n\nHover the expression again and choose Show steps.\n'
    );
  }

  /** Shows `markdown` beside the editor, rendered when the built-in markdown preview is there. */
  async show(title: string, markdown: string): Promise<void> {
    const name =
      title
        .replace(/[^\w∂ .,+*()-]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 60) || 'steps';
    const uri = vscode.Uri.from({ scheme: STEPS_SCHEME, path: `/${name}.md`, query: String(++this.counter) });
    this.contents.set(uri.toString(), markdown);
    while (this.contents.size > KEEP) this.contents.delete(this.contents.keys().next().value as string);
    const document = await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  }
}
