// The precedence-aware printer every output shares; a Style says how each construct is spelled
// (source Python/JS/math, Unicode, LaTeX). Parentheses appear only where precedence needs them.
import {
  assertNever,
  type BinaryFn,
  type CompareOp,
  type DotForm,
  type Node,
  type ReduceOp,
  type SelectForm,
  type UnaryFn,
} from '../tree/ast';

/** Compare: Python's `a > b`, looser than everything else, parenthesized inside any operation. */
export const enum Prec {
  /** `a if c else b`, `c ? a : b`: looser still, parenthesized even inside a comparison. */
  Conditional = -1,
  Compare = 0,
  Add = 1,
  Mul = 2,
  Neg = 3,
  Pow = 4,
  Atom = 5,
}

/** A select's condition with its sides printed. */
export interface Condition {
  left: string;
  relation: CompareOp;
  right: string;
}

export interface Printed {
  text: string;
  prec: Prec;
}

export interface Style {
  number(value: number): string;
  name(id: string): string;
  times: string;
  plus: string;
  minus: string;
  negate: string;
  /** JS forbids `-x ** 2`: the power must be parenthesized under a unary minus. */
  parenthesizePowUnderNeg: boolean;
  power(base: string, exponent: Node, print: (n: Node) => Printed): string;
  divide(numerator: string, denominator: Printed): string;
  paren(text: string): string;
  call(fn: UnaryFn, arg: Printed): string;
  call2(fn: Exclude<BinaryFn, 'bce'>, left: string, right: string): string;
  /**
   * PyTorch's binary cross-entropy, elementwise (`none`) or reduced over its elements: F.binary_cross_entropy
   * in code (one call with its reduction, as people write it), BCE(p, t) on paper.
   */
  bce(p: Printed, t: Printed, reduction: 'mean' | 'sum' | 'none'): string;
  clamp(arg: string, min: string | null, max: string | null): string;
  reduce(op: ReduceOp, arg: Printed): string;
  /** An inner product the user wrote as a function: np.dot(a, b), ⟨a, b⟩. */
  dot(left: string, right: string): string;
  /** A product written `a @ b` or matmul(a, b): an operator where the style has one (see infix). */
  matmul(form: Exclude<DotForm, 'dot'>, left: Printed, right: Printed): Printed;
  /** Xᵀ: the transpose of a matrix. */
  transpose(arg: Printed): Printed;
  index(arg: Printed, index: number): string;
  /** x[:, k], column k of a matrix, where the style has the spelling; else x.T[k] (row k of the transpose). */
  column?(arg: Printed, index: number): string;
  /** a[start:stop] (null: the start or the end of the array). */
  slice(arg: Printed, start: number | null, stop: number | null): string;
  len(arg: Printed): string;
  array(items: string[]): string;
  /** A row inside an array literal, `[1, 2]` in np.array([[1, 2], [3, 4]]); absent: written as an array. */
  row?(items: string[]): string;
  apply(id: string, args: string[]): string;
  /**
   * where(left relation right, then, otherwise) in the form it was written (np.where, a ternary, a bare
   * `a == b` mask); the condition's sides come parenthesized when they are comparisons themselves.
   */
  select(form: SelectForm, condition: Condition, then: Printed, otherwise: Printed): Printed;
  /** step(a - b) written as the comparison a > b (or b < a), when the style has comparisons. */
  compare?(left: string, op: '>' | '<', right: string): Printed;
}

/** step(a - b) as `a > b` (step(u + c) as `u > -c`), and step(c - u) with a number c as `u < c`, which is how people write it. */
function comparison(arg: Node): { left: Node; op: '>' | '<'; right: Node } | null {
  if (arg.kind !== 'add' || arg.terms.length !== 2) return null;
  const [a, b] = arg.terms;
  const negated =
    b.kind === 'neg'
      ? b.arg
      : b.kind === 'num' && b.value !== 0
        ? { ...b, value: -b.value }
        : b.kind === 'mul' && b.factors[0]?.kind === 'num' && b.factors[0].value === -1
          ? b.factors.length === 2
            ? b.factors[1]
            : { ...b, factors: b.factors.slice(1) }
          : null;
  if (!negated) return null;
  return a.kind === 'num' ? { left: negated, op: '<', right: a } : { left: a, op: '>', right: negated };
}

/**
 * `a op b` at the precedence of `*` (Python's `@` is left-associative, as tight as `*`): an operand that
 * is itself a product or looser is parenthesized, so `(2*x) @ w` and `x @ (a @ b)` say what they mean.
 */
