// What each function or method name people write means, as a tree: `np.square(u)` is u**2,
// `F.mse_loss(p, t)` is mean((p - t)**2), `torch.clamp(u, min=0)` a clamp with one bound.
// Module prefixes (np., torch., F., Math., ...) are stripped by the parser before the lookup.
import {
  add,
  call,
  call2,
  div,
  dot,
  mul,
  neg,
  num,
  pow,
  reduce,
  sub,
  transpose,
  type Node,
  type UnaryFn,
} from '../tree/ast';
import type { Span } from '../types';
import { ExprFailure } from '../tree/errors';
import { buildWhere } from './conditions';

export interface Arg {
  name: string | null;
  node: Node | null;
  text: string | null;
  start: number;
}

export interface CallSite {
  name: string; // as written, with its module prefix: 'np.mean'
  args: Arg[];
  span: Span;
}

const UNARY: Record<string, UnaryFn> = {
  exp: 'exp',
  log: 'log',
  ln: 'log',
  log1p: 'log1p',
  expm1: 'expm1',
  sqrt: 'sqrt',
  abs: 'abs',
  fabs: 'abs',
  absolute: 'abs',
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  expit: 'sigmoid',
  σ: 'sigmoid',
  relu: 'relu',
  softplus: 'softplus',
  sign: 'sign',
  heaviside: 'step',
  step: 'step',
};
/** Wrappers that only change the container or dtype: np.array(v, dtype=...), torch.tensor(v), Number(v). */
const IDENTITY = new Set([
  'array',
  'asarray',
  'tensor',
  'as_tensor',
  'from_numpy',
  'Float32Array',
  'Float64Array',
  'float32',
  'float64',
  'float',
  'Number',
  'Parameter',
  'Value', // micrograd's scalar: Value(-4.0)
  'Variable',
  'constant',
  'double',
  'item',
  'detach',
  'numpy',
  'flatten',
  'ravel',
  'squeeze',
  'T',
]);

/** TensorFlow's and tfjs's spellings (tf.reduce_mean, tf.sub, tf.losses.meanSquaredError) of what is above. */
const TENSORFLOW: Record<string, string> = {
  reduce_mean: 'mean',
  reduce_sum: 'sum',
  reduce_max: 'max',
  reduce_min: 'min',
  reduce_logsumexp: 'logsumexp',
  matMul: 'matmul',
  add: 'add',
  sub: 'sub',
  subtract: 'sub',
  mul: 'mul',
  multiply: 'mul',
  div: 'div',
  divide: 'div',
  neg: 'neg',
  negative: 'neg',
  squaredDifference: 'squared_difference',
  squared_difference: 'squared_difference',
  meanSquaredError: 'mean_squared_error',
  absoluteDifference: 'absolute_difference',
};

export const KNOWN_FUNCTIONS = new Set([
  ...Object.keys(UNARY),
  ...IDENTITY,
  'square',
  'pow',
  'power',
  'maximum',
  'minimum',
  'fmax',
  'fmin',
  'max',
  'min',
  'clip',
  'clamp',
  'mean',
  'average',
  'sum',
  'logsumexp',
  'cosh',
  'sinh',
  'norm',
  'softmax',
  'log_softmax',
  'dot',
  'inner',
  'vdot',
  'matmul',
  'len',
  'mse_loss',
  'l1_loss',
  'smooth_l1_loss',
  'huber_loss',
  'binary_cross_entropy',
  'binary_cross_entropy_with_logits',
  'cross_entropy',
  'nll_loss',
  'hinge',
  'logaddexp',
  'huber',
  'transpose',
  'where',
  'zeros',
  'ones',
  ...Object.keys(TENSORFLOW),
]);

function positional(site: CallSite, index: number, keyword?: string): Node | null {
  const byName = keyword ? site.args.find((a) => a.name === keyword) : undefined;
  if (byName) return byName.node;
  const plain = site.args.filter((a) => a.name === null);
  return plain[index]?.node ?? null;
}

