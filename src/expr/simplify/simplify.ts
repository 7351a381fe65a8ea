// The simplifier: the rewrite rules of rules.ts applied bottom-up until none fires, then, for each sum or
// product, the expanded-and-refactored polynomial form when it prints shorter (polynomial.ts).
// Two guarantees the tests check: the result never prints longer than its input, and has the same value.
import { mapChildren, type Node } from '../tree/ast';
import { keyOf, newKeyScope, withKeyScope } from '../tree/keys';
import { polynomialForm } from './polynomial';
import { RULES_BY_KIND } from './rules';
import type { Shapes } from '../shapes/arrayShapes';
import type { SimplifyContext } from './simplifyContext';

export function simplify(root: Node, options: SimplifyContext): Node {
  return simplifier(options)(root);
}

/** One simplifier for several trees (the partials of one loss share subtrees): each is simplified once. */
export function simplifier(options: SimplifyContext): (root: Node) => Node {
  const ctx = new Pass(options);
  const keys = newKeyScope();
  return (root) =>
    withKeyScope(keys, () => {
      const simplified = simplifyTree(root, ctx);
      return ctx.measure(simplified) <= ctx.measure(root) ? simplified : root;
    });
}

/**
 * One pass's state: the nodes already in normal form, so rebuilding a parent does not redo its children.
 * Plain Map and Set, dropped after the pass: WeakMaps this busy cost more in garbage collection.
 * A class with every field declared, not `{...options, ...}` plus properties added later: that object
 * fell into dictionary mode, which made creating it cost microseconds and every `ctx.x` a hash lookup.
 */
class Pass implements SimplifyContext {
  readonly shapes: Shapes;
  readonly measure: (node: Node) => number;
  readonly parameters: string[] | undefined;
  readonly polynomial: boolean | undefined;
  readonly normal = new Set<Node>();
  readonly done = new Map<Node, Node>();
  /**
   * Rewrites by structural key: the partials of one loss, and the polynomial form's terms, rebuild equal
   * subtrees as new objects. Equal input, equal result. (Memoising every visited node by key as well was
   * measured slower: most raw nodes are visited once, and their keys would be built only for the memo.)
   */
  readonly rewritten = new Map<string, Node>();
  readonly rewrittenLocally = new Map<string, Node>();
  /** simplifyTree and rewriteTree bound to this pass, made once: a closure per node was measurable garbage. */
  readonly simplifyChild: (child: Node) => Node;
  readonly rewriteChild: (child: Node) => Node;

  constructor(options: SimplifyContext) {
    this.shapes = options.shapes;
    this.measure = options.measure;
    this.parameters = options.parameters;
    this.polynomial = options.polynomial;
    this.simplifyChild = (child) => simplifyTree(child, this);
    this.rewriteChild = (child) => rewriteTree(child, this);
  }
}

/** Already in normal form: a leaf (no rule rewrites one), or a node this pass has produced. */
const settled = (node: Node, ctx: Pass) => node.kind === 'name' || node.kind === 'num' || ctx.normal.has(node);

/** Derivatives share subtrees (the chain rule reuses u in f'(u) du): each shared subtree is simplified once. */
function simplifyTree(node: Node, ctx: Pass): Node {
  if (settled(node, ctx)) return node;
  const hit = ctx.done.get(node);
  if (hit) return hit;
  const result = rewrite(mapChildren(node, ctx.simplifyChild), ctx);
  ctx.done.set(node, result);
  return result;
}

/** Local rules only, all the way down: how the polynomial form normalizes the terms it builds. */
function rewriteTree(node: Node, ctx: Pass): Node {
  if (settled(node, ctx)) return node;
  return rewrite(mapChildren(node, ctx.rewriteChild), ctx, false);
}

