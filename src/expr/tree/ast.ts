// The expression tree. Sums and products are n-ary so that a long chain (`a + b + c + ...`) stays
// shallow: every pass over the tree recurses on depth, and depth must stay within the parser's limit.
// `a - b` is add([a, neg(b)]) and `a / b` is mul([a, pow(b, -1)]): one rule each for differentiation.
import type { Span } from '../types';

/** Elementwise functions of one argument (their derivatives are in calculus/differentiate.ts). */
export type UnaryFn =
  | 'exp'
  | 'log'
  | 'log1p'
  | 'expm1'
  | 'sqrt'
  | 'abs'
  | 'sin'
  | 'cos'
  | 'tan'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'softplus'
  | 'sign'
  | 'step';
/**
 * Elementwise functions of two arguments: maximum(a, b), minimum(a, b), huber(d, delta), and bce(p, t),
 * PyTorch's binary cross-entropy of a probability p against a target t (its logarithms floored at -100).
 */
export type BinaryFn = 'maximum' | 'minimum' | 'huber' | 'bce';
export type ReduceOp = 'sum' | 'mean' | 'logsumexp' | 'max' | 'min';
/**
 * How the user wrote a product of arrays, kept so the echo and the derivative say it their way:
 * `np.dot(a, b)` (or inner/vdot), `np.matmul(a, b)`, or the operator `a @ b`. One meaning for all three
 * (an inner product of vectors, a matrix product when an operand is a matrix), so one rule each.
 */
export type DotForm = 'dot' | 'matmul' | '@';
/** A comparison as written; a tie is true for >=, <= and ==. */
export type CompareOp = '>' | '<' | '>=' | '<=' | '==' | '!=';
/**
 * How the user wrote a selection, kept so the echo and the derivative say it their way: a where call
 * (`np.where`, `torch.where`, `jnp.where`, `where`: the name as written), Python's `a if c else b`, or
 * JS's `c ? a : b`. A bare `==` or `!=` outside a selection is `mask`: select(c, 1, 0), printed `(a == b)`.
 */
export type SelectForm =
  { kind: 'where'; written: string } | { kind: 'ifElse' } | { kind: 'ternary' } | { kind: 'mask' };

export type Node =
  | { kind: 'num'; value: number; span?: Span }
  | { kind: 'name'; name: string; span?: Span }
  | { kind: 'neg'; arg: Node; span?: Span }
  | { kind: 'add'; terms: Node[]; span?: Span }
  | { kind: 'mul'; factors: Node[]; span?: Span }
  | { kind: 'pow'; base: Node; exponent: Node; span?: Span }
  | { kind: 'call'; fn: UnaryFn; arg: Node; span?: Span }
  | { kind: 'call2'; fn: BinaryFn; left: Node; right: Node; span?: Span }
  /** clamp(arg, min, max) with either bound optional, as torch.clamp and np.clip. */
  | { kind: 'clamp'; arg: Node; min: Node | null; max: Node | null; span?: Span }
  | { kind: 'reduce'; op: ReduceOp; arg: Node; span?: Span }
  | { kind: 'dot'; left: Node; right: Node; form: DotForm; span?: Span }
  /** The transpose of a matrix (`X.T`, `np.transpose(X)`); of a vector or a number, the thing itself, as in NumPy. */
  /** column: written x[:, k] (row k of x.T), which NumPy refuses on a 1-D x where x.T[k] is x[k]. */
  | { kind: 'transpose'; arg: Node; span?: Span; column?: true }
  | { kind: 'index'; arg: Node; index: number; span?: Span }
  /**
   * arg[start:stop] along the first axis, as NumPy reads it (`theta[1:]`, `w[:-1]`, JS `arr.slice(1)`):
   * null is the start or the end, a negative bound counts from the end.
   */
  | { kind: 'slice'; arg: Node; start: number | null; stop: number | null; span?: Span }
  /** The number of elements of an array (1 for a scalar): `len(x)`. */
  | { kind: 'len'; arg: Node; span?: Span }
  | { kind: 'array'; items: Node[]; span?: Span }
  /**
   * where(left relation right, then, otherwise), elementwise. The condition's sides are values, never
   * differentiated (the condition is piecewise constant); a bare mask `c` is `c != 0`.
   */
  | {
      kind: 'select';
      relation: CompareOp;
      left: Node;
      right: Node;
      then: Node;
      otherwise: Node;
      form: SelectForm;
      span?: Span;
    }
  /** A call of a function the parser does not know: resolved from the document, else an error. */
  | { kind: 'apply'; name: string; args: Node[]; span?: Span };

