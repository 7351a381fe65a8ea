// The derivative hover: a trusted-for-our-commands-only tooltip with the derivative of the selection (or
// of the loss statement under the cursor). It never throws and never notifies: a hover must stay quiet.
import * as vscode from 'vscode';
import { COMMANDS, HOVER_COMMANDS, commandUri } from '../commandIds';
import { exprEngineIfLoaded, loadExprEngine } from '../exprEngine';
import { readSettings } from '../settings';
import type { Derivation, Derivations } from './derivations';
import { hoverMarkdown, notAnExpressionLine } from './hoverMarkdown';
import { fenceLanguage } from './languages';
import { derivativeLatex } from '../typeset/derivativeLatex';
import { latexImageUri, type ThemeKind } from '../typeset/mathSvg';
import type { ExtensionSettings } from '../settingsModel';
import type { Timings } from './timings';

function trusted(markdown: string): vscode.MarkdownString {
  const text = new vscode.MarkdownString(markdown);
  text.isTrusted = { enabledCommands: HOVER_COMMANDS };
  return text;
}

function themeKind(): ThemeKind {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'highContrastLight';
    default:
      return 'dark';
  }
}

export class DerivativeHover implements vscode.HoverProvider {
  constructor(
    private readonly derivations: Derivations,
    private readonly timings: Timings,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const started = performance.now();
    try {
      const settings = readSettings(document);
      if (!settings.hoverEnabled) return undefined;
      const engine = exprEngineIfLoaded() ?? (await loadExprEngine());
      const derivation = this.derivations.at(engine, document, position, settings);
      if (!derivation) return undefined;
      const markdown = this.markdownFor(
        derivation,
        settings,
        () => engine.findGradientDefinitions(derivation.context.text).length > 0,
      );
      return markdown === undefined ? undefined : new vscode.Hover(trusted(markdown), derivation.target.range);
    } catch (error) {
      this.log.error(
        `derivative hover failed at ${document.uri.toString()}:${position.line + 1}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return undefined;
    } finally {
      const elapsed = performance.now() - started;
      this.timings.record(elapsed);
      this.log.trace(`hover ${elapsed.toFixed(2)} ms`);
    }
  }

  private markdownFor(
    derivation: Derivation,
    settings: ExtensionSettings,
    hasGradient: () => boolean,
  ): string | undefined {
    const { outcome, target, context } = derivation;
    if (!outcome.ok) {
      // Only a deliberate selection earns the quiet error line; a statement under the cursor stays silent.
      return target.kind === 'selection' ? notAnExpressionLine(outcome.error.message, outcome.error.column) : undefined;
    }
    const ref = this.derivations.refOf(derivation);
    const uri = context.document.uri.toString();
    return hoverMarkdown({
      result: outcome.value,
      asWritten: target.text,
      fence: fenceLanguage(outcome.value.syntax, context.languageId),
      precision: settings.precision,
      notation: settings.notation,
      lineLabel: context.lineLabel,
      image: settings.typesetImage
        ? (derivative, parameter) => latexImageUri(derivativeLatex(derivative, parameter), themeKind())
        : undefined,
      links: {
        copy: (parameter) => commandUri(COMMANDS.copyDerivative, [outcome.value.derivatives[parameter]?.source ?? '']),
        steps: commandUri(COMMANDS.showSteps, [ref]),
        graph: commandUri(COMMANDS.showGraph, [ref]),
        checkGradient: hasGradient() ? commandUri(COMMANDS.checkGradient, [uri]) : undefined,
        train: commandUri(COMMANDS.trainWithLoss, [ref]),
      },
    });
  }
}
