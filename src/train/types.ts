// The training contract: what the Web Worker, the CLI and the tests see of a training session.
// src/train implements it; src/webview/worker and src/cli drive it. Add fields freely, never break them.

import type { DType, Reduction } from '../autograd';

export type { DType };
/** Regression losses, and classification losses on 0/1 labels (hinge also takes -1/1). */
export type LossKind = 'mse' | 'mae' | 'huber' | 'bce' | 'hinge' | 'cross-entropy';
/** How the training loss reduces over the samples: the engine's Reduction less 'none' (a loss is a number). */
export type LossReduction = Exclude<Reduction, 'none'>;

export type OptimizerConfig =
  | { kind: 'sgd'; lr: number; momentum?: number; dampening?: number; nesterov?: boolean; weightDecay?: number }
  | { kind: 'adam'; lr: number; betas?: [number, number]; eps?: number; weightDecay?: number };

/** Where the gradient comes from: the engine, or a hand-written expression (the tutorial's numpy gradient). */
export type GradientSource = { kind: 'autograd' } | { kind: 'expression'; text: string };

/**
 * Whose arithmetic a run reproduces, digit for digit:
 * - 'pytorch': the parameters are tensors of the run's dtype (`torch.tensor(0.0, dtype=torch.float32)`), so
 *   every operation, the update `w -= lr * w.grad` included, rounds to that dtype.
 * - 'numpy': NumPy 1.x running the tutorial's numpy program, where `w = 0.0` is a Python float. The
 *   parameters are kept and updated in float64 (`w -= learning_rate * dw` runs in double); the forward pass,
 *   the loss and a hand-written gradient compute in the run's dtype with the parameters rounded to it
 *   (`w * x` casts w to float32), and `np.dot` accumulates in double and rounds once, as BLAS does.
 */
export type Arithmetic = 'pytorch' | 'numpy';

/** The two-class shapes in the plane that src/train/data/shapes.ts generates. */
export type ShapeKind = 'moons' | 'circles' | 'blobs' | 'xor' | 'spirals';

/** A data set in row-major storage: x holds N rows of D features. */
export interface Dataset {
  n: number;
  d: number;
  /** length n*d, row-major; a CSV read by the CLI holds the run's dtype (Float32Array for float32) */
  x: Float64Array | Float32Array;
  y: Float64Array | Float32Array; // length n
  featureNames?: string[];
  targetName?: string;
}

export interface TrainConfig {
  data: Dataset;
  bias: boolean;
  /** 'zeros' (the tutorial), or PyTorch's nn.Linear init U(-1/sqrt(D), 1/sqrt(D)) drawn from `seed`. */
  init: 'zeros' | 'uniform';
  loss: LossKind;
  huberDelta?: number; // default 1
  reduction: LossReduction;
  optimizer: OptimizerConfig;
  epochs: number;
  /** null = full batch. */
  batchSize: number | null;
  seed: number;
  dtype: DType;
  gradient?: GradientSource;
  /**
   * Default: 'numpy' when `gradient` is a hand-written expression (it is written in numpy, as the tutorial's
   * `np.dot(2*x, y_pred-y).mean()`, and its user expects numpy's numbers), 'pytorch' otherwise. A default
   * follows a gradient changed by update(); the optimizer then starts afresh from the current parameters.
   */
  arithmetic?: Arithmetic;
  /**
   * Custom model / loss expressions (src/expr's compileExpression): e.g. 'w*x' and '((y_pred-y)**2).mean()'.
   * A model with names other than x, w, b, or with a matrix product, has parameters of inferred shapes
   * (network.ts): 'np.tanh(x @ W1 + b1) @ w2 + b2', with x the N x D matrix.
   */
  modelExpr?: string;
  lossExpr?: string;
  /** Initial values by name, as nested lists ({"W1": [[...]], "b2": 0.1}); the others start from `init`. */
  initialParams?: Record<string, ParameterValue>;
  /** Shapes of the model's parameters by name, where the data do not fix them: { W1: [2, 16] }. */
  shapes?: Record<string, number[]>;
  /** The widths the data leave open (hidden sizes), in order of first use; one value sizes them all. */
  hidden?: number[];
  /** False: mini-batches in row order, as PyTorch's DataLoader(shuffle=False). Default true. */
  shuffle?: boolean;
}

/** A parameter's value as JSON writes it: a number, or nested lists whose nesting is its shape. */
export type ParameterValue = number | ParameterValue[];

/** One parameter of a model expression: its shape and its values in row-major order. */
export interface NamedParameter {
  shape: number[];
  values: number[];
}

export interface Params {
  w: number[];
  b: number | null;
  /**
   * Every parameter by name, in order of first use, for a model with inferred parameters (network.ts).
   * There, w and b repeat the parameters named w and b when it has them (w flattened), else [] and null.
   */
  named?: Record<string, NamedParameter>;
}

/**
 * autograd's gradient of the training loss over the whole data set, at the parameters after `epochs`
 * finished epochs (0: the initial ones), laid out as those parameters are.
 */
export interface LossGradient {
  epochs: number;
  params: Params;
  /** dL/dθ with the layout of `params`: w, b and, for a model with parameters of its own, named. */
  gradient: Params;
  /** The loss over the whole data set at `params`. */
  loss: number;
}

