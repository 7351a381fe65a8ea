// Check Gradient: from the palette (the active file), the CodeLens (one function) or the hover's link
// (every hand-written gradient of that file). The verdict lands as a diagnostic; the user, who asked,
// also gets a notification with the quick fix one click away.
import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { CheckOutcome } from '../gradient/gradientChecks';
import { documentFor } from '../hover/derivations';
import type { Services } from '../services';

async function offerFix(document: vscode.TextDocument, outcome: CheckOutcome): Promise<void> {
  if (outcome.kind === 'failed') {
    await vscode.window.showWarningMessage(`Autograd Lab: could not check ${outcome.name}: ${outcome.message}`);
    return;
  }
  const { view, range } = outcome.checked;
  if (view.severity === 'information') {
    await vscode.window.showInformationMessage(`Autograd Lab: ${view.message}`);
    return;
  }
  const apply = view.fix ? 'Apply Fix' : undefined;
  const choice = await vscode.window.showWarningMessage(`Autograd Lab: ${view.message}`, ...(apply ? [apply] : []));
  if (choice === apply && view.fix) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, view.fix.replacement);
    await vscode.workspace.applyEdit(edit);
  }
}

export function registerGradientCommand(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      COMMANDS.checkGradient,
      async (uri?: unknown, name?: unknown): Promise<CheckOutcome[]> => {
        const document = typeof uri === 'string' ? await documentFor(uri) : vscode.window.activeTextEditor?.document;
        if (!document) {
          void vscode.window.showInformationMessage(
            'Autograd Lab: open a file with a loss and a hand-written gradient function.',
          );
          return [];
        }
        const outcomes = await services.checks.check(document, typeof name === 'string' ? [name] : []);
        if (outcomes.length === 0) {
          void vscode.window.showInformationMessage(
            'Autograd Lab: no hand-written gradient function found in this file (a function named like gradient, grad_w or dloss_dw that returns an expression).',
          );
        }
        for (const outcome of outcomes) void offerFix(document, outcome);
        return outcomes;
      },
    ),
  ];
}
