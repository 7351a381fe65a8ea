// Custom model, loss and gradient expressions (src/expr's compileExpression) evaluated on the engine:
//   model:    y_pred from x and parameters              e.g. w*x, np.tanh(x @ W1 + b1) @ w2 + b2
//   loss:     a single number from y_pred, y (x, the model's parameters)  e.g. ((y_pred-y)**2).mean()
//   gradient: dL/dw from x, y, y_pred, w (and b)         e.g. np.dot(2*x, y_pred-y).mean(), the tutorial's hand gradient
// A model of x, w and b alone is the linear model's (model.ts): with one feature, x is bound as a vector of N
// values, as the tutorial writes it; with several, as an N x D matrix. Any other model has parameters of
// inferred shapes (network.ts), and x is the N x D matrix.
import { noGrad, tensor, type Tensor } from '../autograd';
import { compileExpression, type ClassifierOutput, type CompiledExpression } from '../expr';
import type { LinearModel } from './model';
import type { NetworkModel } from './network';
import type { DType, LossKind, Params, TrainConfig } from './types';
import { ConfigError } from './validate';

export interface ExpressionParts {
  model: CompiledExpression | null;
  loss: CompiledExpression | null;
  gradient: CompiledExpression | null;
}

const linearNames = ['x', 'w', 'b'];
const allowedNames = {
  loss: ['y_pred', 'y', 'x', 'w', 'b'],
  gradient: ['y_pred', 'y', 'x', 'w', 'b'],
} as const;
/** Names a model cannot have as parameters: the data it predicts. */
const targetNames = ['y', 'y_pred'];

type ExpressionRole = 'model' | keyof typeof allowedNames;

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

function refuseName(role: ExpressionRole, text: string, name: string, problem: string): never {
  const { line, column } = positionOfName(text, name);
  throw new ExpressionError(
    role,
    text,
    `the expression ${problem}`,
    line,
    column,
    `the ${role} expression "${text}" ${problem}`,
  );
}

function compile(role: ExpressionRole, text: string, modelNames: readonly string[] = []): CompiledExpression {
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
  const names = outcome.value.freeNames;
  if (role === 'model') {
    // every other name is a parameter
    const target = names.find((name) => targetNames.includes(name));
    if (target !== undefined)
      refuseName(role, text, target, `uses "${target}"; a model predicts y from x, it cannot use ${target}`);
    return outcome.value;
  }
  const allowed = [...new Set<string>([...allowedNames[role], ...(role === 'loss' ? modelNames : [])])];
  const unknown = names.find((name) => !allowed.includes(name));
  if (unknown !== undefined) refuseName(role, text, unknown, `uses "${unknown}"; it may use ${allowed.join(', ')}`);
  return outcome.value;
}

/** Compiles the config's model, loss and gradient expressions; throws an ExpressionError for the first unusable one. */
export function compileParts(config: Pick<TrainConfig, 'modelExpr' | 'lossExpr' | 'gradient'>): ExpressionParts {
  const model = config.modelExpr ? compile('model', config.modelExpr) : null;
  const parameters = model?.freeNames.filter((name) => name !== 'x') ?? [];
  const gradient = config.gradient?.kind === 'expression' ? compile('gradient', config.gradient.text) : null;
  const parts = {
    model,
    loss: config.lossExpr ? compile('loss', config.lossExpr, parameters) : null,
    gradient,
  };
  if (gradient && model && !isLinearModel(model)) {
    const other = parameters.find((name) => !linearNames.includes(name)) ?? parameters[0];
    refuseName(
      'model',
      model.text,
      other,
      `uses "${other}"; a hand-written gradient (dL/dw) goes with a model of x, w and b only`,
    );
  }
  return parts;
}

/** A model expression the linear model's w and b can run: only x, w and b, and no matrix product with one feature. */
function isLinearModel(model: CompiledExpression): boolean {
  return model.freeNames.every((name) => linearNames.includes(name));
}

/**
 * True when the parameters are the model expression's own, of inferred shapes (network.ts): names other
 * than x, w and b, a matrix product (x @ w: x is then N x D, also for one feature), or values or shapes
 * given by name. A hand-written gradient keeps the linear model's w and b.
 */
export function hasOwnParameters(
  parts: ExpressionParts,
  config: Pick<TrainConfig, 'initialParams' | 'shapes' | 'hidden'>,
): boolean {
  const given = config.initialParams !== undefined || config.shapes !== undefined || config.hidden !== undefined;
  if (given && parts.gradient)
    throw new ConfigError('initial values, shapes and hidden sizes go with autograd, not with a hand-written gradient');
  if (!parts.model || parts.gradient) return false;
  return !isLinearModel(parts.model) || parts.model.usesMatrixProduct || given;
}

/** True when the model expression needs a bias parameter. */
export function usesBias(parts: ExpressionParts): boolean {
  return parts.model?.freeNames.includes('b') ?? false;
}

/** The built-in loss whose accuracy rule (its threshold and its labels) each kind of classification loss shares. */
const SAME_RULE_AS: Record<ClassifierOutput, LossKind> = {
  probability: 'bce', // the label 1 where y_pred > 0.5
  logit: 'cross-entropy', // where y_pred > 0
  hinge: 'hinge', // where y_pred > 0
};

/**
 * The built-in classification loss whose accuracy a loss expression reports, or null: the expression must be
 * recognisably a classification loss of y_pred against y (src/expr's classifierOutput), and the labels those
 * it takes, 0 and 1 (binary cross-entropy) or -1 and 1 (hinge). Any other expression reports none.
 */
export function accuracyRuleOf(loss: CompiledExpression, labels: ArrayLike<number>): LossKind | null {
  const output = loss.classifierOutput('y_pred', 'y');
  if (output === null) return null;
  const allowed = output === 'hinge' ? [-1, 1] : [0, 1];
  for (let i = 0; i < labels.length; i++) if (!allowed.includes(labels[i])) return null;
  return SAME_RULE_AS[output];
}

type Bindings = Record<string, Tensor>;
type AnyModel = LinearModel | NetworkModel;

/** x as the expressions see it: a vector for one feature, the N x D matrix otherwise. */
function featureBinding(x: Tensor): Tensor {
  return x.shape[1] === 1 ? x.reshape([x.shape[0]]) : x;
}

function modelBindings(model: AnyModel, x: Tensor): Bindings {
  if ('kind' in model) return model.bindings(x);
  return { x: featureBinding(x), w: model.w, ...(model.b ? { b: model.b } : {}) };
}

function evaluate(expression: CompiledExpression, bindings: Bindings): Tensor {
  return expression.evaluateTensor(bindings);
}

/** The model's predictions, shape [N] (an N x 1 result, as x @ W with W of shape D x 1 gives, included). */
export function predictWith(expression: CompiledExpression, model: AnyModel, x: Tensor): Tensor {
  const prediction = evaluate(expression, modelBindings(model, x));
  if (prediction.size !== x.shape[0]) {
    throw new ConfigError(
      `the model expression "${expression.text}" gives ${prediction.size} values for ${x.shape[0]} rows`,
    );
  }
  return prediction.ndim === 1 ? prediction : prediction.reshape([x.shape[0]]);
}

/** The loss, a single number. */
export function lossWith(
  expression: CompiledExpression,
  model: AnyModel,
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
