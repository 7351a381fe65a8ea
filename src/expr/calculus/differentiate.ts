// Symbolic differentiation, one rule per node kind, each with its math. The result is the honest,
// unsimplified chain rule (the hover shows it as "raw"); simplify/ makes it readable.
// `null` means "does not depend on the variable" (zero), so independent branches never appear.
import {
  add,
  assertNever,
  call,
  children,
  dot,
  isNum,
  mul,
  neg,
  num,
  pow,
  reduce,
  sub,
  transpose,
  type Node,
} from '../tree/ast';
import { ExprFailure } from '../tree/errors';
import { arrayWitness, isArrayValued, isMatrixValued, type Shapes } from '../shapes/arrayShapes';

export function differentiate(root: Node, wrt: string, shapes: Shapes): Node | null {
  const dependent = nodesMentioning(root, wrt);
  const d = (n: Node): Node | null => (dependent.has(n) ? rule(n, wrt, shapes, d, dependent, false) : null);
  return d(root);
}

/**
 * The gradient with respect to a vector parameter p, as one elementwise formula whose element i is
 * ∂L/∂p_i; null when p is not used that way. It applies when every use of p sits inside a mean, sum or
 * logsumexp, elementwise (not indexed, not in a dot, not in a reduction inside another): then
 * L = g(r1, r2, ...) with r = reduce(u) and u_i a function of p_i alone, and
 * ∂L/∂p_i = Σ_r ∂g/∂r · ∂r/∂u_i · ∂u_i/∂p_i, where ∂u_i/∂p_i is the scalar rule applied to u as if p were
 * a number. So it is the scalar chain rule with each reduction's derivative left unreduced:
 * d mean(u) = du/len(p),  d sum(u) = du,  d logsumexp(u) = exp(u - logsumexp(u)) du.
 * A matrix meeting p elementwise (X*p) would make element i a sum over rows, and a matrix p's mean
 * divides by more than len(p): no formula then. (p inside a matrix product, X @ p, is matrixGradient.ts's case.)
 */
export function vectorGradient(root: Node, wrt: string, shapes: Shapes): Node | null {
  if (shapes.isMatrix?.(wrt)) return null;
  const dependent = nodesMentioning(root, wrt);
  if (!elementwiseInReductions(root, dependent, false) || meetsMatrix(dependent, shapes)) return null;
  const d = (n: Node): Node | null => (dependent.has(n) ? rule(n, wrt, shapes, d, dependent, true) : null);
  return d(root);
}

function elementwiseInReductions(node: Node, dependent: Set<Node>, inside: boolean): boolean {
  if (!dependent.has(node)) return true;
  switch (node.kind) {
    case 'name':
      return inside; // p outside every reduction: the loss is not a number
    case 'len':
      return true;
    case 'reduce':
      if (inside || node.op === 'max' || node.op === 'min') return false;
      return elementwiseInReductions(node.arg, dependent, true);
    case 'dot':
    case 'index':
    case 'slice':
    case 'array':
    case 'apply':
    case 'transpose':
      return false;
    default:
      return children(node).every((child) => elementwiseInReductions(child, dependent, inside));
  }
}

/** Whether a matrix is an operand of an operation on the variable (X*p, X + p). */
function meetsMatrix(dependent: Set<Node>, shapes: Shapes): boolean {
  for (const node of dependent) {
    if (children(node).some((child) => !dependent.has(child) && isMatrixValued(child, shapes))) return true;
  }
  return false;
}

/** Every node whose subtree mentions `wrt`, found in one pass (asking each node again would be quadratic). */
function nodesMentioning(root: Node, wrt: string): Set<Node> {
  const found = new Set<Node>();
  const visited = new Set<Node>();
  // post-order without recursion; two parallel stacks rather than a [node, flag] pair per visit (garbage)
  const nodes: Node[] = [root];
  const childrenDone: boolean[] = [false];
  while (nodes.length) {
    const node = nodes.pop() as Node;
    const kids = children(node);
    if (childrenDone.pop()) {
      if ((node.kind === 'name' && node.name === wrt) || kids.some((k) => found.has(k))) found.add(node);
      continue;
    }
    if (visited.has(node)) continue;
    visited.add(node);
    nodes.push(node);
    childrenDone.push(true);
    for (const kid of kids) {
      nodes.push(kid);
      childrenDone.push(false);
    }
  }
  return found;
}