function rewrite(start: Node, ctx: Pass, polynomial = true): Node {
  if (settled(start, ctx)) return start;
  const memo = polynomial ? ctx.rewritten : ctx.rewrittenLocally;
  const key = keyOf(start);
  const known = memo.get(key);
  if (known) return known;
  let node: Node = start;
  for (let round = 0; round < 12; round++) {
    let fired: Node | null = null;
    const rules = RULES_BY_KIND.get(node.kind);
    if (rules) {
      for (const rule of rules) {
        fired = rule.apply(node, ctx);
        if (fired) break;
      }
    }
    if (!fired) break;
    // a rule may build new subtrees (a flipped difference, a product of powers): bring them to normal form
    node = mapChildren(fired, polynomial ? ctx.simplifyChild : ctx.rewriteChild);
  }
  if (polynomial && ctx.polynomial !== false && worthExpanding(node)) {
    const candidate = polynomialForm(node, ctx, (n) => rewrite(n, ctx, false));
    if (candidate && preferCandidate(candidate, node, ctx)) node = candidate;
  }
  ctx.normal.add(node);
  memo.set(key, node);
  return node;
}

/** The keys of a term's non-numeric factors (of their bases, for whole powers), each once: x*y**2 -> x, y. */
function addFactorBases(term: Node, into: string[]): void {
  const factors = term.kind === 'mul' ? term.factors : null;
  const one = (f: Node) => {
    if (f.kind === 'num') return;
    const key = keyOf(f.kind === 'pow' && f.exponent.kind === 'num' ? f.base : f);
    if (!into.includes(key)) into.push(key);
  };
  if (factors) for (const f of factors) one(f);
  else one(term.kind === 'neg' ? term.arg : term);
}

/**
 * Whether multiplying out can change anything the local rules cannot: a product of sums, a sum whose
 * terms share a factor or contain a product of a sum, or a product whose sum mentions its other factors.
 */
function worthExpanding(node: Node): boolean {
  if (node.kind === 'add') {
    const seen = new Set<string>();
    const bases: string[] = [];
    for (const term of node.terms) {
      if (term.kind === 'mul' && term.factors.some(distributes)) return true;
      if (term.kind === 'neg' && term.arg.kind === 'mul' && term.arg.factors.some(distributes)) return true;
      bases.length = 0;
      addFactorBases(term, bases);
      for (const key of bases) {
        if (seen.has(key)) return true;
        seen.add(key);
      }
    }
    return false;
  }
  if (node.kind !== 'mul') return false;
  let only: Node | null = null;
  for (const f of node.factors) {
    if (!distributes(f)) continue;
    if (only || f.kind === 'pow') return true; // two sums, or a power of one
    only = f;
  }
  if (!only) return false;
  // one sum times other factors: multiplying out only helps when a factor cancels inside a term (x*(y/x + 1))
  const others = new Map<string, number>();
  for (const f of node.factors) if (f !== only) others.set(...baseAndExponent(f));
  const sum = only as Extract<Node, { kind: 'add' }>;
  return sum.terms.some((t) =>
    (t.kind === 'mul' ? t.factors : [t]).some((f) => {
      const [key, exponent] = baseAndExponent(f);
      const outside = others.get(key);
      return outside !== undefined && Math.sign(outside) !== Math.sign(exponent);
    }),
  );
}

function baseAndExponent(f: Node): [string, number] {
  return f.kind === 'pow' && f.exponent.kind === 'num' ? [keyOf(f.base), f.exponent.value] : [keyOf(f), 1];
}

/** A factor a product can be multiplied out over: a sum, or a whole positive power of one. */
function distributes(f: Node): boolean {
  return (
    f.kind === 'add' || (f.kind === 'pow' && f.base.kind === 'add' && f.exponent.kind === 'num' && f.exponent.value > 0)
  );
}

/** Shorter wins; at equal length a factored product beats a sum (x*(s - y) over x*s - y*x). */
function preferCandidate(candidate: Node, current: Node, ctx: SimplifyContext): boolean {
  const a = ctx.measure(candidate);
  const b = ctx.measure(current);
  return a < b || (a === b && candidate.kind === 'mul' && current.kind === 'add');
}
