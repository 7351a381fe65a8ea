// Printing back in the source's own syntax, so the result can be pasted next to the loss it came from:
// numpy users get np.*, PyTorch users torch.*, JS users Math.*, math users ^ and σ. Every spelling here
// parses back to the same meaning (tests print, reparse and compare values).
import type { Node, UnaryFn } from '../tree/ast';
import type { Dialect } from '../syntax/dialects';
import { infix, Prec, printWith, type Condition, type PrintCache, type Printed, type Style } from './printer';

export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const short = String(Number(value.toPrecision(12)));
  return Number(short) === value ? short : String(value);
}

const atom = (p: Printed) => (p.prec === Prec.Atom ? p.text : `(${p.text})`);
const paren = (text: string) => `(${text})`;
/** A branch of `a if c else b` or `c ? a : b`: another conditional inside it is parenthesized. */
const branch = (p: Printed) => (p.prec <= Prec.Conditional ? `(${p.text})` : p.text);
const conditionText = (c: Condition, equals = '==', differs = '!=') =>
  `${c.left} ${c.relation === '==' ? equals : c.relation === '!=' ? differs : c.relation} ${c.right}`;

/** F.binary_cross_entropy(p, t) as PyTorch spells it (and the parser reads in every syntax), its reduction named unless the mean. */
export function bceCall(prefix: string, p: Printed, t: Printed, reduction: 'mean' | 'sum' | 'none'): string {
  return `${prefix}binary_cross_entropy(${p.text}, ${t.text}${reduction === 'mean' ? '' : `, reduction='${reduction}'`})`;
}

function pythonStyle(dialect: Dialect): Style {
  const torch = dialect.library === 'torch';
  const prefix = torch ? 'torch.' : dialect.library === 'bare' ? '' : 'np.'; // bare: the functions were imported by name
  const fn = (f: string, ...args: string[]) => `${prefix}${f}(${args.join(', ')})`;
  const unary: Record<UnaryFn, (a: string) => string> = {
    exp: (a) => fn('exp', a),
    log: (a) => fn('log', a),
    log1p: (a) => fn('log1p', a),
    expm1: (a) => fn('expm1', a),
    sqrt: (a) => fn('sqrt', a),
    abs: (a) => fn('abs', a),
    sin: (a) => fn('sin', a),
    cos: (a) => fn('cos', a),
    tan: (a) => fn('tan', a),
    tanh: (a) => fn('tanh', a),
    sign: (a) => fn('sign', a),
    sigmoid: (a) => (torch ? fn('sigmoid', a) : `1/(1 + ${fn('exp', `-${a.match(/^[\w.]+$/) ? a : `(${a})`}`)})`),
    relu: (a) => (torch ? fn('relu', a) : fn('maximum', a, '0')),
    softplus: (a) => (torch ? `F.softplus(${a})` : fn('log1p', fn('exp', a))),
    step: (a) => `(${a} > 0)`,
  };
  return {
    ...common('**'),
    number: (v) => (v === Infinity ? 'float("inf")' : v === -Infinity ? '-float("inf")' : formatNumber(v)),
    call: (f, a) => unary[f](a.text),
    call2: (f, a, b) => (f === 'huber' ? `huber(${a}, ${b})` : fn(f, a, b)),
    bce: (p, t, reduction) => bceCall(torch ? 'F.' : '', p, t, reduction),
    clamp: (a, min, max) =>
      torch
        ? `torch.clamp(${[a, min && `min=${min}`, max && `max=${max}`].filter(Boolean).join(', ')})`
        : fn('clip', a, min ?? 'None', max ?? 'None'),
    reduce: (op, a) => {
      if (op === 'logsumexp') return torch ? `torch.logsumexp(${a.text}, 0)` : fn('log', fn('sum', fn('exp', a.text)));
      return dialect.reductions === 'method' ? `${atom(a)}.${op}()` : fn(op, a.text);
    },
    dot: (a, b) => fn('dot', a, b),
    // `x @ w` stays an operator: np.dot/torch.dot would be wrong (torch.dot takes vectors only)
    matmul: (form, a, b) =>
      form === '@' ? infix(' @ ', a, b, paren) : { text: fn('matmul', a.text, b.text), prec: Prec.Atom },
    compare: (a, op, b) => ({ text: `${a} ${op} ${b}`, prec: Prec.Compare }), // parenthesized where an operation needs it: x*(w*x > 0)
    // np.where / torch.where as written; `a if c else b` as written; a bare `a == b` as a comparison
    select: (form, c, then, otherwise) =>
      form.kind === 'where'
        ? { text: `${form.written}(${conditionText(c)}, ${then.text}, ${otherwise.text})`, prec: Prec.Atom }
        : form.kind === 'mask'
          ? { text: conditionText(c), prec: Prec.Compare }
          : { text: `${branch(then)} if ${conditionText(c)} else ${branch(otherwise)}`, prec: Prec.Conditional },
    transpose: (a) => ({ text: `${atom(a)}.T`, prec: Prec.Atom }),
    len: (a) => `len(${a.text})`,
    array: (items) => (torch ? `torch.tensor([${items.join(', ')}])` : fn('array', `[${items.join(', ')}]`)),
    row: (items) => `[${items.join(', ')}]`,
    column: (a, k) => `${atom(a)}[:, ${k}]`,
  };
}