function required(site: CallSite, index: number, keyword?: string): Node {
  const node = positional(site, index, keyword);
  if (!node)
    throw new ExprFailure(
      `${site.name} needs ${index === 0 ? 'an argument' : `argument ${index + 1}`}`,
      site.span.end - 1,
      site.span,
    );
  return node;
}

function numberArg(site: CallSite, index: number, keyword: string, fallback: number): number {
  const node = positional(site, index, keyword);
  if (!node) return fallback;
  if (node.kind === 'num') return node.value;
  if (node.kind === 'neg' && node.arg.kind === 'num') return -node.arg.value;
  throw new ExprFailure(`${site.name}: ${keyword} must be a number`, site.span.start, site.span);
}

/** sum/mean over a 1-D array: axis None, 0 or -1 all mean "every element". */
function checkAxis(site: CallSite, index: number): void {
  const axis = positional(site, index, 'axis') ?? positional(site, index, 'dim');
  if (!axis || (axis.kind === 'name' && axis.name === 'None')) return;
  const value =
    axis.kind === 'num' ? axis.value : axis.kind === 'neg' && axis.arg.kind === 'num' ? -axis.arg.value : NaN;
  if (value !== 0 && value !== -1) {
    const arg = site.args.find((a) => a.node === axis);
    throw new ExprFailure(
      `${site.name}: axis must be 0 or -1 (expressions here are scalars and 1-D arrays)`,
      arg?.start ?? site.span.start,
      site.span,
    );
  }
}

function reduction(site: CallSite, elementwise: Node, span: Span): Node {
  const arg = site.args.find((a) => a.name === 'reduction');
  const kind = arg?.text ?? 'mean';
  if (kind === 'none') return elementwise;
  if (kind === 'mean' || kind === 'sum') return reduce(kind, elementwise, span);
  throw new ExprFailure(`${site.name}: reduction must be 'mean', 'sum' or 'none'`, arg?.start ?? span.start, span);
}

/** What JavaScript's Math object has: `Math.sigmoid(u)` would throw in the user's own program. */
const JS_MATH = new Set(
  'abs acos acosh asin asinh atan atan2 atanh cbrt ceil cos cosh exp expm1 floor fround hypot log log10 log1p log2 max min pow round sign sin sinh sqrt tan tanh trunc'.split(
    ' ',
  ),
);

