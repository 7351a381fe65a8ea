// `autograd-lab train` flags -> a typed request. Every mistake becomes a UsageError with one clear line (for an
// expression, followed by the text with a caret under the problem). Every value is checked before the data.
import { parseArgs } from 'node:util';
import {
  compileParts,
  ConfigError,
  ExpressionError,
  looksLikePreset,
  parsePreset,
  presetDefaultLoss,
  type ModelPreset,
  type DType,
  type LossKind,
  type OptimizerConfig,
  type LossReduction,
  type TrainConfig,
} from '../train';

export class UsageError extends Error {
  /** Lines printed under the message: an expression with a caret under the problem. */
  constructor(
    message: string,
    readonly excerpt = '',
  ) {
    super(message);
  }
}

export type DataSource =
  | { kind: 'tutorial' }
  | { kind: 'inline'; rows: number[][]; y: number[] }
  | { kind: 'csv'; path: string; target: string };

export type TrainRequest =
  | { kind: 'help' }
  | { kind: 'tutorial-numpy' }
  | {
      kind: 'train';
      data: DataSource;
      /** Everything of the TrainConfig but the data. */
      settings: Omit<TrainConfig, 'data'>;
      /** Print every K-th epoch (epoch % K === 0), as the tutorial prints every 10th. */
      every: number;
      json: boolean;
      /** Features of a point to predict before and after training (the tutorial's f(5)). */
      predict: number[] | null;
      /** A --model preset, expanded once the data's width is known (settings.modelExpr is then unset). */
      preset: ModelPreset | null;
      /** The preset as written, e.g. "mlp:16". */
      presetText: string | null;
      /** --params FILE: initial values by name, read with the data. */
      paramsFile: string | null;
      /** --export-pytorch FILE.py: write the run as a PyTorch script before training. */
      exportPytorch: string | null;
    };

