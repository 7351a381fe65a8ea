// Finding losses and hand-written gradients in a document, for the hover and the CodeLens. The hover
// must never chatter on ordinary code: a statement counts as a loss only when its name, or its enclosing
// function's name, says loss/cost/error/objective, or it is a mean or sum of squares (or a loss helper).
import type { GradientDefinition, Span, Syntax } from '../types';
import type { Node } from '../tree/ast';
import { scanDocument } from './scan';
import { parseExpression } from '../syntax/parse';
import { detectSyntax } from '../syntax/dialects';

const LOSS_NAME = /(loss|cost|error|objective|risk|criterion|^mse$|^mae$|^nll$|^bce$|^[lLJ]$)/i;
const GRADIENT_NAME = /^(grad\w*|\w+_grads?|\w+_gradients?|d[A-Za-z]\d?|d\w+_d\w+|compute_grad\w*|dloss\w*)$/i;

function syntaxOfDocument(text: string): Syntax {
  return /^\s*(def |import |from \w+ import)/m.test(text)
    ? 'python'
    : /\b(const|let|function)\b|=>/.test(text)
      ? 'js'
      : detectSyntax(text);
}

/** A mean or sum over squares (or a loss helper that is one): what a loss looks like without a name. */
function looksLikeLoss(tree: Node): boolean {
  const root = tree.kind === 'neg' ? tree.arg : tree;
  const reductions = root.kind === 'add' ? root.terms.map((t) => (t.kind === 'neg' ? t.arg : t)) : [root];
  return reductions.some((r) => r.kind === 'reduce' && (r.op === 'mean' || r.op === 'sum') && hasLossTerm(r.arg));
}

function hasLossTerm(node: Node): boolean {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.kind === 'pow' && n.exponent.kind === 'num' && n.exponent.value === 2) return true;
    if (n.kind === 'call' && (n.fn === 'abs' || n.fn === 'log' || n.fn === 'softplus')) return true;
    if (n.kind === 'call2' && (n.fn === 'huber' || n.fn === 'maximum' || n.fn === 'bce')) return true;
    if (n.kind === 'mul') stack.push(...n.factors);
    if (n.kind === 'add') stack.push(...n.terms);
    if (n.kind === 'neg') stack.push(n.arg);
  }
  return false;
}

function parses(text: string, syntax: Syntax): Node | null {
  try {
    return parseExpression(text, syntax);
  } catch {
    return null;
  }
}

interface Line {
  text: string;
  start: number;
  indent: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    out.push({ text: line, start, indent: line.length - line.trimStart().length });
    start += line.length + 1;
  }
  return out;
}

/** The name of the function whose body holds line `index` (Python by indentation, JS by the nearest header). */
function enclosingFunction(lines: Line[], index: number): string | null {
  const indent = lines[index].indent;
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i];
    if (!line.text.trim() || line.indent >= indent) continue;
    const header = /^\s*(?:def|function|(?:export\s+)?(?:const|let|var))\s+([A-Za-z_$][\w$]*)/.exec(line.text);
    return header ? header[1] : null;
  }
  return null;
}

/** The line under `offset` and its code, without its comment and a trailing `;`; null past the size limit. */
function codeAt(documentText: string, offset: number) {
  if (documentText.length > 5_000_000) return null;
  const lines = linesOf(documentText);
  const index = lines.findIndex((l) => offset >= l.start && offset <= l.start + l.text.length);
  if (index < 0) return null;
  const line = lines[index];
  const syntax = syntaxOfDocument(documentText);
  const comment = syntax === 'python' ? line.text.indexOf('#') : line.text.indexOf('//');
  const code = (comment >= 0 ? line.text.slice(0, comment) : line.text).replace(/;\s*$/, '').trimEnd();
  return { lines, index, line, syntax, code };
}

