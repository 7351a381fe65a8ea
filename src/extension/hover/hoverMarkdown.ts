// The derivative hover's text, built from a DeriveResult. Pure, so every line of the tooltip is pinned
// by unit tests; derivativeHover.ts only wraps it in a trusted vscode.MarkdownString.
import type { DeriveResult, DerivativeOut, Substitution, GradientValue } from '../../expr';
import { codeBlock, escapeMarkdown, inlineCode, shorten } from './markdownText';
import { formatValue } from './numberFormat';

/** Which forms of each derivative the tooltip shows (setting autogradLab.hover.notation). */
export type Notation = 'both' | 'source' | 'unicode' | 'latex';
export const NOTATIONS: readonly Notation[] = ['both', 'source', 'unicode', 'latex'];

/** Command-link targets, already encoded (see commandUri); absent links are not shown. */
interface HoverLinks {
  copy: (parameter: string) => string;
  steps?: string;
  /** Show Computation Graph: shown when the file gives the numbers the graph is drawn at. */
  graph?: string;
  checkGradient?: string;
  train?: string;
}

export interface HoverView {
  result: DeriveResult;
  /** The expression as the user wrote it (the selection); result.expression has the file's definitions inlined. */
  asWritten?: string;
  /** Fenced-code language for the derivative: python, typescript, javascript, text. */
  fence: string;
  precision: number;
  notation: Notation;
  links: HoverLinks;
  /** How a document line is named: 'line 18', or 'cell 2, line 3' in a notebook. */
  lineLabel?: (line: number) => string;
  /** A typeset image (data URI) of a derivative, shown above its text form; null when it cannot be drawn. */
  image?: (derivative: DerivativeOut, parameter: string) => string | null;
}

const QUESTION_MAX = 100;
const SUBSTITUTION_MAX = 48;
/**
 * A formula longer than this (a program's inlined loss, such as micrograd's README) is shown once, as
 * copyable source, and the numbers move above it: read top-down, the tooltip answers first.
 */
const LONG_FORMULA = 160;

/** `∂L/∂w` as src/expr prints it (the part before ` = ` of the Unicode form). */
export function partialSymbol(derivative: DerivativeOut | undefined, parameter: string): string {
  const head = derivative?.unicode.split(' = ')[0];
  return head && head.startsWith('∂') ? head : `∂L/∂${parameter}`;
}

/** The Unicode line with its `∂L/∂w = ` prefix guaranteed. */
function unicodeLine(derivative: DerivativeOut, parameter: string): string {
  const symbol = partialSymbol(derivative, parameter);
  return derivative.unicode.startsWith(`${symbol} = `) ? derivative.unicode : `${symbol} = ${derivative.unicode}`;
}

/**
 * `∂/∂w of ((y_pred-y)**2).mean()`: the expression as the user selected it and, when the file's
 * definitions were inlined, what it became (`= ((w*x - y)**2).mean()`).
 */
export function questionLine(result: DeriveResult, asWritten?: string, bold = true): string {
  const partials = result.parameters.map((p) => `∂/∂${p}`).join(', ');
  const written = asWritten?.trim() || result.expression;
  const inlined =
    normalizeSpace(written) === normalizeSpace(result.expression)
      ? ''
      : ` = ${inlineCode(shorten(result.expression, QUESTION_MAX))}`;
  const strong = bold ? '**' : '';
  return `${strong}${escapeMarkdown(partials)}${strong} of ${inlineCode(shorten(written, QUESTION_MAX))}${inlined}`;
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, '');
}

/** `w = 0, W = [[0.1, 0.2], [0.3, 0.4]]`: the parameters' values as the file gives them, a matrix as its rows. */
function parametersAt(result: DeriveResult, precision: number): string {
  const values = result.values;
  if (!values) return '';
  const shown: string[] = [];
  for (const p of result.parameters) {
    const value: GradientValue | undefined = values.at[p] ?? values.matrices?.[p];
    if (value !== undefined) shown.push(`${p} = ${formatValue(value, precision, false)}`);
  }
  return shown.join(', ');
}

