// The rewrite rules of the simplifier, one per entry, each with the identity it applies in a comment.
// A rule returns the rewritten node, or null when it does not apply; simplify.ts applies them until none does.
import { add, call, isNum, mul, neg, num, pow, reduce, type Kind, type Node } from '../tree/ast';
import { keyOf, unorderedKey } from '../tree/keys';
import { isArrayValued } from '../shapes/arrayShapes';
import type { SimplifyContext } from './simplifyContext';
import { buildTerm, coefficientOf, factorRank, orderTerms } from '../tree/terms';

/** A rewrite rule; `kinds` lists the only node kinds it can fire on, so the simplifier tries no others. */
interface Rule {
  name: string;
  kinds: Kind[];
  apply(node: Node, ctx: SimplifyContext): Node | null;
}

/** Fast path: a sum with nothing to flatten, fold or collect, already in order (most sums, most of the time). */
function sumIsCollected(terms: Node[]): boolean {
  if (terms.length < 2) return false;
  const seen = new Set<string>();
  let constants = 0;
  let firstNegative = false;
  let laterPositive = false;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    if (t.kind === 'add' || (t.kind === 'neg' && t.arg.kind === 'add')) return false;
    const { coef, rest } = coefficientOf(t);
    if (coef === 0) return false;
    if (i === 0) firstNegative = coef < 0;
    else if (coef > 0) laterPositive = true;
    if (rest.length === 0) {
      if (++constants > 1) return false;
      continue;
    }
    const key = unorderedKey(rest);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return !(firstNegative && laterPositive);
}

/** Fast path: a product with one leading number at most, no nesting, distinct bases, in teacher's order. */
function productIsCombined(factors: Node[]): boolean {
  const seen = new Set<string>();
  let rank = -1;
  for (let i = 0; i < factors.length; i++) {
    const f = factors[i];
    if (f.kind === 'mul' || f.kind === 'neg') return false;
    if (f.kind === 'num') {
      if (i > 0 || f.value === 1 || f.value === 0) return false;
      continue;
    }
    const exponentWhole = f.kind === 'pow' && f.exponent.kind === 'num' && Number.isInteger(f.exponent.value);
    if (exponentWhole && (f.exponent as { value: number }).value === 0) return false;
    const key = keyOf(exponentWhole ? (f as { base: Node }).base : f);
    if (seen.has(key)) return false;
    seen.add(key);
    const r = factorRank(f);
    if (r < rank) return false;
    rank = r;
  }
  return factors.length > 1;
}

/** Factors in teacher's order, ties kept as they stand (Array.prototype.sort is stable); no copy when in order. */
function inRankOrder(factors: Node[]): Node[] {
  for (let i = 1; i < factors.length; i++) {
    if (factorRank(factors[i]) < factorRank(factors[i - 1]))
      return factors.slice().sort((a, b) => factorRank(a) - factorRank(b));
  }
  return factors;
}

const numeric = (n: Node): n is Extract<Node, { kind: 'num' }> => n.kind === 'num';
/** Folds a constant only when the result prints no longer than the expression (keeps 1/3, exp(1)). */
const foldable = (value: number) => Number.isFinite(value) && String(value).length <= 8;
const sameNode = (a: Node, b: Node) => keyOf(a) === keyOf(b);