export type Kind = Node['kind'];

export const num = (value: number, span?: Span): Node => ({ kind: 'num', value, span });
export const name = (id: string, span?: Span): Node => ({ kind: 'name', name: id, span });
export const neg = (arg: Node, span?: Span): Node => ({ kind: 'neg', arg, span });
export const add = (terms: Node[], span?: Span): Node => ({ kind: 'add', terms, span });
export const mul = (factors: Node[], span?: Span): Node => ({ kind: 'mul', factors, span });
export const pow = (base: Node, exponent: Node, span?: Span): Node => ({ kind: 'pow', base, exponent, span });
export const call = (fn: UnaryFn, arg: Node, span?: Span): Node => ({ kind: 'call', fn, arg, span });
export const call2 = (fn: BinaryFn, left: Node, right: Node, span?: Span): Node => ({
  kind: 'call2',
  fn,
  left,
  right,
  span,
});
export const reduce = (op: ReduceOp, arg: Node, span?: Span): Node => ({ kind: 'reduce', op, arg, span });
export const dot = (left: Node, right: Node, span?: Span, form: DotForm = 'dot'): Node => ({
  kind: 'dot',
  left,
  right,
  form,
  span,
});
export const transpose = (arg: Node, span?: Span): Node => ({ kind: 'transpose', arg, span });
export const select = (
  relation: CompareOp,
  left: Node,
  right: Node,
  then: Node,
  otherwise: Node,
  form: SelectForm,
  span?: Span,
): Node => ({ kind: 'select', relation, left, right, then, otherwise, form, span });
export const sub = (a: Node, b: Node, span?: Span): Node => add([a, neg(b)], span);
export const div = (a: Node, b: Node, span?: Span): Node => mul([a, pow(b, num(-1))], span);

export function assertNever(value: never): never {
  throw new Error(`unhandled expression node ${JSON.stringify(value)}`);
}

/** The direct children of a node, in source order. */
/** Shared by every leaf: children() of a leaf allocates nothing (callers never mutate the list). */
const NO_CHILDREN: Node[] = [];

export function children(node: Node): Node[] {
  switch (node.kind) {
    case 'num':
    case 'name':
      return NO_CHILDREN;
    case 'neg':
    case 'call':
    case 'reduce':
    case 'index':
    case 'slice':
    case 'len':
    case 'transpose':
      return [node.arg];
    case 'add':
      return node.terms;
    case 'mul':
      return node.factors;
    case 'pow':
      return [node.base, node.exponent];
    case 'call2':
    case 'dot':
      return [node.left, node.right];
    case 'clamp':
      return [node.arg, ...(node.min ? [node.min] : []), ...(node.max ? [node.max] : [])];
    case 'array':
      return node.items;
    case 'apply':
      return node.args;
    case 'select':
      return [node.left, node.right, node.then, node.otherwise];
    default:
      return assertNever(node);
  }
}

/**
 * Rebuilds a node with each child replaced by `f(child)`, in source order; keeps the span. The node itself
 * when nothing changed, and then nothing is allocated: every pass calls this on every node it visits.
 */
export function mapChildren(node: Node, f: (child: Node) => Node): Node {
  switch (node.kind) {
    case 'num':
    case 'name':
      return node;
    case 'neg':
    case 'call':
    case 'reduce':
    case 'index':
    case 'slice':
    case 'len':
    case 'transpose': {
      const arg = f(node.arg);
      return arg === node.arg ? node : { ...node, arg };
    }
    case 'add': {
      const terms = mapList(node.terms, f);
      return terms === node.terms ? node : { ...node, terms };
    }
    case 'mul': {
      const factors = mapList(node.factors, f);
      return factors === node.factors ? node : { ...node, factors };
    }
    case 'pow': {
      const base = f(node.base);
      const exponent = f(node.exponent);
      return base === node.base && exponent === node.exponent ? node : { ...node, base, exponent };
    }
    case 'call2':
    case 'dot': {
      const left = f(node.left);
      const right = f(node.right);
      return left === node.left && right === node.right ? node : { ...node, left, right };
    }
    case 'array': {
      const items = mapList(node.items, f);
      return items === node.items ? node : { ...node, items };
    }
    case 'apply': {
      const args = mapList(node.args, f);
      return args === node.args ? node : { ...node, args };
    }
    case 'clamp':
    case 'select': {
      const kids = children(node);
      const mapped = mapList(kids, f);
      return mapped === kids ? node : withChildren(node, mapped);
    }
    default:
      return assertNever(node);
  }
}

