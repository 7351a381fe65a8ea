// Printing a model or loss expression as PyTorch code, for `train --export-pytorch`: whatever the text was
// written in (np.tanh, @, .T, np.maximum(u, 0), sigmoid, Math.exp), the script computes the same function
// with torch ops that autograd can differentiate. A construct torch cannot say the same way is refused at
// its position, never approximated.
import { mapChildren, type Node, type UnaryFn } from '../tree/ast';
import { ExprFailure } from '../tree/errors';
import { bceCall, common, formatNumber } from './source';
import { infix, Prec, printWith, type Condition, type Printed, type Style } from './printer';

const atom = (p: Printed) => (p.prec === Prec.Atom ? p.text : `(${p.text})`);
const branch = (p: Printed) => (p.prec <= Prec.Conditional ? `(${p.text})` : p.text);
const conditionText = (c: Condition) => `${c.left} ${c.relation} ${c.right}`;
/** A bare number: torch's functions take tensors, so `np.exp(2)` becomes torch.exp(torch.tensor(2.0)). */
const tensorArg = (p: Printed) => (/^-?[\d.]+(e[+-]?\d+)?$/.test(p.text) ? `torch.tensor(${p.text}.0)` : p.text);
const floatOf = (text: string) => (/^-?\d+$/.test(text) ? `${text}.0` : text);
const isNumber = (p: Printed) => /^-?[\d.]+(e[+-]?\d+)?$/.test(p.text);
const tensorOf = (p: Printed): Printed => ({ text: tensorArg(p), prec: p.prec });
const filledLike = (other: Printed, number: Printed): Printed => ({
  text: isNumber(other) ? tensorArg(number) : `torch.full_like(${other.text}, ${floatOf(number.text)})`,
  prec: Prec.Atom,
});

const unary: Record<UnaryFn, (a: string) => string> = {
  exp: (a) => `torch.exp(${a})`,
  log: (a) => `torch.log(${a})`,
  log1p: (a) => `torch.log1p(${a})`,
  expm1: (a) => `torch.expm1(${a})`,
  sqrt: (a) => `torch.sqrt(${a})`,
  abs: (a) => `torch.abs(${a})`,
  sin: (a) => `torch.sin(${a})`,
  cos: (a) => `torch.cos(${a})`,
  tan: (a) => `torch.tan(${a})`,
  tanh: (a) => `torch.tanh(${a})`,
  sign: (a) => `torch.sign(${a})`,
  sigmoid: (a) => `torch.sigmoid(${a})`,
  relu: (a) => `torch.relu(${a})`,
  softplus: (a) => `F.softplus(${a})`,
  step: (a) => `torch.where(${a} > 0, 1.0, 0.0)`,
};

const torchStyle: Style = {
  ...common('**'), // torch tensors index and slice as numpy arrays do
  apply: (id) => {
    throw new Error(`unresolved function ${id} reached the torch printer`); // refused by refuseUntranslatable
  },
  number: (v) => (v === Infinity ? 'float("inf")' : v === -Infinity ? '-float("inf")' : formatNumber(v)),
  call: (f, a) => unary[f](tensorArg(a)),
  call2: (f, a, b) => `torch.${f}(${a}, ${b})`, // maximum/minimum of two tensors; numbers became clamps
  // F.binary_cross_entropy takes two tensors of one shape: a number beside a tensor is filled out to its shape
  bce: (p, t, reduction) =>
    bceCall(
      'F.',
      isNumber(p) ? filledLike(t, p) : tensorOf(p),
      isNumber(t) ? filledLike(p, t) : tensorOf(t),
      reduction,
    ),
  clamp: (a, min, max) =>
    `torch.clamp(${[a, min && `min=${floatOf(min)}`, max && `max=${floatOf(max)}`].filter(Boolean).join(', ')})`,
  reduce: (op, a) =>
    op === 'logsumexp'
      ? `torch.logsumexp(${atom(a)}.flatten(), 0)`
      : `${atom({ text: tensorArg(a), prec: a.prec })}.${op === 'max' ? 'amax' : op === 'min' ? 'amin' : op}()`,
  // np.dot is an inner product of vectors and a matrix product otherwise: torch.matmul in both cases
  dot: (a, b) => `torch.matmul(${a}, ${b})`,
  matmul: (form, a, b) =>
    form === '@'
      ? infix(' @ ', a, b, (t) => `(${t})`)
      : { text: `torch.matmul(${a.text}, ${b.text})`, prec: Prec.Atom },
  // torch.t: a matrix's transpose, a vector or a number as it is (NumPy's .T); x.T warns on a vector
  transpose: (a) => ({ text: `torch.t(${a.text})`, prec: Prec.Atom }),
  len: (a) => `torch.as_tensor(${a.text}).numel()`,
  array: (items) => `torch.stack([${items.map((item) => `torch.as_tensor(${item})`).join(', ')}])`,
  compare: (a, op, b) => ({ text: `torch.where(${a} ${op} ${b}, 1.0, 0.0)`, prec: Prec.Atom }),
  select: (form, c, then, otherwise) =>
    form.kind === 'mask'
      ? { text: `torch.where(${conditionText(c)}, 1.0, 0.0)`, prec: Prec.Atom }
      : {
          text: `torch.where(${conditionText(c)}, ${branch(then)}, ${branch(otherwise)})`,
          prec: Prec.Atom,
        },
};

const offsetOf = (node: Node): number => node.span?.start ?? 0;

/** np.maximum(u, 0) is torch.clamp(u, min=0): torch.maximum takes two tensors, never a number. */
function toTorchTree(node: Node): Node {
  const mapped = mapChildren(node, toTorchTree);
  if (mapped.kind === 'call2' && (mapped.fn === 'maximum' || mapped.fn === 'minimum')) {
    const bound = mapped.fn === 'maximum' ? 'min' : 'max';
    const [arg, number] =
      mapped.right.kind === 'num'
        ? [mapped.left, mapped.right]
        : mapped.left.kind === 'num'
          ? [mapped.right, mapped.left]
          : [];
    if (arg && number)
      return {
        kind: 'clamp',
        arg,
        min: bound === 'min' ? number : null,
        max: bound === 'max' ? number : null,
        span: mapped.span,
      };
  }
  return mapped;
}

/** What torch cannot compute the same way: said in words at its position. */
function refuseUntranslatable(node: Node): void {
  if (node.kind === 'call2' && node.fn === 'huber')
    throw new ExprFailure('huber(d, delta) has no PyTorch spelling here; use --loss huber', offsetOf(node), node.span);
  if (node.kind === 'apply')
    throw new ExprFailure(`the function ${node.name} has no PyTorch translation`, offsetOf(node), node.span);
  switch (node.kind) {
    case 'num':
    case 'name':
      return;
    default:
      mapChildren(node, (child) => {
        refuseUntranslatable(child);
        return child;
      });
  }
}

/** The expression as PyTorch code over the same names; throws an ExprFailure for what torch cannot say. */
export function printTorch(root: Node): string {
  refuseUntranslatable(root);
  return printWith(torchStyle, toTorchTree(root));
}
