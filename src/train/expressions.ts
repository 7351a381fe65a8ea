// Custom model, loss and gradient expressions (src/expr's compileExpression) evaluated on the engine:
//   model:    y_pred from x, w (and b)                 e.g. w*x
//   loss:     a single number from y_pred, y (x, w, b)  e.g. ((y_pred-y)**2).mean()
//   gradient: dL/dw from x, y, y_pred, w (and b)         e.g. np.dot(2*x, y_pred-y).mean(), the tutorial's hand gradient
// With one feature, x is bound as a vector of N values, as the tutorial writes it; with several, as an N x D matrix.
import { noGrad, tensor, type Tensor } from '../autograd';
import { compileExpression, type CompiledExpression } from '../expr';
import type { LinearModel } from './model';
import type { DType, Params, TrainConfig } from './types';
import { ConfigError } from './validate';

export interface ExpressionParts {
  model: CompiledExpression | null;
  loss: CompiledExpression | null;
  gradient: CompiledExpression | null;
}

const allowedNames = {
  model: ['x', 'w', 'b'],
  loss: ['y_pred', 'y', 'x', 'w', 'b'],
  gradient: ['y_pred', 'y', 'x', 'w', 'b'],
} as const;

type ExpressionRole = keyof typeof allowedNames;

/** An expression that cannot be used, with where in its text: `problem` at 1-based `line` and `column`. */
export class ExpressionError extends ConfigError {
  constructor(
    readonly role: ExpressionRole,
    readonly text: string,
    readonly problem: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where `name` first stands as a whole word in `text` (line and column, 1-based); 1:1 when not found. */
function positionOfName(text: string, name: string): { line: number; column: number } {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const at = new RegExp(`(?<![\\p{L}\\p{N}_$])${escaped}(?![\\p{L}\\p{N}_$])`, 'u').exec(lines[k]);
    if (at) return { line: k + 1, column: at.index + 1 };
  }
  return { line: 1, column: 1 };
}

function compile(role: ExpressionRole, text: string): CompiledExpression {
  const outcome = compileExpression(text);
  if (!outcome.ok) {
    const { message, line = 1, column } = outcome.error;
    throw new ExpressionError(
      role,
      text,
      message,
      line,
      column,
      `the ${role} expression "${text}": ${message} (column ${column})`,
    );
  }
  const allowed: readonly string[] = allowedNames[role];
  const unknown = outcome.value.freeNames.find((name) => !allowed.includes(name));
  if (unknown !== undefined) {
    const names = `uses "${unknown}"; it may use ${allowed.join(', ')}`;
    const { line, column } = positionOfName(text, unknown);
    throw new ExpressionError(
      role,
      text,
      `the expression ${names}`,
      line,
      column,
      `the ${role} expression "${text}" ${names}`,
    );
  }
  return outcome.value;
}

/** Compiles the config's model, loss and gradient expressions; throws an ExpressionError for the first unusable one. */
export function compileParts(config: Pick<TrainConfig, 'modelExpr' | 'lossExpr' | 'gradient'>): ExpressionParts {
  return {
    model: config.modelExpr ? compile('model', config.modelExpr) : null,
    loss: config.lossExpr ? compile('loss', config.lossExpr) : null,
    gradient: config.gradient?.kind === 'expression' ? compile('gradient', config.gradient.text) : null,
  };
}

/** True when the model expression needs a bias parameter. */
export function usesBias(parts: ExpressionParts): boolean {
  return parts.model?.freeNames.includes('b') ?? false;
}

interface Bindings {
  x: Tensor;
  w: Tensor;
  b?: Tensor;
  y?: Tensor;
  y_pred?: Tensor;
}

/** x as the expressions see it: a vector for one feature, the N x D matrix otherwise. */
function featureBinding(x: Tensor): Tensor {
  return x.shape[1] === 1 ? x.reshape([x.shape[0]]) : x;
}

function modelBindings(model: LinearModel, x: Tensor): Bindings {
  return { x: featureBinding(x), w: model.w, ...(model.b ? { b: model.b } : {}) };
}

function evaluate(expression: CompiledExpression, bindings: Bindings): Tensor {
  return expression.evaluateTensor(bindings as unknown as Record<string, Tensor>);
}

/** The model's predictions, shape [N]. */
export function predictWith(expression: CompiledExpression, model: LinearModel, x: Tensor): Tensor {
  const prediction = evaluate(expression, modelBindings(model, x));
  if (prediction.size !== x.shape[0]) {
    throw new ConfigError(
      `the model expression "${expression.text}" gives ${prediction.size} values for ${x.shape[0]} rows`,
    );
  }
  return prediction.size === 1 ? prediction.reshape([1]) : prediction;
}

/** The loss, a single number. */
export function lossWith(
  expression: CompiledExpression,
  model: LinearModel,
  x: Tensor,
  y: Tensor,
  prediction: Tensor,
): Tensor {
  const loss = evaluate(expression, { ...modelBindings(model, x), y, y_pred: prediction });
  if (loss.size !== 1) {
    throw new ConfigError(
      `the loss expression "${expression.text}" gives ${loss.size} values, not one number (is a .mean() or .sum() missing?)`,
    );
  }
  return loss.reshape([]);
}

/** Replaces dL/dw by the hand-written gradient, evaluated at the batch without recording a graph. */
export function applyGradient(
  expression: CompiledExpression,
  model: LinearModel,
  x: Tensor,
  y: Tensor,
  prediction: Tensor,
): void {
  const gradient = noGrad(() => evaluate(expression, { ...modelBindings(model, x), y, y_pred: prediction.detach() }));
  const { w } = model;
  if (gradient.size !== w.size) {
    throw new ConfigError(
      `the gradient expression "${expression.text}" gives ${gradient.size} values but w has ${w.size}`,
    );
  }
  w.grad = tensor(gradient.data, { dtype: w.dtype, shape: w.shape });
}

/**
 * The hand-written gradient as NumPy 1.x computes it, for one feature (x a vector): x, y and y_pred are the
 * batch's float32 (or float64) arrays, w and b the float64 parameters (Python floats, cast to the dtype
 * where they meet an array), and np.dot accumulates in double and rounds once. Several features need
 * matrices, which the plain evaluator does not have: they go through the engine (applyGradient).
 */
export function applyNumpyGradient(
  expression: CompiledExpression,
  model: LinearModel,
  params: Params,
  x: Tensor,
  y: Tensor,
  prediction: Tensor,
  dtype: DType,
): void {
  if (x.shape[1] !== 1) {
    applyGradient(expression, model, x, y, prediction);
    return;
  }
  const values = {
    x: Array.from(x.data),
    y: Array.from(y.data),
    y_pred: Array.from(prediction.data),
    w: params.w[0],
    ...(params.b === null ? {} : { b: params.b }),
  };
  const gradient = expression.evaluate(values, dtype);
  const size = Array.isArray(gradient) ? gradient.length : 1;
  const { w } = model;
  if (size !== w.size) {
    throw new ConfigError(`the gradient expression "${expression.text}" gives ${size} values but w has ${w.size}`);
  }
  w.grad = tensor(Array.isArray(gradient) ? gradient : [gradient], { dtype: w.dtype, shape: w.shape });
}
