// Gradient check: the engine's gradients against central finite differences, both in float64.
// A non-scalar output is reduced to the scalar sum(out * W) with fixed, uneven weights W, so every output
// element is checked and errors cannot cancel by symmetry.
import { tensor } from './create';
import { AutogradError } from './errors';
import { noGrad } from './nograd';
import { beforeWrite } from './fusion';
import type { Tensor } from './tensor';

interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
}
interface GradcheckFailure {
  input: number;
  index: number;
  analytical: number;
  numerical: number;
}
interface GradcheckResult {
  ok: boolean;
  maxAbsError: number;
  maxRelError: number;
  failures: GradcheckFailure[];
}

export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  opts: GradcheckOptions = {},
): GradcheckResult {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3 } = opts;
  const checked = inputs.some((t) => t.requiresGrad) ? inputs.map((t) => t.requiresGrad) : inputs.map(() => true);
  const x = inputs.map((t, i) =>
    tensor(Float64Array.from(t.data), { shape: t.shape, dtype: 'float64', requiresGrad: checked[i] }),
  );

  const out = fn(...x);
  if (out.dtype !== 'float64') throw new AutogradError('gradcheck: the function must keep float64 inputs in float64');
  const weights = tensor(
    Float64Array.from({ length: out.size }, (_, i) => 1 + 0.5 * Math.sin(i + 1)),
    { shape: out.shape, dtype: 'float64' },
  );
  const weightedSum = (o: Tensor) => {
    let s = 0;
    for (let i = 0; i < o.size; i++) s += o.data[i] * weights.data[i];
    return s;
  };
  if (out.requiresGrad) out.backward(weights);

  const result: GradcheckResult = { ok: true, maxAbsError: 0, maxRelError: 0, failures: [] };
  x.forEach((input, k) => {
    if (!checked[k]) return;
    for (let i = 0; i < input.size; i++) {
      beforeWrite(input.data);
      const saved = input.data[i];
      input.data[i] = saved + eps;
      const plus = noGrad(() => weightedSum(fn(...x)));
      input.data[i] = saved - eps;
      const minus = noGrad(() => weightedSum(fn(...x)));
      input.data[i] = saved;
      const numerical = (plus - minus) / (2 * eps);
      const analytical = input.grad?.data[i] ?? 0;
      const absError = Math.abs(analytical - numerical);
      const relError = absError / Math.max(Math.abs(numerical), Number.MIN_VALUE);
      result.maxAbsError = Math.max(result.maxAbsError, absError);
      if (absError > 0) result.maxRelError = Math.max(result.maxRelError, relError);
      if (!(absError <= atol + rtol * Math.abs(numerical))) {
        result.ok = false;
        result.failures.push({ input: k, index: i, analytical, numerical });
      }
    }
  });
  return result;
}