export const RULES: Rule[] = [
  {
    // -(-a) = a;  -(c) = (-c);  -(c*a) = (-c)*a;  -(a - b) = b - a
    name: 'negation',
    kinds: ['neg'],
    apply: (node) => {
      if (node.kind !== 'neg') return null;
      const a = node.arg;
      if (a.kind === 'neg') return a.arg;
      if (numeric(a)) return num(-a.value);
      if (a.kind === 'mul') return mul([num(-1), ...a.factors]);
      if (a.kind === 'add') return add(a.terms.map((t) => neg(t)));
      // -mean(x*(y - s)) = mean(x*(s - y)): the minus goes into a difference inside the reduction
      if (a.kind === 'reduce' && (a.op === 'mean' || a.op === 'sum')) {
        const flipped = flipDifference(a.arg);
        return flipped && reduce(a.op, flipped);
      }
      return null;
    },
  },
  {
    // (a + b) + c = a + b + c;  constants summed;  2x + 3x = 5x;  a + 0 = a;  terms ordered
    name: 'collect like terms',
    kinds: ['add'],
    apply: (node) => {
      if (node.kind !== 'add' || sumIsCollected(node.terms)) return null;
      const flat: Node[] = [];
      for (const t of node.terms) {
        if (t.kind === 'add') flat.push(...t.terms);
        else if (t.kind === 'neg' && t.arg.kind === 'add') flat.push(...t.arg.terms.map((u) => neg(u)));
        else flat.push(t);
      }
      // Constants gather where the first one stood: 1 + exp(u) stays 1 + exp(u).
      const groups = new Map<string, { coef: number; rest: Node[] }>();
      for (const t of flat) {
        const { coef, rest } = coefficientOf(t);
        const key = rest.length === 0 ? '#' : unorderedKey(rest);
        const group = groups.get(key);
        if (group) group.coef += coef;
        else groups.set(key, { coef, rest });
      }
      const terms = [...groups.values()].filter((g) => g.coef !== 0).map((g) => buildTerm(g.coef, g.rest));
      const ordered = orderTerms(terms, []);
      const result = ordered.length === 0 ? num(0) : ordered.length === 1 ? ordered[0] : add(ordered);
      return sameNode(result, node) ? null : result;
    },
  },
  {
    // (a*b)*c = a*b*c;  2*3*x = 6*x;  0*x = 0;  1*x = x;  x*x = x**2;  x**2/x = x;  factors ordered
    name: 'combine factors',
    kinds: ['mul'],
    apply: (node) => {
      if (node.kind !== 'mul' || productIsCombined(node.factors)) return null;
      let coef = 1;
      const bases = new Map<string, { base: Node; exponent: number }>();
      const pending: Node[] = [...node.factors];
      while (pending.length) {
        const f = pending.shift() as Node;
        if (numeric(f)) {
          coef *= f.value;
          continue;
        }
        if (f.kind === 'mul') {
          pending.unshift(...f.factors);
          continue;
        }
        if (f.kind === 'neg') {
          coef = -coef;
          pending.unshift(f.arg);
          continue;
        }
        const [base, exponent] =
          f.kind === 'pow' && numeric(f.exponent) && Number.isInteger(f.exponent.value)
            ? [f.base, f.exponent.value]
            : [f, 1];
        const key = keyOf(base);
        const seen = bases.get(key);
        if (seen) seen.exponent += exponent;
        else bases.set(key, { base, exponent });
      }
      if (coef === 0) return num(0);
      const factors: Node[] = [];
      for (const { base, exponent } of bases.values()) {
        if (exponent === 0) continue;
        factors.push(exponent === 1 ? base : pow(base, num(exponent)));
      }
      const sorted = inRankOrder(factors);
      const result = buildTerm(coef, sorted);
      return sameNode(result, node) ? null : result;
    },
  },
  {
    // u**1 = u;  u**0 = 1;  c**k folded;  (u**a)**k = u**(a*k) for whole k;  sqrt(u)**2 = u
    name: 'powers',
    kinds: ['pow'],
    apply: (node) => {
      if (node.kind !== 'pow') return null;
      const { base, exponent } = node;
      if (isNum(exponent, 1)) return base;
      if (isNum(exponent, 0)) return num(1);
      if (numeric(base) && numeric(exponent) && foldable(base.value ** exponent.value))
        return num(base.value ** exponent.value);
      if (numeric(exponent) && Number.isInteger(exponent.value) && base.kind === 'pow' && numeric(base.exponent)) {
        return pow(base.base, num(base.exponent.value * exponent.value));
      }
      if (isNum(exponent, 2) && base.kind === 'call' && base.fn === 'sqrt') return base.arg;
      // (a*b)**k = a**k * b**k for whole k, so 2*w/(2*s) cancels
      if (base.kind === 'mul' && numeric(exponent) && Number.isInteger(exponent.value))
        return mul(base.factors.map((f) => pow(f, exponent)));
      return null;
    },
  },
  {
    // mean(u) = sum(u) = u for a scalar u;  mean(-u) = -mean(u)
    name: 'reductions',
    kinds: ['reduce'],
    apply: (node, ctx) => {
      if (node.kind !== 'reduce') return null;
      if (!isArrayValued(node.arg, ctx.shapes)) return node.arg;
      if ((node.op === 'mean' || node.op === 'sum') && node.arg.kind === 'neg')
        return neg(reduce(node.op, node.arg.arg));
      return null;
    },
  },
  {
    // -x*(y - s) = x*(s - y): a product's minus goes into a difference
    name: 'sign into a difference',
    kinds: ['mul'],
    apply: (node) => {
      if (node.kind !== 'mul' || node.factors[0]?.kind !== 'num' || node.factors[0].value >= 0) return null;
      if (!node.factors.some(hasNegativeTerm)) return null; // most products: nothing to flip, nothing built
      const flipped = flipDifference(mul(node.factors.slice(1)));
      if (!flipped || flipped.kind !== 'mul') return null;
      const c = -node.factors[0].value;
      return mul(c === 1 ? flipped.factors : [num(c), ...flipped.factors]);
    },
  },
  {
    // c*sum(k*u)*v = sum(c*k*u)*v: 0.5*sum(2*x*r)/m is sum(x*r)/m (only where a number inside meets c)
    name: 'constant into a reduction',
    kinds: ['mul'],
    apply: (node) => {
      if (node.kind !== 'mul' || node.factors.length < 2) return null;
      const c = node.factors[0];
      if (!numeric(c)) return null;
      let r: Extract<Node, { kind: 'reduce' }> | null = null;
      for (const f of node.factors) {
        if (f.kind !== 'reduce' || (f.op !== 'sum' && f.op !== 'mean')) continue;
        if (r) return null; // two reductions: which one would take c is a matter of taste
        r = f;
      }
      if (!r) return null;
      if (coefficientOf(r.arg).coef === 1) return null;
      const inside = reduce(r.op, mul([c, r.arg]));
      const rest = node.factors.slice(1).map((f) => (f === r ? inside : f));
      return rest.length === 1 ? rest[0] : mul(rest);
    },
  },
  {
    // sum(c*u) = c*sum(u) and mean(c*u) = c*mean(u) for a scalar symbol c (numbers stay inside: mean(2*x*r))
    name: 'scalar out of a reduction',
    kinds: ['reduce'],
    apply: (node, ctx) => {
      if (node.kind !== 'reduce' || (node.op !== 'sum' && node.op !== 'mean') || node.arg.kind !== 'mul') return null;
      const factors = node.arg.factors;
      const outside = factors.filter((f) => !numeric(f) && !isArrayValued(f, ctx.shapes));
      if (!outside.length || outside.length === factors.length) return null;
      const inside = factors.filter((f) => !outside.includes(f));
      if (!inside.some((f) => isArrayValued(f, ctx.shapes))) return null;
      return mul([...outside, reduce(node.op, inside.length === 1 ? inside[0] : mul(inside))]);
    },
  },
  {
    // exact values only: exp(0) = 1, log(1) = 0, |c|, sign(c), step(c), relu(c), sqrt(4) = 2, log(exp(u)) = u, |-u| = |u|
    name: 'functions of constants',
    kinds: ['call'],
    apply: (node) => {
      if (node.kind !== 'call') return null;
      const a = node.arg;
      if (node.fn === 'log' && a.kind === 'call' && a.fn === 'exp') return a.arg;
      if (node.fn === 'abs' && a.kind === 'neg') return call('abs', a.arg);
      if (!numeric(a)) return null;
      const v = a.value;
      switch (node.fn) {
        case 'abs':
          return num(Math.abs(v));
        case 'sign':
          return num(Math.sign(v));
        case 'step':
          return num(v > 0 ? 1 : 0);
        case 'relu':
          return num(Math.max(v, 0));
        case 'sqrt':
          return Number.isInteger(Math.sqrt(v)) ? num(Math.sqrt(v)) : null;
        case 'exp':
          return v === 0 ? num(1) : null;
        case 'log':
          return v === 1 ? num(0) : null;
        case 'sigmoid':
          return v === 0 ? num(0.5) : null;
        case 'cos':
          return v === 0 ? num(1) : null;
        case 'sin':
        case 'tan':
        case 'tanh':
        case 'log1p':
        case 'expm1':
          return v === 0 ? num(0) : null;
        default:
          return null;
      }
    },
  },
  {
    // <a, b> = a*sum(b) when a is a scalar;  u[k] = u for a scalar u;  len(c) = 1
    name: 'scalars in array operations',
    kinds: ['dot', 'index', 'len'],
    apply: (node, ctx) => {
      if (node.kind !== 'dot' && node.kind !== 'index' && node.kind !== 'len') return null; // most nodes: no closure made
      const scalar = (n: Node) => !isArrayValued(n, ctx.shapes);
      if (node.kind === 'dot') {
        if (scalar(node.left))
          return isNum(node.left, 1) ? reduce('sum', node.right) : mul([node.left, reduce('sum', node.right)]);
        if (scalar(node.right))
          return isNum(node.right, 1) ? reduce('sum', node.left) : mul([node.right, reduce('sum', node.left)]);
      }
      if (node.kind === 'index' && scalar(node.arg)) return node.arg;
      if (node.kind === 'index' && node.arg.kind === 'array') return node.arg.items.at(node.index) ?? null;
      if (node.kind === 'len' && scalar(node.arg)) return num(1);
      if (node.kind === 'len' && node.arg.kind === 'array') return num(node.arg.items.length);
      return null;
    },
  },
  {
    // A @ (c*u) = c*(A @ u) and (c*A) @ u = c*(A @ u) for a number c: a product of arrays is linear in each side
    name: 'numbers out of a product of arrays',
    kinds: ['dot'],
    apply: (node) => {
      if (node.kind !== 'dot') return null;
      const left = numberApart(node.left);
      const right = numberApart(node.right);
      if (!left && !right) return null;
      const c = (left?.coef ?? 1) * (right?.coef ?? 1);
      return buildTerm(c, [{ ...node, left: left?.rest ?? node.left, right: right?.rest ?? node.right }]);
    },
  },
  {
    name: 'selection',
    kinds: ['select'],
    // where(c, a, a) = a, and where(c, 0, 0) = 0; not when c's array would give a number its shape: sum(where(x > 0, 1, 1)) is len(x)
    apply: (node, ctx) => {
      if (node.kind !== 'select' || keyOf(node.then) !== keyOf(node.otherwise)) return null;
      const widens = [node.left, node.right].some((side) => isArrayValued(side, ctx.shapes));
      // 0 stays 0 at any shape (its sum and mean are 0), as the other rules treat it
      return widens && !isNum(node.then, 0) && !isArrayValued(node.then, ctx.shapes) ? null : node.then;
    },
  },
];

