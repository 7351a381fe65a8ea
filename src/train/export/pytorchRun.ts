// A training run before its first step, resolved into a PytorchRun: the data, the model and loss as torch
// code (src/expr's torchSource()), the parameters' first values, the optimizer, the batches. The CLI and the
// trainer panel's worker both build their scripts through here; what torch cannot reproduce comes back as
// a refusal for each of them to put in its own words, and no script is written.
import { failure, ok, type Result, type UserError } from '../../common/result';
import { compileExpression, type ExprError } from '../../expr';
import { accuracyRuleOf } from '../expressions';
import type { LossKind, Params, TrainConfig } from '../types';
import type { PytorchParameter, PytorchRun } from './pytorchScript';

/** Data with more values than this are not written into a script (the CLI reads a large CSV from its file). */
export const MAX_EMBEDDED_VALUES = 100_000;

/** Why a run has no faithful PyTorch script: the message in general words, the kind for a face's own. */
export type PytorchRefusal = UserError &
  (
    | /** A hand-written dL/dw replaces autograd; the script trains with torch autograd, so its steps would differ. */
      { kind: 'hand-written gradient' }
      /** The model or loss expression uses something torch has no spelling for (at `error.column`). */
    | { kind: 'no torch spelling'; part: 'model' | 'loss'; text: string; error: ExprError }
  );

/** What the caller decides: who exports, how it prints, and where the data come from. */
export type PytorchRunOptions = Pick<
  PytorchRun,
  'exporter' | 'notes' | 'every' | 'modelLine' | 'predict' | 'finalLoss'
> & {
  /** Default: the config's data, written into the script. */
  data?: PytorchRun['data'];
};

/** A model or loss expression as torch code. */
function torchOf(part: 'model' | 'loss', text: string): Result<string, PytorchRefusal> {
  const compiled = compileExpression(text);
  const outcome = compiled.ok ? compiled.value.torchSource() : compiled;
  if (outcome.ok) return outcome;
  const { error } = outcome;
  return failure({
    kind: 'no torch spelling',
    part,
    text,
    error,
    message: `the ${part} expression cannot be written for PyTorch: ${error.message}`,
  });
}

/** The built-in loss whose accuracy a loss expression reports in `train` (expressions.ts), so the script reports it too. */
function expressionAccuracy(text: string, labels: ArrayLike<number>): LossKind | null {
  const compiled = compileExpression(text);
  return compiled.ok ? accuracyRuleOf(compiled.value, labels) : null;
}

/** The parameters in the order the model takes them: a model's own by name, else the linear model's w and b. */
function parametersOf(params: Params): PytorchParameter[] {
  if (params.named)
    return Object.entries(params.named).map(([name, p]) => ({ name, shape: p.shape, values: p.values }));
  return [
    { name: 'w', shape: [params.w.length], values: params.w },
    ...(params.b === null ? [] : [{ name: 'b', shape: [], values: [params.b] }]),
  ];
}

/** The run of `config` from the parameters `start` (a session's before its first step). */
export function pytorchRun(
  config: TrainConfig,
  start: Params,
  options: PytorchRunOptions,
): Result<PytorchRun, PytorchRefusal> {
  if (config.gradient?.kind === 'expression')
    return failure({
      kind: 'hand-written gradient',
      message: 'a hand-written gradient replaces autograd, and the script trains with torch autograd',
    });
  const model = config.modelExpr === undefined ? ok(null) : torchOf('model', config.modelExpr);
  if (!model.ok) return model;
  const lossTorch = config.lossExpr === undefined ? null : torchOf('loss', config.lossExpr);
  if (lossTorch && !lossTorch.ok) return lossTorch;
  const named = start.named !== undefined;
  const { n, d, x, y } = config.data;
  const { data = { kind: 'embedded', n, d, x, y }, ...printing } = options;
  return ok({
    ...printing,
    dtype: config.dtype,
    data,
    model: model.value,
    // A model of x, w and b alone sees x as a vector when there is one feature (expressions.ts featureBinding).
    xAs: !named && config.modelExpr !== undefined && d === 1 ? 'vector' : 'matrix',
    parameters: parametersOf(start),
    display: named ? 'named' : 'linear',
    loss: lossTorch
      ? { kind: 'expression', torch: lossTorch.value, accuracy: expressionAccuracy(config.lossExpr as string, y) }
      : { kind: config.loss, reduction: config.reduction, huberDelta: config.huberDelta ?? 1 },
    optimizer: config.optimizer,
    batchSize: config.batchSize,
    shuffle: config.shuffle !== false,
    seed: config.seed,
    epochs: config.epochs,
  });
}