/** The tree for a call, or null when the name is not a function we know (the caller resolves it). */
export function buildCall(written: string, site: CallSite): Node | null {
  const span = site.span;
  if (site.name === `Math.${written}` && !JS_MATH.has(written)) {
    throw new ExprFailure(`Math.${written} is not a JavaScript function: Math has no ${written}`, span.start, span);
  }
  const base = TENSORFLOW[written] ?? written;
  if (UNARY[base]) {
    if (base === 'heaviside' || base === 'step') return call('step', required(site, 0), span);
    return call(UNARY[base], required(site, 0), span);
  }
  if (IDENTITY.has(base)) return required(site, 0);
  switch (base) {
    case 'square':
      return pow(required(site, 0), num(2), span);
    case 'where':
      return buildWhere(site);
    case 'pow':
    case 'power':
      return pow(required(site, 0), required(site, 1, 'exponent'), span);
    case 'maximum':
    case 'fmax':
      return call2('maximum', required(site, 0), required(site, 1), span);
    case 'minimum':
    case 'fmin':
      return call2('minimum', required(site, 0), required(site, 1), span);
    case 'max':
    case 'min': {
      const plain = site.args.filter((a) => a.name === null && a.node).map((a) => a.node as Node);
      if (plain.length === 1) {
        checkAxis(site, 1);
        return reduce(base, plain[0], span);
      }
      if (plain.length < 1) required(site, 0);
      const fn = base === 'max' ? 'maximum' : 'minimum';
      return plain.slice(1).reduce((acc, next) => call2(fn, acc, next, span), plain[0]);
    }
    case 'clip':
    case 'clamp': {
      const min = positional(site, 1, 'min') ?? positional(site, 1, 'a_min');
      const max = positional(site, 2, 'max') ?? positional(site, 2, 'a_max');
      const none = (n: Node | null) => (n && n.kind === 'name' && n.name === 'None' ? null : n);
      return { kind: 'clamp', arg: required(site, 0), min: none(min), max: none(max), span };
    }
    case 'mean':
    case 'average':
      checkAxis(site, 1);
      return reduce('mean', required(site, 0), span);
    case 'sum':
      checkAxis(site, 1);
      return reduce('sum', required(site, 0), span);
    case 'logsumexp':
      checkAxis(site, 1);
      return reduce('logsumexp', required(site, 0), span);
    // Over a 1-D array: log_softmax(u) = u - logsumexp(u), softmax(u) = exp(u - logsumexp(u))
    case 'log_softmax':
    case 'softmax': {
      checkAxis(site, 1);
      const u = required(site, 0);
      const logProbabilities = sub(u, reduce('logsumexp', u));
      return base === 'softmax' ? call('exp', logProbabilities, span) : { ...logProbabilities, span };
    }
    // huber(d, delta): the elementwise Huber function, as the derivative printer writes it
    case 'huber':
      return call2('huber', required(site, 0), positional(site, 1, 'delta') ?? num(1), span);
    // cosh(u) = (e^u + e^-u)/2, sinh(u) = (e^u - e^-u)/2: written out, so every stage already knows them
    case 'cosh':
    case 'sinh': {
      const u = required(site, 0);
      const other = call('exp', neg(u));
      return mul([add([call('exp', u), base === 'cosh' ? other : neg(other)]), num(0.5)], span);
    }
    // The 2-norm of a vector (or |u| of a number): sqrt(sum(u^2)). Other orders and axes are refused.
    case 'norm': {
      const order =
        site.args.find((a) => a.name === 'ord' || a.name === 'p') ?? site.args.filter((a) => a.name === null)[1];
      const axis = site.args.find((a) => a.name === 'axis' || a.name === 'dim');
      const isTwo = (a: Arg | undefined) => !a || (a.node?.kind === 'num' && a.node.value === 2) || a.text === 'None';
      if (!isTwo(order))
        throw new ExprFailure(
          `${site.name}: only the 2-norm is read (ord=2, the default)`,
          order?.start ?? span.start,
          span,
        );
      if (axis && axis.text !== 'None')
        throw new ExprFailure(`${site.name}: a norm along an axis is not read`, axis.start, span);
      return call('sqrt', reduce('sum', pow(required(site, 0), num(2)), span), span);
    }
    case 'logaddexp': {
      // logaddexp(a, b) = log(exp(a) + exp(b)); with a 0 it is softplus
      const a = required(site, 0);
      const b = required(site, 1);
      if (a.kind === 'num' && a.value === 0) return call('softplus', b, span);
      if (b.kind === 'num' && b.value === 0) return call('softplus', a, span);
      return call('log', add([call('exp', a), call('exp', b)]), span);
    }
    case 'dot':
    case 'inner':
    case 'vdot':
    case 'matmul':
      return dot(required(site, 0), required(site, 1), span, base === 'matmul' ? 'matmul' : 'dot');
    case 'len':
      return { kind: 'len', arg: required(site, 0), span };
    case 'transpose':
      return transposeCall(site);
    // torch.t(X) and X.t(); a bare t(x) is the user's own function
    case 't':
      return site.name.includes('.') ? transposeCall(site) : null;
    case 'zeros':
    case 'ones':
      return filled(site, base === 'ones' ? 1 : 0);
    case 'mse_loss':
      return reduction(site, pow(sub(required(site, 0), required(site, 1, 'target')), num(2)), span);
    case 'l1_loss':
      return reduction(site, call('abs', sub(required(site, 0), required(site, 1, 'target'))), span);
    case 'huber_loss': {
      const delta = numberArg(site, 3, 'delta', 1);
      return reduction(site, call2('huber', sub(required(site, 0), required(site, 1, 'target')), num(delta)), span);
    }
    case 'smooth_l1_loss': {
      // smooth_l1(d; beta) = huber(d; beta) / beta
      const beta = numberArg(site, 3, 'beta', 1);
      const huber = call2('huber', sub(required(site, 0), required(site, 1, 'target')), num(beta));
      return reduction(site, beta === 1 ? huber : div(huber, num(beta)), span);
    }
    // bce(p, t) = -(t*log(p) + (1 - t)*log(1 - p)), PyTorch's: each log floored at -100, its own gradient
    case 'binary_cross_entropy': {
      const weight = site.args.find((a) => a.name === 'weight') ?? site.args.filter((a) => a.name === null)[2];
      if (weight && !(weight.node?.kind === 'name' && weight.node.name === 'None'))
        throw new ExprFailure(`${site.name}: a weight is not read (only the input and the target)`, weight.start, span);
      return reduction(site, call2('bce', required(site, 0), required(site, 1, 'target')), span);
    }
    case 'binary_cross_entropy_with_logits': {
      // BCE(sigmoid(z), t) = softplus(z) - t*z, the stable form torch uses
      const z = required(site, 0);
      const t = required(site, 1, 'target');
      return reduction(site, sub(call('softplus', z), mul([t, z])), span);
    }
    case 'cross_entropy': {
      // CE(z, k) = logsumexp(z) - z[k] for a class index; for class probabilities t: -sum(t*(z - logsumexp(z)))
      const z = required(site, 0);
      const target = required(site, 1, 'target');
      if (target.kind === 'num') {
        return sub(reduce('logsumexp', z), { kind: 'index', arg: z, index: target.value }, span);
      }
      // A name's value decides the meaning (a number is a class index, an array class probabilities), and
      // reading one as the other gives a wrong number: only what is written out is read.
      if (target.kind !== 'array') {
        const arg = site.args[1];
        throw new ExprFailure(
          `${site.name}: write the target out, a class index as a number (${site.name}(z, 2)) or class probabilities as an array ([0.1, 0.9]); a name is not read, since its value decides which it is`,
          arg?.start ?? span.start,
          span,
        );
      }
      return neg(reduce('sum', mul([target, sub(z, reduce('logsumexp', z))])), span);
    }
    case 'nll_loss':
      return nllLoss(site);
    case 'add':
      return add([required(site, 0), required(site, 1)], span);
    case 'sub':
      return sub(required(site, 0), required(site, 1), span);
    case 'mul':
      return mul([required(site, 0), required(site, 1)], span);
    case 'div':
      return div(required(site, 0), required(site, 1), span);
    case 'neg':
      return neg(required(site, 0), span);
    case 'squared_difference':
      return pow(sub(required(site, 0), required(site, 1)), num(2), span);
    // tf.losses.meanSquaredError(labels, predictions): the mean of (predictions - labels)**2
    case 'mean_squared_error':
      return reduce('mean', pow(sub(required(site, 1), required(site, 0)), num(2)), span);
    case 'absolute_difference':
      return reduce('mean', call('abs', sub(required(site, 1), required(site, 0))), span);
    case 'hinge':
      return reduce('mean', call2('maximum', num(0), sub(num(1), required(site, 0))), span);
    default:
      return null;
  }
}

