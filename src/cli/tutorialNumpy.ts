// `autograd-lab train --example tutorial-numpy`: the notebook's numpy half, trained with its own
// hand-written gradient expression, printed byte for byte, then the gradient check that explains why
// its first step gives w = 1.200 where PyTorch gives 0.300.
//
// NumPy 1.x casting, as the notebook ran (see the tutorial's README): w = 0.0 is a Python float, so
// `w -= learning_rate * dw` runs in float64 and w stays float64; `w * x` casts w to float32 and computes
// in float32, as do `y_pred - y`, `**2` and `.mean()`; np.dot on float32 accumulates in double and rounds
// once. The session's `arithmetic: 'numpy'` does exactly that.
import { checkGradient } from '../expr';
import { createSession, formatEpochLine, formatPrediction, tutorialConfig } from '../train';
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

/** The notebook's own expressions, as its functions return them. */
const MODEL = 'w * x';
const LOSS = '((y_pred-y)**2).mean()';
const GRADIENT = 'np.dot(2*x, y_pred-y).mean()';
const PRINT_EVERY = 2;

export async function runTutorialNumpy(io: CliIo): Promise<number> {
  // The same training session the panel and `train --gradient` drive, with numpy's arithmetic.
  const session = createSession(
    tutorialConfig({
      epochs: 20,
      modelExpr: MODEL,
      lossExpr: LOSS,
      gradient: { kind: 'expression', text: GRADIENT },
      arithmetic: 'numpy',
    }),
  );
  io.stdout(`${formatPrediction('before', 5, session.predict([5]))}\n`);
  for (const event of session.run()) {
    if (event.epoch % PRINT_EVERY === 0) io.stdout(`${formatEpochLine(event)}\n`);
  }
  io.stdout(`${formatPrediction('after', 5, session.predict([5]))}\n`);

  const context = { text: TUTORIAL_NUMPY_SOURCE, languageId: 'python' };
  const verdict = checkGradient(LOSS, GRADIENT, { context, wrt: ['w'], at: { w: 0 } });
  if (verdict.ok && verdict.value.kind !== 'match') {
    io.stdout(
      `\nwarning: the hand-written gradient ${GRADIENT} is not the loss's gradient.\n${verdict.value.message}\n`,
    );
  }
  return 0;
}
