// Words for what the panel shows: the model, the run, the state, the critical learning rate. Pure.
import type { TrainingChoices } from '../../protocol/trainerSettings';
import { entryName } from '../charts/parameterLayout';
import type { SessionState, StopCause } from '../../train/types';

export function parameterNames(d: number, bias: boolean): string[] {
  const w = d === 1 ? ['w'] : Array.from({ length: d }, (_, j) => `w[${j}]`);
  return bias ? [...w, 'b'] : w;
}

/** Every value of a model's named parameters, flattened row-major: `W1[0,1]`, `b1[3]`, `b2`. */
export function namedParameterNames(layout: readonly { name: string; shape: number[] }[]): string[] {
  return layout.flatMap(({ name, shape }) =>
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, k) => entryName(name, shape, k)),
  );
}

/** "353 parameters: W1 2×16, b1 16, W2 16×16, b2 16, w3 16, b3" */
export function parameterCountText(layout: readonly { name: string; shape: number[] }[]): string {
  const count = layout.reduce((total, { shape }) => total + shape.reduce((a, b) => a * b, 1), 0);
  const shapes = layout.map(({ name, shape }) => (shape.length ? `${name} ${shape.join('×')}` : name)).join(', ');
  return `${count} parameter${count === 1 ? '' : 's'}: ${shapes}`;
}

export function modelText(d: number, bias: boolean, modelExpr?: string): string {
  if (modelExpr) return `f(x) = ${modelExpr}`;
  const linear = d === 1 ? 'w·x' : d === 2 ? 'w₀x₀ + w₁x₁' : `w₀x₀ + … + w${subscript(d - 1)}x${subscript(d - 1)}`;
  return `f(x) = ${linear}${bias ? ' + b' : ''}`;
}

function subscript(n: number): string {
  return String(n).replace(/\d/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]);
}

export function optimizerText(s: TrainingChoices): string {
  switch (s.optimizer) {
    case 'sgd':
      return `SGD lr=${s.lr}`;
    case 'momentum':
      return `SGD lr=${s.lr} momentum=${s.momentum}${s.nesterov ? ' nesterov' : ''}`;
    case 'adam':
      return `Adam lr=${s.lr} betas=(${s.beta1}, ${s.beta2})`;
  }
}

export function runText(s: TrainingChoices): string {
  const loss = s.lossExpr ?? `${s.loss.toUpperCase()} (${s.reduction})`;
  const batch = s.batchSize === null ? 'full batch' : `batch ${s.batchSize}`;
  const gradient =
    s.gradient === 'autograd'
      ? 'autograd'
      : s.gradient === 'tutorial-numpy'
        ? 'numpy gradient np.dot(2*x, y_pred-y).mean()'
        : `gradient ${s.gradientText}`;
  return `${loss}, ${optimizerText(s)}, ${s.epochs} epochs, ${batch}, ${s.dtype}, ${gradient}`;
}

export function statusText(state: SessionState, epochs: number): string {
  switch (state.kind) {
    case 'idle':
      return 'ready';
    case 'running':
      return `training (${epochs} epochs)`;
    case 'paused':
      return `paused after ${state.epoch} of ${epochs} epochs`;
    case 'done':
      return `done: ${state.epoch} epochs`;
    case 'diverged':
      return `${stoppedWord(state.cause)} at epoch ${state.epoch}`;
  }
}

/** 0.1333… as "2/15 ≈ 0.1333" when it is 2 over a whole number, else 4 significant digits. */
export function criticalText(critical: number): string {
  const k = 2 / critical;
  const rounded = Math.round(k);
  const value = Number(critical.toPrecision(4));
  return rounded >= 1 && Math.abs(k - rounded) < 1e-9 * Math.max(1, k) ? `2/${rounded} ≈ ${value}` : String(value);
}

