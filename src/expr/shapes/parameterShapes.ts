// The shapes of a model's parameters, inferred from how the expression uses them and from the data's shapes
// (x is N x D): `np.tanh(x @ W1 + b1) @ w2 + b2` gives W1 [D, H], b1 [H], w2 [H], b2 []. Each dimension is a
// number, the sample count N, or a variable unified with others as numpy's rules require (the inner
// dimensions of a matrix product, broadcast dimensions). The rules a free name follows where it first stands:
//   right operand of @:  a matrix [k, v] for a left side [..., k]; v becomes absent (a vector [k]) when it
//                        is the width of the model's output, which must be one value per row
//   left operand of @:   a vector [k] for a right side [k, ...]
//   a term of a sum:     the other terms' shape less its sample dimension (a bias: one value per unit)
//   anywhere else:       a scalar (a factor, an exponent, a function's argument)
// A width nothing fixes (W1's H) comes from `hidden`, or is refused with the parameters it sizes.
import { assertNever, type Node } from '../tree/ast';
import { ExprFailure } from '../tree/errors';
import { fillHidden, outcome, root, Width, type Dim, type Sizes } from './widths';

export type { OpenWidth } from './widths';

/** A data shape: numbers, or 'N' for the sample dimension (it varies with the batch). */
export type DataShape = readonly (number | 'N')[];

export interface ShapeOptions {
  /** The data names and their shapes, e.g. { x: ['N', 3], y: ['N'], y_pred: ['N'] }. */
  data: Record<string, DataShape>;
  /** Parameters whose shape is already known (a values file, an explicit shape). */
  given?: Record<string, readonly number[]>;
  /** Widths nothing else fixes, in order of appearance; one value sizes them all. */
  hidden?: readonly number[];
  /** The shape the expression's value must have: ['N'] for a model's predictions. */
  result?: DataShape;
}

/**
 * `order`: the parameters in order of first use. `fanIn`: the inputs each one's unit sees, for PyTorch's
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)): a weight's inner dimension, a bias's weight's, null elsewhere.
 */
export type ShapeOutcome = { order: string[]; fanIn: Record<string, number | null> } & Sizes;

