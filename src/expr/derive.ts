// derive(): parse, inline the document's definitions, differentiate with respect to each parameter,
// simplify, print three ways, and evaluate everything where the values are known.
import type { Result } from '../common/result';
import type { DerivativeOut, DeriveOptions, DeriveResult, ExprError, Step } from './types';
import { children, freeNames, num, type Node } from './tree/ast';
import { differentiate } from './calculus/differentiate';
import { attempt, ExprFailure } from './tree/errors';
import { vectorParameterGradient } from './calculus/matrixGradient';
import { matrixParameterGradient } from './calculus/matrixParameterGradient';
import { matrixProductsAsMatmul } from './shapes/matrixNames';
import { computeValues } from './gradientValues';
import { prepare } from './prepare';
import { printLatex, latexName } from './print/latex';
import { lowerForDialect } from './print/lower';
import type { PrintCache } from './print/printer';
import { printSource } from './print/source';
import { greek, printUnicode } from './print/unicode';
import { shapesFrom, vectorParameters } from './shapes/arrayShapes';
import { simplifier } from './simplify/simplify';
import { chainSteps } from './steps';

/** Deeply nested functions have derivatives quadratic in size: past this many nodes we say so. */
const MAX_DERIVATIVE_NODES = 50_000;

/** Nodes of the tree as printed (shared subtrees counted each time), stopping early past `limit`. */
function treeSize(root: Node, limit: number): number {
  let count = 0;
  const stack = [root];
  while (stack.length && count <= limit) {
    const node = stack.pop() as Node;
    count++;
    stack.push(...children(node));
  }
  return count;
}

type ArrayShape = 'vector' | 'matrix';
const unsupportedText = (shape: ArrayShape) =>
  shape === 'vector'
    ? 'symbolic gradient for a vector parameter is not supported yet'
    : 'symbolic gradient for a matrix parameter used this way is not supported yet';

/** No formula rather than a wrong one: the scalar chain rule would sum the gradient's components. */
function vectorParameterOut(p: string, shape: ArrayShape): DerivativeOut {
  return {
    source: '',
    unicode: `∂L/∂${greek(p)} = (${unsupportedText(shape)})`,
    latex: '',
    raw: '',
    steps: [],
    unsupported: `${unsupportedText(shape)}: ${p} is a ${shape}`,
  };
}

/**
 * A derivative whose chain-rule steps are computed when first read, then kept. The getter lives on the
 * class, not on each object: a per-object accessor (Object.defineProperty) is allocated by V8 in the old
 * generation, where it kept each derivation's whole working set alive through minor collections (measured
 * in a loop of derivations: 1 MB promoted per scavenge, 2-3 ms pauses; 30 KB and 0.5 ms without). JSON
 * output lists the steps.
 */
class Derivative implements DerivativeOut {
  readonly source: string;
  readonly unicode: string;
  readonly latex: string;
  readonly raw: string;
  #steps: Step[] | undefined;
  #computeSteps: (() => Step[]) | undefined;

  constructor(printed: Omit<DerivativeOut, 'steps'>, computeSteps: () => Step[]) {
    this.source = printed.source;
    this.unicode = printed.unicode;
    this.latex = printed.latex;
    this.raw = printed.raw;
    this.#computeSteps = computeSteps;
  }

  get steps(): Step[] {
    if (!this.#steps) {
      this.#steps = (this.#computeSteps as () => Step[])();
      this.#computeSteps = undefined; // the loss's trees are no longer needed
    }
    return this.#steps;
  }

  toJSON(): DerivativeOut {
    return { source: this.source, unicode: this.unicode, latex: this.latex, raw: this.raw, steps: this.steps };
  }
}

export function derive(text: string, options: DeriveOptions = {}): Result<DeriveResult, ExprError> {
  return attempt(text, () => {
    const prep = prepare(text, options);
    const vectors = vectorParameters(prep.tree, prep.parameters, prep.values);
    // a vector parameter is an array even without a value: X @ w is not w*sum(X)
    const scalarParameters = prep.parameters.filter((p) => !vectors.has(p));
    const shapes = shapesFrom({ ...prep.values, ...prep.matrices }, scalarParameters, prep.matrixNames);
    const printed: PrintCache = new Map(); // shared by measuring and printing: each subtree printed once
    const measure = (n: Node) => printSource(n, prep.dialect, printed).length;
    const derivatives: Record<string, DerivativeOut> = {};
    const symbolic: Record<string, Node> = {};
    const simplifyOne = simplifier({ shapes, measure, parameters: prep.parameters });
    const warnings = [...prep.warnings];
    const unsupported: { p: string; at: number; shape: ArrayShape }[] = []; // their warning depends on whether values come
    for (const p of prep.parameters) {
      // an array parameter's gradient is an array: the scalar rule would add up its elements
      const matrix = prep.matrices[p] !== undefined || prep.matrixNames.has(p);
      const vector = vectors.has(p) || matrix;
      const value = prep.values[p];
      const gradient = matrix
        ? matrixParameterGradient(prep.tree, p, shapes)
        : vector
          ? vectorParameterGradient(prep.tree, p, shapes, Array.isArray(value) ? value.length : null)
          : null;
      if (vector && !gradient) {
        const shape = matrix ? 'matrix' : 'vector';
        derivatives[p] = vectorParameterOut(p, shape);
        unsupported.push({ p, at: warnings.length, shape });
        continue;
      }
      if (gradient) warnings.push(gradient.note);
      const raw = (gradient ? gradient.raw : differentiate(prep.tree, p, shapes)) ?? num(0);
      const size = treeSize(raw, MAX_DERIVATIVE_NODES);
      if (size > MAX_DERIVATIVE_NODES) {
        throw new ExprFailure(
          `the derivative with respect to ${p} is too large to show (over ${MAX_DERIVATIVE_NODES} terms)`,
          0,
        );
      }
      const simplified = simplifyOne(raw);
      symbolic[p] = simplified;
      const notation = prep.matrixNames.size ? matrixProductsAsMatmul(simplified, shapes) : simplified; // Xᵀ(X w − y), not ⟨X, w⟩
      // The steps are computed when first read (the hover's "show steps", JSON output), then kept
      // (none for a vector parameter: the scalar steps would not say what its formula means).
      derivatives[p] = new Derivative(
        {
          source: printSource(lowerForDialect(simplified, prep.dialect), prep.dialect, printed), // same dialect: the measured prints serve
          unicode: `∂L/∂${greek(p)} = ${printUnicode(notation)}`,
          latex: `\\frac{\\partial L}{\\partial ${latexName(p)}} = ${printLatex(notation)}`,
          raw: printSource(raw, prep.dialect, printed),
        },
        vector ? () => [] : () => chainSteps(prep.tree, p, shapes, prep.dialect),
      );
    }
    const values = computeValues(prep, symbolic, warnings);
    const missing = freeNames(prep.tree).filter((n) => prep.values[n] === undefined && !prep.matrices[n]);
    const tail = values
      ? ": the values shown are autograd's gradient"
      : missing.length
        ? `: give ${missing.join(', ')} ${missing.length === 1 ? 'a value' : 'values'} to see autograd's gradient`
        : '';
    for (const { p, at, shape } of unsupported.reverse())
      warnings.splice(at, 0, `${unsupportedText(shape)} (${p})${tail}`); // from the last: earlier positions hold
    const result: DeriveResult = {
      syntax: prep.syntax,
      expression: printSource(prep.tree, prep.dialect),
      parameters: prep.parameters,
      derivatives,
      values,
      substitutions: prep.substitutions,
      warnings,
    };
    return result;
  });
}