function jsStyle(): Style {
  const unary: Record<UnaryFn, (a: string) => string> = {
    exp: (a) => `Math.exp(${a})`,
    log: (a) => `Math.log(${a})`,
    log1p: (a) => `Math.log1p(${a})`,
    expm1: (a) => `Math.expm1(${a})`,
    sqrt: (a) => `Math.sqrt(${a})`,
    abs: (a) => `Math.abs(${a})`,
    sin: (a) => `Math.sin(${a})`,
    cos: (a) => `Math.cos(${a})`,
    tan: (a) => `Math.tan(${a})`,
    tanh: (a) => `Math.tanh(${a})`,
    sign: (a) => `Math.sign(${a})`,
    sigmoid: (a) => `1/(1 + Math.exp(-${a.match(/^[\w.]+$/) ? a : `(${a})`}))`,
    relu: (a) => `Math.max(${a}, 0)`,
    softplus: (a) => `Math.log1p(Math.exp(${a}))`,
    step: (a) => `Number(${a} > 0)`,
  };
  return {
    ...common(' ** '),
    parenthesizePowUnderNeg: true,
    number: (v) => (v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : formatNumber(v)),
    call: (f, a) => unary[f](a.text),
    call2: (f, a, b) => (f === 'huber' ? `huber(${a}, ${b})` : `Math.${f === 'maximum' ? 'max' : 'min'}(${a}, ${b})`),
    bce: (p, t, reduction) => bceCall('', p, t, reduction),
    clamp: (a, min, max) => {
      const low = min ? `Math.max(${a}, ${min})` : a;
      return max ? `Math.min(${low}, ${max})` : low;
    },
    reduce: (op, a) => `${op}(${a.text})`,
    dot: (a, b) => `dot(${a}, ${b})`,
    matmul: (_form, a, b) => ({ text: `matmul(${a.text}, ${b.text})`, prec: Prec.Atom }), // JS has no `@`
    compare: (a, op, b) => ({ text: `Number(${a} ${op} ${b})`, prec: Prec.Atom }),
    // JS has one spelling of a selection: the ternary (a where written elsewhere prints as one too)
    select: (form, c, then, otherwise) =>
      form.kind === 'mask'
        ? { text: `Number(${conditionText(c, '===', '!==')})`, prec: Prec.Atom }
        : {
            text: `${conditionText(c, '===', '!==')} ? ${branch(then)} : ${branch(otherwise)}`,
            prec: Prec.Conditional,
          },
    transpose: (a) => ({ text: `transpose(${a.text})`, prec: Prec.Atom }), // JS arrays have no .T
    len: (a) => `${atom(a)}.length`,
    slice: (a, start, stop) => `${atom(a)}.slice(${start ?? 0}${stop === null ? '' : `, ${stop}`})`,
    array: (items) => `[${items.join(', ')}]`,
  };
}