/**
 * A product of the chain rule's factors without the factors 1 (d(w*x)/dw is x, d exp(w)/dw is exp(w)): the
 * raw derivative reads as a person writes the rule, and the simplifier has less to undo.
 */
function product(factors: Node[]): Node {
  const kept = factors.filter((f) => !isNum(f, 1));
  return kept.length === 0 ? num(1) : kept.length === 1 ? kept[0] : mul(kept);
}

/** f'(u) du */
const times = (outer: Node, inner: Node | null): Node | null => (inner ? product([outer, inner]) : null);

/** The rule for one node; `d` differentiates a child (null when it does not depend on wrt). */
function rule(
  node: Node,
  wrt: string,
  shapes: Shapes,
  d: (n: Node) => Node | null,
  dependent: Set<Node>,
  vector: boolean,
): Node | null {
  switch (node.kind) {
    // d/dw c = 0;  d/dw w = 1
    case 'num':
    case 'len':
      return null;
    case 'name':
      return node.name === wrt ? num(1) : null;
    // d(-u) = -du
    case 'neg': {
      const du = d(node.arg);
      return du && neg(du);
    }
    // d(u + v) = du + dv
    case 'add':
      return sumOf(node.terms.map(d));
    // d(u1 u2 ... un) = sum_i (prod_{j != i} uj) dui
    case 'mul':
      return sumOf(
        node.factors.map((factor, i) => {
          const df = d(factor);
          return df && product([...node.factors.slice(0, i), df, ...node.factors.slice(i + 1)]);
        }),
      );
    case 'pow':
      return differentiatePower(node.base, node.exponent, d);
    case 'call': {
      const logistic = node.fn === 'log' ? logOfSigmoid(node.arg) : null;
      if (logistic) return times(logistic.local, d(logistic.inner));
      return times(localDerivative(node.fn, node.arg), d(node.arg));
    }
    case 'call2': {
      const { left: a, right: b, fn } = node;
      switch (fn) {
        // d max(a, b) = [a > b] da + [b > a] db  (a tie is not differentiable: evaluate/numeric.ts flags it)
        case 'maximum':
          return sumOf([times(call('step', sub(a, b)), d(a)), times(call('step', sub(b, a)), d(b))]);
        // d min(a, b) = [a < b] da + [b < a] db
        case 'minimum':
          return sumOf([times(call('step', sub(b, a)), d(a)), times(call('step', sub(a, b)), d(b))]);
        // d huber(u; delta) = clamp(u, -delta, delta) du
        case 'huber':
          if (dependent.has(b)) throw new ExprFailure(`the Huber delta cannot depend on ${wrt}`, b.span?.start ?? 0);
          return times({ kind: 'clamp', arg: a, min: neg(b), max: b }, d(a));
        // d bce(p, t) = (p - t)/(p (1 - p)) dp + (log(1 - p) - log(p)) dt
        // The textbook derivative, without PyTorch's floors (log at -100, p(1 - p) at 1e-12), which only the
        // engine applies (evaluate/binaryCrossEntropy.ts). For p = sigmoid(z), dp = p (1 - p) dz cancels the
        // denominator and the simplifier's combine factors leaves (sigmoid(z) - t) dz.
        case 'bce':
          return sumOf([
            times(mul([sub(a, b), pow(a, num(-1)), pow(sub(num(1), a), num(-1))]), d(a)),
            times(sub(call('log', sub(num(1), a)), call('log', a)), d(b)),
          ]);
        default:
          return assertNever(fn);
      }
    }
    // d clamp(u, lo, hi) = [u > lo][u < hi] du  (constant bounds)
    case 'clamp': {
      for (const bound of [node.min, node.max]) {
        if (bound && dependent.has(bound))
          throw new ExprFailure(`clamp bounds that depend on ${wrt} are not supported`, bound.span?.start ?? 0);
      }
      const gates = [
        node.min && call('step', sub(node.arg, node.min)),
        node.max && call('step', sub(node.max, node.arg)),
      ];
      const du = d(node.arg);
      return du && mul([...gates.filter((g): g is Node => g !== null), du]);
    }
    case 'reduce': {
      const du = d(node.arg);
      if (!du) return null;
      if (vector) return unreducedDerivative(node.op, node.arg, du, wrt, node);
      switch (node.op) {
        // d mean(u) = mean(du)
        case 'mean':
          return reduce('mean', du);
        // d sum(u) = sum(du); when du is a scalar but u an array, sum(du) = len(u) du
        case 'sum': {
          const witness = arrayWitness(node.arg, shapes);
          if (witness && !isArrayValued(du, shapes)) return mul([{ kind: 'len', arg: witness }, du]);
          return reduce('sum', du);
        }
        // d logsumexp(u) = sum(softmax(u) du),  softmax(u) = exp(u - logsumexp(u))
        case 'logsumexp':
          return reduce('sum', mul([call('exp', sub(node.arg, reduce('logsumexp', node.arg))), du]));
        case 'max':
        case 'min':
          throw new ExprFailure(
            `the derivative of ${node.op}() over an array is not supported: use ${node.op === 'max' ? 'maximum' : 'minimum'}(a, b) elementwise`,
            node.span?.start ?? 0,
          );
        default:
          return assertNever(node.op);
      }
    }
    // d <a, b> = <da, b> + <a, db>
    case 'dot': {
      const da = d(node.left);
      const db = d(node.right);
      return sumOf([da && dot(da, node.right, undefined, node.form), db && dot(node.left, db, undefined, node.form)]);
    }
    // d(Aᵀ) = (dA)ᵀ
    case 'transpose': {
      const du = d(node.arg);
      return du && transpose(du);
    }
    // d u[k] = (du)[k]
    case 'index': {
      const du = d(node.arg);
      return du && { kind: 'index', arg: du, index: node.index };
    }
    // d u[a:b] = (du)[a:b]; a du that is one number for every element is its own slice
    case 'slice': {
      const du = d(node.arg);
      return du && (isArrayValued(du, shapes) ? { ...node, arg: du, span: undefined } : du);
    }
    case 'array': {
      const items = node.items.map((item) => d(item));
      return items.some((i) => i) ? { kind: 'array', items: items.map((i) => i ?? num(0)) } : null;
    }
    // d where(c, a, b) = where(c, da, db): the condition is piecewise constant, even when it depends on
    // the variable (at the switch itself the derivative is the taken branch's, as autograd computes it)
    case 'select': {
      const da = d(node.then);
      const db = d(node.otherwise);
      return da || db ? { ...node, then: da ?? num(0), otherwise: db ?? num(0), span: undefined } : null;
    }
    case 'apply':
      throw new ExprFailure(`unknown function ${node.name}`, node.span?.start ?? 0, node.span);
    default:
      return assertNever(node);
  }
}

