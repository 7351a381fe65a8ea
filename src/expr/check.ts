// checkGradient(): compares a hand-written gradient with autograd's at the file's (or given) values and
// explains the difference the way a TA would: a constant ratio (sum vs mean, a lost factor of 2), a flipped
// sign, or simply different numbers.
import type { CheckOptions, GradientVerdict, Outcome, Value } from './api';
import { children, freeNames, type Node } from './ast';
import { derive } from './derive';
import { attempt, ExprFailure } from './errors';
import { evaluate } from './evaluate';
import { prepare } from './prepare';
import { formatNumber, printSource } from './print/source';
import { autogradGradient, close } from './values';

const fmt = (v: Value): string => (Array.isArray(v) ? `[${v.map((x) => fmt(x)).join(', ')}]` : formatNumber(Number(v.toPrecision(6))));

/** Values for names the caller did not give: fixed sample data of 4 samples, parameters 0.5. */
function sampleValue(name: string, parameters: string[]): Value {
  return parameters.includes(name) ? 0.5 : [0.5, -1.25, 2, 0.75];
}

/** user / autograd when it is the same number everywhere (and autograd is not zero everywhere). */
function constantRatio(user: Value, autograd: Value): number | null {
  const u = Array.isArray(user) ? user : [user];
  const a = Array.isArray(autograd) ? autograd : [autograd];
  if (u.length !== a.length) return null;
  const ratios = a.map((x, i) => (x === 0 ? (u[i] === 0 ? null : NaN) : u[i] / x)).filter((r): r is number => r !== null);
  if (!ratios.length || ratios.some((r) => !Number.isFinite(r))) return null;
  return ratios.every((r) => Math.abs(r - ratios[0]) <= 1e-6 * Math.abs(ratios[0])) ? ratios[0] : null;
}

/** The gradient's `.mean()` of something already summed (np.dot, sum): a no-op the user may not see. */
function meanOfScalar(node: Node, print: (n: Node) => string): string | null {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.kind === 'reduce' && n.op === 'mean' && (n.arg.kind === 'dot' || n.arg.kind === 'reduce')) return print(n.arg);
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
    if (noOpMean) parts.push(`${noOpMean} already sums over the samples, so the .mean() after it averages a single number and changes nothing. Divide by the number of samples instead.`);
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

export function checkGradient(lossText: string, gradientText: string, options: CheckOptions = {}): Outcome<GradientVerdict> {
  const loss = attempt(lossText, () => prepare(lossText, options));
  if (!loss.ok) return { ok: false, error: { ...loss.error, message: `in the loss: ${loss.error.message}` } };
  return attempt(gradientText, () => {
    const parameter = options.wrt?.[0] ?? loss.value.parameters[0];
    if (!options.wrt?.length && loss.value.parameters.length > 1) {
      throw new ExprFailure(`the loss has parameters ${loss.value.parameters.join(', ')}: say which one this gradient is for (wrt)`, 0);
    }
    if (!parameter) throw new ExprFailure('the loss has no parameter to differentiate', 0);
    const gradient = prepare(gradientText, { ...options, wrt: [parameter] });
    const names = [...new Set([...freeNames(loss.value.tree), ...freeNames(gradient.tree), parameter])];
    const given = { ...loss.value.values, ...gradient.values };
    const sampled = names.filter((n) => given[n] === undefined);
    const at: Record<string, Value> = {};
    for (const n of names) at[n] = given[n] ?? sampleValue(n, [parameter]);

    const autogradAt = (values: Record<string, Value>) => {
      const g = autogradGradient(loss.value.tree, values, [parameter]);
      if (!g) throw new ExprFailure('the loss is not a single number: reduce it with mean() or sum() first', 0);
      return g[parameter];
    };
    const autograd = autogradAt(at);
    const user = evaluate(gradient.tree, at);
    const where = `at ${parameter} = ${fmt(at[parameter])}${sampled.length ? ` (sample values for ${sampled.join(', ')})` : ''}`;
    if (close(user, autograd, 1e-6)) {
      return { kind: 'match', message: `Your gradient matches autograd: ${fmt(autograd)} ${where}.`, user, autograd };
    }
    // A constant ratio must hold at a second point too, or it is a coincidence.
    const shifted = { ...at, [parameter]: Array.isArray(at[parameter]) ? (at[parameter] as number[]).map((v) => v + 0.75) : (at[parameter] as number) + 0.75 };
    const ratio = constantRatio(user, autograd);
    const confirmed = ratio !== null && constantRatio(evaluate(gradient.tree, shifted), autogradAt(shifted)) !== null
      && Math.abs((constantRatio(evaluate(gradient.tree, shifted), autogradAt(shifted)) as number) - ratio) <= 1e-6 * Math.abs(ratio);
    const values = `${fmt(user)} vs ${fmt(autograd)} ${where}`;
    const derived = derive(lossText, { ...options, wrt: [parameter] });
    const hint = derived.ok ? ` The derivative of the loss is ${derived.value.derivatives[parameter].source}.` : '';
    if (confirmed && ratio !== null && Math.abs(ratio + 1) <= 1e-6) {
      return { kind: 'sign', message: `Your gradient has the wrong sign: ${values}. Gradient descent subtracts the gradient, so with this sign it climbs the loss.${hint}`, user, autograd };
    }
    if (confirmed && ratio !== null) {
      const samples = Math.max(1, ...Object.entries(at).filter(([n]) => n !== parameter).map(([, v]) => (Array.isArray(v) ? v.length : 1)));
      const shown = formatNumber(Number(ratio.toPrecision(6)));
      const asWritten = (n: Node) => (n.span ? gradientText.slice(n.span.start, n.span.end) : printSource(n, gradient.dialect));
      const why = explainRatio(ratio, samples, meanOfScalar(gradient.parsed, asWritten) ?? meanOfScalar(gradient.tree, asWritten));
      return { kind: 'ratio', ratio, message: `Your gradient is exactly ${shown}x autograd's: ${values}.${why ? ` ${why}` : ''}${hint}`, user, autograd };
    }
    return { kind: 'wrong', message: `Your gradient differs from autograd's: yours gives ${fmt(user)}, autograd gives ${fmt(autograd)} ${where}.${hint}`, user, autograd };
  });
}
