// Show Computation Graph (palette, editor context menu, the hover's link): the graph the autograd engine
// records for the selection, or for the cursor's line (`loss = ...`, `l.backward()`, `g += ...`), drawn in
// the graph panel at the file's numbers.
import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { documentContext, type DocumentContext } from '../documentContext';
import { loadExprEngine, type ExprEngine } from '../exprEngine';
import { GraphPanel } from '../graph/graphPanel';
import { deriveOptions, documentFor, isExpressionRef, target, type ExpressionTarget } from '../hover/derivations';
import { readSettings } from '../settings';
import type { Services } from '../services';

/** The selection around the cursor, else what findGraphTarget() reads on the cursor's line. */
function targetInEditor(
  services: Services,
  engine: ExprEngine,
  editor: vscode.TextEditor,
  context: DocumentContext,
): ExpressionTarget | undefined {
  const settings = { ...readSettings(editor.document), withoutSelection: false };
  const selected = services.derivations.targetAt(engine, context, editor.selection.active, settings);
  if (selected) return selected;
  const cursor = context.base + editor.document.offsetAt(editor.selection.active);
  const found = engine.findGraphTarget(context.text, cursor);
  if (!found) return undefined;
  const start = found.span.start - context.base;
  const end = found.span.end - context.base;
  if (start < 0 || end > editor.document.getText().length) return undefined;
  return target(editor.document, 'statement', found.text, start, end);
}

async function showGraph(services: Services, ref: unknown): Promise<void> {
  const engine = await loadExprEngine();
  let context: DocumentContext;
  let expression: ExpressionTarget | undefined;
  if (isExpressionRef(ref)) {
    const document = await documentFor(ref.uri);
    context = documentContext(document);
    expression = services.derivations.targetOf(document, ref);
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Autograd Lab: open a file and select a loss to see its graph.');
      return;
    }
    context = documentContext(editor.document);
    expression = targetInEditor(services, engine, editor, context);
  }
  if (!expression) {
    void vscode.window.showInformationMessage(
      'Autograd Lab: select a loss, or put the cursor on a line such as `loss = ...` or `loss.backward()`, to see its computation graph.',
    );
    return;
  }
  const options = deriveOptions(context, expression, readSettings(context.document));
  const graph = engine.computationGraph(expression.text, options);
  if (!graph.ok) {
    const { message, column } = graph.error;
    void vscode.window.showWarningMessage(
      `Autograd Lab: no graph for \`${expression.text}\`: ${message} (column ${column})`,
    );
    return;
  }
  services.log.info(`graph of ${expression.text}: ${graph.value.nodes.length} nodes`);
  GraphPanel.show(services.context, graph.value, {
    uri: context.document.uri,
    title: expression.text,
    origin: context.origin(expression.start),
    // graph lines count lines of context.text; a notebook cell's own lines start after the cells above it
    firstLine: context.text.slice(0, context.base).split('\n').length,
  });
}

export function registerGraphCommand(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.showGraph, (ref: unknown) => showGraph(services, ref)),
    { dispose: () => GraphPanel.currentPanel?.dispose() },
  ];
}
