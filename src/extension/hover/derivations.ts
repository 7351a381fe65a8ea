// Finds the expression a hover or command is about (the selection, or the loss statement under the
// cursor) and derives it. No cache: deriving is cheap, and the hover latency the suite measures is the real work.
import * as vscode from 'vscode';
import type { Result } from '../../common/result';
import type { DeriveOptions, DeriveResult, ExprError } from '../../expr';
import { documentContext, type DocumentContext } from '../documentContext';
import type { ExprEngine } from '../exprEngine';
import { parametersIn, type ExtensionSettings } from '../settingsModel';
import { selectedExpression } from './hoverTarget';
import { syntaxForLanguage } from './languages';

export interface ExpressionTarget {
  kind: 'selection' | 'statement';
  text: string;
  /** Document offsets of `text`. */
  start: number;
  end: number;
  range: vscode.Range;
}

export interface Derivation {
  context: DocumentContext;
  target: ExpressionTarget;
  outcome: Result<DeriveResult, ExprError>;
}

/** What a command link carries to find the expression again. */
interface ExpressionRef {
  uri: string;
  start: number;
  end: number;
}

function selectionsOf(document: vscode.TextDocument): readonly vscode.Selection[] {
  const active = vscode.window.activeTextEditor;
  const editor =
    active?.document === document ? active : vscode.window.visibleTextEditors.find((e) => e.document === document);
  return editor?.selections ?? [];
}

export function target(
  document: vscode.TextDocument,
  kind: ExpressionTarget['kind'],
  text: string,
  start: number,
  end: number,
): ExpressionTarget {
  return { kind, text, start, end, range: new vscode.Range(document.positionAt(start), document.positionAt(end)) };
}

export class Derivations {
  /** The selection holding `position`, else (when allowed) the loss statement under it, else undefined. */
  targetAt(
    engine: ExprEngine,
    context: DocumentContext,
    position: vscode.Position,
    settings: ExtensionSettings,
  ): ExpressionTarget | undefined {
    const { document } = context;
    const offset = document.offsetAt(position);
    const documentText = document.getText();
    for (const selection of selectionsOf(document)) {
      if (selection.isEmpty) continue;
      const slice = selectedExpression(
        documentText,
        document.offsetAt(selection.start),
        document.offsetAt(selection.end),
        offset,
      );
      if (slice) return target(document, 'selection', slice.text, slice.start, slice.end);
    }
    if (!settings.withoutSelection) return undefined;
    const statement = engine.findLossStatement(context.text, context.base + offset);
    if (!statement) return undefined;
    const start = statement.span.start - context.base;
    const end = statement.span.end - context.base;
    if (start < 0 || end > documentText.length) return undefined;
    return target(document, 'statement', statement.text, start, end);
  }

  /** The expression a command link refers to. */
  targetOf(document: vscode.TextDocument, ref: ExpressionRef): ExpressionTarget {
    const text = document.getText().slice(ref.start, ref.end);
    return target(document, 'selection', text, ref.start, ref.end);
  }

  derive(
    engine: ExprEngine,
    context: DocumentContext,
    expression: ExpressionTarget,
    settings: ExtensionSettings,
  ): Derivation {
    const outcome = engine.derive(expression.text, deriveOptions(context, expression, settings));
    return { context, target: expression, outcome };
  }

  /** Selection or loss statement at `position`, derived; undefined when there is nothing to say. */
  at(
    engine: ExprEngine,
    document: vscode.TextDocument,
    position: vscode.Position,
    settings: ExtensionSettings,
  ): Derivation | undefined {
    const context = documentContext(document);
    const expression = this.targetAt(engine, context, position, settings);
    return expression && this.derive(engine, context, expression, settings);
  }

  refOf(derivation: Derivation): ExpressionRef {
    return {
      uri: derivation.context.document.uri.toString(),
      start: derivation.target.start,
      end: derivation.target.end,
    };
  }
}

/** How src/expr reads an expression of this document: its syntax, the chosen parameters, the text around it. */
export function deriveOptions(
  context: DocumentContext,
  expression: ExpressionTarget,
  settings: ExtensionSettings,
): DeriveOptions {
  return {
    syntax: syntaxForLanguage(context.languageId),
    wrt: parametersIn(context.text, settings.parameterNames),
    context: { text: context.text, languageId: context.languageId, offset: context.base + expression.start },
  };
}

/** An open document by URI string, opening it if needed. */
export async function documentFor(uri: string): Promise<vscode.TextDocument> {
  return (
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ??
    vscode.workspace.openTextDocument(vscode.Uri.parse(uri))
  );
}

export function isExpressionRef(value: unknown): value is ExpressionRef {
  const ref = value as ExpressionRef;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof ref.uri === 'string' &&
    Number.isInteger(ref.start) &&
    Number.isInteger(ref.end) &&
    ref.start <= ref.end
  );
}
