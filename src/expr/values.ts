// The loss and its gradient at the known values: the gradient from the autograd engine, cross-checked
// against the symbolic derivative; the non-differentiable points met on the way become warnings.
import { tensor, type Tensor } from '../autograd';
import type { DeriveResult, Value } from './api';
import { freeNames, mentions, type Node } from './ast';
import { evaluateOnEngine } from './engine';
import { evaluate, type PointNote } from './evaluate';
import type { Prepared } from './prepare';
import { printSource } from './print/source';

const asArray = (v: Value) => (Array.isArray(v) ? v : [v]);

/** The engine's gradient of a scalar loss; null for an array-valued (unreduced) expression. */
export function autogradGradient(tree: Node, values: Record<string, Value>, parameters: string[]): Record<string, Value> | null {
  const bindings: Record<string, Tensor> = {};
  for (const name of freeNames(tree)) {
    bindings[name] = tensor(values[name], { dtype: 'float64', requiresGrad: parameters.includes(name) });
  }
  const loss = evaluateOnEngine(tree, bindings);
  if (loss.size !== 1) return null;
  if (loss.requiresGrad) loss.backward(); // a loss that does not depend on the parameters has gradient 0
  const grad: Record<string, Value> = {};
  for (const p of parameters) {
    const g = bindings[p]?.grad;
    const value = values[p];
    grad[p] = g ? (Array.isArray(value) ? Array.from(g.data) : g.data[0]) : Array.isArray(value) ? value.map(() => 0) : 0;
  }
  return grad;
}

export function close(a: Value, b: Value, rtol = 1e-6): boolean {
  const x = asArray(a);
  const y = asArray(b);
  if (x.length !== y.length) return false;
  return x.every((v, i) => v === y[i] || Math.abs(v - y[i]) <= rtol * (1 + Math.max(Math.abs(v), Math.abs(y[i]))) || (Number.isNaN(v) && Number.isNaN(y[i])));
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

export function computeValues(prep: Prepared, symbolic: Record<string, Node>, warnings: string[]): DeriveResult['values'] {
  const names = freeNames(prep.tree);
  if (names.some((n) => prep.values[n] === undefined)) return null;
  const at: Record<string, Value> = {};
  for (const n of [...names, ...prep.parameters]) if (prep.values[n] !== undefined) at[n] = prep.values[n];
  const notes: PointNote[] = [];
  const loss = evaluate(prep.tree, at, { notes });
  warnings.push(...describe(notes, prep.parameters, (n) => printSource(n, prep.dialect)));
  const grad: Record<string, Value> = {};
  const engine = prep.parameters.every((p) => at[p] !== undefined) ? autogradGradient(prep.tree, at, prep.parameters) : null;
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
      warnings.push(`autograd and the symbolic derivative disagree for ${p}: ${JSON.stringify(fromEngine)} vs ${JSON.stringify(fromSymbols)}`);
    }
    grad[p] = fromEngine ?? fromSymbols ?? 0;
  }
  return { loss, grad, at };
}

/** An infinite loss is worth one plain sentence, not a disagreement between two infinities. */
function overflowWarning(loss: Value, parameters: string[], at: Record<string, Value>): string | null {
  if (asArray(loss).every(Number.isFinite)) return null;
  const where = parameters.filter((p) => at[p] !== undefined).map((p) => `${p} = ${JSON.stringify(at[p])}`).join(', ');
  return `the loss overflows${where ? ` at ${where}` : ''}`;
}
