// The run `train` is about to make, resolved for --export-pytorch through src/train/export: the data
// (embedded, or the CSV file read again when it is large), the first values, the printing as `train` does
// it. What torch cannot reproduce is refused here, in the flags' words, before training.
import { resolve } from 'node:path';
import {
  MAX_EMBEDDED_VALUES,
  pytorchRun as resolveRun,
  type Dataset,
  type PytorchRun,
  type TrainingSessionApi,
} from '../train';
import { caretExcerpt, UsageError, type TrainRequest } from './args';

type TrainRun = Extract<TrainRequest, { kind: 'train' }>;

function dataOf(request: TrainRun, data: Dataset, cwd: string): PytorchRun['data'] {
  const { n, d } = data;
  if (request.data.kind === 'csv' && n * (d + 1) > MAX_EMBEDDED_VALUES)
    return { kind: 'csv', n, d, path: resolve(cwd, request.data.path), target: request.data.target };
  return { kind: 'embedded', n, d, x: data.x, y: data.y };
}

/** The session before its first step: its parameters are the start the script must begin from. */
export function pytorchRun(request: TrainRun, session: TrainingSessionApi, command: string, cwd: string): PytorchRun {
  const config = session.config;
  const run = resolveRun(config, session.params, {
    exporter: { comment: `Exported by: ${command}`, trainer: 'autograd-lab train', float64: '--dtype float64' },
    notes: [],
    data: dataOf(request, config.data, cwd),
    every: request.every,
    modelLine: request.preset ? `model: ${config.modelExpr} (${request.presetText})` : null,
    predict: request.predict ? { text: request.predict.map(String).join(', '), values: request.predict } : null,
    finalLoss: true,
  });
  if (run.ok) return run.value;
  const refusal = run.error;
  if (refusal.kind === 'hand-written gradient')
    throw new UsageError(
      '--export-pytorch: a hand-written --gradient replaces autograd, and the script trains with torch autograd; leave out --gradient to export',
    );
  const { part, text, error } = refusal;
  throw new UsageError(
    `--export-pytorch: the --${part} expression cannot be written for PyTorch: ${error.message} (column ${error.column})`,
    caretExcerpt(text, error.line ?? 1, error.column),
  );
}