const options = {
  example: { type: 'string' },
  x: { type: 'string' },
  y: { type: 'string' },
  data: { type: 'string' },
  target: { type: 'string' },
  bias: { type: 'boolean' },
  init: { type: 'string' },
  loss: { type: 'string' },
  model: { type: 'string' },
  gradient: { type: 'string' },
  'huber-delta': { type: 'string' },
  reduction: { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  momentum: { type: 'string' },
  nesterov: { type: 'boolean' },
  betas: { type: 'string' },
  eps: { type: 'string' },
  'weight-decay': { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  dtype: { type: 'string' },
  seed: { type: 'string' },
  every: { type: 'string' },
  predict: { type: 'string' },
  json: { type: 'boolean' },
  params: { type: 'string' },
  shape: { type: 'string', multiple: true },
  hidden: { type: 'string' },
  'no-shuffle': { type: 'boolean' },
  'export-pytorch': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof options; strict: true; allowPositionals: false }>>['values'];

function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function parseNumber(flag: string, text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`--${flag} must be a number (got "${text}")`);
  return value;
}

interface Range {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
}

function numberFlag(flag: string, text: string | undefined, range: Range): number | undefined {
  if (text === undefined) return undefined;
  const value = parseNumber(flag, text);
  const tooLow = range.min !== undefined && (range.minExclusive ? value <= range.min : value < range.min);
  const tooHigh = range.max !== undefined && (range.maxExclusive ? value >= range.max : value > range.max);
  if ((range.integer && !Number.isInteger(value)) || tooLow || tooHigh) {
    const kind = range.integer ? 'an integer' : 'a number';
    const low = range.min === undefined ? '' : ` ${range.minExclusive ? '>' : '>='} ${range.min}`;
    const high = range.max === undefined ? '' : `${low ? ' and' : ''} ${range.maxExclusive ? '<' : '<='} ${range.max}`;
    throw new UsageError(`--${flag} must be ${kind}${low}${high} (got "${text}")`);
  }
  return value;
}

function numberList(flag: string, text: string): number[] {
  return text.split(',').map((part) => parseNumber(flag, part));
}

/** `--x 1,2,3,4` is one feature; `--x "1,2;3,4"` is rows separated by ';' with features separated by ','. */
function inlineRows(x: string): number[][] {
  return x.includes(';') ? x.split(';').map((row) => numberList('x', row)) : numberList('x', x).map((v) => [v]);
}

function inlineData(rows: number[][], targets: number[]): DataSource {
  if (rows.length !== targets.length)
    throw new UsageError(`--x has ${rows.length} rows but --y has ${targets.length} values`);
  const width = rows[0].length;
  const ragged = rows.findIndex((row) => row.length !== width);
  if (ragged >= 0)
    throw new UsageError(`row ${ragged + 1} of --x has ${rows[ragged].length} features but row 1 has ${width}`);
  return { kind: 'inline', rows, y: targets };
}

function dataSource(flags: Flags): DataSource {
  // The values first, so "--x 1,a" is named even next to a conflicting flag.
  const rows = flags.x === undefined ? undefined : inlineRows(flags.x);
  const targets = flags.y === undefined ? undefined : numberList('y', flags.y);
  const given = [
    flags.example !== undefined,
    flags.x !== undefined || flags.y !== undefined,
    flags.data !== undefined,
  ].filter(Boolean).length;
  if (given > 1) throw new UsageError('give only one of --example, --x/--y, --data');
  if (flags.example !== undefined) return { kind: 'tutorial' };
  if (rows !== undefined || targets !== undefined) {
    if (rows === undefined || targets === undefined) throw new UsageError('--x and --y go together');
    return inlineData(rows, targets);
  }
  if (flags.data !== undefined) {
    if (flags.target === undefined) throw new UsageError('--data needs --target COLUMN (the column to predict)');
    return { kind: 'csv', path: flags.data, target: flags.target };
  }
  if (flags.target !== undefined) throw new UsageError('--target goes with --data FILE');
  throw new UsageError('no data: give --example tutorial, --x and --y, or --data FILE --target COLUMN');
}

function optimizerConfig(flags: Flags): OptimizerConfig {
  const kind = choice(
    'optimizer',
    flags.optimizer,
    ['sgd', 'momentum', 'adam'] as const,
    flags.momentum !== undefined ? 'momentum' : 'sgd',
  );
  const lr = numberFlag('lr', flags.lr, { min: 0, minExclusive: true }) ?? (kind === 'adam' ? 0.001 : 0.01);
  const weightDecay = numberFlag('weight-decay', flags['weight-decay'], { min: 0 });
  const decay = weightDecay === undefined ? {} : { weightDecay };
  if (kind === 'adam') {
    if (flags.momentum !== undefined || flags.nesterov)
      throw new UsageError('--momentum and --nesterov go with --optimizer sgd or momentum, not adam');
    const betas = flags.betas === undefined ? undefined : numberList('betas', flags.betas);
    if (betas && (betas.length !== 2 || betas.some((b) => b < 0 || b >= 1))) {
      throw new UsageError(`--betas must be two numbers in [0, 1) such as 0.9,0.999 (got "${flags.betas}")`);
    }
    const eps = numberFlag('eps', flags.eps, { min: 0, minExclusive: true });
    return {
      kind: 'adam',
      lr,
      ...(betas ? { betas: [betas[0], betas[1]] } : {}),
      ...(eps === undefined ? {} : { eps }),
      ...decay,
    };
  }
  if (flags.betas !== undefined || flags.eps !== undefined)
    throw new UsageError('--betas and --eps go with --optimizer adam');
  const momentum =
    numberFlag('momentum', flags.momentum, { min: 0, max: 1, maxExclusive: true }) ?? (kind === 'momentum' ? 0.9 : 0);
  if (flags.nesterov && momentum === 0)
    throw new UsageError('--nesterov needs a momentum above 0 (--optimizer momentum or --momentum MU)');
  return {
    kind: 'sgd',
    lr,
    ...(momentum ? { momentum } : {}),
    ...(flags.nesterov ? { nesterov: true } : {}),
    ...decay,
  };
}

const lossKinds: readonly LossKind[] = ['mse', 'mae', 'huber', 'bce', 'hinge', 'cross-entropy'];

/** --loss: a keyword is the built-in loss; any other text is an expression over y_pred and y. */
function lossFlag(text: string | undefined): { loss: LossKind; lossExpr?: string } {
  if (text === undefined) return { loss: 'mse' };
  return (lossKinds as readonly string[]).includes(text) ? { loss: text as LossKind } : { loss: 'mse', lossExpr: text };
}

/** The flag's text with a caret under the problem (tabs shown as spaces so the caret lines up). */
export function caretExcerpt(text: string, line: number, column: number): string {
  const shown = (text.split('\n')[line - 1] ?? '').replace(/\t/g, ' ');
  return `  ${shown}\n  ${' '.repeat(Math.max(0, column - 1))}^\n`;
}

/** Compiles --model, --loss and --gradient now, so a typo is reported against its flag before any data is read. */
function checkExpressions(expressions: Pick<TrainConfig, 'modelExpr' | 'lossExpr' | 'gradient'>): void {
  try {
    compileParts(expressions);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    const where = e.text.includes('\n') ? `line ${e.line}, column ${e.column}` : `column ${e.column}`;
    const word = e.text.trim();
    const builtIn =
      e.role === 'loss' && /^\w+$/.test(word)
        ? `; the built-in losses are ${lossKinds.join(', ')}${lossKinds.includes(word.toLowerCase() as LossKind) ? ` (did you mean --loss ${word.toLowerCase()}?)` : ''}`
        : '';
    throw new UsageError(`--${e.role}: ${e.problem}${builtIn} (${where})`, caretExcerpt(e.text, e.line, e.column));
  }
}

/** --model linear|poly:K|logistic|mlp:...: the preset, or null for an expression (or no --model). */
function presetFlag(text: string | undefined, hidden: string | undefined): ModelPreset | null {
  if (text === undefined || !looksLikePreset(text)) return null;
  try {
    const preset = parsePreset(text);
    if (preset.kind === 'mlp' && hidden !== undefined)
      throw new UsageError(`--hidden goes with a --model expression; ${text} gives the hidden sizes itself`);
    return preset;
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`--model ${e.message}`);
    throw e;
  }
}

