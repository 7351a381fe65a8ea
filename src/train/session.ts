// The steppable training session. The Web Worker drives it in slices (runSlice), the CLI and the
// tests run it to the end; a slice stops at a batch boundary once its time budget is spent, so even
// a long epoch of many mini-batches never blocks the worker for long.
import { noGrad, tensor, type Optimizer, type Tensor } from '../autograd';
import { BatchSource, planEpoch, shuffleStream, type Batch, type EpochPlan } from './data/batches';
import { describeValue, divergenceAdvice, nonFiniteParameter } from './stability/divergence';
import type { CompiledExpression } from '../expr';
import { arithmeticOf, parameterStore, type ParameterStore } from './arithmetic';
import {
  accuracyRuleOf,
  applyGradient,
  applyNumpyGradient,
  compileParts,
  hasOwnParameters,
  lossWith,
  predictWith,
  usesBias,
  type ExpressionParts,
} from './expressions';
import { createNetworkModel, networkSpec, type NetworkModel, type NetworkSpec } from './network';
import { criticalLearningRate } from './stability/hessian';
import { handGradientCriticalRate } from './stability/handCritical';
import { computeLoss, correctCount, isClassification } from './losses';
import { createLinearModel, predictPoint, type LinearModel } from './model';
import { createOptimizer, retuneOptimizer } from './optimizers';
import type { Random } from './random';
import type {
  EpochEvent,
  LossGradient,
  LossKind,
  OptimizerConfig,
  Params,
  SessionState,
  TrainConfig,
  TrainingSessionApi,
} from './types';
import { ConfigError, validateConfig, validateSettings } from './validate';

type Changes = Parameters<TrainingSessionApi['update']>[0];

/** An epoch partly run by a slice that ran out of time. */
interface EpochProgress {
  epoch: number;
  plan: EpochPlan;
  nextBatch: number;
  lossTotal: number; // sum of batch losses, each times its size under mean reduction
  lastLoss: number;
  gradNormTotal: number;
  correct: number; // rows classified right in the epoch's forward passes (classification losses)
}

const now = (): number => globalThis.performance?.now() ?? Date.now();

export function createSession(config: TrainConfig): TrainingSessionApi {
  return new TrainingSession(config);
}

class TrainingSession implements TrainingSessionApi {
  private current: TrainConfig;
  private status: SessionState = { kind: 'idle' };
  // Set by reset(), which the constructor calls.
  private model!: LinearModel | NetworkModel;
  /** The model expression's own parameters (network.ts), or null for the linear model's w and b. */
  private readonly network: NetworkSpec | null;
  private store!: ParameterStore;
  private optimizer!: Optimizer;
  private shuffle!: Random;
  private events: EpochEvent[] = [];
  private progress: EpochProgress | null = null;
  private critical: number | null | undefined;
  private readonly listeners = new Set<(event: EpochEvent) => void>();
  private readonly batches: BatchSource;
  private parts: ExpressionParts;
  /** With a loss expression: the built-in loss whose accuracy it reports (expressions.ts accuracyRuleOf), or null. */
  private readonly expressionAccuracy: LossKind | null;
  private deferred: Changes | null = null;

  constructor(config: TrainConfig) {
    validateConfig(config);
    // Values given by name for the default linear model: the same model, written out, with its parameters named.
    const linear = config.bias ? 'x @ w + b' : 'x @ w';
    const modelExpr = config.modelExpr ?? (config.initialParams || config.shapes ? linear : undefined);
    this.parts = compileParts({ ...config, modelExpr });
    this.expressionAccuracy = this.parts.loss ? accuracyRuleOf(this.parts.loss, config.data.y) : null;
    this.network = hasOwnParameters(this.parts, config)
      ? networkSpec(this.parts.model as CompiledExpression, { ...config, d: config.data.d })
      : null;
    // A model expression that uses b gets a bias parameter.
    const bias = this.network ? this.network.order.includes('b') : config.bias || usesBias(this.parts);
    this.current = { ...config, ...(modelExpr === undefined ? {} : { modelExpr }), bias };
    this.batches = new BatchSource(config.data, config.dtype);
    this.reset();
    this.tryExpressions();
  }

  get config(): TrainConfig {
    return this.current;
  }
  get state(): SessionState {
    return this.status;
  }
  get params(): Params {
    return this.store.params();
  }
  get history(): readonly EpochEvent[] {
    return this.events;
  }

  step(): EpochEvent | null {
    if (this.isOver()) return null;
    const keep = this.status.kind === 'running' ? 'running' : 'paused';
    const event = this.advance(Infinity);
    this.settle(keep);
    return event;
  }

