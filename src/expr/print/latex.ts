// LaTeX for documents and slides: \operatorname{mean}\left(2 x \left(w x - y\right)\right).
import type { CompareOp, Node, UnaryFn } from '../tree/ast';
import { infix, Prec, printWith, type Style } from './printer';
import { formatNumber } from './source';

const GREEK = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'eta',
  'theta',
  'lambda',
  'mu',
  'sigma',
  'tau',
  'phi',
  'omega',
]);
const GREEK_CHARS: Record<string, string> = {
  θ: '\\theta',
  σ: '\\sigma',
  λ: '\\lambda',
  α: '\\alpha',
  β: '\\beta',
  μ: '\\mu',
};

/** Names already spelled, so a long sum over x0, x1, ... runs the patterns below once per name (bounded). */
const spelled = new Map<string, string>();

/** y_pred -> y_{\mathrm{pred}}, w1 -> w_{1}, theta -> \theta, lam -> \mathrm{lam}. */
export function latexName(id: string): string {
  let text = spelled.get(id);
  if (text === undefined) {
    if (spelled.size > 10_000) spelled.clear();
    text = spell(id);
    spelled.set(id, text);
  }
  return text;
}

function spell(id: string): string {
  if (Object.hasOwn(GREEK_CHARS, id)) return GREEK_CHARS[id]; // own keys only: not "constructor"
  if (GREEK.has(id)) return `\\${id}`;
  if (id === 'lam' || id === 'lmbda') return '\\lambda';
  const sub = /^([A-Za-z]+?)_?(\d+)$/.exec(id);
  if (sub) return `${latexName(sub[1])}_{${sub[2]}}`;
  const underscore = id.indexOf('_');
  if (underscore > 0)
    return `${latexName(id.slice(0, underscore))}_{\\mathrm{${id.slice(underscore + 1).replace(/_/g, '\\_')}}}`;
  return id.length === 1 ? id : `\\mathrm{${id}}`;
}

const RELATION: Record<CompareOp, string> = {
  '>': '>',
  '<': '<',
  '>=': '\\geq',
  '<=': '\\leq',
  '==': '=',
  '!=': '\\neq',
};
const left = (t: string) => `\\left(${t}\\right)`;
const op = (name: string, arg: string) => `\\operatorname{${name}}${left(arg)}`;

const style: Style = {
  number: (v) =>
    v === Infinity
      ? '\\infty'
      : v === -Infinity
        ? '-\\infty'
        : formatNumber(v).replace(/e([+-]?\d+)$/, ' \\times 10^{$1}'),
  name: latexName,
  times: ' ',
  plus: ' + ',
  minus: ' - ',
  negate: '-',
  parenthesizePowUnderNeg: false,
  power: (base, exponent, print) => `${base}^{${print(exponent).text}}`,
  divide: (n, d) => `\\frac{${n}}{${d.text}}`,
  paren: left,
  call: (fn, a) => {
    const named: Partial<Record<UnaryFn, string>> = {
      exp: '\\exp',
      log: '\\log',
      sin: '\\sin',
      cos: '\\cos',
      tan: '\\tan',
      tanh: '\\tanh',
      sigmoid: '\\sigma',
    };
    if (fn === 'abs') return `\\left|${a.text}\\right|`;
    if (fn === 'sqrt') return `\\sqrt{${a.text}}`;
    if (fn === 'step') return `\\mathbb{1}\\left[${a.text} > 0\\right]`;
    return named[fn] ? `${named[fn]}${left(a.text)}` : op(fn, a.text);
  },
  call2: (fn, a, b) => op(fn === 'maximum' ? 'max' : fn === 'minimum' ? 'min' : fn, `${a}, ${b}`),
  bce: (p, t, reduction) => {
    const loss = op('BCE', `${p.text}, ${t.text}`);
    return reduction === 'none' ? loss : op(reduction, loss);
  },
  clamp: (a, min, max) => op('clamp', `${a}, ${min ?? '-\\infty'}, ${max ?? '\\infty'}`),
  reduce: (name, a) => op(name, a.text),
  dot: (a, b) => `\\langle ${a}, ${b} \\rangle`,
  matmul: (_form, a, b) => infix(' ', a, b, left), // X w: juxtaposition, as in a textbook
  compare: (a, op, b) => ({ text: `\\mathbb{1}\\left[${a} ${op} ${b}\\right]`, prec: Prec.Atom }),
  select: (form, c, then, otherwise) => {
    const condition = `${c.left} ${RELATION[c.relation]} ${c.right}`;
    return form.kind === 'mask'
      ? { text: `\\mathbb{1}\\left[${condition}\\right]`, prec: Prec.Atom }
      : {
          text: `\\begin{cases} ${then.text} & \\text{if } ${condition} \\\\ ${otherwise.text} & \\text{otherwise} \\end{cases}`,
          prec: Prec.Atom,
        };
  },
  transpose: (a) => ({ text: `${a.prec === Prec.Atom ? a.text : left(a.text)}^\\top`, prec: Prec.Atom }),
  index: (a, k) => `${a.prec === Prec.Atom ? a.text : left(a.text)}_{${k}}`,
  slice: (a, start, stop) => `${a.prec === Prec.Atom ? a.text : left(a.text)}_{${start ?? ''}:${stop ?? ''}}`,
  len: (a) => op('len', a.text), // as written: a bare n would be undefined for the reader
  array: (items) => `\\left[${items.join(', ')}\\right]`,
  apply: (id, args) => `${latexName(id)}${left(args.join(', '))}`,
};

export function printLatex(node: Node): string {
  return printWith(style, node);
}
