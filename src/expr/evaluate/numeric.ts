// Plain numeric evaluation on numbers and 1-D arrays with NumPy broadcasting, in float64 or emulating
// float32 (Math.fround after every operation; dot accumulates in double then rounds, as BLAS does).
// It also notes the non-differentiable points it passes through (|0|, relu(0), a max tie, log(0)).
import { BCE_DENOMINATOR_FLOOR, bceOfProbability } from '../../autograd';
import type { Numeric } from '../types';
import { assertNever, children, type CompareOp, type Node } from '../tree/ast';
import { ExprFailure } from '../tree/errors';

export interface PointNote {
  node: Node;
  message: string;
  element: number | null;
}

interface EvalOptions {
  float32?: boolean;
  /** Collects the non-differentiable points met; absent = not collected. */
  notes?: PointNote[];
}

const size = (v: Numeric) => (Array.isArray(v) ? v.length : 1);

function broadcast(a: Numeric, b: Numeric, node: Node, env: Record<string, Numeric>): number {
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) {
    throw new ExprFailure(
      `shape mismatch: ${describeLength(node, env, a.length)} and ${describeLength(node, env, b.length)}`,
      node.span?.start ?? 0,
      node.span,
    );
  }
  return Array.isArray(a) ? a.length : Array.isArray(b) ? b.length : -1;
}

/** `x has 3 elements`, naming an array of that length under `node` when there is one. */
function describeLength(node: Node, env: Record<string, Numeric>, length: number): string {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.kind === 'name') {
      const v = env[n.name];
      if (Array.isArray(v) && v.length === length) return `${n.name} has ${length} element${length === 1 ? '' : 's'}`;
    }
    stack.push(...[...children(n)].reverse()); // a copy: children() is the node's own list
  }
  return `an array of ${length} element${length === 1 ? '' : 's'}`;
}

function map2(
  a: Numeric,
  b: Numeric,
  node: Node,
  env: Record<string, Numeric>,
  f: (x: number, y: number, i: number) => number,
): Numeric {
  const n = broadcast(a, b, node, env);
  if (n < 0) return f(a as number, b as number, -1);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = f(Array.isArray(a) ? a[i] : a, Array.isArray(b) ? b[i] : b, i);
  return out;
}

function map1(a: Numeric, f: (x: number, i: number) => number): Numeric {
  return Array.isArray(a) ? a.map(f) : f(a, -1);
}

/** Whether `x relation y`; NaN compares false, except with != (IEEE, as NumPy and JS). */
/** `x[:, k]` of a value that is not 2-D: NumPy raises IndexError (too many indices), so do we. */
export function notAMatrix(node: Node, what: string): string {
  const name = node.kind === 'transpose' && node.arg.kind === 'name' ? node.arg.name : 'this array';
  return `${name}[:, k] takes a column of a 2-D array, but ${name} is ${what} here`;
}

export function holds(relation: CompareOp, x: number, y: number): boolean {
  switch (relation) {
    case '>':
      return x > y;
    case '<':
      return x < y;
    case '>=':
      return x >= y;
    case '<=':
      return x <= y;
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    default:
      return assertNever(relation);
  }
}

/** then where the 0/1 condition is 1, otherwise elsewhere, the three broadcast together. */
function pick(
  condition: Numeric,
  then: Numeric,
  otherwise: Numeric,
  node: Node,
  env: Record<string, Numeric>,
): Numeric {
  const n = Math.max(
    broadcast(condition, then, node, env),
    broadcast(condition, otherwise, node, env),
    broadcast(then, otherwise, node, env),
  );
  const at = (v: Numeric, i: number) => (Array.isArray(v) ? v[i] : v);
  if (n < 0) return condition ? then : otherwise;
  return Array.from({ length: n }, (_, i) => (at(condition, i) ? at(then, i) : at(otherwise, i)));
}