/** `list.map(f)`, or `list` itself when f changed nothing (the array is copied only from the first change). */
function mapList(list: Node[], f: (child: Node) => Node): Node[] {
  let out: Node[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const mapped = f(list[i]);
    if (out) out.push(mapped);
    else if (mapped !== list[i]) {
      out = list.slice(0, i);
      out.push(mapped);
    }
  }
  return out ?? list;
}

/** The node with new children, given in the order children() lists them. */
function withChildren(node: Node, kids: Node[]): Node {
  switch (node.kind) {
    case 'num':
    case 'name':
      return node;
    case 'neg':
    case 'call':
    case 'reduce':
    case 'index':
    case 'slice':
    case 'len':
    case 'transpose':
      return { ...node, arg: kids[0] };
    case 'add':
      return { ...node, terms: kids };
    case 'mul':
      return { ...node, factors: kids };
    case 'pow':
      return { ...node, base: kids[0], exponent: kids[1] };
    case 'call2':
    case 'dot':
      return { ...node, left: kids[0], right: kids[1] };
    case 'clamp': {
      let i = 1;
      const min = node.min ? kids[i++] : null;
      const max = node.max ? kids[i++] : null;
      return { ...node, arg: kids[0], min, max };
    }
    case 'array':
      return { ...node, items: kids };
    case 'apply':
      return { ...node, args: kids };
    case 'select':
      return { ...node, left: kids[0], right: kids[1], then: kids[2], otherwise: kids[3] };
    default:
      return assertNever(node);
  }
}

/** Free names in order of first appearance. */
export function freeNames(root: Node): string[] {
  const seen = new Set<string>();
  const stack = [root];
  const order: string[] = [];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (node.kind === 'name' && !seen.has(node.name)) {
      seen.add(node.name);
      order.push(node.name);
    }
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return order;
}

/** The tree with each name in `bindings` replaced by its tree. */
/** True when a node of this kind stands anywhere in the tree. */
export function hasKind(root: Node, kind: Node['kind']): boolean {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (node.kind === kind) return true;
    stack.push(...children(node));
  }
  return false;
}

export function replaceNames(root: Node, bindings: ReadonlyMap<string, Node>): Node {
  const visit = (node: Node): Node =>
    node.kind === 'name' ? (bindings.get(node.name) ?? node) : mapChildren(node, visit);
  return visit(root);
}

/** `base`, with underscores appended until no name in `taken` has it: a placeholder the loss cannot clash with. */
export function freshName(base: string, taken: ReadonlySet<string>): string {
  let id = base;
  while (taken.has(id)) id += '_';
  return id;
}

export function mentions(root: Node, id: string): boolean {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (node.kind === 'name' && node.name === id) return true;
    stack.push(...children(node));
  }
  return false;
}

/** Depth of the tree, computed without recursion (it guards the recursive passes). */
export function depth(root: Node): { depth: number; deepest: Node } {
  let best = 0;
  let deepest = root;
  // parallel stacks, not a [node, depth] pair per node: this runs on every parse
  const nodes: Node[] = [root];
  const depths: number[] = [1];
  while (nodes.length) {
    const node = nodes.pop() as Node;
    const d = depths.pop() as number;
    if (d > best) {
      best = d;
      deepest = node;
    }
    for (const child of children(node)) {
      nodes.push(child);
      depths.push(d + 1);
    }
  }
  return { depth: best, deepest };
}

/** Whether `node` is the number `value` (or any number when `value` is absent). */
export function isNum(node: Node, value?: number): boolean {
  return node.kind === 'num' && (value === undefined || node.value === value);
}