export function inferParameterShapes(tree: Node, options: ShapeOptions): ShapeOutcome {
  const params = new Map<string, Dim[]>();
  const widths: Width[] = [];
  const firstUse = new Map<string, Node>();
  const fanIn = new Map<string, Dim>();
  let lastInner: Dim | null = null; // the inner dimension of the last product with a parameter
  const fresh = (): Width => {
    const w = new Width();
    widths.push(w);
    return w;
  };
  const fail = (node: Node, message: string): never => {
    throw new ExprFailure(message, node.span?.start ?? 0, node.span);
  };
  const show = (dims: readonly Dim[]): string =>
    dims.length === 0
      ? 'a number'
      : dims
          .map((d) => root(d))
          .map((d) => (d instanceof Width ? '?' : String(d)))
          .join(' x ');

  const unify = (a: Dim, b: Dim, node: Node, what: () => string): void => {
    const ra = root(a);
    const rb = root(b);
    if (ra === rb) return;
    if (ra instanceof Width) {
      if (rb instanceof Width) ra.parent = rb;
      else ra.size = rb;
    } else if (rb instanceof Width) rb.size = ra;
    else fail(node, what());
  };

  const broadcast = (a: Dim[], b: Dim[], node: Node): Dim[] => {
    const out: Dim[] = [];
    for (let k = 1; k <= Math.max(a.length, b.length); k++) {
      const da = k <= a.length ? root(a[a.length - k]) : 1;
      const db = k <= b.length ? root(b[b.length - k]) : 1;
      if (da === 1) out.unshift(db);
      else if (db === 1) out.unshift(da);
      else {
        unify(da, db, node, () => `shapes ${show(a)} and ${show(b)} do not broadcast`);
        out.unshift(da);
      }
    }
    return out;
  };

  const isFree = (node: Node): node is Extract<Node, { kind: 'name' }> =>
    node.kind === 'name' && !(node.name in options.data);
  const bareName = (node: Node): Node => (node.kind === 'neg' ? node.arg : node);
  const unknownName = (node: Node): string | null => {
    const bare = bareName(node);
    return isFree(bare) && !params.has(bare.name) ? bare.name : null;
  };
  const assign = (name: string, dims: Dim[], at: Node): Dim[] => {
    params.set(name, dims);
    firstUse.set(name, at);
    return dims;
  };

  for (const [name, shape] of Object.entries(options.given ?? {})) params.set(name, [...shape]);

  // a bias: the sum's shape less its sample dimension and the 1s before a unit (x is N x 1 for one feature)
  const perUnit = (out: Dim[]): Dim[] => {
    const rest = root(out[0]) === 'N' ? out.slice(1) : [...out];
    while (rest.length > 0 && root(rest[0]) === 1) rest.shift();
    return rest;
  };
  const label = (node: Node, side: string): string => (node.kind === 'name' ? node.name : side);

  // numpy's matmul on 1-D and 2-D operands; the engine's dot of a number is a product summed
  const product = (l: Dim[], r: Dim[], node: Extract<Node, { kind: 'dot' }>): Dim[] => {
    const mismatch = () =>
      `${label(node.left, 'the left side')} is ${show(l)} but ${label(node.right, 'the right side')} is ${show(r)}: the inner dimensions of @ differ`;
    if (l.length === 0 || r.length === 0) return [];
    if (l.length > 2 || r.length > 2) return fail(node, `${show(l)} @ ${show(r)}: only vectors and matrices`);
    unify(l[l.length - 1], r[0], node, mismatch);
    return [...l.slice(0, -1), ...r.slice(1)];
  };

  const shape = (node: Node): Dim[] => {
    switch (node.kind) {
      case 'num':
        return [];
      case 'name': {
        const data = options.data[node.name];
        if (data) return [...data];
        const known = params.get(node.name);
        if (known && !firstUse.has(node.name)) firstUse.set(node.name, node);
        return known ?? assign(node.name, [], node);
      }
      case 'neg':
        return shape(node.arg);
      case 'add': {
        const biases = node.terms.filter((t) => unknownName(t) !== null);
        const outer = lastInner;
        lastInner = null;
        let out = node.terms
          .filter((t) => unknownName(t) === null)
          .map(shape)
          .reduce((a, b) => broadcast(a, b, node), [] as Dim[]);
        for (const term of biases) {
          const name = unknownName(term);
          // one value per unit, shared over the samples
          const dims = name === null ? shape(term) : assign(name, perUnit(out), bareName(term));
          if (name !== null && lastInner !== null) fanIn.set(name, lastInner);
          out = broadcast(out, dims, node);
        }
        lastInner = lastInner ?? outer;
        return out;
      }
      case 'mul':
        return node.factors.map(shape).reduce((a, b) => broadcast(a, b, node), [] as Dim[]);
      case 'pow':
        return broadcast(shape(node.base), shape(node.exponent), node);
      case 'call':
        return shape(node.arg);
      case 'call2':
        return broadcast(shape(node.left), shape(node.right), node);
      case 'clamp': {
        let out = shape(node.arg);
        if (node.min) out = broadcast(out, shape(node.min), node);
        if (node.max) out = broadcast(out, shape(node.max), node);
        return out;
      }
      case 'reduce':
        shape(node.arg);
        return [];
      case 'dot': {
        const right = unknownName(node.right);
        const left = unknownName(node.left);
        if (right !== null && left !== null)
          return fail(node, `both sides of this product are parameters: their shapes cannot be inferred`);
        if (right !== null) {
          const l = shape(node.left);
          if (l.length === 0) return fail(node.right, `${right} multiplies a number: write * instead of @`);
          lastInner = l[l.length - 1];
          fanIn.set(right, lastInner);
          return product(l, assign(right, [lastInner, fresh()], node.right), node);
        }
        if (left !== null) {
          const r = shape(node.right);
          if (r.length === 0) return fail(node.left, `${left} multiplies a number: write * instead of @`);
          lastInner = r[0];
          fanIn.set(left, lastInner);
          return product(assign(left, [r[0]], node.left), r, node);
        }
        const l = shape(node.left);
        const r = shape(node.right);
        // a weight whose shape was given: its fan-in is still its inner dimension
        const weight = isFree(node.right) ? node.right.name : isFree(node.left) ? node.left.name : null;
        if (weight !== null && l.length > 0 && r.length > 0) {
          lastInner = r[0];
          fanIn.set(weight, lastInner);
        }
        return product(l, r, node);
      }
      case 'transpose': {
        const out = shape(node.arg);
        return out.length === 2 ? [out[1], out[0]] : out;
      }
      case 'index':
        return shape(node.arg).slice(1);
      case 'slice':
        return fail(node, 'a slice in a model is not supported: its length depends on the data');
      case 'len':
        shape(node.arg);
        return [];
      case 'array': {
        const items = node.items.map(shape);
        return [node.items.length, ...(items[0] ?? [])];
      }
      case 'apply':
        return fail(node, `unknown function ${node.name}`);
      case 'select': {
        // where(c, a, b): the comparison's sides, then both branches, broadcast together
        const condition = broadcast(shape(node.left), shape(node.right), node);
        return broadcast(condition, broadcast(shape(node.then), shape(node.otherwise), node), node);
      }
      default:
        return assertNever(node);
    }
  };

  const out = shape(tree);
  settleResult(out, options.result, tree, unify, show);
  fillHidden(widths, options.hidden ?? []);
  for (const [name, dims] of params) {
    if (dims.some((d) => root(d) === 'N'))
      fail(firstUse.get(name) ?? tree, `${name} would need one value per row of the data; a parameter cannot`);
  }
  // a shape given for a name the expression does not use is no parameter of it
  for (const name of [...params.keys()]) if (!firstUse.has(name)) params.delete(name);
  const order = [...firstUse.keys()];
  const fans = Object.fromEntries(
    order.map((name) => {
      const d = fanIn.has(name) ? root(fanIn.get(name) as Dim) : null;
      return [name, typeof d === 'number' ? d : null];
    }),
  );
  return { order, fanIn: fans, ...outcome(params) };
}

/** The result's shape: an open width that would make each row's prediction a vector is absent (w2 is [H], not [H, 1]). */
function settleResult(
  out: Dim[],
  result: DataShape | undefined,
  tree: Node,
  unify: (a: Dim, b: Dim, node: Node, what: () => string) => void,
  show: (dims: readonly Dim[]) => string,
): void {
  if (!result) return;
  const last = out.length > 0 ? root(out[out.length - 1]) : null;
  if (out.length === result.length + 1 && last instanceof Width) last.size = 'absent';
  else if (out.length === result.length)
    out.forEach((d, k) => unify(d, result[k], tree, () => `the result is ${show(out)}, not ${show(result)}`));
}