/** The loss statement under the cursor: its expression and span in the document, or null. */
export function findLossStatement(documentText: string, offset: number): { text: string; span: Span } | null {
  const at = codeAt(documentText, offset);
  if (!at) return null;
  const { lines, index, line, syntax, code } = at;
  const patterns: { re: RegExp; name: (m: RegExpExecArray) => string | null }[] = [
    { re: /^(\s*return\s+)(.+)$/, name: () => enclosingFunction(lines, index) },
    {
      re: /^(\s*(?:(?:export\s+)?(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*(?::\s*[^=]+)?=(?![=>])\s*)(.+)$/,
      name: (m) => m[2],
    },
    {
      re: /^(\s*(?:(?:export\s+)?(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*=\s*\([^)]*\)\s*=>\s*)(.+)$/,
      name: (m) => m[2],
    },
    { re: /^(\s*)(.+)$/, name: () => null },
  ];
  for (const { re, name } of patterns) {
    const m = re.exec(code);
    if (!m) continue;
    const expression = m[m.length - 1].trim();
    if (!expression || /^(def|for|while|if|elif|else|import|from|class|with|print|function|return)\b/.test(expression))
      return null;
    const tree = parses(expression, syntax);
    if (!tree) return null;
    const named = name(m);
    const callsLoss = tree.kind === 'apply' && LOSS_NAME.test(tree.name);
    if (!(named && LOSS_NAME.test(named)) && !callsLoss && !looksLikeLoss(tree)) return null;
    const start = line.start + m[1].length + (m[m.length - 1].length - m[m.length - 1].trimStart().length);
    return { text: expression, span: { start, end: start + expression.length } };
  }
  return null;
}

/** Hand-written gradient functions (and inline gradient assignments), with the loss they belong to. */
export function findGradientDefinitions(documentText: string): GradientDefinition[] {
  if (documentText.length > 5_000_000) return [];
  const syntax = syntaxOfDocument(documentText);
  const scan = scanDocument(documentText, syntax);
  const functions = new Set(scan.definitions.filter((d) => d.kind === 'function').map((d) => d.name));
  const loss =
    scan.definitions.find((d) => d.kind === 'function' && LOSS_NAME.test(d.name) && !GRADIENT_NAME.test(d.name)) ??
    scan.definitions.find((d) => LOSS_NAME.test(d.name) && !GRADIENT_NAME.test(d.name));
  const found: GradientDefinition[] = [];
  for (const d of scan.definitions) {
    if (!GRADIENT_NAME.test(d.name)) continue;
    const tree = parses(d.text, syntax);
    if (!tree || (tree.kind === 'apply' && functions.has(tree.name))) continue; // dw = gradient(...): the function is the definition
    if (tree.kind === 'num' || tree.kind === 'name') continue;
    found.push({ name: d.name, line: d.line, expression: d.text, ...(loss ? { lossName: loss.name } : {}) });
  }
  return found;
}

const BACKWARD_CALL = /^(\s*)([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.backward\s*\(/;
const ASSIGNMENT =
  /^(\s*(?:(?:export\s+)?(?:const|let|var)\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(\*\*|[-+*/])?=(?![=>])\s*)(.+)$/;

/**
 * What "Show Computation Graph" draws for the cursor's line: a loss statement as the hover finds it; else
 * the tensor of `l.backward()`; else the value any assignment leaves, `g += 10.0 / f` read as
 * `g + (10.0 / f)` at its right-hand side, where g is still its value before the line.
 */
export function findGraphTarget(documentText: string, offset: number): { text: string; span: Span } | null {
  const loss = findLossStatement(documentText, offset);
  if (loss) return loss;
  const at = codeAt(documentText, offset);
  if (!at) return null;
  const { line, syntax, code } = at;
  const backward = BACKWARD_CALL.exec(code);
  if (backward) {
    const start = line.start + backward[1].length;
    return { text: backward[2], span: { start, end: start + backward[2].length } };
  }
  const assignment = ASSIGNMENT.exec(code);
  if (!assignment) return null;
  const [, head, name, op, rhs] = assignment;
  const start = line.start + head.length;
  const span = { start, end: start + rhs.length };
  if (!parses(rhs, syntax)) return null;
  return { text: op ? `${name} ${op} (${rhs})` : rhs, span };
}
