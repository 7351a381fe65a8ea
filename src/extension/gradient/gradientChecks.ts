// "Check gradient against autograd": a CodeLens above each hand-written gradient function, the verdict
// as a diagnostic on its expression, a quick fix when the gradient is off by a constant factor, and a
// re-check as the user edits a gradient they have checked.
import * as vscode from 'vscode';
import type { GradientDefinition } from '../../expr';
import { COMMANDS } from '../commandIds';
import { documentContext, type DocumentContext } from '../documentContext';
import { loadExprEngine, type ExprEngine } from '../exprEngine';
import { syntaxForLanguage } from '../hover/languages';
import { readSettings } from '../settings';
import { parametersIn } from '../settingsModel';
import { findLossFor, lineOffset, locateExpression } from './gradientLocation';
import { presentVerdict, type VerdictView } from './verdictText';

const DIAGNOSTIC_SOURCE = 'Autograd Lab';
const DIAGNOSTIC_CODE = 'gradient-check';
const RECHECK_DELAY_MS = 400;

interface Checked {
  name: string;
  version: number;
  range: vscode.Range;
  view: VerdictView;
}

export type CheckOutcome = { kind: 'checked'; checked: Checked } | { kind: 'failed'; name: string; message: string };

/**
 * A gradient function of this document, found in the text its expressions are read in: for a notebook
 * cell the code cells up to it joined (so the loss and the values may sit in cells above), for a file the
 * file. `definition` is in that text's lines; `line` is the document's own (1-based).
 */
interface LocatedGradient {
  definition: GradientDefinition;
  line: number;
  context: DocumentContext;
}

export class GradientChecks implements vscode.CodeLensProvider, vscode.CodeActionProvider, vscode.Disposable {
  static readonly fixKinds = [vscode.CodeActionKind.QuickFix];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('autogradLab');
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  /** Per document URI: the gradients the user has checked, by function name. */
  private readonly checked = new Map<string, Map<string, Checked>>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    try {
      const engine = await loadExprEngine();
      const checked = this.checked.get(document.uri.toString());
      return this.definitions(engine, document).map((definition) => {
        const line = Math.min(Math.max(definition.line - 1, 0), document.lineCount - 1); // the cell's own line
        const verdict = checked?.get(definition.name);
        const title =
          verdict && verdict.version === document.version ? verdict.view.lensTitle : 'Check gradient against autograd';
        return new vscode.CodeLens(document.lineAt(line).range, {
          title,
          command: COMMANDS.checkGradient,
          arguments: [document.uri.toString(), definition.name],
          tooltip: `Compare ${definition.name} with the derivative autograd computes for the file's loss`,
        });
      });
    } catch (error) {
      this.log.error(`gradient CodeLens failed: ${String(error)}`);
      return [];
    }
  }

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const checked = this.checked.get(document.uri.toString());
    if (!checked) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== DIAGNOSTIC_CODE) continue;
      const verdict = [...checked.values()].find((c) => c.range.isEqual(diagnostic.range));
      if (!verdict?.view.fix) continue;
      const action = new vscode.CodeAction(verdict.view.fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, verdict.range, verdict.view.fix.replacement);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }

  /** The gradient functions defined in this document (in a notebook, in this cell), with its own lines. */
  definitions(engine: ExprEngine, document: vscode.TextDocument): GradientDefinition[] {
    return this.located(engine, document).map(({ definition, line }) => ({ ...definition, line }));
  }

  private located(engine: ExprEngine, document: vscode.TextDocument): LocatedGradient[] {
    const context = documentContext(document);
    const linesAbove = context.text.slice(0, context.base).split('\n').length - 1;
    return engine
      .findGradientDefinitions(context.text)
      .filter((definition) => definition.line > linesAbove) // the cells above have their own lenses
      .map((definition) => ({ definition, line: definition.line - linesAbove, context }));
  }

  /** Checks the named gradient functions (all when `names` is empty) and shows their verdicts. */
  async check(document: vscode.TextDocument, names: string[] = []): Promise<CheckOutcome[]> {
    const engine = await loadExprEngine();
    const wanted = this.located(engine, document).filter(
      ({ definition }) => names.length === 0 || names.includes(definition.name),
    );
    const outcomes = wanted.map((gradient) => this.checkOne(engine, document, gradient));
    const perName = this.checked.get(document.uri.toString()) ?? new Map<string, Checked>();
    for (const outcome of outcomes) if (outcome.kind === 'checked') perName.set(outcome.checked.name, outcome.checked);
    this.checked.set(document.uri.toString(), perName);
    this.publish(document);
    return outcomes;
  }

  private checkOne(engine: ExprEngine, document: vscode.TextDocument, gradient: LocatedGradient): CheckOutcome {
    const { definition, context } = gradient;
    const { text, base } = context;
    const loss = findLossFor(text, definition, engine.findLossStatement);
    if (!loss)
      return {
        kind: 'failed',
        name: definition.name,
        message: `no loss found in this file to check ${definition.name} against`,
      };
    const settings = readSettings(document);
    const outcome = engine.checkGradient(loss.text, definition.expression, {
      syntax: syntaxForLanguage(document.languageId),
      wrt: parametersIn(text, settings.parameterNames),
      context: { text, languageId: document.languageId, offset: loss.span.start },
    });
    if (!outcome.ok)
      return {
        kind: 'failed',
        name: definition.name,
        message: `${definition.name}: ${outcome.error.message} (column ${outcome.error.column})`,
      };
    // Offsets in the joined text, less the cells above, are offsets in this document.
    const span = locateExpression(text, definition);
    const lineStart = lineOffset(text, definition.line);
    const range = span
      ? new vscode.Range(document.positionAt(span.start - base), document.positionAt(span.end - base))
      : document.lineAt(document.positionAt(lineStart - base).line).range;
    const view = presentVerdict(outcome.value, span ? definition.expression : document.getText(range), definition.name);
    return { kind: 'checked', checked: { name: definition.name, version: document.version, range, view } };
  }

  private publish(document: vscode.TextDocument): void {
    const checked = this.checked.get(document.uri.toString());
    const diagnostics = [...(checked?.values() ?? [])].map((c) => {
      const severity =
        c.view.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
      const diagnostic = new vscode.Diagnostic(c.range, c.view.message, severity);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = DIAGNOSTIC_CODE;
      return diagnostic;
    });
    this.diagnostics.set(document.uri, diagnostics);
    this.lensesChanged.fire();
  }

  /** After an edit, checked gradients are checked again (debounced), so a fix turns the warning green. */
  onDocumentChanged(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const checked = this.checked.get(key);
    if (!checked || event.contentChanges.length === 0) return;
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        const names = [...checked.keys()];
        this.checked.delete(key);
        this.check(event.document, names).catch((error) => this.log.error(`re-check failed: ${String(error)}`));
      }, RECHECK_DELAY_MS),
    );
  }

  onDocumentClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.checked.delete(key);
    this.diagnostics.delete(document.uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.diagnostics.dispose();
    this.lensesChanged.dispose();
  }
}