  runSlice(maxEpochs: number, budgetMs: number): EpochEvent[] {
    const finished: EpochEvent[] = [];
    if (this.isOver() || maxEpochs <= 0) return finished;
    const deadline = now() + budgetMs;
    this.settle('running');
    while (finished.length < maxEpochs && !this.isOver()) {
      const event = this.advance(deadline);
      if (event) finished.push(event);
      if (now() >= deadline) break;
    }
    this.settle('running');
    return finished;
  }

  run(epochs?: number): EpochEvent[] {
    const finished: EpochEvent[] = [];
    const target = Math.min(this.current.epochs, this.events.length + (epochs ?? Infinity));
    while (!this.isOver() && this.events.length < target) {
      const event = this.advance(Infinity);
      if (event) finished.push(event);
    }
    this.settle('paused');
    return finished;
  }

  pause(): void {
    if (this.status.kind === 'running') this.status = { kind: 'paused', epoch: this.events.length };
  }

  reset(): void {
    this.progress = null;
    this.applyDeferred();
    const d = this.current.data.d;
    this.model = this.network
      ? createNetworkModel(this.network, { ...this.current, d })
      : createLinearModel({ ...this.current, d });
    this.store = parameterStore(this.model, arithmeticOf(this.current));
    this.optimizer = createOptimizer(this.current.optimizer, this.store.parameters);
    this.shuffle = shuffleStream(this.current.seed);
    this.events = [];
    this.status = { kind: 'idle' };
  }

  update(changes: Changes): void {
    const merged = { ...this.deferred, ...changes };
    validateSettings({ ...this.current, ...merged }); // the data and dtype cannot change, so their values stay checked
    compileParts({ gradient: merged.gradient }); // a broken gradient expression fails here, not mid-run
    if (this.network && merged.gradient?.kind === 'expression')
      throw new ConfigError('a hand-written gradient (dL/dw) goes with a model of x, w and b only');
    this.deferred = merged;
    // Inside an epoch (a slice ran out of time between its batches) the changes wait for its end, so each
    // epoch runs with one setting and replaying changes at epoch boundaries gives the same run.
    if (this.progress === null) this.applyDeferred();
  }

  /** In the parameters' own precision: numpy's `forward(5)` multiplies Python floats, in double. */
  predict(x: number[]): number {
    const expression = this.parts.model;
    const model = this.store.exact;
    if (!expression && !('kind' in model)) return predictPoint(model, x);
    if (x.length !== this.current.data.d)
      throw new Error(`the model has ${this.current.data.d} features but the point has ${x.length}`);
    const point = tensor([...x], { dtype: this.current.dtype, shape: [1, x.length] });
    return noGrad(() => predictWith(expression as CompiledExpression, model, point).item());
  }

  predictRows(x: Float64Array, rows: number): Float64Array {
    const d = this.current.data.d;
    if (x.length !== rows * d) throw new Error(`expected ${rows} points of ${d} features, got ${x.length} values`);
    const expression = this.parts.model;
    const model = this.store.exact;
    if (!expression && !('kind' in model))
      return Float64Array.from({ length: rows }, (_, i) =>
        predictPoint(model, Array.from(x.subarray(i * d, (i + 1) * d))),
      );
    const points = tensor(x, { dtype: this.current.dtype, shape: [rows, d] });
    return noGrad(() => Float64Array.from(predictWith(expression as CompiledExpression, model, points).data));
  }

  currentLoss(): number {
    const { x, y } = this.batches.full;
    return noGrad(() => this.lossOf(x, y, this.forward(x)).item());
  }

  lossGradient(): LossGradient | null {
    if (this.progress !== null) return null;
    const { x, y } = this.batches.full;
    this.zeroGrad();
    try {
      const loss = this.lossOf(x, y, this.forward(x));
      loss.backward();
      return { epochs: this.events.length, params: this.store.params(), gradient: this.gradients(), loss: loss.item() };
    } finally {
      // the next batch starts from clean gradients anyway; this leaves none behind for anyone to read
      this.zeroGrad();
    }
  }

  criticalLearningRate(): number | null {
    if (this.critical === undefined) this.critical = this.computeCriticalRate();
    return this.critical;
  }

  /** The hand-written gradient's own limit when it replaces autograd's, else the MSE Hessian's 2/lambda_max. */
  private computeCriticalRate(): number | null {
    if (this.parts.gradient) return handGradientCriticalRate(this.parts.gradient, this.parts.model, this.current);
    if (this.current.loss !== 'mse' || this.parts.model || this.parts.loss) return null;
    return criticalLearningRate(this.current.data, this.current.bias, this.current.reduction);
  }