/** A learning rate comfortably below the critical one, rounded to one significant digit: what to try. */
export function saferLearningRate(critical: number): number {
  const half = critical / 2;
  const unit = 10 ** Math.floor(Math.log10(half));
  return Number((Math.floor(half / unit) * unit).toPrecision(1));
}

/**
 * Which critical rate the run has: the loss's 2/λmax (its Hessian's largest eigenvalue), or, when a
 * hand-written gradient g replaces autograd's, g's own 2/slope (the tutorial's 4x gradient: 2/60, not 2/15).
 */
function criticalName(handWritten: boolean): { symbol: string; of: string } {
  return handWritten
    ? { symbol: '2/slope', of: 'of this hand-written gradient' }
    : { symbol: '2/λmax', of: 'for this loss and data' };
}

/** The landscape's caption: the learning rate above which plain SGD diverges on this run. */
export function criticalCaption(critical: number | null, handWritten: boolean): string {
  if (critical === null) return '';
  const { symbol, of } = criticalName(handWritten);
  return handWritten
    ? `Critical learning rate ${of}, ${symbol} = ${criticalText(critical)}: SGD diverges above it.`
    : `Critical learning rate ${symbol} = ${criticalText(critical)}: SGD diverges above it.`;
}

/** How a run that ended early ended: it diverged, or it stopped (on values the loss cannot take). */
export function stoppedWord(cause: StopCause): string {
  return cause === 'diverged' ? 'diverged' : 'stopped';
}

/**
 * The banner's and the log's sentence for a run that ended early. A divergence names the learning rate
 * when it is above the critical one; a stop on values the loss cannot take gives only its own advice,
 * since no learning rate changes it.
 */
export function stopText(
  state: Extract<SessionState, { kind: 'diverged' }>,
  lr: number,
  critical: number | null,
  handWritten = false,
): string {
  if (state.cause === 'invalid')
    return `Training stopped at epoch ${state.epoch}: ${state.reason}.${sentence(state.advice)}`;
  const { symbol, of } = criticalName(handWritten);
  const above =
    critical !== null && lr >= critical
      ? ` The learning rate ${lr} is above the critical value ${symbol} = ${criticalText(critical)} ${of}, so every step overshoots the minimum by more than it corrects.`
      : '';
  // With the critical value explained above, the advice's own parenthetical about it would repeat it.
  const advice = sentence(above ? state.advice.replace(/\s*\([^)]*\)$/, '') : state.advice);
  return `Training diverged at epoch ${state.epoch}: ${state.reason}.${above}${advice}`;
}

/** " Try a smaller learning rate." from "try a smaller learning rate"; '' from ''. */
function sentence(text: string): string {
  return text ? ` ${text[0].toUpperCase()}${text.slice(1)}.` : '';
}

/** What a live change changed, in the user's words: "lr 0.01 → 0.05, epochs 100 → 200". */
export function changeText(before: TrainingChoices, after: TrainingChoices): string {
  const shown: [string, (s: TrainingChoices) => unknown][] = [
    ['lr', (s) => s.lr],
    ['optimizer', (s) => s.optimizer],
    ['momentum', (s) => s.momentum],
    ['nesterov', (s) => s.nesterov],
    ['beta1', (s) => s.beta1],
    ['beta2', (s) => s.beta2],
    ['eps', (s) => s.eps],
    ['weight decay', (s) => s.weightDecay],
    ['epochs', (s) => s.epochs],
    ['batch size', (s) => s.batchSize ?? 'full'],
    ['loss', (s) => s.loss],
    ['reduction', (s) => s.reduction],
    ['huber delta', (s) => s.huberDelta],
    ['gradient', (s) => (s.gradient === 'expression' ? s.gradientText : s.gradient)],
  ];
  const parts = shown
    .filter(([, get]) => get(before) !== get(after))
    .map(([name, get]) => `${name} ${String(get(before))} → ${String(get(after))}`);
  return parts.length ? parts.join(', ') : 'no change';
}