/** A reduction's derivative for a vector parameter, element by element (see vectorGradient). */
function unreducedDerivative(
  op: Extract<Node, { kind: 'reduce' }>['op'],
  u: Node,
  du: Node,
  wrt: string,
  at: Node,
): Node {
  switch (op) {
    // ∂ mean(u)/∂p_i = du_i / len(p)
    case 'mean':
      return mul([du, pow({ kind: 'len', arg: { kind: 'name', name: wrt } }, num(-1))]);
    // ∂ sum(u)/∂p_i = du_i
    case 'sum':
      return du;
    // ∂ logsumexp(u)/∂p_i = softmax(u)_i du_i
    case 'logsumexp':
      return mul([call('exp', sub(u, reduce('logsumexp', u))), du]);
    case 'max':
    case 'min':
      throw new ExprFailure(`the derivative of ${op}() over an array is not supported`, at.span?.start ?? 0);
    default:
      return assertNever(op);
  }
}

function sumOf(terms: (Node | null)[]): Node | null {
  const present = terms.filter((t): t is Node => t !== null);
  return present.length === 0 ? null : present.length === 1 ? present[0] : add(present);
}

function differentiatePower(base: Node, exponent: Node, d: (n: Node) => Node | null): Node | null {
  const db = d(base);
  const de = d(exponent);
  if (!de) {
    if (!db) return null;
    // d u^n = n u^(n-1) du  (u^1 written u: 2*(w*x - y)*x, not 2*(w*x - y)**1*x)
    const lowered = exponent.kind === 'num' ? num(exponent.value - 1) : sub(exponent, num(1));
    return product([exponent, isNum(lowered, 1) ? base : pow(base, lowered), db]);
  }
  // d a^v = a^v log(a) dv
  if (!db) return mul([pow(base, exponent), call('log', base), de]);
  // d u^v = u^v (dv log(u) + v du / u)
  return mul([pow(base, exponent), add([mul([de, call('log', base)]), mul([exponent, db, pow(base, num(-1))])])]);
}

