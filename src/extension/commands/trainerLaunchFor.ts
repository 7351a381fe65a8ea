// What "Train with this loss" hands the trainer: the loss as written, the model it inlined (y_pred =
// forward(x) with `return w * x` gives `w * x`), and the file's data when it binds x and y to arrays.
import type { DeriveResult, Substitution } from '../../expr';
import type { TrainerLaunch } from '../../protocol/trainerLaunch';
import { boundData } from '../trainer/boundArrays';

function words(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_]\w*/g) ?? []);
}

/** A call `forward(x)` replaced by the body of a one-return function the file defines. */
function inlineCall(text: string, functions: Substitution[]): string {
  const call = /^\s*([A-Za-z_]\w*)\s*\(.*\)\s*$/s.exec(text);
  const body = call && functions.find((f) => f.name === call[1]);
  return body ? body.text.trim() : text.trim();
}

/** The model the loss compares with the data: the inlined definition of the prediction it uses. */
export function modelExpression(lossText: string, result: DeriveResult): string | undefined {
  const used = words(lossText);
  const functions = result.substitutions.filter((s) => s.kind === 'function');
  for (const s of result.substitutions) {
    if (s.kind !== 'assignment' || !used.has(s.name)) continue;
    const model = inlineCall(s.text, functions);
    const mentioned = words(model);
    if (result.parameters.some((p) => mentioned.has(p))) return model;
  }
  return undefined;
}

/** The data the file binds (boundArrays.ts), one row per sample; undefined when it binds none that fits. */
export function fileData(result: DeriveResult): TrainerLaunch['data'] {
  if (!result.values) return undefined;
  const found = boundData({ values: result.values.at, matrices: result.values.matrices ?? {} }, 'the file');
  return found.ok ? found.value : undefined;
}

export function trainerLaunchFor(lossText: string, result: DeriveResult | undefined, source: string): TrainerLaunch {
  const launch: TrainerLaunch = { lossExpr: lossText.trim(), source };
  if (!result) return launch;
  const model = modelExpression(lossText, result);
  if (model) launch.modelExpr = model;
  const data = fileData(result);
  if (data) launch.data = data;
  return launch;
}
