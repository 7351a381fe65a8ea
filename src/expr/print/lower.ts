// Functions a library lacks, spelled out before printing in its syntax: NumPy and JS have no sigmoid,
// so σ(u) prints as 1/(1 + np.exp(-u)), with the sign of u folded (σ(-y*w*x) -> 1/(1 + np.exp(y*w*x))).
import { add, call, children, mapChildren, mul, neg, num, pow, type Node } from '../tree/ast';
import type { Dialect } from '../syntax/dialects';

function negate(u: Node): Node {
  if (u.kind === 'neg') return u.arg;
  if (u.kind === 'num') return num(-u.value);
  if (u.kind === 'mul' && u.factors[0]?.kind === 'num') {
    const c = -u.factors[0].value;
    const rest = u.factors.slice(1);
    return c === 1 ? (rest.length === 1 ? rest[0] : mul(rest)) : mul([num(c), ...rest]);
  }
  return neg(u);
}

function lower(n: Node): Node {
  const inner = mapChildren(n, lower);
  if (inner.kind === 'call' && inner.fn === 'sigmoid')
    return pow(add([num(1), call('exp', negate(inner.arg))]), num(-1));
  if (inner !== n && inner.kind === 'mul')
    return mul(inner.factors.flatMap((f) => (f.kind === 'mul' ? f.factors : [f])));
  return inner;
}

export function lowerForDialect(node: Node, dialect: Dialect): Node {
  const spellsSigmoid = dialect.syntax === 'js' || (dialect.syntax === 'python' && dialect.library !== 'torch');
  return spellsSigmoid && hasSigmoid(node) ? lower(node) : node;
}

function hasSigmoid(root: Node): boolean {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.kind === 'call' && n.fn === 'sigmoid') return true;
    stack.push(...children(n));
  }
  return false;
}