/**
 * np.transpose(X), X.transpose(), torch.t(X): the transpose of a matrix. Axes may be given only as the
 * two of a matrix (X.transpose(1, 0), torch.transpose(X, 0, 1)): expressions here have at most two.
 */
function transposeCall(site: CallSite): Node {
  const arg = required(site, 0);
  const dims = site.args.filter((a) => a.name === null).slice(1);
  const axis = (a: Arg) =>
    a.node?.kind === 'num'
      ? a.node.value
      : a.node?.kind === 'neg' && a.node.arg.kind === 'num'
        ? -a.node.arg.value
        : NaN;
  const swapped = dims
    .map(axis)
    .map((d) => (d < 0 ? d + 2 : d))
    .sort()
    .join(',');
  if (dims.length && swapped !== '0,1') {
    throw new ExprFailure(
      `${site.name}: only the two axes of a matrix can be swapped (0 and 1)`,
      dims[0].start,
      site.span,
    );
  }
  return transpose(arg, site.span);
}

/** np.zeros(3), np.ones(3): an array literal of that many equal numbers (a parameter's starting value). */
/**
 * F.nll_loss(logp, k) = -logp[k]: the negative log-likelihood of class k under log-probabilities logp (one
 * sample, so every reduction gives the same number). A batch (2-D logp, a vector of classes) is not read.
 */
