import assert from 'node:assert/strict';
import { datasetFromRows, syntheticDataset, tutorialDataset } from '../../../src/train/data/dataset';
import {
  criticalLearningRate,
  mseHessian,
  stableLearningRateLimit,
  symmetricEigenvalues,
} from '../../../src/train/stability/hessian';

describe('the critical learning rate of MSE', () => {
  it("is 2/15 for the tutorial: L(w) = 7.5 (w - 2)^2 has L'' = 15", () => {
    assert.ok(Math.abs(criticalLearningRate(tutorialDataset(), false, 'mean')! - 2 / 15) < 1e-15);
  });

  it('is 4x smaller with sum reduction (the Hessian is N times larger)', () => {
    assert.ok(Math.abs(criticalLearningRate(tutorialDataset(), false, 'sum')! - 2 / 60) < 1e-15);
  });

  it('matches the closed form of a 2x2 Hessian when the model has a bias', () => {
    // (2/4) [[30, 10], [10, 4]] = [[15, 5], [5, 2]]: lambda_max = (17 + sqrt(17^2 - 4*5)) / 2.
    const lambdaMax = (17 + Math.sqrt(289 - 20)) / 2;
    assert.ok(Math.abs(criticalLearningRate(tutorialDataset(), true, 'mean')! - 2 / lambdaMax) < 1e-14);
  });

  it('builds the Hessian (2/N) X~^T X~ entry by entry', () => {
    const { size, values } = mseHessian(
      datasetFromRows(
        [
          [1, 2],
          [3, 4],
        ],
        [0, 0],
      ),
      true,
      'mean',
    );
    assert.equal(size, 3);
    // X~ = [[1,2,1],[3,4,1]]; X~^T X~ = [[10,14,4],[14,20,6],[4,6,2]]; times 2/2.
    assert.deepEqual(Array.from(values), [10, 14, 4, 14, 20, 6, 4, 6, 2]);
  });

  it('is null when the data are all zero (no curvature)', () => {
    assert.equal(criticalLearningRate(datasetFromRows([[0], [0]], [1, 2]), false, 'mean'), null);
  });
});

describe('the symmetric eigen solver', () => {
  it('finds the eigenvalues of a diagonal-plus-rank-one matrix', () => {
    // I + u u^T with |u|^2 = 14 has eigenvalues 15, 1, 1.
    const u = [1, 2, 3];
    const m = new Float64Array(9);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[i * 3 + j] = (i === j ? 1 : 0) + u[i] * u[j];
    const values = symmetricEigenvalues(3, m).sort((a, b) => a - b);
    values.forEach((v, k) => assert.ok(Math.abs(v - [1, 1, 15][k]) < 1e-12, `eigenvalue ${k}: ${v}`));
  });

  it('agrees with the Rayleigh quotient bound on random data: lambda_max >= v^T H v / v^T v for any v', () => {
    const data = syntheticDataset({ n: 50, d: 6, seed: 7 });
    const { size, values } = mseHessian(data, true, 'mean');
    const lambdaMax = Math.max(...symmetricEigenvalues(size, values));
    const trace = Array.from({ length: size }, (_, i) => values[i * size + i]).reduce((a, b) => a + b);
    assert.ok(lambdaMax <= trace + 1e-9, 'lambda_max is at most the trace of a PSD matrix');
    for (let trial = 0; trial < 5; trial++) {
      const v = Array.from({ length: size }, (_, i) => Math.sin(trial * 7 + i * 3));
      let vHv = 0;
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) vHv += v[i] * values[i * size + j] * v[j];
      const vv = v.reduce((a, b) => a + b * b, 0);
      assert.ok(vHv / vv <= lambdaMax + 1e-9);
    }
  });
});

describe('the stability limit of each optimizer', () => {
  it('is 2/lambda_max for plain SGD and 2(1 + mu)/lambda_max for heavy-ball momentum', () => {
    assert.equal(stableLearningRateLimit(2 / 15, { kind: 'sgd', lr: 0.01 }), 2 / 15);
    assert.ok(Math.abs(stableLearningRateLimit(2 / 15, { kind: 'sgd', lr: 0.01, momentum: 0.9 })! - 3.8 / 15) < 1e-15);
  });

  it('matches a simulation of PyTorch-style Nesterov on a 1-D quadratic', () => {
    // v = mu v + g; p -= lr (g + mu v) with g = lambda p: bisect the largest lr that still contracts.
    const lambda = 15;
    const mu = 0.5;
    const contracts = (lr: number): boolean => {
      let p = 1;
      let v = 0;
      for (let i = 0; i < 5000; i++) {
        const g = lambda * p;
        v = mu * v + g;
        p -= lr * (g + mu * v);
      }
      return Math.abs(p) < 1;
    };
    let low = 0;
    let high = 1;
    for (let i = 0; i < 40; i++) {
      const mid = (low + high) / 2;
      if (contracts(mid)) low = mid;
      else high = mid;
    }
    const limit = stableLearningRateLimit(2 / lambda, { kind: 'sgd', lr: 0.01, momentum: mu, nesterov: true })!;
    assert.ok(Math.abs(limit - low) < 1e-3, `limit ${limit}, simulated ${low}`);
  });

  it('is unknown for Adam', () => {
    assert.equal(stableLearningRateLimit(2 / 15, { kind: 'adam', lr: 0.01 }), null);
  });
});
