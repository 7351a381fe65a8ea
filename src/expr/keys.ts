// Structural keys: two subtrees with the same key are the same expression (spans ignored).
// Like terms and like factors are found by key.
import { assertNever, type Node } from './ast';

/**
 * Keys are cached in a plain Map that a simplification pass installs for its duration (it is dropped
 * with the pass); outside a pass, a WeakMap. Both were measured: a busy WeakMap costs in GC, and a key
 * stored on the node itself made property access megamorphic.
 */
const fallback = new WeakMap<Node, string>();
let scoped: Map<Node, string> | null = null;

/** Runs `f` with `cache` as the key cache (passes nest: the innermost cache wins). */
export function withKeyCache<T>(cache: Map<Node, string>, f: () => T): T {
  const outer = scoped;
  scoped = cache;
  try {
    return f();
  } finally {
    scoped = outer;
  }
}

export function keyOf(node: Node): string {
  const cache = scoped ?? fallback;
  const hit = cache.get(node);
  if (hit !== undefined) return hit;
  const key = compute(node);
  cache.set(node, key);
  return key;
}

function compute(node: Node): string {
  switch (node.kind) {
    case 'num': return `#${node.value}`;
    case 'name': return node.name;
    case 'neg': return `-(${keyOf(node.arg)})`;
    case 'add': return `+(${node.terms.map(keyOf).join(',')})`;
    case 'mul': return `*(${node.factors.map(keyOf).join(',')})`;
    case 'pow': return `^(${keyOf(node.base)},${keyOf(node.exponent)})`;
    case 'call': return `${node.fn}(${keyOf(node.arg)})`;
    case 'call2': return `${node.fn}(${keyOf(node.left)},${keyOf(node.right)})`;
    case 'clamp': return `clamp(${keyOf(node.arg)},${node.min ? keyOf(node.min) : '_'},${node.max ? keyOf(node.max) : '_'})`;
    case 'reduce': return `${node.op}[${keyOf(node.arg)}]`;
    case 'dot': return `${node.form}(${keyOf(node.left)},${keyOf(node.right)})`;
    case 'index': return `(${keyOf(node.arg)})[${node.index}]`;
    case 'len': return `len(${keyOf(node.arg)})`;
    case 'array': return `[${node.items.map(keyOf).join(',')}]`;
    case 'apply': return `@${node.name}(${node.args.map(keyOf).join(',')})`;
    default: return assertNever(node);
  }
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
