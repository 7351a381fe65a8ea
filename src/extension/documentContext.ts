// The text a document's expressions are read in: the document itself, or for a notebook cell the code
// cells up to it, so `forward` defined two cells above is still inlined.
import * as vscode from 'vscode';
import { joinCells } from './hover/notebookContext';

export interface DocumentContext {
  document: vscode.TextDocument;
  /** What src/expr resolves names in. */
  text: string;
  /** Offset of the document's first character in `text`. */
  base: number;
  languageId: string;
  /** A 1-based line of `text` as the user knows it. */
  lineLabel(line: number): string;
  /** 'tutorial_numpy.py:23', for titles. */
  origin(documentOffset: number): string;
}

function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((cell) => cell.document === document));
}

function fileName(uri: vscode.Uri): string {
  const path = uri.path.split('/');
  return path[path.length - 1] || uri.toString();
}

export function documentContext(document: vscode.TextDocument): DocumentContext {
  const notebook = notebookOf(document);
  const plain = {
    document,
    languageId: document.languageId,
    origin: (offset: number) => `${fileName(document.uri)}:${document.positionAt(offset).line + 1}`,
  };
  if (!notebook) {
    return { ...plain, text: document.getText(), base: 0, lineLabel: (line: number) => `line ${line}` };
  }
  const cells = [];
  for (const cell of notebook.getCells()) {
    if (cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === document.languageId) {
      cells.push({ index: cell.index, text: cell.document.getText() });
    }
    if (cell.document === document) break;
  }
  const joined = joinCells(cells);
  const cellIndex = notebook.getCells().find((cell) => cell.document === document)?.index ?? 0;
  return {
    ...plain,
    text: joined.text,
    base: joined.base,
    lineLabel: joined.lineLabel,
    origin: (offset: number) =>
      `${fileName(notebook.uri)}, cell ${cellIndex + 1}:${document.positionAt(offset).line + 1}`,
  };
}
