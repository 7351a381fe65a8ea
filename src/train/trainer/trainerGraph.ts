// The computation graph of the trainer's current model and loss at its current parameters, for the graph
// panel: the same computationGraph() the editor's "Show Computation Graph" uses, given a small program
// (`y_pred = <model>`) so the prediction appears as the named node y_pred, and the run's data and
// parameters as values. Computed in the worker on request, never every epoch.
import { computationGraph, type ComputationGraph, type DeriveOptions, type Numeric } from '../../expr';
import { failure, ok, type Result } from '../../common/result';
import type { TrainerSettings } from '../../protocol/trainerSettings';
import { panelModel } from './sessionConfig';
import type { Dataset, Params } from '../types';

/** Rows the graph is computed on at most: every row of the run, or it is not drawn (never a sample). */
export const GRAPH_MAX_ROWS = 100_000;

/** The model as the panel trains it: a preset's expression, the expression given, else the linear model. */
function modelText(settings: TrainerSettings, d: number): string {
  const model = panelModel(settings, d);
  if (model) return model.modelExpr;
  const linear = d === 1 ? 'w*x' : 'x @ w';
  return settings.bias ? `${linear} + b` : linear;
}

/** The loss as the run computes it (src/train/losses.ts), written on y_pred and y. */
function lossText(settings: TrainerSettings): string {
  if (settings.lossExpr !== undefined) return settings.lossExpr;
  const reduce = (u: string) => `(${u}).${settings.reduction === 'sum' ? 'sum' : 'mean'}()`;
  const d = settings.huberDelta;
  switch (settings.loss) {
    case 'mse':
      return reduce('(y_pred - y)**2');
    case 'mae':
      return reduce('np.abs(y_pred - y)');
    case 'huber': // torch.nn.HuberLoss: 0.5 r² where |r| <= delta, delta (|r| - 0.5 delta) elsewhere
      return reduce(`np.where(np.abs(y_pred - y) <= ${d}, 0.5*(y_pred - y)**2, ${d}*(np.abs(y_pred - y) - 0.5*${d}))`);
    case 'bce': // torch.nn.BCELoss, its logs floored at -100
      return reduce('-(y*np.maximum(np.log(y_pred), -100) + (1 - y)*np.maximum(np.log(1 - y_pred), -100))');
    case 'cross-entropy': // BCEWithLogitsLoss of the logit y_pred
      return reduce('np.logaddexp(0, y_pred) - y*y_pred');
    case 'hinge': // labels 0 count as -1
      return reduce('np.maximum(0, 1 - np.where(y == 0, -1, y)*y_pred)');
  }
}

export function trainerGraph(data: Dataset, settings: TrainerSettings, params: Params): Result<ComputationGraph> {
  if (data.n > GRAPH_MAX_ROWS) {
    return failure({
      message: `the graph view draws runs of up to ${GRAPH_MAX_ROWS.toLocaleString('en-US')} rows; this one has ${data.n.toLocaleString('en-US')}`,
    });
  }
  const model = modelText(settings, data.d);
  const program = `y_pred = ${model}\n`;
  const at: Record<string, Numeric> = { y: Array.from(data.y) };
  const matrices: Record<string, number[][]> = {};
  if (data.d === 1) at.x = Array.from(data.x);
  else matrices.x = Array.from({ length: data.n }, (_, i) => Array.from(data.x.subarray(i * data.d, (i + 1) * data.d)));
  const named = params.named;
  if (named) {
    for (const [name, { shape, values }] of Object.entries(named)) {
      if (shape.length === 0) at[name] = values[0];
      else if (shape.length === 1) at[name] = values;
      else matrices[name] = Array.from({ length: shape[0] }, (_, i) => values.slice(i * shape[1], (i + 1) * shape[1]));
    }
  } else {
    at.w = params.w.length === 1 && data.d === 1 ? params.w[0] : params.w;
    if (params.b !== null) at.b = params.b;
  }
  const wrt = Object.keys(named ?? { w: 0, ...(params.b === null ? {} : { b: 0 }) });
  const options: DeriveOptions = {
    syntax: 'python',
    wrt,
    context: { text: program, languageId: 'python', offset: program.length },
    at,
    matrices,
  };
  const graph = computationGraph(lossText(settings), options);
  return graph.ok ? ok(graph.value) : failure({ message: graph.error.message });
}