export function infix(op: string, left: Printed, right: Printed, paren: (text: string) => string): Printed {
  const wrap = (p: Printed) => (p.prec <= Prec.Mul ? paren(p.text) : p.text);
  return { text: `${wrap(left)}${op}${wrap(right)}`, prec: Prec.Mul };
}

const isMatmul = (n: Node) => n.kind === 'dot' && n.form !== 'dot';

/**
 * The one matrix product among factors that are otherwise numbers: it needs no parentheses, since
 * `*`, `@` and `/` associate to the left and a number commutes with a matrix product ((2*A) @ b = 2*(A @ b)):
 * `2*X.T @ (X @ w - y)/len(X)`, and `2·Xᵀ(X w − y)` as a textbook writes it.
 */
function onlyNumbersBeside(factors: Node[]): Node | null {
  let found: Node | null = null;
  for (const f of factors) {
    if (f.kind === 'num') continue;
    if (found || !isMatmul(f)) return null;
    found = f;
  }
  return found;
}

/** A term's sign, so a sum prints `a - b` rather than `a + -b`. */
function splitSign(term: Node): { negative: boolean; magnitude: Node } {
  if (term.kind === 'neg') return { negative: true, magnitude: term.arg };
  if (term.kind === 'num' && term.value < 0) return { negative: true, magnitude: { ...term, value: -term.value } };
  if (term.kind === 'mul' && term.factors.length > 1 && term.factors[0].kind === 'num' && term.factors[0].value < 0) {
    const c = -term.factors[0].value;
    const rest = term.factors.slice(1);
    return {
      negative: true,
      magnitude:
        c === 1
          ? rest.length === 1
            ? rest[0]
            : { ...term, factors: rest }
          : { ...term, factors: [{ kind: 'num', value: c }, ...rest] },
    };
  }
  return { negative: false, magnitude: term };
}

/** Printed subtrees by node: measuring every candidate during simplification stays linear. */
export type PrintCache = Map<Node, Printed>;

export function printWith(style: Style, root: Node, cache?: PrintCache): string {
  return new Printer(style, cache).print(root).text;
}

/** A class rather than closures: printing runs for every candidate the simplifier measures. */
class Printer {
  private readonly printChild: (node: Node) => Printed;

  constructor(
    private readonly style: Style,
    private readonly cache: PrintCache | undefined,
  ) {
    this.printChild = (node) => this.print(node);
  }

  private wrap(p: Printed, min: Prec): string {
    return p.prec < min ? this.style.paren(p.text) : p.text;
  }

  print(node: Node): Printed {
    const hit = this.cache?.get(node);
    if (hit) return hit;
    const printed = this.printNode(node);
    this.cache?.set(node, printed);
    return printed;
  }

