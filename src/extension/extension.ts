// The composition root: wires the hover, the gradient checks, the commands and the trainer, registers
// every disposable, and measures its own cost. The expression engine loads on first use (exprEngine.ts).
import * as vscode from 'vscode';
import { registerDerivativeCommands } from './commands/derivativeCommands';
import { registerGradientCommand } from './commands/gradientCommand';
import { registerGraphCommand } from './commands/graphCommand';
import { registerTrainCommands } from './commands/trainCommands';
import { registerTutorialCommand } from './commands/tutorialCommand';
import { GradientChecks } from './gradient/gradientChecks';
import { DerivativeHover } from './hover/derivativeHover';
import { Derivations } from './hover/derivations';
import { HOVER_LANGUAGES } from './hover/languages';
import { Timings } from './hover/timings';
import type { Services } from './services';
import { STEPS_SCHEME, StepsDocuments } from './steps/stepsDocuments';
import { registerTrainer } from './trainer';

/** What activate() returns; the VS Code suite reads it through `extension.exports`. */
interface AutogradLabApi {
  /** Wall time of activate() itself, in milliseconds. */
  activationMs: number;
  /** Recent derivative-hover latencies (provider time), in milliseconds. */
  hoverTimings(): number[];
}

const hoverSelector: vscode.DocumentSelector = HOVER_LANGUAGES.map((language) => ({ language }));
/** CodeLenses for gradient functions: code files only, not prose. */
const codeSelector: vscode.DocumentSelector = HOVER_LANGUAGES.filter((l) => l !== 'plaintext' && l !== 'markdown').map(
  (language) => ({ language }),
);

export function activate(context: vscode.ExtensionContext): AutogradLabApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Autograd Lab', { log: true });
  const timings = new Timings();
  const services: Services = {
    context,
    log,
    derivations: new Derivations(),
    checks: new GradientChecks(log),
    steps: new StepsDocuments(),
  };
  context.subscriptions.push(
    log,
    services.checks,
    vscode.languages.registerHoverProvider(hoverSelector, new DerivativeHover(services.derivations, timings, log)),
    vscode.languages.registerCodeLensProvider(codeSelector, services.checks),
    vscode.languages.registerCodeActionsProvider(codeSelector, services.checks, {
      providedCodeActionKinds: GradientChecks.fixKinds,
    }),
    vscode.workspace.registerTextDocumentContentProvider(STEPS_SCHEME, services.steps),
    vscode.workspace.onDidChangeTextDocument((event) => services.checks.onDocumentChanged(event)),
    vscode.workspace.onDidCloseTextDocument((document) => services.checks.onDocumentClosed(document)),
    ...registerDerivativeCommands(services),
    ...registerGradientCommand(services),
    ...registerTrainCommands(services),
    ...registerTutorialCommand(services),
    ...registerGraphCommand(services),
  );
  registerTrainer(context);
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(2)} ms`);
  return { activationMs, hoverTimings: () => timings.all() };
}

export function deactivate(): void {
  // Everything is in context.subscriptions, which VS Code disposes.
}
