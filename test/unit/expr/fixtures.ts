// The tutorial notebook's two programs, exactly as in samples/tutorial (the numpy one with `import torch`
// added), as the documents the hover and the CLI receive. The numpy program is the CLI's copy, which a test pins
// to samples/tutorial/tutorial_numpy.py.
import { TUTORIAL_NUMPY_SOURCE } from '../../../src/cli/tutorialNumpy';
export const TUTORIAL_NUMPY = `import numpy as np\nimport torch\n\n${TUTORIAL_NUMPY_SOURCE}`;

export const TUTORIAL_PYTORCH = `import torch

x = torch.tensor([1, 2, 3, 4], dtype=torch.float32)
y = torch.tensor([2, 4, 6, 8], dtype=torch.float32)

w = torch.tensor(0.0, dtype=torch.float32, requires_grad=True)

# model prediction


def forward(x):
    return w * x

# loss = MSE


def loss(y, y_pred):
    return ((y_pred-y)**2).mean()


print(f'Prediction before training: f(5) = {forward(5):.3f}')

# Training
learning_rate = 0.01
n_iters = 100

for epoch in range(n_iters):
    # prediction = forward pass
    y_pred = forward(x)

    # loss
    l = loss(y, y_pred)

    # gradients = backward pass
    l.backward()  # dl/dw

    # update
    with torch.no_grad():
        w -= learning_rate * w.grad

    # zero gradients
    w.grad.zero_()

    if epoch % 10 == 0:
        print(f'epoch {epoch}: w = {w:.3f}, loss = {l:.8f}')

print(f'Prediction after training: f(5) = {forward(5):.3f}')
`;

/** The same model in TypeScript, as a user of the extension would write it. */
export const TUTORIAL_TS = `const x = [1, 2, 3, 4];
const y = [2, 4, 6, 8];
let w = 0;

const forward = (x: number[]) => w * x;

function loss(yPred: number[], y: number[]) {
  return mean((yPred - y) ** 2);
}
`;

/** 1-based line of the first occurrence of `needle`. */
export function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

/** The tutorial as plain TypeScript arrays, with .map callbacks (samples/tutorial/tutorial.ts's style). */
export const TUTORIAL_TS_MAP = `const x = [1, 2, 3, 4];
const y = [2, 4, 6, 8];

let w = 0.0;

function forward(x: number[]): number[] {
  return x.map((xi) => w * xi);
}

function loss(y: number[], yPred: number[]): number {
  return mean(yPred.map((yp, i) => (yp - y[i]) ** 2));
}

function gradient(x: number[], y: number[], yPred: number[]): number {
  return dot(x.map((xi) => 2 * xi), yPred.map((yp, i) => yp - y[i]));
}

for (let epoch = 0; epoch < 20; epoch++) {
  const yPred = forward(x);
  const l = loss(y, yPred);
  const dw = gradient(x, y, yPred);
  w -= 0.01 * dw;
}
`;

/** micrograd's README program in plain JS: each `+=` a new value of the name, in order. */
export function microgradProgram([a, b]: number[]): number {
  const relu = (v: number) => Math.max(v, 0);
  let c = a + b;
  let d = a * b + b ** 3;
  c = c + (c + 1);
  c = c + (1 + c + -a);
  d = d + (d * 2 + relu(b + a));
  d = d + (3 * d + relu(b - a));
  const e = c - d;
  const f = e ** 2;
  let g = f / 2.0;
  g = g + 10.0 / f;
  return g;
}
