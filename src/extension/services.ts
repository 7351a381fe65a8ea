// The objects activate() wires together, handed to each group of commands.
import type * as vscode from 'vscode';
import type { GradientChecks } from './gradient/gradientChecks';
import type { Derivations } from './hover/derivations';
import type { StepsDocuments } from './steps/stepsDocuments';

export interface Services {
  context: vscode.ExtensionContext;
  derivations: Derivations;
  checks: GradientChecks;
  steps: StepsDocuments;
  log: vscode.LogOutputChannel;
}
