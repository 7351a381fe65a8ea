// A resolved run written as a Python script that trains the same model from the same start with torch and
// prints the same table as our trainer: `train --export-pytorch FILE.py` and the trainer panel's "PyTorch
// script" both write it. Pure: a PytorchRun in, the script's text out. The shuffle is our own generator
// (mulberry32 and Fisher-Yates) ported to Python, so the batches come in the same order without writing
// every epoch's order out.
import type { LossKind, LossReduction, OptimizerConfig } from '../types';
import { pyFloat, pyNested, pyString, SHUFFLE_LINES } from './python';

export interface PytorchParameter {
  name: string;
  shape: number[];
  values: number[];
}

/** Everything the script needs, resolved: no defaults are left for it to guess. */
/** Who exported the run, in the script's opening comments. */
export interface ScriptExporter {
  /** The first comment: `Exported by: autograd-lab train ...`. */
  comment: string;
  /** Whose table the script prints again: `autograd-lab train`. */
  trainer: string;
  /** How that trainer is told to compute in float64: `--dtype float64`. */
  float64: string;
}

export interface PytorchRun {
  exporter: ScriptExporter;
  /** More comments after the opening ones (what the script does differently from the run, and why). */
  notes: string[];
  dtype: 'float32' | 'float64';
  data:
    | { kind: 'embedded'; n: number; d: number; x: ArrayLike<number>; y: ArrayLike<number> }
    | { kind: 'csv'; n: number; d: number; path: string; target: string };
  /** The model as torch code over x and the parameters; null for the linear model x @ w (+ b). */
  model: string | null;
  /** x as the model sees it: the N x D matrix, or a vector of N (a model of x, w and b with one feature). */
  xAs: 'matrix' | 'vector';
  /** In order; a scalar's shape is []. */
  parameters: PytorchParameter[];
  /** How `train` prints the parameters: by name (a model's own) or as the linear model's w and b. */
  display: 'named' | 'linear';
  /** An expression's `accuracy`: the built-in loss whose accuracy rule it shares (as `train` reports it), or null. */
  loss:
    | { kind: LossKind; reduction: LossReduction; huberDelta: number }
    | { kind: 'expression'; torch: string; accuracy: LossKind | null };
  optimizer: OptimizerConfig;
  batchSize: number | null;
  shuffle: boolean;
  seed: number;
  epochs: number;
  every: number;
  /** Printed before the table: `model: EXPR (PRESET)`. */
  modelLine: string | null;
  /** A point to predict before and after training, as `train` prints it: its text and its values. */
  predict: { text: string; values: number[] } | null;
  /** Without a point to predict: print `after N epochs: ..., loss = ...`, the loss at the final parameters. */
  finalLoss: boolean;
}

function dataLines(run: PytorchRun): string[] {
  const { data } = run;
  if (data.kind === 'embedded')
    return [
      `x = torch.tensor(${pyNested(data.x, [data.n, data.d])})`,
      `y = torch.tensor(${pyNested(data.y, [data.n])})`,
    ];
  return [
    `# Read as autograd-lab reads it: blank lines skipped, ${pyString(data.target)} the target, every other column a feature.`,
    `with open(${pyString(data.path)}, newline='', encoding='utf-8-sig') as f:`,
    `    rows = [row for row in csv.reader(f) if any(cell.strip() for cell in row)]`,
    `header = [name.strip() for name in rows[0]]`,
    `target = header.index(${pyString(data.target)})`,
    `x = torch.tensor([[float(v) for k, v in enumerate(row) if k != target] for row in rows[1:]])`,
    `y = torch.tensor([float(row[target]) for row in rows[1:]])`,
    `del rows`,
    `assert x.shape == (${data.n}, ${data.d}), f'expected ${data.n} rows of ${data.d} features, read {tuple(x.shape)}'`,
  ];
}

function parameterLines(run: PytorchRun): string[] {
  return [
    '# The parameters, from the start autograd-lab trained from.',
    'P = {',
    ...run.parameters.map(
      (p) => `    ${pyString(p.name)}: torch.tensor(${pyNested(p.values, p.shape)}, requires_grad=True),`,
    ),
    '}',
  ];
}

