// Show Derivative of Selection, and the hover's Copy derivative and Show steps links.
import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { documentContext } from '../documentContext';
import { loadExprEngine } from '../exprEngine';
import { documentFor, isExpressionRef, type Derivation } from '../hover/derivations';
import { readSettings } from '../settings';
import type { Services } from '../services';
import { stepsMarkdown } from '../steps/stepsText';

/** The derivation at the active editor's selection or cursor; tells the user when there is none. */
export async function derivationInActiveEditor(services: Services): Promise<Derivation | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Autograd Lab: open a file and select an expression first.');
    return undefined;
  }
  const engine = await loadExprEngine();
  const settings = { ...readSettings(editor.document), withoutSelection: true };
  const derivation = services.derivations.at(engine, editor.document, editor.selection.active, settings);
  if (!derivation) {
    void vscode.window.showInformationMessage(
      'Autograd Lab: select an expression, such as a loss, to differentiate it.',
    );
    return undefined;
  }
  if (!derivation.outcome.ok) {
    const { message, column } = derivation.outcome.error;
    void vscode.window.showWarningMessage(`Autograd Lab: not an expression: ${message} at column ${column}`);
    return undefined;
  }
  return derivation;
}

async function showSteps(services: Services, derivation: Derivation): Promise<void> {
  if (!derivation.outcome.ok) return;
  const settings = readSettings(derivation.context.document);
  const markdown = stepsMarkdown({
    result: derivation.outcome.value,
    asWritten: derivation.target.text,
    origin: derivation.context.origin(derivation.target.start),
    precision: settings.precision,
    lineLabel: derivation.context.lineLabel,
  });
  await services.steps.show(`steps of ${derivation.target.text}`, markdown);
}

export function registerDerivativeCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.showDerivative, async () => {
      const derivation = await derivationInActiveEditor(services);
      if (!derivation) return;
      if (readSettings(derivation.context.document).hoverEnabled) {
        await vscode.commands.executeCommand('editor.action.showHover');
      } else {
        await showSteps(services, derivation);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.copyDerivative, async (text: unknown) => {
      if (typeof text !== 'string' || text === '') return;
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(
        `Autograd Lab: copied ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`,
        3000,
      );
    }),
    vscode.commands.registerCommand(COMMANDS.showSteps, async (ref: unknown) => {
      const derivation = isExpressionRef(ref)
        ? await derivationOf(services, ref)
        : await derivationInActiveEditor(services);
      if (derivation) await showSteps(services, derivation);
    }),
  ];
}

/** Re-derives the expression a hover link points at. */
export async function derivationOf(
  services: Services,
  ref: { uri: string; start: number; end: number },
): Promise<Derivation | undefined> {
  const document = await documentFor(ref.uri);
  const engine = await loadExprEngine();
  const derivation = services.derivations.derive(
    engine,
    documentContext(document),
    services.derivations.targetOf(document, ref),
    readSettings(document),
  );
  return derivation.outcome.ok ? derivation : undefined;
}
