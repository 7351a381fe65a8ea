// The loss and its gradient at the known values: the gradient from the autograd engine, cross-checked
// against the symbolic derivative; the non-differentiable points met on the way become warnings.
import { AutogradError, tensor, type Tensor } from '../autograd';
import type { DeriveResult, GradientValue, Numeric } from './types';
import { children, freeNames, mentions, type Node } from './tree/ast';
import { evaluateOnEngine } from './evaluate/onAutograd';
import { ExprFailure } from './tree/errors';
import { evaluate, type PointNote } from './evaluate/numeric';
import type { Matrix } from './evaluate/matrixValues';
import type { Prepared } from './prepare';
import { printSource } from './print/source';

const asArray = (v: Numeric) => (Array.isArray(v) ? v : [v]);

/** The engine's gradient of a scalar loss; null for an array-valued (unreduced) expression. */
export function autogradGradient(
  tree: Node,
  values: Record<string, Numeric>,
  parameters: string[],
  matrices: Record<string, Matrix> = {},
): Record<string, GradientValue> | null {
  return autogradLossAndGradient(tree, values, parameters, matrices)?.grad ?? null;
}

/** A tensor's values as the result shows them: a number, a list, or a matrix's rows. */
function valueOf(t: Tensor): GradientValue {
  if (t.ndim === 0) return t.data[0];
  const flat = Array.from(t.data);
  if (t.ndim === 1) return flat;
  const width = t.size / t.shape[0];
  return Array.from({ length: t.shape[0] }, (_, i) => flat.slice(i * width, (i + 1) * width));
}

/** The engine's loss and gradient, where `matrices` may bind names, parameters too, to 2-D values. */
function autogradLossAndGradient(
  tree: Node,
  values: Record<string, Numeric>,
  parameters: string[],
  matrices: Record<string, Matrix>,
): { loss: number; grad: Record<string, GradientValue> } | null {
  const bindings: Record<string, Tensor> = {};
  for (const name of freeNames(tree)) {
    bindings[name] = tensor(matrices[name] ?? values[name], {
      dtype: 'float64',
      requiresGrad: parameters.includes(name),
    });
  }
  const loss = evaluateOnEngine(tree, bindings);
  if (loss.size !== 1) return null;
  if (loss.requiresGrad) loss.backward(); // a loss that does not depend on the parameters has gradient 0
  const grad: Record<string, GradientValue> = {};
  for (const p of parameters) {
    const g = bindings[p]?.grad;
    const value = matrices[p] ?? values[p];
    grad[p] = g ? valueOf(g) : Array.isArray(value) ? zerosLike(value) : 0;
  }
  return { loss: loss.data[0], grad };
}

const zerosLike = (value: number[] | Matrix): GradientValue =>
  value.map((v: number | number[]) => (Array.isArray(v) ? v.map(() => 0) : 0)) as GradientValue;

const isRows = (v: GradientValue): v is number[][] => Array.isArray(v) && Array.isArray(v[0]);

/** Row-major numbers of a value: matrices are compared element by element. */
const flat = (v: GradientValue): number[] => (Array.isArray(v) ? (v as (number | number[])[]).flat() : [v]);

export function close(a: GradientValue, b: GradientValue, rtol = 1e-6): boolean {
  const x = flat(a);
  const y = flat(b);
  if (isRows(a) !== isRows(b) || (isRows(a) && isRows(b) && a.length !== b.length)) return false;
  if (x.length !== y.length) return false;
  return x.every(
    (v, i) =>
      v === y[i] ||
      Math.abs(v - y[i]) <= rtol * (1 + Math.max(Math.abs(v), Math.abs(y[i]))) ||
      (Number.isNaN(v) && Number.isNaN(y[i])),
  );
}

function describe(notes: PointNote[], parameters: string[], print: (n: Node) => string): string[] {
  const seen = new Set<string>();
  for (const note of notes) {
    if (!parameters.some((p) => mentions(note.node, p))) continue;
    const where = note.element === null ? '' : ` (element ${note.element})`;
    seen.add(`${print(note.node)} ${note.message} here${where}`);
  }
  return [...seen];
}

export function computeValues(
  prep: Prepared,
  symbolic: Record<string, Node>,
  warnings: string[],
): DeriveResult['values'] {
  const names = freeNames(prep.tree);
  if (names.some((n) => prep.values[n] === undefined && !prep.matrices[n])) return null;
  const used = names.filter((n) => prep.matrices[n]);
  if (used.length || hasMatrixLiteral(prep.tree)) return engineValues(prep, symbolic, used, warnings);
  const at: Record<string, Numeric> = {};
  for (const n of [...names, ...prep.parameters]) if (prep.values[n] !== undefined) at[n] = prep.values[n];
  const notes: PointNote[] = [];
  const loss = evaluate(prep.tree, at, { notes });
  warnings.push(...describe(notes, prep.parameters, (n) => printSource(n, prep.dialect)));
  const grad: Record<string, GradientValue> = {};
  const engine = prep.parameters.every((p) => at[p] !== undefined)
    ? autogradGradient(prep.tree, at, prep.parameters)
    : null;
  // a division by zero or a log of 0 already has its own warning; otherwise an infinite loss is an overflow
  const overflow = notes.length ? null : overflowWarning(loss, prep.parameters, at);
  if (overflow) warnings.push(overflow);
  for (const p of prep.parameters) {
    // a vector parameter's elementwise formula may be one number for every element (mean(p): 1/len(p))
    const value = at[p];
    const formula = symbolic[p] ? evaluate(symbolic[p], at) : null;
    const fromSymbols = Array.isArray(value) && typeof formula === 'number' ? value.map(() => formula) : formula;
    const fromEngine = engine?.[p] ?? null;
    if (fromEngine !== null && fromSymbols !== null && !close(fromEngine, fromSymbols, 1e-6)) {
      warnings.push(
        `autograd and the symbolic derivative disagree for ${p}: ${JSON.stringify(fromEngine)} vs ${JSON.stringify(fromSymbols)}`,
      );
    }
    grad[p] = fromEngine ?? fromSymbols ?? 0;
  }
  return { loss, grad, at };
}