  on(listener: (event: EpochEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private forward(x: Tensor): Tensor {
    if (this.parts.model) return predictWith(this.parts.model, this.model, x);
    return this.linear().forward(x);
  }

  /** The linear model: the only kind without a model expression, and the only one with a hand-written gradient. */
  private linear(): LinearModel {
    if ('kind' in this.model) throw new Error('a model with its own parameters is not the linear model');
    return this.model;
  }

  private lossOf(x: Tensor, y: Tensor, prediction: Tensor): Tensor {
    return this.parts.loss
      ? lossWith(this.parts.loss, this.model, x, y, prediction)
      : computeLoss(this.current, prediction, y);
  }

  /** Evaluates the custom expressions once on the data, so a shape mistake fails at creation with its message. */
  private tryExpressions(): void {
    const { model, loss, gradient } = this.parts;
    if (!model && !loss && !gradient) return;
    const { x, y } = this.batches.full;
    try {
      noGrad(() => {
        const prediction = this.forward(x);
        this.lossOf(x, y, prediction);
        if (gradient) this.handGradient(gradient, x, y, prediction);
      });
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      throw new ConfigError(`the expressions cannot be evaluated on this data: ${(e as Error).message}`);
    } finally {
      this.zeroGrad();
    }
  }

  private isOver(): boolean {
    return this.status.kind === 'diverged' || this.events.length >= this.current.epochs;
  }

  /** The state after some work: done when every epoch ran, otherwise `kind` at the count of finished epochs. */
  private settle(kind: 'running' | 'paused'): void {
    if (this.status.kind === 'diverged') return;
    const epoch = this.events.length;
    this.status = epoch >= this.current.epochs ? { kind: 'done', epoch } : { kind, epoch };
  }

  private applyDeferred(): void {
    const changes = this.deferred;
    if (changes === null) return;
    this.deferred = null;
    if (changes.gradient !== undefined)
      this.parts = { ...this.parts, gradient: compileParts({ gradient: changes.gradient }).gradient };
    if (changes.optimizer) this.retune(changes.optimizer);
    if (changes.loss !== undefined || changes.reduction !== undefined || changes.gradient !== undefined)
      this.critical = undefined;
    this.current = { ...this.current, ...changes };
    const arithmetic = arithmeticOf(this.current);
    if (arithmetic !== this.store.arithmetic) {
      // A default arithmetic follows the gradient: the same values, now held the other way, and a fresh optimizer.
      this.store = parameterStore(this.model, arithmetic);
      this.optimizer = createOptimizer(this.current.optimizer, this.store.parameters);
    }
    // A new epoch count can finish a run or reopen a finished one.
    if (this.status.kind !== 'idle' && this.status.kind !== 'diverged')
      this.settle(this.status.kind === 'running' ? 'running' : 'paused');
  }

  /** The same optimizer kind keeps its state (momentum buffers, Adam moments) and takes the new values; another kind starts fresh. */
  private retune(next: OptimizerConfig): void {
    if (next.kind !== this.current.optimizer.kind || !retuneOptimizer(this.optimizer, next)) {
      this.optimizer = createOptimizer(next, this.store.parameters);
    }
  }

  /** Runs batches until the current epoch ends (its event), the deadline passes, or training diverges (null). */
  private advance(deadline: number): EpochEvent | null {
    const progress = (this.progress ??= {
      epoch: this.events.length,
      plan: planEpoch(
        this.current.data.n,
        this.current.batchSize,
        this.current.shuffle === false ? null : this.shuffle,
      ),
      nextBatch: 0,
      lossTotal: 0,
      lastLoss: 0,
      gradNormTotal: 0,
      correct: 0,
    });
    do {
      if (!this.trainOnBatch(progress, this.batches.batch(progress.plan, progress.nextBatch))) return null;
    } while (progress.nextBatch < progress.plan.batchCount && now() < deadline);
    if (progress.nextBatch < progress.plan.batchCount) return null;
    this.progress = null;
    const { plan } = progress;
    const single = plan.batchCount === 1;
    const event: EpochEvent = {
      epoch: progress.epoch,
      loss: single
        ? progress.lastLoss
        : this.current.reduction === 'mean'
          ? progress.lossTotal / this.current.data.n
          : progress.lossTotal,
      params: this.store.params(),
      gradNorm: single ? progress.gradNormTotal : progress.gradNormTotal / plan.batchCount,
      ...(this.accuracyRule() !== null ? { accuracy: progress.correct / this.current.data.n } : {}),
    };
    this.events.push(event);
    this.applyDeferred();
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** One update: forward, loss, backward, optimizer step. False when the loss or a parameter stops being finite. */
  private trainOnBatch(progress: EpochProgress, batch: Batch): boolean {
    this.zeroGrad();
    const prediction = this.forward(batch.x);
    const notProbability = !this.parts.loss && this.current.loss === 'bce' ? outsideUnitInterval(prediction) : null;
    // PyTorch's BCELoss refuses such input; the logarithms would give NaN, and a divergence is not what it is.
    if (notProbability !== null)
      return this.stopInvalid(
        progress.epoch,
        `the model's output ${Number(notProbability.toPrecision(4))} is not a probability, and the bce loss takes values in [0, 1]`,
        'end the model with torch.sigmoid(...), or train its logit with the cross-entropy loss',
      );
    const loss = this.lossOf(batch.x, batch.y, prediction);
    const value = loss.item();
    if (!Number.isFinite(value)) {
      // Before the first update the learning rate has done nothing yet: the start itself gives this loss.
      if (this.events.length === 0 && progress.nextBatch === 0)
        return this.stopInvalid(
          progress.epoch,
          `the loss is ${describeValue(value)} at the starting parameters, before any step`,
          'the learning rate is not the cause: look at the loss and the model at the start, for a logarithm of 0 or of a negative number, or a division by 0',
        );
      return this.diverge(progress.epoch, `the loss became ${describeValue(value)}`);
    }
    const rule = this.accuracyRule();
    if (rule !== null) progress.correct += correctCount(rule, prediction, batch.y);
    const hand = this.parts.gradient;
    // A hand-written gradient replaces dL/dw; autograd still gives the bias its gradient.
    if (!hand || this.linear().b) loss.backward();
    if (hand) this.handGradient(hand, batch.x, batch.y, prediction);
    const gradNorm = this.gradientNorm();
    this.store.takeGradients();
    noGrad(() => this.optimizer.step());
    this.store.publish();
    const bad = nonFiniteParameter(this.store.params());
    if (bad !== null)
      return this.diverge(progress.epoch, `the parameter ${bad.name} became ${describeValue(bad.value)}`);
    progress.lossTotal += this.current.reduction === 'mean' ? value * batch.size : value;
    progress.lastLoss = value;
    progress.gradNormTotal += gradNorm;
    progress.nextBatch++;
    return true;
  }

  /** dL/dw from the hand-written expression: as numpy computes it, or on the engine. */
  private handGradient(expression: CompiledExpression, x: Tensor, y: Tensor, prediction: Tensor): void {
    if (this.store.arithmetic === 'numpy')
      applyNumpyGradient(expression, this.linear(), this.store.params(), x, y, prediction, this.current.dtype);
    else applyGradient(expression, this.linear(), x, y, prediction);
  }

  /**
   * The loss whose accuracy the epoch reports: a built-in classification loss, or the one a loss expression
   * recognisably is (with labels it takes); null reports none.
   */
  accuracyRule(): LossKind | null {
    if (this.parts.loss) return this.expressionAccuracy;
    return isClassification(this.current.loss) ? this.current.loss : null;
  }

  /** The model's gradients and the optimizer's (the same tensors, unless numpy keeps float64 copies). */
  private zeroGrad(): void {
    for (const p of this.model.parameters) p.grad = null;
    this.optimizer.zeroGrad();
  }

  /** The model's gradients as Params (0 for a parameter the loss does not reach). */
  private gradients(): Params {
    const values = (p: Tensor): number[] => (p.grad ? Array.from(p.grad.data) : new Array<number>(p.size).fill(0));
    const model = this.model;
    if (!('kind' in model)) return { w: values(model.w), b: model.b ? values(model.b)[0] : null };
    const named = Object.fromEntries(
      Object.entries(model.named).map(([name, p]) => [name, { shape: [...p.shape], values: values(p) }]),
    );
    const b = named.b?.shape.length === 0 ? named.b.values[0] : null;
    return { w: named.w?.values ?? [], b, named };
  }

  private gradientNorm(): number {
    let squares = 0;
    for (const p of this.model.parameters) {
      if (p.grad) for (const g of p.grad.data) squares += g * g;
    }
    return Math.sqrt(squares);
  }

  /** Stops the run at `epoch`, diverged: the advice is a learning rate that does not diverge. */
  private diverge(epoch: number, reason: string): false {
    this.stop();
    // With a hand-written gradient the critical rate is its own (the loss's says nothing about its updates).
    const advice = divergenceAdvice(this.current, this.criticalLearningRate(), this.parts.gradient !== null);
    this.status = { kind: 'diverged', cause: 'diverged', epoch, reason, advice };
    return false;
  }

  /** Stops the run at `epoch` on values the loss cannot take, which no learning rate changes: `advice` says what will. */
  private stopInvalid(epoch: number, reason: string, advice: string): false {
    this.stop();
    this.status = { kind: 'diverged', cause: 'invalid', epoch, reason, advice };
    return false;
  }

  private stop(): void {
    this.progress = null;
    this.applyDeferred();
  }
}

/** The first prediction outside [0, 1] (NaN is left to the loss, which reports it), or null. */
function outsideUnitInterval(prediction: Tensor): number | null {
  for (const v of prediction.data) if (v < 0 || v > 1) return v;
  return null;
}