function nllLoss(site: CallSite): Node {
  const logp = required(site, 0);
  const target = required(site, 1, 'target');
  const extra = site.args.find((a) => a.name !== null && a.name !== 'target' && a.name !== 'reduction');
  if (extra) throw new ExprFailure(`${site.name}: ${extra.name}= is not supported`, extra.start, site.span);
  if (target.kind !== 'num' || !Number.isInteger(target.value) || target.value < 0)
    throw new ExprFailure(
      `${site.name}: the target must be one class index written as a whole number, such as 2 (a batch of targets needs 2-D log-probabilities, which are not read)`,
      target.span?.start ?? site.span.start,
      site.span,
    );
  reduction(site, logp, site.span); // only to check the reduction's name
  return neg({ kind: 'index', arg: logp, index: target.value }, site.span);
}

/** np.ones(3), np.zeros((2, 3)): a vector, or a matrix of rows, of one number (shape (3,) is 3). */
function filled(site: CallSite, value: number): Node {
  const shape = required(site, 0, 'shape');
  const dims = shape.kind === 'array' ? shape.items : [shape];
  const sizes = dims.map((d) => (d.kind === 'num' && Number.isInteger(d.value) ? d.value : NaN));
  if (dims.length > 2 || !sizes.every((n) => n >= 1 && n <= 10_000) || sizes.reduce((a, b) => a * b, 1) > 10_000) {
    throw new ExprFailure(
      `${site.name}: the shape must be one or two whole numbers, (3) or (2, 3), at most 10000 values`,
      shape.span?.start ?? site.span.start,
      site.span,
    );
  }
  const row = (): Node => ({ kind: 'array', items: Array.from({ length: sizes[sizes.length - 1] }, () => num(value)) });
  if (sizes.length === 1) return { ...row(), span: site.span };
  return { kind: 'array', items: Array.from({ length: sizes[0] }, row), span: site.span };
}

/** Methods on an expression: x.mean(), d.pow(2), z.clamp(min=0), x.length. */
export function buildMethod(method: string, object: Node, site: CallSite): Node | null {
  const withSelf: CallSite = {
    ...site,
    args: [{ name: null, node: object, text: null, start: site.span.start }, ...site.args],
  };
  if (method === 'size' && site.args.length <= 1) return { kind: 'len', arg: object, span: site.span };
  if (method === 'slice' && site.args.length <= 2) return jsSlice(object, site);
  return buildCall(method, withSelf);
}

/** JS's arr.slice(start, end): NumPy's arr[start:end], the same bounds (negative from the end, clamped). */
function jsSlice(object: Node, site: CallSite): Node {
  const [start, stop] = site.args.map((arg) => {
    const n = arg.node;
    const value = n?.kind === 'num' ? n.value : n?.kind === 'neg' && n.arg.kind === 'num' ? -n.arg.value : NaN;
    if (arg.name !== null || !Number.isInteger(value))
      throw new ExprFailure('.slice() takes whole numbers, such as .slice(1) or .slice(0, -1)', arg.start);
    return value;
  });
  return { kind: 'slice', arg: object, start: start ?? null, stop: stop ?? null, span: site.span };
}
