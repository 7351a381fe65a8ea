// "Export as numpy script": a .py in the tutorial notebook's numpy shape, the gradient written out by hand
// (the tutorial's own gradient when that is chosen). It exists for the line model w·x + b with a regression
// loss, whose gradient we can write exactly; any other run is refused in words (the PyTorch script, written
// in the worker by src/train/export, trains every model the panel does).
import type { TrainerSettings } from '../../protocol/trainerSettings';
import { runText } from './describe';

const MAX_LITERAL_ROWS = 10_000;

function pyNumber(v: number): string {
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

interface DataLines {
  lines: string[];
  d: number | null;
}

/** Numpy lines for a generated shape, with the panel's formulas (src/train/data/shapes.ts); other random numbers. */
function shapeLines(src: Extract<TrainerSettings['source'], { kind: 'shape' }>, dtype: string): string[] {
  const n0 = Math.floor(src.n / 2);
  const n1 = src.n - n0;
  const points: Record<typeof src.shape, string[]> = {
    moons: [
      `t0, t1 = np.linspace(0, np.pi, ${n0}), np.linspace(0, np.pi, ${n1})`,
      'x = np.r_[np.c_[np.cos(t0), np.sin(t0)], np.c_[1 - np.cos(t1), 1 - np.sin(t1) - 0.5]]',
    ],
    circles: [
      `t0, t1 = 2 * np.pi * np.arange(${n0}) / ${n0}, 2 * np.pi * np.arange(${n1}) / ${n1}`,
      'x = np.r_[np.c_[np.cos(t0), np.sin(t0)], 0.5 * np.c_[np.cos(t1), np.sin(t1)]]',
    ],
    blobs: ['x = np.array([[-1.0, -1.0], [1.0, 1.0]])[y.astype(int)]'],
    xor: [
      `a = rng.uniform(0.05, 1, ${src.n}) * rng.choice([-1, 1], ${src.n})`,
      'x = np.c_[a, rng.uniform(0.05, 1, len(a)) * np.sign(a) * np.where(y == 0, 1, -1)]',
    ],
    spirals: [
      `r = np.r_[np.linspace(0, 1, ${n0}), np.linspace(0, 1, ${n1})]`,
      't = r * 1.5 * np.pi + y * np.pi',
      'x = np.c_[r * np.cos(t), r * np.sin(t)]',
    ],
  };
  return [
    `# ${src.shape} as the panel makes it, class 0 then class 1; numpy draws other noise than the panel's.`,
    `rng = np.random.default_rng(${src.seed})`,
    `y = np.r_[np.zeros(${n0}), np.ones(${n1})].astype(np.${dtype})`,
    ...points[src.shape],
    `x = (x + ${pyNumber(src.noise)} * rng.standard_normal(x.shape)).astype(np.${dtype})`,
  ];
}

/** Python lines binding x (N, or N x D) and y (N) as numpy arrays. */
function dataLines(s: TrainerSettings): DataLines {
  const src = s.source;
  const literal = (x: number[][], y: number[]): DataLines => {
    const d = x[0]?.length ?? 1;
    const xs =
      d === 1
        ? `[${x.map((r) => pyNumber(r[0])).join(', ')}]`
        : `[${x.map((r) => `[${r.map(pyNumber).join(', ')}]`).join(', ')}]`;
    return {
      d,
      lines: [
        `x = np.array(${xs}, dtype=np.${s.dtype})`,
        `y = np.array([${y.map(pyNumber).join(', ')}], dtype=np.${s.dtype})`,
      ],
    };
  };
  switch (src.kind) {
    case 'tutorial':
      return literal([[1], [2], [3], [4]], [2, 4, 6, 8]);
    case 'inline':
      if (src.x.length <= MAX_LITERAL_ROWS) return literal(src.x, src.y);
      return {
        d: src.x[0].length,
        lines: [`# ${src.label}: ${src.x.length} rows are too many to inline; load them here:`, 'x, y = ...'],
      };
    case 'synthetic':
      return {
        d: src.d,
        lines: [
          `# Synthetic data as the panel makes it: y = x.w + b + noise * N(0, 1), x ~ N(0, 1).`,
          `# numpy's generator draws other numbers than the panel's, so the losses differ slightly.`,
          `rng = np.random.default_rng(${src.seed})`,
          `x = rng.standard_normal((${src.n}, ${src.d}))${src.d === 1 ? '[:, 0]' : ''}.astype(np.${s.dtype})`,
          `true_w = np.array([${src.weights.map(pyNumber).join(', ')}])`,
          `y = (${src.d === 1 ? 'x * true_w[0]' : 'x @ true_w'} + ${pyNumber(src.bias)} + ${pyNumber(src.noise)} * rng.standard_normal(${src.n})).astype(np.${s.dtype})`,
        ],
      };
    case 'shape':
      return { d: 2, lines: shapeLines(src, s.dtype) };
    case 'file': {
      const path = JSON.stringify(src.label);
      return {
        d: null,
        lines: [
          `data = np.genfromtxt(${path}, delimiter=',', names=True, dtype=np.float64)`,
          `features = [name for name in data.dtype.names if name != ${JSON.stringify(src.target)}]`,
          `x = np.stack([data[name] for name in features], axis=1).astype(np.${s.dtype})`,
          `if x.shape[1] == 1:`,
          `    x = x[:, 0]`,
          `y = data[${JSON.stringify(src.target)}].astype(np.${s.dtype})`,
        ],
      };
    }
  }
}

/** Why the numpy script cannot stand for this run, or null when it can. */
export function numpyRefusal(s: TrainerSettings): string | null {
  const lineModel = 'The numpy script writes the gradient by hand and exists for the line model w·x + b';
  if (s.modelExpr !== undefined) return `${lineModel}; this run trains ${s.modelExpr}: use the PyTorch script.`;
  if (s.lossExpr !== undefined)
    return `${lineModel} with a built-in loss; this run's loss is ${s.lossExpr}: use the PyTorch script.`;
  if (s.loss !== 'mse' && s.loss !== 'mae' && s.loss !== 'huber')
    return `${lineModel} with the loss MSE, MAE or Huber; this run's is ${s.loss}: use the PyTorch script.`;
  if (s.gradient === 'expression')
    return `The numpy script writes autograd's gradient or the tutorial's by hand; this run's gradient is ${s.gradientText}, which it would not follow.`;
  return null;
}

function header(s: TrainerSettings): string[] {
  return [`# Exported from Autograd Lab's trainer: ${runText(s)}.`, '# Run with: python this_file.py   (needs numpy)'];
}

function batchesLines(indent: string, miniBatches: boolean): string[] {
  return [
    ...(miniBatches
      ? [
          `${indent}# numpy shuffles the rows in another order than the panel (its PyTorch script keeps the panel's order).`,
        ]
      : []),
    `${indent}if batch_size is None:`,
    `${indent}    batches = [(x, y)]`,
    `${indent}else:`,
    `${indent}    order = rng_shuffle.permutation(len(y))`,
    `${indent}    batches = [(x[order[i:i + batch_size]], y[order[i:i + batch_size]]) for i in range(0, len(y), batch_size)]`,
  ];
}

/** The numpy script of a run numpyRefusal() accepts. */
export function numpyScript(s: TrainerSettings): string {
  const data = dataLines(s);
  const oneFeature = data.d === 1;
  const printW = oneFeature ? 'w = {float(w):.3f}' : 'w = {np.round(np.asarray(w, dtype=np.float64), 3).tolist()}';
  const printB = s.bias ? ', b = {float(b):.3f}' : '';
  const batch = s.batchSize === null ? 'None' : String(s.batchSize);
  const lines = [...header(s), 'import numpy as np'];
  // numpy: the gradient written by hand.
  const residualGrad =
    s.loss === 'mse'
      ? '2 * r'
      : s.loss === 'mae'
        ? 'np.sign(r)'
        : `np.clip(r, -${pyNumber(s.huberDelta)}, ${pyNumber(s.huberDelta)})`;
  const lossExpr =
    s.loss === 'mse'
      ? 'r ** 2'
      : s.loss === 'mae'
        ? 'np.abs(r)'
        : `np.where(np.abs(r) <= ${pyNumber(s.huberDelta)}, 0.5 * r ** 2, ${pyNumber(s.huberDelta)} * (np.abs(r) - 0.5 * ${pyNumber(s.huberDelta)}))`;
  const reduce = s.reduction === 'mean' ? 'mean' : 'sum';
  const tutorialGradient = s.gradient === 'tutorial-numpy';
  lines.push(
    '',
    `rng_shuffle = np.random.default_rng(${s.seed})`,
    ...data.lines,
    `D = 1 if x.ndim == 1 else x.shape[1]`,
    ...(s.init === 'zeros'
      ? [`w = ${oneFeature ? '0.0' : 'np.zeros(D)'}`]
      : [
          "# nn.Linear's uniform start, drawn by numpy: other numbers than the panel's (its PyTorch script starts from them).",
          `w = np.random.default_rng(${s.seed}).uniform(-1 / D ** 0.5, 1 / D ** 0.5, ${oneFeature ? '' : 'D'})`,
        ]),
    ...(s.bias ? ['b = 0.0'] : []),
    '',
    '# model prediction',
    'def forward(x):',
    `    return ${oneFeature ? 'w * x' : 'x @ w'}${s.bias ? ' + b' : ''}`,
    '',
    'def loss(y, y_pred):',
    '    r = y_pred - y',
    `    return (${lossExpr}).${reduce}()`,
    '',
    '# gradients',
    'def gradient(x, y, y_pred):',
    ...(tutorialGradient
      ? [
          "    # The tutorial's gradient: np.dot already sums over the samples, so .mean() of that scalar",
          '    # changes nothing and dw is N times the true mean gradient (4x on the tutorial).',
          '    dw = np.dot(2*x, y_pred-y).mean()',
        ]
      : [
          '    r = y_pred - y',
          `    g = ${residualGrad}${reduce === 'mean' ? ' / len(y)' : ''}   # dL/dy_pred`,
          `    dw = ${oneFeature ? 'np.dot(x, g)' : 'x.T @ g'}`,
        ]),
    ...(s.bias
      ? [tutorialGradient ? '    db = np.sum(2 * (y_pred - y))' : '    db = np.sum(g)', '    return dw, db']
      : ['    return dw']),
    '',
    `learning_rate = ${s.lr}`,
    `n_iters = ${s.epochs}`,
    `batch_size = ${batch}`,
    ...(s.optimizer === 'momentum' ? [`momentum = ${s.momentum}`, 'velocity = {}'] : []),
    ...(s.optimizer === 'adam' ? [`beta1, beta2, eps = ${s.beta1}, ${s.beta2}, ${s.eps}`, 'moments, t = {}, 0'] : []),
    '',
    'def update(name, value, grad):',
    ...(s.weightDecay ? [`    grad = grad + ${s.weightDecay} * value`] : []),
    ...(s.optimizer === 'sgd' ? ['    return value - learning_rate * grad'] : []),
    ...(s.optimizer === 'momentum'
      ? [
          '    v = velocity[name] = momentum * velocity.get(name, 0) + grad',
          `    step = grad + momentum * v if ${s.nesterov ? 'True' : 'False'} else v`,
          '    return value - learning_rate * step',
        ]
      : []),
    ...(s.optimizer === 'adam'
      ? [
          '    m, v = moments.get(name, (0, 0))',
          '    m = beta1 * m + (1 - beta1) * grad',
          '    v = beta2 * v + (1 - beta2) * grad ** 2',
          '    moments[name] = (m, v)',
          '    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)',
          '    return value - learning_rate * m_hat / (np.sqrt(v_hat) + eps)',
        ]
      : []),
    '',
    `print(f'Prediction before training: f(${pyNumber(s.predictAt).replace(/\.0$/, '')}) = {forward(${pyNumber(s.predictAt)}) if D == 1 else forward(np.full(D, ${pyNumber(s.predictAt)})):.3f}')`,
    '',
    'for epoch in range(n_iters):',
    ...batchesLines('    ', s.batchSize !== null),
    '    for xb, yb in batches:',
    '        y_pred = forward(xb)                 # forward pass',
    '        l = loss(yb, y_pred)                 # loss',
    `        ${s.bias ? 'dw, db' : 'dw'} = gradient(xb, yb, y_pred)   # gradients`,
    ...(s.optimizer === 'adam' ? ['        t += 1'] : []),
    "        w = update('w', w, dw)               # update",
    ...(s.bias ? ["        b = update('b', b, db)"] : []),
    `    if epoch % ${s.logEvery} == 0:`,
    `        print(f'epoch {epoch}: ${printW}${printB}, loss = {l:.8f}')`,
    '',
    `print(f'Prediction after training: f(${pyNumber(s.predictAt).replace(/\.0$/, '')}) = {forward(${pyNumber(s.predictAt)}) if D == 1 else forward(np.full(D, ${pyNumber(s.predictAt)})):.3f}')`,
  );
  return lines.join('\n') + '\n';
}
