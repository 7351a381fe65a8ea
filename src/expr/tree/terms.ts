// How terms and factors are split and ordered, shared by the rewrite rules and the polynomial form.
import { mentions, mul, num, type Node } from './ast';

/** Splits a term into its numeric coefficient and the rest: -2*x*y -> (-2, [x, y]). */
export function coefficientOf(term: Node): { coef: number; rest: Node[] } {
  if (term.kind === 'num') return { coef: term.value, rest: [] };
  if (term.kind === 'neg') {
    const inner = coefficientOf(term.arg);
    return { coef: -inner.coef, rest: inner.rest };
  }
  if (term.kind === 'mul') {
    let coef = 1;
    const rest: Node[] = [];
    for (const f of term.factors) {
      if (f.kind === 'num') coef *= f.value;
      else rest.push(f);
    }
    return { coef, rest };
  }
  return { coef: 1, rest: [term] };
}

/** Factor order a teacher uses: numbers, then names and their powers, then functions, then sums. */
export function factorRank(f: Node): number {
  const base = f.kind === 'pow' && f.exponent.kind === 'num' ? f.base : f;
  if (base.kind === 'num') return 0;
  if (base.kind === 'name' || base.kind === 'len' || (base.kind === 'index' && base.arg.kind === 'name')) return 1; // w[1] is a name too
  if (base.kind === 'add') return 3;
  return 2;
}

export function buildTerm(coef: number, rest: Node[]): Node {
  if (coef === 0) return num(0);
  if (rest.length === 0) return num(coef);
  if (coef === 1) return rest.length === 1 ? rest[0] : mul(rest);
  return mul([num(coef), ...rest]);
}

/**
 * Sum order: as written, except that a sum never starts with a minus when a positive term exists; the
 * positive term brought forward is one with a parameter if any (sigmoid(w*x) - y, not -y + sigmoid(w*x)).
 */
export function orderTerms(terms: Node[], parameters: string[]): Node[] {
  const mentionsParameter = (t: Node) => parameters.some((p) => mentions(t, p));
  const isNegative = (t: Node) => coefficientOf(t).coef < 0;
  const ordered = [...terms];
  if (ordered.length > 1 && isNegative(ordered[0])) {
    const withParameter = ordered.findIndex((t) => !isNegative(t) && mentionsParameter(t));
    const firstPositive = withParameter >= 0 ? withParameter : ordered.findIndex((t) => !isNegative(t));
    if (firstPositive > 0) ordered.unshift(...ordered.splice(firstPositive, 1));
  }
  return ordered;
}
