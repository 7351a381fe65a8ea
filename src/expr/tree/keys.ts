// Structural keys: two subtrees with the same key are the same expression (spans ignored).
// Like terms and like factors are found by key.
import { assertNever, type Node } from './ast';

/**
 * The keys of one simplification pass. Inside a pass a key is a short interned id ("17"): a node's
 * signature names its children by their ids, so building every key costs time linear in the tree, not
 * in its size times its depth (spelling out whole subtrees was a third of the simplifier's time on long
 * losses, in building, hashing and collecting the strings). Keys of one pass are comparable only with
 * keys of the same pass.
 */
interface KeyScope {
  readonly keys: Map<Node, string>;
  readonly ids: Map<string, string>;
}

export const newKeyScope = (): KeyScope => ({ keys: new Map(), ids: new Map() });

/** Outside a pass: spelled-out keys, cached while the nodes live (a WeakMap busy in a pass costs in GC). */
const fallback = new WeakMap<Node, string>();
let scoped: KeyScope | null = null;

/** Runs `f` with `scope` as the key scope (passes nest: the innermost scope wins). */
export function withKeyScope<T>(scope: KeyScope, f: () => T): T {
  const outer = scoped;
  scoped = scope;
  try {
    return f();
  } finally {
    scoped = outer;
  }
}

export function keyOf(node: Node): string {
  const scope = scoped;
  if (scope) {
    const hit = scope.keys.get(node);
    if (hit !== undefined) return hit;
    const signature = compute(node);
    let id = scope.ids.get(signature);
    if (id === undefined) {
      id = String(scope.ids.size);
      scope.ids.set(signature, id);
    }
    scope.keys.set(node, id);
    return id;
  }
  const hit = fallback.get(node);
  if (hit !== undefined) return hit;
  const key = compute(node);
  fallback.set(node, key);
  return key;
}

/** The node's signature: its kind and data, and its children's keys (ids inside a pass). */
function compute(node: Node): string {
  switch (node.kind) {
    case 'num':
      return `#${node.value}`;
    case 'name':
      return `$${node.name}`;
    case 'neg':
      return `-(${keyOf(node.arg)})`;
    case 'add':
      return `+(${keysOf(node.terms)})`;
    case 'mul':
      return `*(${keysOf(node.factors)})`;
    case 'pow':
      return `^(${keyOf(node.base)},${keyOf(node.exponent)})`;
    case 'call':
      return `${node.fn}(${keyOf(node.arg)})`;
    case 'call2':
      return `${node.fn}(${keyOf(node.left)},${keyOf(node.right)})`;
    case 'clamp':
      return `clamp(${keyOf(node.arg)},${node.min ? keyOf(node.min) : '_'},${node.max ? keyOf(node.max) : '_'})`;
    case 'reduce':
      return `${node.op}[${keyOf(node.arg)}]`;
    case 'dot':
      return `${node.form}(${keyOf(node.left)},${keyOf(node.right)})`;
    case 'index':
      return `(${keyOf(node.arg)})[${node.index}]`;
    case 'slice':
      return `(${keyOf(node.arg)})[${node.start ?? ''}:${node.stop ?? ''}]`;
    case 'len':
      return `len(${keyOf(node.arg)})`;
    case 'transpose':
      return `T(${keyOf(node.arg)})`;
    case 'array':
      return `[${keysOf(node.items)}]`;
    case 'apply':
      return `@${node.name}(${keysOf(node.args)})`;
    // the form (np.where, a ternary) is how it was written, not what it means
    case 'select':
      return `?(${keyOf(node.left)}${node.relation}${keyOf(node.right)},${keyOf(node.then)},${keyOf(node.otherwise)})`;
    default:
      return assertNever(node);
  }
}

/** The children's keys joined by commas, without the intermediate array (every sum and product of a pass). */
function keysOf(nodes: Node[]): string {
  let out = nodes.length ? keyOf(nodes[0]) : '';
  for (let i = 1; i < nodes.length; i++) out += `,${keyOf(nodes[i])}`;
  return out;
}

/** The same key regardless of the order of factors: x*w and w*x are like terms. */
export function unorderedKey(factors: Node[]): string {
  // the common short cases without the arrays and the sort (this runs for every term of every sum)
  if (factors.length === 1) return keyOf(factors[0]);
  if (factors.length === 2) {
    const a = keyOf(factors[0]);
    const b = keyOf(factors[1]);
    return a <= b ? `${a}·${b}` : `${b}·${a}`;
  }
  return factors.map(keyOf).sort().join('·');
}