/** One event per finished epoch. */
export interface EpochEvent {
  epoch: number; // 0-based, as the tutorial prints it
  loss: number; // the loss computed in that epoch's forward pass (before the update), as PyTorch prints it;
  //               with mini-batches, the batch losses combined over the epoch's samples (mean or sum)
  params: Params; // after the update
  gradNorm: number; // L2 norm of the gradient used by the update; with mini-batches, the mean over the epoch's updates
  /** With a classification loss (bce, hinge, cross-entropy): the share of the epoch's rows predicted right, in its forward passes. */
  accuracy?: number;
}

/**
 * Why a run ended before its last epoch. 'diverged': the loss or a parameter stopped being finite after
 * updates, which a smaller learning rate prevents. 'invalid': the model or the loss gave a value the loss
 * cannot take (a loss that is not finite at the starting parameters, before any step; the bce loss of an
 * output that is not a probability), which no learning rate changes.
 */
export type StopCause = 'diverged' | 'invalid';

/** `reason` says what happened in words; `advice` what to try (for 'diverged', which learning rate). */
type Divergence = { epoch: number; cause: StopCause; reason: string; advice: string };

/**
 * State as a `kind` union that travels unchanged from the worker to the page.
 * In running / paused / done, `epoch` counts the epochs finished so far (done: epoch === config.epochs).
 * In diverged, the run ended early (`cause` says whether it truly diverged): `epoch` is the 0-based epoch
 * whose loss or update stopped being finite, or whose values the loss cannot take; it is not in history.
 * idle -> (runSlice) running -> (pause) paused -> (runSlice) running ...; step() single-steps and leaves the
 * session paused (or running if it was); reaching config.epochs gives done; update({epochs}) can reopen it.
 */
export type SessionState =
  | { kind: 'idle' }
  | { kind: 'running'; epoch: number }
  | { kind: 'paused'; epoch: number }
  | { kind: 'done'; epoch: number }
  | ({ kind: 'diverged' } & Divergence);

/** The steppable session. It never blocks for long: the caller decides how much to run per slice. */
export interface TrainingSessionApi {
  readonly config: TrainConfig;
  readonly state: SessionState;
  readonly params: Params;
  readonly history: readonly EpochEvent[];
  /** Runs one epoch (all its mini-batches) and returns its event; null when done or diverged. */
  step(): EpochEvent | null;
  /** Runs up to `maxEpochs` epochs or until `budgetMs` has elapsed, whichever comes first. */
  runSlice(maxEpochs: number, budgetMs: number): EpochEvent[];
  /** Runs `epochs` epochs to completion (for the CLI and tests). */
  run(epochs?: number): EpochEvent[];
  /** running -> paused; the caller stops scheduling slices. */
  pause(): void;
  /** Back to idle: fresh initial parameters, optimizer state and shuffle stream; keeps the settings given to update(). */
  reset(): void;
  /** Takes effect from the next step: lr, optimizer hyperparameters, epochs, batch size, loss. */
  update(
    changes: Partial<
      Pick<TrainConfig, 'optimizer' | 'epochs' | 'batchSize' | 'loss' | 'huberDelta' | 'reduction' | 'gradient'>
    >,
  ): void;
  /**
   * The built-in classification loss whose rule each epoch's accuracy follows (bce: the label 1 where
   * y_pred > 0.5; hinge and cross-entropy: where y_pred > 0), or null: the epochs carry no accuracy. A loss
   * expression counts when it is recognisably one of them (expressions.ts accuracyRuleOf).
   */
  accuracyRule(): LossKind | null;
  /** Model prediction with the current parameters. */
  predict(x: number[]): number;
  /** Predictions for `rows` points of D features each, row-major (the panel's boundary and curve). */
  predictRows(x: Float64Array, rows: number): Float64Array;
  /** The loss over the whole data set at the current parameters (no gradient, no update). */
  currentLoss(): number;
  /**
   * autograd's gradient of the loss over the whole data set at the current parameters, changing nothing
   * (no update, the optimizer's state untouched): the gradient a full-batch step from here takes, unless
   * the run replaces it by a hand-written one. null between the mini-batches of an epoch, where the
   * parameters are those of no finished epoch.
   */
  lossGradient(): LossGradient | null;
  /**
   * 2 / lambda_max of the loss Hessian when the loss is quadratic in the params (MSE), else null. With a
   * hand-written gradient g, the run's own limit instead: 2 / slope when g is affine in a single w with a
   * positive slope (the tutorial's np.dot(2*x, y_pred-y).mean() = 60 (w - 2): 2/60), else null.
   */
  criticalLearningRate(): number | null;
  on(listener: (event: EpochEvent) => void): () => void;
}

/** A learning rate that will blow up, said before training (stability/learningRateWarning.ts). */
export interface LearningRateWarning {
  lr: number;
  /** 2/lambda_max of the loss Hessian on the whole data set; with a hand-written gradient, 2/slope of that gradient. */
  critical: number;
  /** The largest stable learning rate of this optimizer: `critical` for plain SGD, higher with momentum. */
  limit: number;
  /** "lr 0.5 is above the critical learning rate 2/λmax = 0.1333 for this loss and data: expect this run to diverge" */
  message: string;
}
