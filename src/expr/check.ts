// checkGradient(): compares a hand-written gradient with autograd's at the file's (or given) values and
// explains the difference the way a TA would: a constant ratio (sum vs mean, a lost factor of 2), a flipped
// sign, or simply different numbers.
import type { Result } from '../common/result';
import type { CheckOptions, GradientVerdict, ExprError, Numeric } from './types';
import { children, freeNames, type Node } from './tree/ast';
import { derive } from './derive';
import { attempt, ExprFailure } from './tree/errors';
import { prepare } from './prepare';
import { formatNumber, printSource } from './print/source';
import type { Matrix } from './evaluate/matrixValues';
import { elementwiseNote } from './calculus/matrixGradient';
import { vectorParameters } from './shapes/arrayShapes';
import { autogradGradient, close, valueWithMatrices } from './gradientValues';

const fmt = (v: Numeric): string =>
  Array.isArray(v) ? `[${v.map((x) => fmt(x)).join(', ')}]` : formatNumber(Number(v.toPrecision(6)));

const SAMPLE_DATA = [0.5, -1.25, 2, 0.75];
/** Values for names the caller did not give: fixed sample data of 4 samples, parameters 0.5 (a vector one [0.5, -0.25]). */
function sampleValue(name: string, parameters: string[], vector: boolean): Numeric {
  return parameters.includes(name) ? (vector ? [0.5, -0.25] : 0.5) : SAMPLE_DATA;
}

/** A sample matrix of 4 rows (one per sample) and one column per element of the parameter. */
function sampleMatrix(columns: number): Matrix {
  return SAMPLE_DATA.map((v, i) => Array.from({ length: columns }, (_, j) => v * (j + 1) + (i - j) * 0.25));
}

/** Both all zero: agreement that says nothing about the ratio. */
const ZERO = 'zero' as const;

/** user / autograd when it is the same number everywhere (and autograd is not zero everywhere). */
function constantRatio(user: Numeric, autograd: Numeric): number | typeof ZERO | null {
  const u = Array.isArray(user) ? user : [user];
  const a = Array.isArray(autograd) ? autograd : [autograd];
  if (u.length !== a.length) return null;
  const ratios = a
    .map((x, i) => (x === 0 ? (u[i] === 0 ? null : NaN) : u[i] / x))
    .filter((r): r is number => r !== null);
  if (!ratios.length) return ZERO;
  if (ratios.some((r) => !Number.isFinite(r))) return null;
  return ratios.every((r) => Math.abs(r - ratios[0]) <= 1e-6 * Math.abs(ratios[0])) ? ratios[0] : null;
}

/** The ratio both points agree on (a point where both are 0 agrees with any); null when none. */
function commonRatio(ratios: (number | typeof ZERO | null)[]): number | null {
  if (ratios.some((r) => r === null)) return null;
  const numbers = ratios.filter((r): r is number => typeof r === 'number');
  if (!numbers.length) return null;
  return numbers.every((r) => Math.abs(r - numbers[0]) <= 1e-6 * Math.abs(numbers[0])) ? numbers[0] : null;
}

const shift = (v: Numeric): Numeric => (Array.isArray(v) ? v.map((x) => x + 0.75) : v + 0.75);

/** The first name in the tree that `unbound` accepts, with its span, in source order. */
function firstUnboundName(root: Node, unbound: (name: string) => boolean): Extract<Node, { kind: 'name' }> | null {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.kind === 'name' && unbound(n.name)) return n;
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return null;
}

/** The gradient's `.mean()` of something already summed (np.dot, sum): a no-op the user may not see. */
function meanOfScalar(node: Node, print: (n: Node) => string): string | null {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.kind === 'reduce' && n.op === 'mean' && (n.arg.kind === 'dot' || n.arg.kind === 'reduce'))
      return print(n.arg);
    stack.push(...children(n));
  }
  return null;
}

function explainRatio(ratio: number, samples: number, noOpMean: string | null): string {
  const r = Math.abs(ratio);
  const near = (x: number) => Math.abs(r - x) <= 1e-6 * x;
  const parts: string[] = [];
  if (samples > 1 && near(samples)) {
    parts.push(`The data has ${samples} samples: did you sum where the loss takes the mean?`);
    if (noOpMean)
      parts.push(
        `${noOpMean} already sums over the samples, so the .mean() after it averages a single number and changes nothing. Divide by the number of samples instead.`,
      );
  } else if (samples > 1 && near(1 / samples)) {
    parts.push(`The data has ${samples} samples: did you take the mean where the loss sums?`);
  } else if (near(2)) {
    parts.push('An extra factor of 2: check the power rule (d/dw u**2 = 2*u*du, once).');
  } else if (near(0.5)) {
    parts.push('A missing factor of 2: the power rule gives d/dw u**2 = 2*u*du.');
  }
  if (ratio < 0) parts.push('The sign is flipped too: the gradient points uphill, so gradient descent subtracts it.');
  return parts.join(' ');
}

