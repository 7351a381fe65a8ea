// The walkthrough's "Open the tutorial" (and its show-me buttons): the tutorial's numpy program from
// the workspace when it is there, else the copy shipped with the extension; then optionally select its
// loss and show the hover, check its gradient, or train on it.
import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { loadExprEngine } from '../exprEngine';
import { firstLossStatement } from '../gradient/gradientLocation';
import type { Services } from '../services';

type TutorialStep = 'open' | 'hover' | 'check' | 'train';
const TUTORIAL = 'tutorial_numpy.py';

async function tutorialUri(services: Services): Promise<vscode.Uri> {
  const inWorkspace = await vscode.workspace.findFiles(`**/${TUTORIAL}`, '**/node_modules/**', 1);
  return inWorkspace[0] ?? vscode.Uri.joinPath(services.context.extensionUri, 'samples', 'tutorial', TUTORIAL);
}

async function selectLoss(editor: vscode.TextEditor): Promise<boolean> {
  const engine = await loadExprEngine();
  const loss = firstLossStatement(editor.document.getText(), engine.findLossStatement);
  if (!loss) return false;
  const start = editor.document.positionAt(loss.span.start);
  const end = editor.document.positionAt(loss.span.end);
  editor.selection = new vscode.Selection(start, end);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenter);
  return true;
}

export function registerTutorialCommand(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.openTutorial, async (step: TutorialStep = 'open') => {
      const editor = await vscode.window.showTextDocument(await tutorialUri(services));
      if (step === 'open' || !(await selectLoss(editor))) return;
      if (step === 'hover') await vscode.commands.executeCommand('editor.action.showHover');
      if (step === 'check')
        await vscode.commands.executeCommand(COMMANDS.checkGradient, editor.document.uri.toString());
      if (step === 'train') await vscode.commands.executeCommand(COMMANDS.trainWithSelectedLoss);
    }),
  ];
}