/** f'(u) for the elementwise functions, to be multiplied by du. */
function localDerivative(fn: Extract<Node, { kind: 'call' }>['fn'], u: Node): Node {
  switch (fn) {
    // d exp(u) = exp(u) du;  d expm1(u) = exp(u) du
    case 'exp':
    case 'expm1':
      return call('exp', u);
    // d log(u) = du / u
    case 'log':
      return pow(u, num(-1));
    // d log1p(u) = du / (1 + u)
    case 'log1p':
      return pow(add([num(1), u]), num(-1));
    // d sqrt(u) = du / (2 sqrt(u))
    case 'sqrt':
      return pow(mul([num(2), call('sqrt', u)]), num(-1));
    // d |u| = sign(u) du  (not differentiable at 0)
    case 'abs':
      return call('sign', u);
    // d sin(u) = cos(u) du;  d cos(u) = -sin(u) du;  d tan(u) = du / cos(u)^2
    case 'sin':
      return call('cos', u);
    case 'cos':
      return neg(call('sin', u));
    case 'tan':
      return pow(call('cos', u), num(-2));
    // d tanh(u) = (1 - tanh(u)^2) du
    case 'tanh':
      return sub(num(1), pow(call('tanh', u), num(2)));
    // d sigmoid(u) = sigmoid(u) (1 - sigmoid(u)) du
    case 'sigmoid':
      return mul([call('sigmoid', u), sub(num(1), call('sigmoid', u))]);
    // d relu(u) = [u > 0] du  (not differentiable at 0)
    case 'relu':
      return call('step', u);
    // d softplus(u) = sigmoid(u) du
    case 'softplus':
      return call('sigmoid', u);
    // sign and step are flat almost everywhere: d = 0
    case 'sign':
    case 'step':
      return num(0);
    default:
      return assertNever(fn);
  }
}

/**
 * The two forms logistic losses use, kept short instead of sigmoid(v)(1 - sigmoid(v))/sigmoid(v):
 * d log(sigmoid(v)) = (1 - sigmoid(v)) dv,  d log(1 - sigmoid(v)) = -sigmoid(v) dv
 */
function logOfSigmoid(u: Node): { local: Node; inner: Node } | null {
  if (u.kind === 'call' && u.fn === 'sigmoid') return { local: sub(num(1), u), inner: u.arg };
  if (u.kind === 'add' && u.terms.length === 2 && isNum(u.terms[0], 1)) {
    const second = u.terms[1];
    if (second.kind === 'neg' && second.arg.kind === 'call' && second.arg.fn === 'sigmoid') {
      return { local: neg(second.arg), inner: second.arg.arg };
    }
  }
  return null;
}
