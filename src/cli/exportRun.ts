// The run `train` is about to make, resolved for --export-pytorch: the data (embedded, or the CSV file read
// again when it is large), the model as torch code, the parameters' first values, the loss, the optimizer,
// the batches and the printing. What torch cannot reproduce is refused here, in words, before training.
import { resolve } from 'node:path';
import { compileExpression } from '../expr';
import type { Dataset, TrainingSessionApi } from '../train';
import { caretExcerpt, UsageError, type TrainRequest } from './args';
import type { PytorchParameter, PytorchRun } from './exportPytorch';

type TrainRun = Extract<TrainRequest, { kind: 'train' }>;

/** Data with more values than this are read from their CSV file by the script instead of written into it. */
export const MAX_EMBEDDED_VALUES = 100_000;

/** A model or loss expression as torch code, or a UsageError pointing at what has no torch spelling. */
function torchOf(flag: 'model' | 'loss', text: string): string {
  const compiled = compileExpression(text);
  const outcome = compiled.ok ? compiled.value.torchSource() : compiled;
  if (outcome.ok) return outcome.value;
  const { message, line = 1, column } = outcome.error;
  throw new UsageError(
    `--export-pytorch: the --${flag} expression cannot be written for PyTorch: ${message} (column ${column})`,
    caretExcerpt(text, line, column),
  );
}

function parametersOf(session: TrainingSessionApi): PytorchParameter[] {
  const params = session.params;
  if (params.named)
    return Object.entries(params.named).map(([name, p]) => ({ name, shape: p.shape, values: p.values }));
  return [
    { name: 'w', shape: [params.w.length], values: params.w },
    ...(params.b === null ? [] : [{ name: 'b', shape: [], values: [params.b] }]),
  ];
}

function dataOf(request: TrainRun, data: Dataset, cwd: string): PytorchRun['data'] {
  const { n, d } = data;
  if (request.data.kind === 'csv' && n * (d + 1) > MAX_EMBEDDED_VALUES)
    return { kind: 'csv', n, d, path: resolve(cwd, request.data.path), target: request.data.target };
  return { kind: 'embedded', n, d, x: data.x, y: data.y };
}

/** The session before its first step: its parameters are the start the script must begin from. */
export function pytorchRun(request: TrainRun, session: TrainingSessionApi, command: string, cwd: string): PytorchRun {
  const config = session.config;
  if (config.gradient?.kind === 'expression')
    throw new UsageError(
      '--export-pytorch: a hand-written --gradient replaces autograd, and the script trains with torch autograd; leave out --gradient to export',
    );
  const named = session.params.named !== undefined;
  return {
    command,
    dtype: config.dtype,
    data: dataOf(request, config.data, cwd),
    model: config.modelExpr === undefined ? null : torchOf('model', config.modelExpr),
    // A model of x, w and b alone sees x as a vector when there is one feature (expressions.ts featureBinding).
    xAs: !named && config.modelExpr !== undefined && config.data.d === 1 ? 'vector' : 'matrix',
    parameters: parametersOf(session),
    display: named ? 'named' : 'linear',
    loss:
      config.lossExpr === undefined
        ? { kind: config.loss, reduction: config.reduction, huberDelta: config.huberDelta ?? 1 }
        : { kind: 'expression', torch: torchOf('loss', config.lossExpr) },
    optimizer: config.optimizer,
    batchSize: config.batchSize,
    shuffle: config.shuffle !== false,
    seed: config.seed,
    epochs: config.epochs,
    every: request.every,
    modelLine: request.preset ? `model: ${config.modelExpr} (${request.presetText})` : null,
    predict: request.predict ? { text: request.predict.map(String).join(', '), values: request.predict } : null,
  };
}
