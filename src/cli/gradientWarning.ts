// Training with --gradient: the same check as `autograd-lab check`, at the initial parameters, so a
// hand-written gradient that is 4x (or the opposite of) autograd's is pointed out, not silently trained with.
import { checkGradient, type Numeric } from '../expr';
import type { Params, TrainConfig } from '../train';

/** The built-in losses as expressions over y_pred and y (Huber has no one-line form here). */
const lossTexts: Record<'mse' | 'mae', Record<TrainConfig['reduction'], string>> = {
  mse: { mean: '((y_pred-y)**2).mean()', sum: '((y_pred-y)**2).sum()' },
  mae: { mean: 'abs(y_pred-y).mean()', sum: 'abs(y_pred-y).sum()' },
};

/** The warning to print, or null when the gradient matches autograd's or cannot be checked (several features, Huber, a classification loss). */
export function handGradientWarning(config: TrainConfig, initial: Params): string | null {
  if (config.gradient?.kind !== 'expression' || config.data.d !== 1) return null;
  const builtIn = config.loss === 'mse' || config.loss === 'mae' ? lossTexts[config.loss][config.reduction] : null;
  const lossText = config.lossExpr ?? builtIn;
  if (lossText === null) return null;
  const model = config.modelExpr ?? (config.bias ? 'w*x + b' : 'w*x');
  const at: Record<string, Numeric> = { w: initial.w[0], x: Array.from(config.data.x), y: Array.from(config.data.y) };
  if (initial.b !== null) at.b = initial.b;
  const verdict = checkGradient(lossText, config.gradient.text, {
    context: { text: `y_pred = ${model}\n`, languageId: 'python' },
    wrt: ['w'],
    at,
  });
  if (!verdict.ok || verdict.value.kind === 'match') return null;
  return `warning: the --gradient expression is not the loss's gradient. ${verdict.value.message}`;
}
