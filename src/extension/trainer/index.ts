// The trainer's face in the extension host: the "Train Linear Model" command and the panel serializer.
import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { TrainerLaunch } from '../../protocol/trainerLaunch';
import { checked } from '../../protocol/validate';
import { readLaunch } from '../../protocol/webviewMessages';
import { trackLastTextEditor } from './trainerData';
import { TRAINER_VIEW_TYPE, TrainerPanel } from './trainerPanel';

export function registerTrainer(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    trackLastTextEditor(),
    vscode.commands.registerCommand(COMMANDS.trainLinearModel, (arg?: unknown) => {
      // From the palette there is no argument; a command link or another extension may pass a launch.
      const launch = arg === undefined ? undefined : validateLaunch(arg);
      showTrainer(context, launch?.ok ? launch.value : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(TRAINER_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        TrainerPanel.revive(panel, context);
      },
    }),
    { dispose: () => TrainerPanel.currentPanel?.dispose() },
  );
}

export function showTrainer(context: vscode.ExtensionContext, launch?: TrainerLaunch): void {
  TrainerPanel.createOrShow(context, launch);
}

const validateLaunch = checked((value) => readLaunch(value, 'launch'));