/** A term's number and what it multiplies (2*u -> 2, u), or null when there is no number to take out. */
function numberApart(term: Node): { coef: number; rest: Node } | null {
  const { coef, rest } = coefficientOf(term);
  if (coef === 1 || rest.length === 0) return null;
  return { coef, rest: rest.length === 1 ? rest[0] : mul(rest) };
}

/** The rules that can fire on each kind of node, in the order of RULES (which decides which fires first). */
export const RULES_BY_KIND: ReadonlyMap<Kind, readonly Rule[]> = (() => {
  const byKind = new Map<Kind, Rule[]>();
  for (const rule of RULES) for (const kind of rule.kinds) byKind.set(kind, [...(byKind.get(kind) ?? []), rule]);
  return byKind;
})();

/** A sum with a subtracted term: flipping it (a - b -> b - a) absorbs a minus. */
function hasNegativeTerm(n: Node): n is Extract<Node, { kind: 'add' }> {
  if (n.kind !== 'add') return false;
  for (const t of n.terms) if (coefficientOf(t).coef < 0) return true;
  return false;
}

const flipSum = (n: Extract<Node, { kind: 'add' }>): Node => add(n.terms.map((t) => neg(t)));

/** -u written without a leading minus, when u is (or has a factor that is) a difference: a - b -> b - a. */
function flipDifference(u: Node): Node | null {
  if (u.kind === 'add') return hasNegativeTerm(u) ? flipSum(u) : null;
  if (u.kind !== 'mul') return null;
  const index = u.factors.findIndex(hasNegativeTerm);
  if (index < 0) return null;
  return mul(u.factors.map((f, i) => (i === index ? flipSum(f as Extract<Node, { kind: 'add' }>) : f)));
}