export function evaluate(root: Node, env: Record<string, Numeric>, options: EvalOptions = {}): Numeric {
  const r = options.float32 ? Math.fround : (x: number) => x;
  // where the notes go: a select's branch collects its own, then keeps those of the elements it was taken at
  let sink = options.notes;
  const note = (node: Node, message: string, i: number) => sink?.push({ node, message, element: i < 0 ? null : i });

  /** A branch's value, its notes kept only where `taken(element)` (an untaken log(0) is no warning). */
  const branch = (child: Node, taken: (element: number | null) => boolean): Numeric => {
    const outer = sink;
    const own: PointNote[] = [];
    if (outer) sink = own;
    try {
      return ev(child);
    } finally {
      sink = outer;
      for (const n of own) if (taken(n.element)) outer?.push(n);
    }
  };

  const ev = (node: Node): Numeric => {
    switch (node.kind) {
      case 'num':
        return r(node.value);
      case 'name': {
        const v = env[node.name];
        if (v === undefined) throw new ExprFailure(`no value for ${node.name}`, node.span?.start ?? 0, node.span);
        return Array.isArray(v) ? v.map(r) : r(v);
      }
      case 'neg':
        return map1(ev(node.arg), (x) => -x);
      case 'add':
        return node.terms.map(ev).reduce((acc, v) => map2(acc, v, node, env, (x, y) => r(x + y)));
      case 'mul':
        return node.factors.map(ev).reduce((acc, v) => map2(acc, v, node, env, (x, y) => r(x * y)));
      case 'pow':
        return map2(ev(node.base), ev(node.exponent), node, env, (x, y, i) => {
          if (x === 0 && y < 0) note(node, 'divides by zero', i);
          return r(x ** y);
        });
      case 'call':
        return map1(ev(node.arg), (x, i) => r(unary(node, x, i)));
      case 'call2': {
        const fn = node.fn;
        return map2(ev(node.left), ev(node.right), node, env, (x, y, i) => {
          switch (fn) {
            case 'maximum':
            case 'minimum':
              if (x === y) note(node, `is not differentiable where its arguments tie`, i);
              return fn === 'maximum' ? Math.max(x, y) : Math.min(x, y);
            case 'huber':
              return r(Math.abs(x) < y ? 0.5 * x * x : y * (Math.abs(x) - 0.5 * y));
            // the engine gives PyTorch's gradient, which leaves the symbolic one where p(1 - p) < 1e-12
            case 'bce':
              if (x * (1 - x) < BCE_DENOMINATOR_FLOOR)
                note(
                  node,
                  `saturates at p = ${x} (within 1e-12 of 0 or 1), where PyTorch's gradient (p - t)/max(p(1 - p), 1e-12) differs from the formula`,
                  i,
                );
              return bceOfProbability(x, y, options.float32 === true);
            default:
              return assertNever(fn);
          }
        });
      }
      case 'clamp': {
        const lo = node.min ? ev(node.min) : -Infinity;
        const hi = node.max ? ev(node.max) : Infinity;
        const low = map2(ev(node.arg), lo, node, env, (x, l, i) => {
          if (x === l) note(node, 'is not differentiable at its lower bound', i);
          return Math.max(x, l);
        });
        return map2(low, hi, node, env, (x, h, i) => {
          if (x === h) note(node, 'is not differentiable at its upper bound', i);
          return Math.min(x, h);
        });
      }
      case 'reduce':
        return reduction(node.op, ev(node.arg), r);
      case 'dot': {
        const a = ev(node.left);
        const b = ev(node.right);
        let total = 0; // accumulated in double, rounded once: what BLAS does for float32
        map2(a, b, node, env, (x, y) => {
          total += x * y;
          return 0;
        });
        return r(total);
      }
      case 'index': {
        const v = ev(node.arg);
        if (!Array.isArray(v)) return v;
        const item = v.at(node.index);
        if (item === undefined)
          throw new ExprFailure(
            `index ${node.index} is out of range for ${v.length} elements`,
            node.span?.start ?? 0,
            node.span,
          );
        return item;
      }
      // JS's Array.slice reads bounds as NumPy does: negative from the end, past the ends clamped
      case 'slice': {
        const v = ev(node.arg);
        if (!Array.isArray(v)) throw new ExprFailure('a number cannot be sliced', node.span?.start ?? 0, node.span);
        return v.slice(node.start ?? 0, node.stop ?? v.length);
      }
      case 'len':
        return size(ev(node.arg));
      // values here are numbers and 1-D arrays, whose transpose is themselves (NumPy's v.T)
      case 'transpose': {
        const v = ev(node.arg);
        if (node.column)
          throw new ExprFailure(
            notAMatrix(node, Array.isArray(v) ? `1-D (${v.length} values)` : 'a number'),
            node.span?.start ?? 0,
            node.span,
          );
        return v;
      }
      case 'array':
        return node.items.map((item) => {
          const v = ev(item);
          if (Array.isArray(v))
            throw new ExprFailure('nested arrays are not supported (1-D only)', item.span?.start ?? 0, item.span);
          return v;
        });
      // where(c, a, b): each element from the branch its condition picks; the other branch's value (NaN,
      // inf) is computed and dropped, never mixed in
      case 'select': {
        const relation = node.relation;
        const condition = map2(ev(node.left), ev(node.right), node, env, (x, y) => (holds(relation, x, y) ? 1 : 0));
        const takenAt = (wanted: number) => (element: number | null) =>
          Array.isArray(condition)
            ? element === null
              ? condition.includes(wanted)
              : condition[element] === wanted
            : condition === wanted;
        const then = branch(node.then, takenAt(1));
        const otherwise = branch(node.otherwise, takenAt(0));
        return pick(condition, then, otherwise, node, env);
      }
      case 'apply':
        throw new ExprFailure(`unknown function ${node.name}`, node.span?.start ?? 0, node.span);
      default:
        return assertNever(node);
    }
  };

  const unary = (node: Extract<Node, { kind: 'call' }>, x: number, i: number): number => {
    switch (node.fn) {
      case 'exp':
        return Math.exp(x);
      case 'log':
        if (x <= 0) note(node, 'takes the log of a non-positive number', i);
        return Math.log(x);
      case 'log1p':
        if (x <= -1) note(node, 'takes the log of a non-positive number', i);
        return Math.log1p(x);
      case 'expm1':
        return Math.expm1(x);
      case 'sqrt':
        if (x <= 0)
          note(node, x === 0 ? 'is not differentiable at 0' : 'takes the square root of a negative number', i);
        return Math.sqrt(x);
      case 'abs':
        if (x === 0) note(node, 'is not differentiable where its argument is 0', i);
        return Math.abs(x);
      case 'sin':
        return Math.sin(x);
      case 'cos':
        return Math.cos(x);
      case 'tan':
        return Math.tan(x);
      case 'tanh':
        return Math.tanh(x);
      case 'sigmoid':
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
      case 'relu':
        if (x === 0) note(node, 'is not differentiable where its argument is 0', i);
        return Math.max(x, 0);
      case 'softplus':
        return x > 30 ? x : Math.log1p(Math.exp(x));
      case 'sign':
        return Math.sign(x);
      case 'step':
        return x > 0 ? 1 : 0;
      default:
        return assertNever(node.fn);
    }
  };

  return ev(root);
}

function reduction(op: Extract<Node, { kind: 'reduce' }>['op'], v: Numeric, r: (x: number) => number): number {
  const items = Array.isArray(v) ? v : [v];
  switch (op) {
    case 'sum':
      return items.reduce((acc, x) => r(acc + x), 0);
    case 'mean':
      return r(items.reduce((acc, x) => r(acc + x), 0) / items.length);
    case 'max':
      return Math.max(...items);
    case 'min':
      return Math.min(...items);
    case 'logsumexp': {
      const m = Math.max(...items);
      return r(m + Math.log(items.reduce((acc, x) => acc + Math.exp(x - m), 0)));
    }
    default:
      return assertNever(op);
  }
}