/** np.array([[1, 2], [3, 4]]) or np.ones((2, 3)) written in the loss: 2-D, so only the engine evaluates it. */
function hasMatrixLiteral(node: Node): boolean {
  if (node.kind === 'array' && node.items.some((item) => item.kind === 'array')) return true;
  return children(node).some(hasMatrixLiteral);
}

/** An infinite loss is worth one plain sentence, not a disagreement between two infinities. */
function overflowWarning(loss: Numeric, parameters: string[], at: Record<string, Numeric>): string | null {
  if (asArray(loss).every(Number.isFinite)) return null;
  const where = parameters
    .filter((p) => at[p] !== undefined)
    .map((p) => `${p} = ${JSON.stringify(at[p])}`)
    .join(', ');
  return `the loss overflows${where ? ` at ${where}` : ''}`;
}

/**
 * With 2-D values only the engine evaluates (evaluate/numeric.ts is 1-D): the loss and the gradient both
 * come from autograd; a matrix parameter's gradient is a matrix, given as its rows.
 */
function engineValues(
  prep: Prepared,
  symbolic: Record<string, Node>,
  used: string[],
  warnings: string[],
): DeriveResult['values'] {
  if (prep.parameters.some((p) => prep.values[p] === undefined && !prep.matrices[p])) return null;
  const at: Record<string, Numeric> = {};
  for (const n of [...freeNames(prep.tree), ...prep.parameters])
    if (prep.values[n] !== undefined) at[n] = prep.values[n];
  const matrices: Record<string, Matrix> = {};
  for (const n of used) matrices[n] = prep.matrices[n];
  let result: ReturnType<typeof autogradLossAndGradient>;
  try {
    result = autogradLossAndGradient(prep.tree, at, prep.parameters, matrices);
  } catch (err) {
    if (!(err instanceof AutogradError)) throw err;
    warnings.push(`no values: ${err.message}`); // shapes that do not fit, e.g. x @ w with w too short
    return null;
  }
  if (!result) return null; // an unreduced expression: the loss is not a number
  const overflow = overflowWarning(result.loss, prep.parameters, at);
  if (overflow) warnings.push(overflow);
  for (const p of prep.parameters) {
    const formula = symbolic[p] ? formulaOnEngine(symbolic[p], at, matrices) : null;
    const fromSymbols = typeof formula === 'number' ? broadcastNumber(formula, matrices[p] ?? at[p]) : formula;
    if (fromSymbols !== null && !close(result.grad[p], fromSymbols, 1e-6)) {
      warnings.push(
        `autograd and the symbolic derivative disagree for ${p}: ${JSON.stringify(result.grad[p])} vs ${JSON.stringify(fromSymbols)}`,
      );
    }
  }
  return { loss: result.loss, grad: result.grad, at, matrices };
}

/** An elementwise formula that is one number for every element (mean(p): 1/len(p)), spread to p's shape. */
function broadcastNumber(value: number, like: Numeric | Matrix): GradientValue {
  if (!Array.isArray(like)) return value;
  return like.map((v: number | number[]) => (Array.isArray(v) ? v.map(() => value) : value)) as GradientValue;
}

/**
 * An expression's value where some names may be matrices (on the engine, which is n-dimensional); a
 * positioned error when the shapes do not fit or the result is itself a matrix.
 */
export function valueWithMatrices(tree: Node, at: Record<string, Numeric>, matrices: Record<string, Matrix>): Numeric {
  if (!freeNames(tree).some((n) => matrices[n])) return evaluate(tree, at);
  const bindings: Record<string, Tensor> = {};
  for (const name of freeNames(tree)) {
    if (matrices[name] === undefined && at[name] === undefined) throw new ExprFailure(`no value for ${name}`, 0);
    bindings[name] = tensor(matrices[name] ?? at[name], { dtype: 'float64' });
  }
  let value: Tensor;
  try {
    value = evaluateOnEngine(tree, bindings);
  } catch (err) {
    if (err instanceof AutogradError) throw new ExprFailure(err.message, tree.span?.start ?? 0);
    throw err;
  }
  if (value.shape.length > 1)
    throw new ExprFailure(
      `this is a matrix (shape ${value.shape.join('x')}), not a gradient of a vector`,
      tree.span?.start ?? 0,
    );
  return value.size === 1 && value.shape.length === 0 ? value.data[0] : Array.from(value.data);
}

/** A parameter's formula evaluated on the engine (2-D values), to cross-check autograd; null if it does not evaluate. */
function formulaOnEngine(
  formula: Node,
  at: Record<string, Numeric>,
  matrices: Record<string, Matrix>,
): GradientValue | null {
  const bindings: Record<string, Tensor> = {};
  for (const name of freeNames(formula)) bindings[name] = tensor(matrices[name] ?? at[name], { dtype: 'float64' });
  try {
    const value = evaluateOnEngine(formula, bindings);
    return value.size === 1 && value.ndim < 2 ? value.data[0] : value.ndim <= 2 ? valueOf(value) : null;
  } catch (err) {
    if (err instanceof AutogradError || err instanceof ExprFailure) return null;
    throw err;
  }
}