function modelLines(run: PytorchRun): string[] {
  const names = run.parameters.map((p) => p.name);
  const body = run.model ?? (names.includes('b') ? 'x @ w + b' : 'x @ w'); // the linear model: w of D values, b a number
  const xOf = run.xAs === 'vector' ? 'xb[:, 0]' : 'xb';
  const lines = [
    `def model(x, ${names.join(', ')}):`,
    `    return ${body}`,
    '',
    'def predict(xb):',
    `    """One prediction per row of xb (N x D), as a vector of N."""`,
    `    return model(${xOf}, **P).reshape(xb.shape[0])`,
    '',
  ];
  const { loss } = run;
  if (loss.kind === 'expression')
    return [
      ...lines,
      `def custom_loss(y_pred, y, x, ${names.join(', ')}):`,
      `    return ${loss.torch}`,
      '',
      'def loss_fn(pred, yb, xb):',
      `    return custom_loss(pred, yb, ${xOf}, **P).reshape(())`,
    ];
  const reduce = loss.reduction === 'mean' ? '.mean()' : '.sum()';
  const r = pyString(loss.reduction);
  const body2: Record<LossKind, string> = {
    mse: `F.mse_loss(pred, yb, reduction=${r})`,
    mae: `F.l1_loss(pred, yb, reduction=${r})`,
    huber: `F.huber_loss(pred, yb, reduction=${r}, delta=${pyFloat(loss.huberDelta)})`,
    // PyTorch's BCELoss, written out: its logarithms clamped at -100
    bce: `(-(yb * torch.clamp(torch.log(pred), min=-100.0) + (1 - yb) * torch.clamp(torch.log(1 - pred), min=-100.0)))${reduce}`,
    // BCEWithLogitsLoss of the logit pred
    'cross-entropy': `(F.softplus(pred) - yb * pred)${reduce}`,
    // labels 0 are -1
    hinge: `torch.relu(1 - torch.where(yb == 0, -1.0, yb) * pred)${reduce}`,
  };
  return [...lines, 'def loss_fn(pred, yb, xb):', `    return ${body2[loss.kind]}`];
}

function optimizerLine(config: OptimizerConfig): string {
  const decay = `weight_decay=${pyFloat(config.weightDecay ?? 0)}`;
  if (config.kind === 'adam') {
    const [b1, b2] = config.betas ?? [0.9, 0.999];
    return `optimizer = torch.optim.Adam(P.values(), lr=${pyFloat(config.lr)}, betas=(${pyFloat(b1)}, ${pyFloat(b2)}), eps=${pyFloat(config.eps ?? 1e-8)}, ${decay})`;
  }
  const momentum = config.momentum ?? 0;
  const nesterov = config.nesterov ? 'True' : 'False';
  return `optimizer = torch.optim.SGD(P.values(), lr=${pyFloat(config.lr)}, momentum=${pyFloat(momentum)}, dampening=${pyFloat(config.dampening ?? 0)}, nesterov=${nesterov}, ${decay})`;
}

const DISPLAY_LINES: Record<PytorchRun['display'], string[]> = {
  named: [
    'def describe():',
    '    """The parameters as train prints them: numbers, short vectors in full, the rest as shape and norm."""',
    '    parts = []',
    '    for name, p in P.items():',
    '        values = p.detach().flatten().tolist()',
    '        if p.dim() == 0:',
    "            parts.append(f'{name} = {values[0]:.3f}')",
    '        elif p.dim() == 1 and len(values) <= 4:',
    "            parts.append(f'{name} = [' + ', '.join(f'{v:.3f}' for v in values) + ']')",
    '        else:',
    '            norm = math.sqrt(sum(v * v for v in values))',
    '            parts.append(f"{name} = {\'x\'.join(str(s) for s in p.shape)} |{name}| = {norm:.3f}")',
    "    return ', '.join(parts)",
  ],
  linear: [
    'def describe():',
    '    """w as a number for one feature, else a list; then b."""',
    "    w = P['w'].detach().tolist()",
    "    text = f'w = {w[0]:.3f}' if len(w) == 1 else 'w = [' + ', '.join(f'{v:.3f}' for v in w) + ']'",
    "    return text + (f\", b = {P['b'].item():.3f}\" if 'b' in P else '')",
  ],
};

function predictLines(run: PytorchRun, label: 'before' | 'after'): string[] {
  if (!run.predict) return [];
  const point = `torch.tensor([[${run.predict.values.map(pyFloat).join(', ')}]])`;
  return [
    'with torch.no_grad():',
    `    print(f'Prediction ${label} training: f(${run.predict.text}) = {predict(${point}).item():.3f}')`,
  ];
}

/** The loss whose accuracy the script prints (a classification loss, or an expression recognised as one), or null. */
function accuracyRule(loss: PytorchRun['loss']): LossKind | null {
  if (loss.kind === 'expression') return loss.accuracy;
  return loss.kind === 'bce' || loss.kind === 'hinge' || loss.kind === 'cross-entropy' ? loss.kind : null;
}