function mathStyle(): Style {
  const names: Record<UnaryFn, string> = {
    exp: 'exp',
    log: 'log',
    log1p: 'log1p',
    expm1: 'expm1',
    sqrt: 'sqrt',
    abs: 'abs',
    sin: 'sin',
    cos: 'cos',
    tan: 'tan',
    tanh: 'tanh',
    sigmoid: 'σ',
    relu: 'relu',
    softplus: 'softplus',
    sign: 'sign',
    step: 'step',
  };
  return {
    ...common('^'),
    number: (v) => (v === Infinity ? 'inf' : formatNumber(v)),
    call: (f, a) => `${names[f]}(${a.text})`,
    call2: (f, a, b) => `${f === 'maximum' ? 'max' : f === 'minimum' ? 'min' : f}(${a}, ${b})`,
    bce: (p, t, reduction) => bceCall('', p, t, reduction),
    clamp: (a, min, max) => `clamp(${a}, ${min ?? '-inf'}, ${max ?? 'inf'})`,
    reduce: (op, a) => `${op}(${a.text})`,
    dot: (a, b) => `dot(${a}, ${b})`,
    matmul: (form, a, b) =>
      form === '@' ? infix(' @ ', a, b, paren) : { text: `matmul(${a.text}, ${b.text})`, prec: Prec.Atom },
    transpose: (a) => ({ text: `transpose(${a.text})`, prec: Prec.Atom }),
    select: (_form, c, then, otherwise) => ({
      text: `where(${conditionText(c)}, ${then.text}, ${otherwise.text})`,
      prec: Prec.Atom,
    }),
    len: (a) => `len(${a.text})`,
    array: (items) => `[${items.join(', ')}]`,
  };
}

/** What the source styles (and the torch printer) share: `*`, spaced `+`/`-`, `a/b`, `a[k]`, `a[i:j]`. */
export function common(
  powerSign: string,
): Omit<
  Style,
  'number' | 'call' | 'call2' | 'bce' | 'clamp' | 'reduce' | 'dot' | 'matmul' | 'transpose' | 'len' | 'array' | 'select'
> {
  return {
    name: (id) => id,
    times: '*',
    plus: ' + ',
    minus: ' - ',
    negate: '-',
    parenthesizePowUnderNeg: false,
    power: (base, exponent, print) => {
      const e = print(exponent);
      const simple = e.prec === Prec.Atom || (exponent.kind === 'num' && powerSign !== '^');
      return `${base}${powerSign}${simple ? e.text : `(${e.text})`}`;
    },
    divide: (n, d) => `${n}/${d.prec <= Prec.Mul ? `(${d.text})` : d.text}`,
    paren: (t) => `(${t})`,
    index: (a, k) => `${atom(a)}[${k}]`,
    slice: (a, start, stop) => `${atom(a)}[${start ?? ''}:${stop ?? ''}]`,
    apply: (id, args) => `${id}(${args.join(', ')})`,
  };
}

const styles = new Map<string, Style>();
/** The style of a dialect object, without building its key on every print (the simplifier prints a lot). */
const byDialect = new WeakMap<Dialect, Style>();

function styleFor(dialect: Dialect): Style {
  const known = byDialect.get(dialect);
  if (known) return known;
  const key = `${dialect.syntax}/${dialect.library}/${dialect.reductions}`;
  let style = styles.get(key);
  if (!style) {
    style = dialect.syntax === 'python' ? pythonStyle(dialect) : dialect.syntax === 'js' ? jsStyle() : mathStyle();
    styles.set(key, style);
  }
  byDialect.set(dialect, style);
  return style;
}

export function printSource(node: Node, dialect: Dialect, cache?: PrintCache): string {
  return printWith(styleFor(dialect), node, cache);
}

/** Printed length in the dialect, cached per node: what "shorter" means to the simplifier. */
export function lengthIn(dialect: Dialect): (node: Node) => number {
  const cache: PrintCache = new Map();
  return (node) => printSource(node, dialect, cache).length;
}