/** `∂L/∂w = -30.0 at w = 0`: the gradient at the file's values, parameters shown as the file gives them. */
export function valueLine(result: DeriveResult, parameter: string, precision: number): string | null {
  const values = result.values;
  if (!values || !(parameter in values.grad)) return null;
  const symbol = partialSymbol(result.derivatives[parameter], parameter);
  const at = parametersAt(result, precision);
  const value = formatValue(values.grad[parameter], precision);
  return escapeMarkdown(at ? `${symbol} = ${value} at ${at}` : `${symbol} = ${value}`);
}

/** A derivative the tooltip can show, copy and explain step by step (not an empty unsupported one). */
export function hasFormula(derivative: DerivativeOut | undefined): derivative is DerivativeOut {
  return derivative !== undefined && !derivative.unsupported && derivative.source.trim() !== '';
}

/**
 * The one line for a parameter src/expr has no formula for (a vector inside `x @ w`, indexing, ...):
 * says so, and gives autograd's value when the file's numbers allow it.
 */
export function noFormulaLine(result: DeriveResult, parameter: string, precision: number): string {
  const derivative = result.derivatives[parameter];
  const reason = derivative?.unsupported ?? '';
  const why = /vector parameter/.test(reason)
    ? 'no symbolic form for a vector parameter yet'
    : /matrix parameter/.test(reason)
      ? 'no symbolic form for this use of a matrix parameter yet'
      : `no symbolic form${reason ? ` (${reason})` : ''}`;
  const grad = result.values?.grad[parameter];
  const value =
    grad === undefined
      ? 'autograd gives its value once the file gives every name in the loss a value'
      : `autograd's value at the file's numbers: ${formatValue(grad, precision)}`;
  return escapeMarkdown(`${partialSymbol(derivative, parameter)}: ${why}; ${value}`);
}

/** src/expr's note that a vector parameter's formula holds element by element (`p is a vector: ...`). */
function perElementNote(result: DeriveResult, parameter: string): string | undefined {
  return result.warnings.find((w) => w.startsWith(`${parameter} is a vector: `));
}

/** Warnings a parameter's own section already says, so the footer does not repeat them. */
function explainedInSection(result: DeriveResult, warning: string): boolean {
  return result.parameters.some(
    (p) =>
      warning === perElementNote(result, p) ||
      (result.derivatives[p]?.unsupported !== undefined && warning.includes(`not supported yet (${p})`)),
  );
}

/** True when some formula is long enough that the numbers go first and each formula is shown once. */
export function valuesFirst(result: DeriveResult): boolean {
  return (
    result.values !== undefined &&
    result.parameters.some(
      (p) => hasFormula(result.derivatives[p]) && result.derivatives[p].source.length > LONG_FORMULA,
    )
  );
}

/** `L = 24.7041 · ∂L/∂a = 138.834 · ∂L/∂b = 645.577 at a = -4, b = 2`: every number of the tooltip in one line. */
export function valuesFirstLine(result: DeriveResult, precision: number): string | null {
  const values = result.values;
  if (!values) return null;
  const grads = result.parameters
    .filter((p) => p in values.grad)
    .map((p) => `${partialSymbol(result.derivatives[p], p)} = ${formatValue(values.grad[p], precision)}`);
  const at = parametersAt(result, precision);
  const line = [`L = ${formatValue(values.loss, precision)}`, ...grads].join(' · ');
  return `**${escapeMarkdown(at ? `${line} at ${at}` : line)}**`;
}

function derivativeSection(view: HoverView, parameter: string, compact: boolean): string[] {
  const derivative = view.result.derivatives[parameter];
  if (!derivative) return [];
  if (!hasFormula(derivative)) return [noFormulaLine(view.result, parameter, view.precision)];
  const lines: string[] = [];
  const { notation } = view;
  // A long formula is shown once: as copyable source, or in the one notation asked for
  const long = compact && derivative.source.length > LONG_FORMULA;
  if (view.result.parameters.length > 1) lines.push(`**${escapeMarkdown(partialSymbol(derivative, parameter))}**`);
  if (notation === 'both' || notation === 'source') lines.push(codeBlock(derivative.source, view.fence));
  const image = long ? null : view.image?.(derivative, parameter);
  if (image) lines.push(`![${escapeMarkdown(unicodeLine(derivative, parameter))}](${image})`);
  if (notation === 'unicode' || (notation === 'both' && !long))
    lines.push(escapeMarkdown(unicodeLine(derivative, parameter)));
  if (notation === 'latex') lines.push(codeBlock(derivative.latex, 'latex'));
  const perElement = perElementNote(view.result, parameter);
  if (perElement) lines.push(escapeMarkdown(perElement));
  const value = compact ? null : valueLine(view.result, parameter, view.precision);
  if (value) lines.push(value);
  return lines;
}