function loopLines(run: PytorchRun, classify: boolean): string[] {
  const threshold = accuracyRule(run.loss) === 'bce' ? '0.5' : '0.0';
  const mean = run.loss.kind === 'expression' || run.loss.reduction === 'mean';
  const many = run.batchSize !== null && run.batchSize < run.data.n;
  return [
    'for epoch in range(EPOCHS):',
    ...(many
      ? [
          `    order = shuffled(N, rng) if SHUFFLE else list(range(N))`,
          '    batches = [order[k:k + BATCH_SIZE] for k in range(0, N, BATCH_SIZE)]',
        ]
      : ['    batches = [None]  # the whole data set']),
    '    total, last, correct = 0.0, 0.0, 0',
    '    for rows in batches:',
    '        xb, yb = (x, y) if rows is None else (x[rows], y[rows])',
    '        optimizer.zero_grad()',
    '        pred = predict(xb)',
    '        loss = loss_fn(pred, yb, xb)',
    '        value = loss.item()',
    '        if not math.isfinite(value):',
    "            sys.exit(f'training diverged at epoch {epoch}: the loss became {value}')",
    ...(classify ? [`        correct += ((pred > ${threshold}) == (yb > 0)).sum().item()`] : []),
    '        loss.backward()',
    '        optimizer.step()',
    '        if not all(torch.isfinite(p).all() for p in P.values()):',
    "            sys.exit(f'training diverged at epoch {epoch}: a parameter stopped being finite')",
    `        total += ${mean ? 'value * len(yb)' : 'value'}`,
    '        last = value',
    `    epoch_loss = last if len(batches) == 1 else total${mean ? ' / N' : ''}`,
    `    accuracy = ${classify ? "f', accuracy = {correct / N:.3f}'" : "''"}`,
    '    if epoch % EVERY == 0:',
    "        print(f'epoch {epoch}: {describe()}, loss = {epoch_loss:.8f}{accuracy}')",
  ];
}

function finalLines(run: PytorchRun): string[] {
  if (run.predict) return predictLines(run, 'after');
  if (!run.finalLoss) return [];
  const plural = run.epochs === 1 ? '' : 's';
  return [
    'with torch.no_grad():',
    '    final = loss_fn(predict(x), y, x).item()',
    `print(f'after ${run.epochs} epoch${plural}: {describe()}, loss = {final:.8f}')`,
  ];
}

/** A note as comment lines of at most about 110 characters, broken between words. */
function commentLines(note: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of note.split(/\s+/).filter(Boolean)) {
    if (line.length > 1 && line.length + 1 + word.length > 110) {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return line.length > 1 ? [...lines, line] : lines;
}

/** The script. Classification losses (bce, hinge, cross-entropy, and expressions of them) report accuracy, as `train` does. */
export function pytorchScript(run: PytorchRun): string {
  const classify = accuracyRule(run.loss) !== null;
  const lines = [
    `# ${run.exporter.comment.replace(/\n/g, ' ')}`,
    '# Run with: python this_file.py   (needs torch). It trains the same model from the same start as',
    `# ${run.exporter.trainer} and prints the same table; digit for digit in float64 (${run.exporter.float64}).`,
    ...run.notes.flatMap(commentLines),
    ...(run.dtype === 'float32'
      ? [
          '# In float32 a sum may round differently in torch than in autograd-lab: the last digits can differ,',
          "# and over many epochs a network's can drift further apart (the moons MLP's by the third digit).",
        ]
      : []),
    'import csv',
    'import math',
    'import sys',
    '',
    'import torch',
    'import torch.nn.functional as F',
    '',
    `torch.set_default_dtype(torch.${run.dtype})`,
    '',
    ...dataLines(run),
    `N, D = ${run.data.n}, ${run.data.d}`,
    '',
    ...parameterLines(run),
    '',
    ...modelLines(run),
    '',
    optimizerLine(run.optimizer),
    `EPOCHS, EVERY = ${run.epochs}, ${run.every}`,
    `BATCH_SIZE, SHUFFLE = ${run.batchSize ?? 'None'}, ${run.shuffle ? 'True' : 'False'}`,
    '',
    ...SHUFFLE_LINES,
    '',
    `rng = Mulberry32(${run.seed} ^ 0x9E3779B9)  # the shuffles' stream, apart from the initial values'`,
    '',
    ...DISPLAY_LINES[run.display],
    '',
    ...(run.modelLine ? [`print(${pyString(run.modelLine)})`] : []),
    ...predictLines(run, 'before'),
    ...loopLines(run, classify),
    '',
    ...finalLines(run),
  ];
  return `${lines.join('\n')}\n`;
}
