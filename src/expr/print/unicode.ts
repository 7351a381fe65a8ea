// Unicode math for the hover: mean(2·x·(w·x − y)), (w·x − y)², σ(z), |u|, √u.
import type { CompareOp, Node, UnaryFn } from '../tree/ast';
import { infix, Prec, printWith, type PrintCache, type Style } from './printer';
import { formatNumber } from './source';

const SUPERSCRIPT_DIGITS: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};
/** An integer as superscript digits: 2 → ², -1 → ⁻¹. */
export function superscript(n: number): string {
  return String(n)
    .split('')
    .map((c) => SUPERSCRIPT_DIGITS[c])
    .join('');
}
const GREEK: Record<string, string> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  eta: 'η',
  theta: 'θ',
  lam: 'λ',
  lmbda: 'λ',
  lambda_: 'λ',
  mu: 'μ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  omega: 'ω',
};

export function greek(id: string): string {
  return Object.hasOwn(GREEK, id) ? GREEK[id] : id; // own keys only: a name like "constructor" is itself
}

const minusSign = (text: string) => text.replace(/^-/, '−');
const RELATION: Record<CompareOp, string> = { '>': '>', '<': '<', '>=': '≥', '<=': '≤', '==': '=', '!=': '≠' };

const style: Style = {
  number: (v) => (v === Infinity ? '∞' : v === -Infinity ? '−∞' : minusSign(formatNumber(v))),
  name: greek,
  times: '·',
  plus: ' + ',
  minus: ' − ',
  negate: '−',
  parenthesizePowUnderNeg: false,
  power: (base, exponent, print) => {
    if (exponent.kind === 'num' && Number.isInteger(exponent.value) && Math.abs(exponent.value) < 1000) {
      return base + superscript(exponent.value);
    }
    const e = print(exponent);
    return `${base}^${e.prec === Prec.Atom ? e.text : `(${e.text})`}`;
  },
  divide: (n, d) => `${n}/${d.prec <= Prec.Mul ? `(${d.text})` : d.text}`,
  paren: (t) => `(${t})`,
  call: (fn, a) => {
    const names: Partial<Record<UnaryFn, string>> = { sigmoid: 'σ' };
    if (fn === 'abs') return `|${a.text}|`;
    if (fn === 'sqrt') return a.prec === Prec.Atom ? `√${a.text}` : `√(${a.text})`;
    if (fn === 'step') return `𝟙(${a.text} > 0)`;
    return `${names[fn] ?? fn}(${a.text})`;
  },
  call2: (fn, a, b) => `${fn === 'maximum' ? 'max' : fn === 'minimum' ? 'min' : fn}(${a}, ${b})`,
  bce: (p, t, reduction) =>
    reduction === 'none' ? `BCE(${p.text}, ${t.text})` : `${reduction}(BCE(${p.text}, ${t.text}))`,
  clamp: (a, min, max) => `clamp(${a}, ${min ?? '−∞'}, ${max ?? '∞'})`,
  reduce: (op, a) => `${op}(${a.text})`,
  dot: (a, b) => `⟨${a}, ${b}⟩`,
  // a matrix product as a teacher writes it, by juxtaposition (X w): `·` here is the elementwise product
  // Xᵀ(X w − y): no space before a bracket, as in print; X w keeps its space between two names
  matmul: (_form, a, b) => infix(b.prec <= Prec.Mul ? '' : ' ', a, b, (t) => `(${t})`),
  compare: (a, op, b) => ({ text: `𝟙(${a} ${op} ${b})`, prec: Prec.Atom }),
  // a selection as a case split, {a if c; b otherwise}; a bare a == b as the indicator 𝟙(a = b)
  select: (form, c, then, otherwise) => {
    const condition = `${c.left} ${RELATION[c.relation]} ${c.right}`;
    return form.kind === 'mask'
      ? { text: `𝟙(${condition})`, prec: Prec.Atom }
      : { text: `{${then.text} if ${condition}; ${otherwise.text} otherwise}`, prec: Prec.Atom };
  },
  transpose: (a) => ({ text: `${a.prec === Prec.Atom ? a.text : `(${a.text})`}ᵀ`, prec: Prec.Atom }),
  index: (a, k) => `${a.prec === Prec.Atom ? a.text : `(${a.text})`}[${k}]`,
  column: (a, k) => `${a.prec === Prec.Atom ? a.text : `(${a.text})`}[:, ${k}]`,
  slice: (a, start, stop) => `${a.prec === Prec.Atom ? a.text : `(${a.text})`}[${start ?? ''}:${stop ?? ''}]`,
  // len(x) as written: a bare n would be a name the reader never defined
  len: (a) => `len(${a.text})`,
  array: (items) => `[${items.join(', ')}]`,
  apply: (id, args) => `${id}(${args.join(', ')})`,
};

export function printUnicode(node: Node, cache?: PrintCache): string {
  return printWith(style, node, cache);
}