const widthList = (flag: string, text: string): number[] =>
  text.split(/[,x]/).map((part) => {
    const value = Number(part);
    if (part.trim() === '' || !Number.isInteger(value) || value < 1)
      throw new UsageError(`--${flag} takes whole numbers >= 1 (got "${text}")`);
    return value;
  });

/** --shape W1=2x16 (repeatable) and --hidden 16 or 16,8: the sizes the data do not fix. */
function sizeFlags(flags: Flags): Pick<TrainConfig, 'shapes' | 'hidden'> {
  const shapes: Record<string, number[]> = {};
  for (const text of flags.shape ?? []) {
    const at = /^\s*([A-Za-z_]\w*)\s*=\s*(.+)$/.exec(text);
    if (!at) throw new UsageError(`--shape takes NAME=SIZES such as W1=2x16 (got "${text}")`);
    shapes[at[1]] = at[2].trim() === '()' ? [] : widthList('shape', at[2].trim());
  }
  return {
    ...(flags.shape === undefined ? {} : { shapes }),
    ...(flags.hidden === undefined ? {} : { hidden: widthList('hidden', flags.hidden) }),
  };
}

/** The settings from the flags: every flag's value is checked here, before the data are looked at. */
function trainSettings(flags: Flags, preset: ModelPreset | null): Omit<TrainConfig, 'data'> {
  const epochs = numberFlag('epochs', flags.epochs, { min: 0, max: 10_000_000, integer: true }) ?? 100;
  const { loss, lossExpr } = lossFlag(flags.loss ?? presetDefaultLoss(preset));
  const huberDelta = numberFlag('huber-delta', flags['huber-delta'], { min: 0, minExclusive: true });
  if (huberDelta !== undefined && loss !== 'huber') throw new UsageError('--huber-delta goes with --loss huber');
  const expressions = {
    ...(flags.model === undefined || preset ? {} : { modelExpr: flags.model }),
    ...(lossExpr === undefined ? {} : { lossExpr }),
    ...(flags.gradient === undefined ? {} : { gradient: { kind: 'expression' as const, text: flags.gradient } }),
  };
  checkExpressions(expressions);
  return {
    bias: flags.bias ?? false,
    // torch: nn.Linear's U(-1/sqrt(fan_in), 1/sqrt(fan_in)), which 'uniform' has always been
    init: choice('init', flags.init, ['zeros', 'uniform', 'torch'] as const, 'zeros') === 'zeros' ? 'zeros' : 'uniform',
    loss,
    ...(huberDelta === undefined ? {} : { huberDelta }),
    reduction: choice<LossReduction>('reduction', flags.reduction, ['mean', 'sum'], 'mean'),
    optimizer: optimizerConfig(flags),
    epochs,
    batchSize: numberFlag('batch-size', flags['batch-size'], { min: 1, integer: true }) ?? null,
    seed: numberFlag('seed', flags.seed, { min: 0, max: 2 ** 32, maxExclusive: true, integer: true }) ?? 0,
    dtype: choice<DType>('dtype', flags.dtype, ['float32', 'float64'], 'float32'),
    ...(flags['no-shuffle'] ? { shuffle: false } : {}),
    ...sizeFlags(flags),
    ...expressions,
  };
}

/** Parses the arguments after `train`. */
export function parseTrainArgs(args: string[]): TrainRequest {
  let flags: Flags;
  try {
    flags = parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    // node:util's messages are clear but long; keep their first sentence.
    const first = (e as Error).message.split(/\.\s/)[0].replace(/\.$/, '');
    const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(first);
    const hint = ambiguous ? ` (for a value that starts with "-", write ${ambiguous[1]}=VALUE)` : '';
    throw new UsageError(first + hint);
  }
  if (flags.help) return { kind: 'help' };
  const example = choice('example', flags.example, ['tutorial', 'tutorial-numpy'] as const, 'tutorial');
  if (flags.example !== undefined && example === 'tutorial-numpy') {
    const others = Object.keys(flags).filter((k) => k !== 'example');
    if (others.length > 0)
      throw new UsageError(
        `--example tutorial-numpy replays the notebook as written and takes no other flags (got --${others[0]})`,
      );
    return { kind: 'tutorial-numpy' };
  }
  const preset = presetFlag(flags.model, flags.hidden);
  const settings = trainSettings(flags, preset);
  const every =
    numberFlag('every', flags.every, { min: 1, integer: true }) ?? Math.max(1, Math.ceil(settings.epochs / 10));
  const point = flags.predict !== undefined ? numberList('predict', flags.predict) : null;
  // Only now the data flags: a bad value of any flag is named before "no data" or a CSV problem.
  const data = dataSource(flags);
  const predict = point ?? (data.kind === 'tutorial' ? [5] : null);
  return {
    kind: 'train',
    data,
    settings,
    every,
    json: flags.json ?? false,
    predict,
    preset,
    presetText: preset ? (flags.model ?? null) : null,
    paramsFile: flags.params ?? null,
    exportPytorch: flags['export-pytorch'] ?? null,
  };
}
