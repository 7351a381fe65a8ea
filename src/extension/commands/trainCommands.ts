// Train with Selected Loss (palette, context menu) and the hover's Train with this loss: both open the
// trainer panel on the loss, its inlined model and the file's data.
import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { isExpressionRef, type Derivation } from '../hover/derivations';
import type { Services } from '../services';
import { showTrainer } from '../trainer';
import { derivationInActiveEditor, derivationOf } from './derivativeCommands';
import { trainerLaunchFor } from './trainerLaunchFor';

function train(services: Services, derivation: Derivation): void {
  const result = derivation.outcome.ok ? derivation.outcome.value : undefined;
  const launch = trainerLaunchFor(derivation.target.text, result, derivation.context.origin(derivation.target.start));
  services.log.info(
    `training with ${JSON.stringify({ ...launch, data: launch.data ? `${launch.data.y.length} samples` : undefined })}`,
  );
  showTrainer(services.context, launch);
}

export function registerTrainCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.trainWithSelectedLoss, async () => {
      const derivation = await derivationInActiveEditor(services);
      if (derivation) train(services, derivation);
    }),
    vscode.commands.registerCommand(COMMANDS.trainWithLoss, async (ref: unknown) => {
      const derivation = isExpressionRef(ref)
        ? await derivationOf(services, ref)
        : await derivationInActiveEditor(services);
      if (derivation) train(services, derivation);
    }),
  ];
}
