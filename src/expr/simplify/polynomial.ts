// The polynomial view of a sum or product: expand it into monomials over "atoms" (anything that is not
// +, *, -, or a whole power), collect them, and pull the common factor back out:
//   -(y*(1 - s)*x + (1 - y)*(-s)*x)  ->  x*s - x*y  ->  x*(s - y)
// The simplifier keeps this form only when it prints shorter. Expansion is capped so it cannot blow up.
import { add, mul, num, pow, type Node } from '../tree/ast';
import { keyOf } from '../tree/keys';
import type { SimplifyContext } from './simplifyContext';
import { orderTerms } from '../tree/terms';

const MAX_MONOMIALS = 48;
/** Polynomial forms are for small sums of products; a long product is left to the local rules. */
const MAX_ATOMS = 24;
const MAX_EXPANDED_POWER = 4;

interface Monomial {
  coef: number;
  atoms: Map<string, { base: Node; exp: number }>;
}
type Poly = Monomial[];

const constant = (c: number): Poly => [{ coef: c, atoms: new Map() }];
/** The monomial's atoms and exponents, in a fixed order: equal monomials, equal keys. */
function monoKey(m: Monomial): string {
  if (m.atoms.size === 0) return '';
  const parts: string[] = [];
  for (const [k, a] of m.atoms) parts.push(`${k}^${a.exp}`);
  return parts.length === 1 ? parts[0] : parts.sort().join('*');
}

function collect(terms: Monomial[]): Poly | null {
  const byKey = new Map<string, Monomial>();
  for (const m of terms) {
    const key = monoKey(m);
    const seen = byKey.get(key);
    if (seen) seen.coef += m.coef;
    else byKey.set(key, { coef: m.coef, atoms: new Map(m.atoms) });
  }
  const scale = Math.max(...terms.map((m) => Math.abs(m.coef)), 0);
  const kept = [...byKey.values()].filter((m) => Math.abs(m.coef) > 1e-12 * scale);
  return kept.length > MAX_MONOMIALS ? null : kept;
}

function times(a: Poly, b: Poly): Poly | null {
  if (a.length * b.length > MAX_MONOMIALS * 4) return null;
  const out: Monomial[] = [];
  for (const p of a) {
    for (const q of b) {
      const atoms = new Map(p.atoms);
      for (const [k, atom] of q.atoms) {
        const exp = (atoms.get(k)?.exp ?? 0) + atom.exp;
        if (exp === 0) atoms.delete(k);
        else atoms.set(k, { base: atom.base, exp });
      }
      out.push({ coef: p.coef * q.coef, atoms });
    }
  }
  return collect(out);
}

function atom(node: Node, exp = 1): Poly {
  return [{ coef: 1, atoms: new Map([[keyOf(node), { base: node, exp }]]) }];
}

function countAtoms(node: Node, budget: number): number {
  if (budget < 0) return budget;
  switch (node.kind) {
    case 'add':
      return node.terms.reduce((left, t) => countAtoms(t, left), budget);
    case 'mul':
      return node.factors.reduce((left, f) => countAtoms(f, left), budget);
    case 'neg':
      return countAtoms(node.arg, budget);
    case 'pow':
      return node.exponent.kind === 'num' ? countAtoms(node.base, budget) : budget - 1;
    case 'num':
      return budget;
    default:
      return budget - 1;
  }
}

function toPoly(node: Node): Poly | null {
  switch (node.kind) {
    case 'num':
      return constant(node.value);
    case 'neg': {
      const p = toPoly(node.arg);
      return p && p.map((m) => ({ ...m, coef: -m.coef }));
    }
    case 'add': {
      const all: Monomial[] = [];
      for (const t of node.terms) {
        const p = toPoly(t);
        if (!p) return null;
        all.push(...p);
      }
      return collect(all);
    }
    case 'mul': {
      let acc: Poly | null = constant(1);
      for (const f of node.factors) {
        const p = toPoly(f);
        if (!p || !acc) return null;
        acc = times(acc, p);
      }
      return acc;
    }
    case 'pow': {
      const e = node.exponent;
      if (e.kind !== 'num' || !Number.isInteger(e.value)) return atom(node);
      const base = toPoly(node.base);
      if (!base) return null;
      if (base.length === 1) {
        const [m] = base;
        const atoms = new Map([...m.atoms].map(([k, a]) => [k, { base: a.base, exp: a.exp * e.value }] as const));
        return [{ coef: m.coef ** e.value, atoms }];
      }
      if (e.value >= 2 && e.value <= MAX_EXPANDED_POWER) {
        let acc: Poly | null = base;
        for (let i = 1; i < e.value && acc; i++) acc = times(acc, base);
        return acc;
      }
      return atom(node.base, e.value);
    }
    default:
      return atom(node);
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The factor every monomial shares: a whole-number gcd of the coefficients and the common atoms. */
function commonFactor(poly: Poly): Monomial {
  const coefs = poly.map((m) => Math.abs(m.coef));
  let coef = 1;
  if (coefs.every(Number.isInteger)) coef = coefs.reduce(gcd);
  else if (coefs.every((c) => c === coefs[0])) coef = coefs[0];
  const atoms = new Map<string, { base: Node; exp: number }>();
  for (const [k, a] of poly[0].atoms) {
    const exps = poly.map((m) => m.atoms.get(k)?.exp ?? 0);
    const shared = exps.every((x) => x > 0) ? Math.min(...exps) : exps.every((x) => x < 0) ? Math.max(...exps) : 0;
    if (shared !== 0) atoms.set(k, { base: a.base, exp: shared });
  }
  return { coef, atoms };
}

function divide(m: Monomial, by: Monomial): Monomial {
  const atoms = new Map(m.atoms);
  for (const [k, a] of by.atoms) {
    const exp = (atoms.get(k)?.exp ?? 0) - a.exp;
    if (exp === 0) atoms.delete(k);
    else atoms.set(k, { base: a.base, exp });
  }
  return { coef: m.coef / by.coef, atoms };
}

function monomialNode(m: Monomial, normalize: (n: Node) => Node): Node {
  const factors: Node[] = [...m.atoms.values()].map((a) => (a.exp === 1 ? a.base : pow(a.base, num(a.exp))));
  return normalize(m.coef === 1 && factors.length ? mul(factors) : mul([num(m.coef), ...factors]));
}

export function polynomialForm(node: Node, ctx: SimplifyContext, normalize: (n: Node) => Node): Node | null {
  if (countAtoms(node, MAX_ATOMS) < 0) return null;
  const poly = toPoly(node);
  if (!poly) return null;
  if (poly.length === 0) return num(0);
  if (poly.length === 1) return monomialNode(poly[0], normalize);
  const common = commonFactor(poly);
  const inner = orderTerms(
    poly.map((m) => monomialNode(divide(m, common), normalize)),
    ctx.parameters ?? [],
  );
  const sum = add(inner);
  if (common.coef === 1 && common.atoms.size === 0) return normalize(sum);
  return normalize(mul([monomialNode(common, normalize), sum]));
}
