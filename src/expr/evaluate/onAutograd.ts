// An expression on the autograd engine: the same tree built from Tensor ops, so backward() gives the
// gradient the engine computes, independently of the symbolic derivative (each checks the other).
// sign, step and len are constants of the data (their derivative is 0 almost everywhere), and indexing
// and max over an array are dot products with a one-hot vector, which carry the right gradient.
import { compare, tensor, where, type Comparison, type DType, type Tensor } from '../../autograd';
import { assertNever, type CompareOp, type Node } from '../tree/ast';

const COMPARISONS: Record<CompareOp, Comparison> = {
  '>': 'gt',
  '>=': 'ge',
  '<': 'lt',
  '<=': 'le',
  '==': 'eq',
  '!=': 'ne',
};
import { ExprFailure } from '../tree/errors';
import { notAMatrix } from './numeric';
import { bceOnEngine } from './binaryCrossEntropy';

/**
 * Told which tree node produced which tensor, each node once, after the nodes it reads. With an
 * observer, a subtree object met twice (an inlined name used twice) is evaluated once: one tensor with
 * two consumers, as in the program that named it.
 */
export type ProducedObserver = (node: Node, produced: Tensor) => void;

export function evaluateOnEngine(root: Node, bindings: Record<string, Tensor>, onProduced?: ProducedObserver): Tensor {
  const first = Object.values(bindings)[0];
  const dtype: DType = first?.dtype ?? 'float64';
  const constant = (values: number | number[]) => tensor(values, { dtype });
  const values = (t: Tensor) => Array.from(t.data);
  const oneHot = (length: number, index: number) => constant(Array.from({ length }, (_, i) => (i === index ? 1 : 0)));
  const fail = (node: Node, message: string): never => {
    throw new ExprFailure(message, node.span?.start ?? 0, node.span);
  };

  const seen = onProduced ? new Map<Node, Tensor>() : null;
  const ev = (node: Node): Tensor => {
    if (seen === null) return compute(node);
    const known = seen.get(node);
    if (known) return known;
    const produced = compute(node);
    seen.set(node, produced);
    (onProduced as ProducedObserver)(node, produced);
    return produced;
  };

  const compute = (node: Node): Tensor => {
    switch (node.kind) {
      case 'num':
        return constant(node.value);
      case 'name':
        return bindings[node.name] ?? fail(node, `no value for ${node.name}`);
      case 'neg':
        return ev(node.arg).neg();
      case 'add': {
        // a - b is add([a, neg(b)]): subtract, so the engine records the sub the user wrote
        let acc = ev(node.terms[0]);
        for (const t of node.terms.slice(1)) acc = t.kind === 'neg' ? acc.sub(ev(t.arg)) : acc.add(ev(t));
        return acc;
      }
      case 'mul': {
        // a / b is mul(a, b**-1): divide instead, as the engine's div has its own backward rule
        let acc: Tensor | null = null;
        for (const f of node.factors) {
          if (f.kind === 'pow' && f.exponent.kind === 'num' && f.exponent.value === -1)
            acc = (acc ?? constant(1)).div(ev(f.base));
          else acc = acc ? acc.mul(ev(f)) : ev(f);
        }
        return acc as Tensor;
      }
      case 'pow':
        return ev(node.base).pow(node.exponent.kind === 'num' ? node.exponent.value : ev(node.exponent));
      case 'call': {
        const u = ev(node.arg);
        const fn = node.fn;
        switch (fn) {
          case 'exp':
            return u.exp();
          case 'log':
            return u.log();
          case 'log1p':
            return u.add(1).log();
          case 'expm1':
            return u.exp().sub(1);
          case 'sqrt':
            return u.sqrt();
          case 'abs':
            return u.abs();
          case 'sin':
            return u.sin();
          case 'cos':
            return u.cos();
          case 'tan':
            return u.sin().div(u.cos());
          case 'tanh':
            return u.tanh();
          case 'sigmoid':
            return u.sigmoid();
          case 'relu':
            return u.relu();
          case 'softplus':
            return u.softplus();
          case 'sign':
            return constant(values(u).map(Math.sign)).reshape(u.shape);
          case 'step':
            return constant(values(u).map((x) => (x > 0 ? 1 : 0))).reshape(u.shape);
          default:
            return assertNever(fn);
        }
      }
      case 'call2': {
        const a = ev(node.left);
        const b = ev(node.right);
        const fn = node.fn;
        switch (fn) {
          case 'maximum':
            return a.maximum(b);
          case 'minimum':
            return a.minimum(b);
          // huber(d; delta) = 0.5 d^2 for |d| < delta, else delta (|d| - delta/2): the engine's Huber loss against 0
          case 'huber':
            return huberOf(a, b.item());
          // PyTorch's binary cross-entropy, which takes a target of the input's shape (or one number here)
          case 'bce':
            if (a.size !== 1 && b.size !== 1 && a.shape.join() !== b.shape.join())
              fail(
                node,
                `binary_cross_entropy: the target's shape (${b.shape.join(' x ')}) is not the input's (${a.shape.join(' x ')})`,
              );
            return bceOnEngine(a, b);
          default:
            return assertNever(fn);
        }
      }
      case 'clamp': {
        let u = ev(node.arg);
        if (node.min) {
          const lo = ev(node.min);
          u = lo.size === 1 ? u.clamp(lo.item(), null) : u.maximum(lo);
        }
        if (node.max) {
          const hi = ev(node.max);
          u = hi.size === 1 ? u.clamp(null, hi.item()) : u.minimum(hi);
        }
        return u;
      }
      case 'reduce': {
        const u = ev(node.arg);
        switch (node.op) {
          case 'sum':
            return u.sum();
          case 'mean':
            return u.mean();
          case 'logsumexp':
            return u.ndim === 0 ? u : u.logsumexp();
          case 'max':
          case 'min': {
            if (u.ndim === 0) return u;
            const v = values(u);
            const target = node.op === 'max' ? Math.max(...v) : Math.min(...v);
            return u.dot(oneHot(v.length, v.indexOf(target)));
          }
          default:
            return assertNever(node.op);
        }
      }
      case 'dot': {
        const a = ev(node.left);
        const b = ev(node.right);
        if (a.ndim === 1 && b.ndim === 1) return a.dot(b);
        // X @ w with X an N x D matrix (the trainer's data): a matrix product
        if (a.ndim >= 1 && b.ndim >= 1) return a.matmul(b);
        return a.mul(b).sum();
      }
      case 'index': {
        const u = ev(node.arg);
        if (u.ndim === 0) return u;
        const n = u.shape[0];
        const k = node.index < 0 ? n + node.index : node.index;
        if (k < 0 || k >= n) fail(node, `index ${node.index} is out of range for ${n} elements`);
        // row k of a matrix (X.T[k] is column k of X): one_hot(k) @ u
        return u.ndim === 2 ? oneHot(n, k).matmul(u) : u.dot(oneHot(n, k));
      }
      case 'slice': {
        const u = ev(node.arg);
        return u.ndim === 0 ? fail(node, 'a number cannot be sliced') : u.slice(node.start, node.stop);
      }
      case 'len': {
        const u = ev(node.arg);
        return constant(u.ndim === 0 ? 1 : u.shape[0]);
      }
      // NumPy's X.T: a matrix's rows become columns; a vector or a number is itself
      case 'transpose': {
        const u = ev(node.arg);
        if (node.column && u.ndim < 2)
          return fail(node, notAMatrix(node, u.ndim === 0 ? 'a number' : `1-D (${u.size} values)`));
        return u.ndim < 2 ? u : u.transpose();
      }
      case 'array': {
        const items = node.items.map(ev);
        if (items.every((item) => item.ndim === 0))
          return items.map((item, i) => item.mul(oneHot(items.length, i))).reduce((a, b) => a.add(b));
        // rows of a matrix: row i placed by the column one_hot(i) (R x 1) times the row (1 x C)
        const width = items[0].shape[0];
        if (!items.every((item) => item.ndim === 1 && item.shape[0] === width))
          return fail(node, 'the rows of this array differ in length, or are not rows of numbers');
        const rows = items.length;
        return items
          .map((item, i) =>
            oneHot(rows, i)
              .reshape([rows, 1])
              .mul(item.reshape([1, width])),
          )
          .reduce((a, b) => a.add(b));
      }
      // the condition is data: compared on the values, outside the graph; the branches keep their gradients
      case 'select': {
        const condition = compare(COMPARISONS[node.relation], ev(node.left).detach(), ev(node.right).detach());
        return where(condition, ev(node.then), ev(node.otherwise));
      }
      case 'apply':
        return fail(node, `unknown function ${node.name}`);
      default:
        return assertNever(node);
    }
  };

  const huberOf = (d: Tensor, delta: number): Tensor => {
    // 0.5 * min(|d|, delta)^2 + delta * (|d| - min(|d|, delta)): the same function, from engine primitives
    const a = d.abs();
    const small = a.clamp(null, delta);
    return small.pow(2).mul(0.5).add(a.sub(small).mul(delta));
  };

  return ev(root);
}