export function checkGradient(
  lossText: string,
  gradientText: string,
  options: CheckOptions = {},
): Result<GradientVerdict, ExprError> {
  const loss = attempt(lossText, () => prepare(lossText, options));
  if (!loss.ok) return { ok: false, error: { ...loss.error, message: `in the loss: ${loss.error.message}` } };
  return attempt(gradientText, () => {
    const parameter = options.wrt?.[0] ?? loss.value.parameters[0];
    if (!options.wrt?.length && loss.value.parameters.length > 1) {
      throw new ExprFailure(
        `the loss has parameters ${loss.value.parameters.join(', ')}: say which one this gradient is for (wrt)`,
        0,
      );
    }
    if (!parameter) throw new ExprFailure('the loss has no parameter to differentiate', 0);
    if (loss.value.matrices[parameter] || loss.value.matrixNames.has(parameter)) {
      throw new ExprFailure(`${parameter} is a matrix: a gradient with respect to a matrix cannot be checked yet`, 0);
    }
    const gradient = prepare(gradientText, { ...options, wrt: [parameter], requireWrt: false });
    const lossNames = new Set([...freeNames(loss.value.tree), parameter]);
    const given = { ...loss.value.values, ...gradient.values };
    const matrices: Record<string, Matrix> = { ...loss.value.matrices, ...gradient.matrices };
    const stray = firstUnboundName(gradient.tree, (n) => !lossNames.has(n) && given[n] === undefined && !matrices[n]);
    if (stray) {
      throw new ExprFailure(
        `${stray.name} does not appear in the loss and has no value: give it with --at, or write the gradient in the loss's names`,
        stray.span?.start ?? 0,
        stray.span,
      );
    }
    const names = [...new Set([...lossNames, ...freeNames(gradient.tree)])];
    const sampled = names.filter((n) => given[n] === undefined && !matrices[n]);
    const vector = vectorParameters(loss.value.tree, [parameter], given).has(parameter);
    const first: Record<string, Numeric> = {};
    for (const n of names)
      if (!matrices[n] && !loss.value.matrixNames.has(n)) first[n] = given[n] ?? sampleValue(n, [parameter], vector);
    const columns = Array.isArray(first[parameter]) ? first[parameter].length : 1;
    for (const n of loss.value.matrixNames) if (!matrices[n] && names.includes(n)) matrices[n] = sampleMatrix(columns); // already in `sampled`

    const autogradAt = (values: Record<string, Numeric>) => {
      const g = autogradGradient(loss.value.tree, values, [parameter], matrices);
      if (!g) throw new ExprFailure('the loss is not a single number: reduce it with mean() or sum() first', 0);
      return g[parameter] as Numeric; // a matrix parameter was refused above: its gradient is 0-D or 1-D
    };
    // Two points: agreeing at one could be luck (both 0 at a minimum), and so could a constant ratio.
    const second = { ...first, [parameter]: shift(first[parameter]) };
    const points = [first, second].map((at) => ({
      at,
      user: valueWithMatrices(gradient.tree, at, matrices),
      autograd: autogradAt(at),
    }));
    const whereAt = (at: Record<string, Numeric>) =>
      `at ${parameter} = ${fmt(at[parameter])}${sampled.length ? ` (sample values for ${sampled.join(', ')})` : ''}`;
    if (points.every((p) => close(p.user, p.autograd, 1e-6))) {
      const { user, autograd } = points[0];
      return {
        kind: 'match',
        message: `Your gradient matches autograd: ${fmt(autograd)} ${whereAt(first)}.`,
        user,
        autograd,
      };
    }
    // report the first point where they differ; say so when they agreed at the given one
    const differing = close(points[0].user, points[0].autograd, 1e-6) ? 1 : 0;
    const { at, user, autograd } = points[differing];
    const where = `${whereAt(at)}${differing ? ` (they agree at ${parameter} = ${fmt(first[parameter])}, where both are ${fmt(points[0].autograd)})` : ''}`;
    const ratio = commonRatio(points.map((p) => constantRatio(p.user, p.autograd)));
    const values = `${fmt(user)} vs ${fmt(autograd)} ${where}`;
    const derived = derive(lossText, { ...options, wrt: [parameter] });
    const symbolic = derived.ok ? derived.value.derivatives[parameter] : undefined;
    const elementwise = derived.ok && derived.value.warnings.includes(elementwiseNote(parameter));
    const hint = symbolic?.source
      ? ` The derivative of the loss is ${symbolic.source}${elementwise ? ', element by element' : ''}.`
      : '';
    if (ratio !== null && Math.abs(ratio + 1) <= 1e-6) {
      return {
        kind: 'sign',
        message: `Your gradient has the wrong sign: ${values}. Gradient descent subtracts the gradient, so with this sign it climbs the loss.${hint}`,
        user,
        autograd,
      };
    }
    if (ratio !== null) {
      const rows = Object.values(matrices).map((m) => m.length); // one row per sample
      const samples = Math.max(
        1,
        ...rows,
        ...Object.entries(at)
          .filter(([n]) => n !== parameter)
          .map(([, v]) => (Array.isArray(v) ? v.length : 1)),
      );
      const shown = formatNumber(Number(ratio.toPrecision(6)));
      const asWritten = (n: Node) =>
        n.span ? gradientText.slice(n.span.start, n.span.end) : printSource(n, gradient.dialect);
      const why = explainRatio(
        ratio,
        samples,
        meanOfScalar(gradient.parsed, asWritten) ?? meanOfScalar(gradient.tree, asWritten),
      );
      return {
        kind: 'ratio',
        ratio,
        message: `Your gradient is exactly ${shown}x autograd's: ${values}.${why ? ` ${why}` : ''}${hint}`,
        user,
        autograd,
      };
    }
    const shapes = !Array.isArray(autograd)
      ? ''
      : !Array.isArray(user)
        ? ` ${parameter} is a vector, so its gradient has one value per element (${autograd.length}); yours is a single number.`
        : user.length !== autograd.length
          ? ` ${parameter} has ${autograd.length} elements, so its gradient has ${autograd.length} values; yours has ${user.length}.`
          : '';
    return {
      kind: 'wrong',
      message: `Your gradient differs from autograd's: yours gives ${fmt(user)}, autograd gives ${fmt(autograd)} ${where}.${shapes}${hint}`,
      user,
      autograd,
    };
  });
}
