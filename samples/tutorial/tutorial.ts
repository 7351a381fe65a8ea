// The tutorial's numpy program in TypeScript: the same data, model, MSE loss, hand-written gradient
// and training loop, in plain arrays (float64). Run it: npx tsx samples/tutorial/tutorial.ts
const x = [1, 2, 3, 4];
const y = [2, 4, 6, 8];

let w = 0.0;

// model prediction
function forward(x: number[]): number[] {
  return x.map((xi) => w * xi);
}

// loss = MSE
function loss(y: number[], yPred: number[]): number {
  return mean(yPred.map((yp, i) => (yp - y[i]) ** 2));
}

// gradient
// MSE = 1/N * (w*x - y)**2
// dJ/dw = 1/N 2x (w*x - y)
function gradient(x: number[], y: number[], yPred: number[]): number {
  return dot(x.map((xi) => 2 * xi), yPred.map((yp, i) => yp - y[i]));
}

function mean(values: number[]): number {
  return values.reduce((total, v) => total + v, 0) / values.length;
}

function dot(a: number[], b: number[]): number {
  return a.reduce((total, ai, i) => total + ai * b[i], 0);
}

console.log(`Prediction before training: f(5) = ${forward([5])[0].toFixed(3)}`);

// Training
const learningRate = 0.01;
const nIters = 20;

for (let epoch = 0; epoch < nIters; epoch++) {
  // prediction = forward pass
  const yPred = forward(x);

  // loss
  const l = loss(y, yPred);

  // gradients
  const dw = gradient(x, y, yPred);

  // update
  w -= learningRate * dw;

  if (epoch % 2 === 0) {
    console.log(`epoch ${epoch}: w = ${w.toFixed(3)}, loss = ${l.toFixed(8)}`);
  }
}

console.log(`Prediction after training: f(5) = ${forward([5])[0].toFixed(3)}`);