/** `y_pred = forward(x)` (line 30), `forward` → `w * x` (line 9), `w = 0.0` (line 6). */
export function substitutionText(s: Substitution, lineLabel: (line: number) => string): string {
  const body = shorten(s.text, SUBSTITUTION_MAX);
  const shown =
    s.kind === 'function' ? `${inlineCode(s.name)} → ${inlineCode(body)}` : inlineCode(`${s.name} = ${body}`);
  return `${shown} (${lineLabel(s.line)})`;
}

function provenanceLines(view: HoverView): string[] {
  const lineLabel = view.lineLabel ?? ((line: number) => `line ${line}`);
  const inlined = view.result.substitutions.filter((s) => s.kind !== 'value');
  const values = view.result.substitutions.filter((s) => s.kind === 'value');
  const lines: string[] = [];
  if (inlined.length) lines.push(`Inlined: ${inlined.map((s) => substitutionText(s, lineLabel)).join(' · ')}`);
  if (values.length) lines.push(`Values: ${values.map((s) => substitutionText(s, lineLabel)).join(' · ')}`);
  for (const warning of view.result.warnings) {
    if (!explainedInSection(view.result, warning)) lines.push(`⚠ ${escapeMarkdown(warning)}`);
  }
  return lines;
}

function linkLine(view: HoverView): string {
  const { links, result } = view;
  // An empty formula is nothing to copy or explain: those links go with the parameters that have one.
  const withFormula = result.parameters.filter((p) => hasFormula(result.derivatives[p]));
  const parts =
    result.parameters.length === 1
      ? withFormula.map((p) => `[Copy derivative](${links.copy(p)})`)
      : withFormula.map((p) => `[Copy ∂/∂${escapeMarkdown(p)}](${links.copy(p)})`);
  if (links.steps && withFormula.length) parts.push(`[Show steps](${links.steps})`);
  if (links.graph && result.values) parts.push(`[Show graph](${links.graph})`);
  if (links.checkGradient) parts.push(`[Check my gradient](${links.checkGradient})`);
  if (links.train) parts.push(`[Train with this loss](${links.train})`);
  return parts.join(' · ');
}

/** The whole tooltip, as blocks separated by blank lines (markdown paragraphs). */
export function hoverMarkdown(view: HoverView): string {
  const { result } = view;
  if (result.parameters.length === 0) {
    return `${inlineCode(shorten(result.expression, QUESTION_MAX))} has no parameters to differentiate`;
  }
  const blocks: string[] = [questionLine(result, view.asWritten)];
  const compact = valuesFirst(result);
  const numbers = compact ? valuesFirstLine(result, view.precision) : null;
  if (numbers) blocks.push(numbers);
  for (const parameter of result.parameters) blocks.push(...derivativeSection(view, parameter, compact));
  if (result.values && !compact)
    blocks.push(escapeMarkdown(`where L = ${formatValue(result.values.loss, view.precision)}`));
  const provenance = provenanceLines(view);
  if (provenance.length) blocks.push('---', ...provenance);
  const links = linkLine(view);
  if (links) blocks.push('---', links);
  return blocks.join('\n\n');
}

/** The one quiet line for a selection that is not an expression (src/expr's message may already say so). */
export function notAnExpressionLine(message: string, column: number): string {
  const text = /not an expression/.test(message)
    ? `${message} (column ${column})`
    : `not an expression: ${message} at column ${column}`;
  return escapeMarkdown(text);
}
