// `autograd-lab train --example tutorial-numpy`: the notebook's numpy half, trained with its own
// hand-written gradient expression, printed byte for byte, then the gradient check that explains why
// its first step gives w = 1.200 where PyTorch gives 0.300.
//
// NumPy 1.x casting, as the notebook ran (see /work/shared/tutorial/README.md): w = 0.0 is a Python
// float, so `w -= learning_rate * dw` runs in float64 and w stays float64; `w * x` casts w to float32
// and computes in float32, as do `y_pred - y`, `**2` and `.mean()`; np.dot on float32 accumulates in
// double and rounds once. compileExpression's float32 evaluation does exactly that.
import { checkGradient, compileExpression, type Value } from '../expr/api';
import { formatEpochLine, formatPrediction } from '../train';
import type { CliIo } from './io';

/** The notebook's numpy program, as written (its definitions are what the expressions resolve to). */
export const TUTORIAL_NUMPY_SOURCE = `x =  np.array([1,2,3,4], dtype = np.float32)
y =  np.array([2,4,6,8], dtype = np.float32)

w = 0.0

# model prediction
def forward(x):
    return w * x

# loss = MSE
def loss(y, y_pred):
    return ((y_pred-y)**2).mean()
    
# gradient
# MSE = 1/N * (w*x - y)**2
# dJ/dw = 1/N 2x (w*x - y)
def gradient(x, y, y_pred):
    return np.dot(2*x, y_pred-y).mean()

print(f'Prediction before training: f(5) = {forward(5):.3f}')

#Training
learning_rate = 0.01
n_iters = 20

for epoch in range(n_iters):
    # prediction = forward pass
    y_pred = forward(x)

    # loss
    l = loss(y, y_pred)

    #gradients
    dw = gradient(x, y, y_pred)

    #update
    w -= learning_rate * dw

    if epoch % 2 == 0:
        print(f'epoch {epoch}: w = {w:.3f}, loss = {l:.8f}')

print(f'Prediction after training: f(5) = {forward(5):.3f}')
`;

const LEARNING_RATE = 0.01;
const EPOCHS = 20;
const PRINT_EVERY = 2;

function scalar(v: Value): number {
  if (Array.isArray(v)) throw new Error('expected a single number');
  return v;
}

export async function runTutorialNumpy(io: CliIo): Promise<number> {
  const context = { text: TUTORIAL_NUMPY_SOURCE, languageId: 'python' };
  const model = compileExpression('w * x', { context });
  const loss = compileExpression('loss(y, y_pred)', { context });
  const gradient = compileExpression('gradient(x, y, y_pred)', { context });
  if (!model.ok || !loss.ok || !gradient.ok) {
    io.stderr('autograd-lab train: the tutorial expressions did not compile\n');
    return 1;
  }
  const x = [1, 2, 3, 4];
  const y = [2, 4, 6, 8];
  let w = 0; // a Python float: float64 throughout
  // forward(5): a Python float times a Python int, in float64
  io.stdout(`${formatPrediction('before', 5, scalar(model.value.evaluate({ w, x: 5 })))}\n`);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const values = { w, x, y };
    const l = scalar(loss.value.evaluate(values, 'float32'));
    const dw = scalar(gradient.value.evaluate(values, 'float32'));
    w -= LEARNING_RATE * dw; // Python float times np.float32 scalar: float64 in NumPy 1.x
    if (epoch % PRINT_EVERY === 0) io.stdout(`${formatEpochLine({ epoch, loss: l, params: { w: [w], b: null }, gradNorm: Math.abs(dw) })}\n`);
  }
  io.stdout(`${formatPrediction('after', 5, scalar(model.value.evaluate({ w, x: 5 })))}\n`);

  const verdict = checkGradient('((y_pred-y)**2).mean()', 'np.dot(2*x, y_pred-y).mean()', { context, wrt: ['w'], at: { w: 0 } });
  if (verdict.ok && verdict.value.kind !== 'match') {
    io.stdout(`\nwarning: the hand-written gradient np.dot(2*x, y_pred-y).mean() is not the loss's gradient.\n${verdict.value.message}\n`);
  }
  return 0;
}