  private printNode(node: Node): Printed {
    const style = this.style;
    const print = this.printChild;
    switch (node.kind) {
      case 'num':
        return { text: style.number(node.value), prec: node.value < 0 ? Prec.Neg : Prec.Atom };
      case 'name':
        return { text: style.name(node.name), prec: Prec.Atom };
      case 'neg': {
        const inner = print(node.arg);
        const needs =
          inner.prec <= Prec.Neg ||
          (style.parenthesizePowUnderNeg && inner.prec === Prec.Pow) ||
          inner.text.startsWith('-');
        return {
          text: style.negate + (needs && inner.prec !== Prec.Atom ? style.paren(inner.text) : inner.text),
          prec: Prec.Neg,
        };
      }
      case 'add': {
        let text = '';
        for (let i = 0; i < node.terms.length; i++) {
          const { negative, magnitude } =
            i === 0 ? { negative: false, magnitude: node.terms[i] } : splitSign(node.terms[i]);
          const printed = print(magnitude);
          const body = this.wrap(printed, i === 0 ? Prec.Add : negative ? Prec.Mul : Prec.Add);
          text += i === 0 ? body : (negative ? style.minus : style.plus) + body;
        }
        return { text, prec: Prec.Add };
      }
      case 'mul':
        return this.printProduct(node.factors);
      case 'pow': {
        // u**-1 alone reads as 1/u, as a person writes it: the product printer draws the fraction
        if (node.exponent.kind === 'num' && node.exponent.value < 0) return this.printProduct([node]);
        const base = print(node.base);
        return {
          text: style.power(base.prec <= Prec.Pow ? style.paren(base.text) : base.text, node.exponent, print),
          prec: Prec.Pow,
        };
      }
      case 'call': {
        const compared = node.fn === 'step' ? comparison(node.arg) : null;
        if (compared && style.compare)
          return style.compare(print(compared.left).text, compared.op, print(compared.right).text);
        return { text: style.call(node.fn, print(node.arg)), prec: Prec.Atom };
      }
      case 'call2':
        return node.fn === 'bce'
          ? { text: style.bce(print(node.left), print(node.right), 'none'), prec: Prec.Atom }
          : { text: style.call2(node.fn, print(node.left).text, print(node.right).text), prec: Prec.Atom };
      case 'clamp':
        return {
          text: style.clamp(print(node.arg).text, node.min && print(node.min).text, node.max && print(node.max).text),
          prec: Prec.Atom,
        };
      case 'reduce':
        if (node.arg.kind === 'call2' && node.arg.fn === 'bce' && (node.op === 'mean' || node.op === 'sum'))
          return { text: style.bce(print(node.arg.left), print(node.arg.right), node.op), prec: Prec.Atom };
        return { text: style.reduce(node.op, print(node.arg)), prec: Prec.Atom };
      case 'dot':
        return node.form === 'dot'
          ? { text: style.dot(print(node.left).text, print(node.right).text), prec: Prec.Atom }
          : style.matmul(node.form, print(node.left), print(node.right));
      case 'index':
        return node.arg.kind === 'transpose' && style.column
          ? { text: style.column(print(node.arg.arg), node.index), prec: Prec.Atom }
          : { text: style.index(print(node.arg), node.index), prec: Prec.Atom };
      case 'slice':
        return { text: style.slice(print(node.arg), node.start, node.stop), prec: Prec.Atom };
      case 'len':
        return { text: style.len(print(node.arg)), prec: Prec.Atom };
      case 'transpose':
        return style.transpose(print(node.arg));
      case 'array': {
        const rowText = (n: Node): string =>
          n.kind === 'array' && style.row ? style.row(n.items.map(rowText)) : print(n).text;
        return { text: style.array(node.items.map(rowText)), prec: Prec.Atom };
      }
      case 'select': {
        const side = (n: Node) => this.wrap(print(n), Prec.Add);
        const condition = { left: side(node.left), relation: node.relation, right: side(node.right) };
        return style.select(node.form, condition, print(node.then), print(node.otherwise));
      }
      case 'apply':
        return {
          text: style.apply(
            node.name,
            node.args.map((a) => print(a).text),
          ),
          prec: Prec.Atom,
        };
      default:
        return assertNever(node);
    }
  }

  private printProduct(factors: Node[]): Printed {
    const style = this.style;
    const print = this.printChild;
    let sign = '';
    let rest = factors;
    const first = factors[0];
    if (first && first.kind === 'num' && first.value < 0 && factors.length > 1) {
      sign = style.negate;
      rest = first.value === -1 ? factors.slice(1) : [{ kind: 'num', value: -first.value }, ...factors.slice(1)];
    }
    // most products have no denominator: then the factors print as they stand, with no lists built
    let denominators: Node[] | null = null;
    let numerators: Node[] = rest;
    for (let i = 0; i < rest.length; i++) {
      const f = rest[i];
      if (f.kind === 'pow' && f.exponent.kind === 'num' && f.exponent.value < 0) {
        if (!denominators) {
          denominators = [];
          numerators = rest.slice(0, i);
        }
        denominators.push(
          f.exponent.value === -1
            ? f.base
            : { kind: 'pow', base: f.base, exponent: { kind: 'num', value: -f.exponent.value } },
        );
      } else if (denominators) numerators.push(f);
    }
    // 1*u/v is u/v: the parsed 1/(2*m) * sum(...) keeps its 1, which a person does not write
    const skip = numerators.length > 1 && numerators[0].kind === 'num' && numerators[0].value === 1 ? 1 : 0;
    const bareMatmul = onlyNumbersBeside(numerators);
    let numerator = '';
    for (let i = skip; i < numerators.length; i++) {
      const min = i === skip || numerators[i] === bareMatmul ? Prec.Mul : Prec.Pow;
      numerator += (i > skip ? style.times : '') + this.wrap(print(numerators[i]), min);
    }
    if (numerators.length === 0) numerator = style.number(1);
    if (!denominators) return { text: sign + numerator, prec: sign ? Prec.Neg : Prec.Mul };
    let denominator: Printed;
    if (denominators.length === 1) denominator = print(denominators[0]);
    else {
      let text = '';
      for (let i = 0; i < denominators.length; i++)
        text += (i ? style.times : '') + this.wrap(print(denominators[i]), Prec.Mul);
      denominator = { text, prec: Prec.Mul };
    }
    return { text: sign + style.divide(numerator, denominator), prec: sign ? Prec.Neg : Prec.Mul };
  }
}
