import assert from 'node:assert/strict';
import { derive } from '../../../src/expr';

/**
 * Data bound to a 2-D literal (x = np.array([[...], [...]])) gets values: loss and gradient from autograd,
 * checked here against the closed form of least squares worked by hand: L = mean((xw - y)²),
 * ∂L/∂w = 2/N xᵀ(xw - y).
 */
const x = [
  [1, 2],
  [3, 4],
];
const y = [1, 2];
const w = [0.5, -0.5];
const residual = x.map((row, i) => row[0] * w[0] + row[1] * w[1] - y[i]); // [-1.5, -2.5]
const handLoss = (residual[0] ** 2 + residual[1] ** 2) / 2; // 4.25
const handGrad = [0, 1].map((j) => (2 / 2) * (x[0][j] * residual[0] + x[1][j] * residual[1])); // [-9, -13]

const numpyFile =
  'import numpy as np\nx = np.array([[1.0, 2.0], [3.0, 4.0]])\ny = np.array([1.0, 2.0])\nw = np.array([0.5, -0.5])\nloss = np.mean((x @ w - y)**2)\n';

function valuesOf(text: string, options: Parameters<typeof derive>[1]) {
  const result = derive(text, options);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

describe('2-D data', () => {
  it('the hand-worked numbers: residual [-1.5, -2.5], loss 4.25, gradient [-9, -13]', () => {
    assert.deepEqual(residual, [-1.5, -2.5]);
    assert.equal(handLoss, 4.25);
    assert.deepEqual(handGrad, [-9, -13]);
  });

  it("np.array([[...]]) in the file: mean((xw - y)²) = 4.25 and autograd's 2/N xᵀ(xw - y) = [-9, -13]", () => {
    const result = valuesOf('np.mean((x @ w - y)**2)', { context: { text: numpyFile, languageId: 'python' } });
    assert.ok(!result.warnings.some((m) => m.includes('treated as constants')), result.warnings.join('\n'));
    assert.equal(result.values?.loss, handLoss);
    assert.deepEqual(result.values?.grad.w, handGrad);
    assert.deepEqual(result.values?.matrices, { x });
    // the formula of the closed form, evaluated and found equal to autograd's values (no disagreement)
    assert.equal(result.derivatives.w.source, '2*x.T @ (x @ w - y)/len(x)');
    assert.ok(!result.warnings.some((m) => m.includes('disagree')), result.warnings.join('\n'));
  });

  it('a multi-line torch.tensor and a JS nested array literal read the same', () => {
    const torchFile =
      'import torch\nx = torch.tensor([[1.0, 2.0],\n                  [3.0, 4.0]])\ny = torch.tensor([1.0, 2.0])\nw = torch.tensor([0.5, -0.5], requires_grad=True)\n';
    const jsFile = 'const x = [[1, 2], [3, 4]];\nconst y = [1, 2];\nconst w = [0.5, -0.5];\n';
    const torch = valuesOf('((x @ w - y)**2).mean()', { context: { text: torchFile, languageId: 'python' } });
    const js = valuesOf('mean((x @ w - y)**2)', { context: { text: jsFile, languageId: 'typescript' } });
    for (const result of [torch, js]) {
      assert.equal(result.values?.loss, handLoss);
      assert.deepEqual(result.values?.grad.w, handGrad);
    }
  });

  it('matrices given by the caller, with no document', () => {
    const result = valuesOf('mean((x @ w - y)**2)', { matrices: { x }, at: { y, w } });
    assert.equal(result.values?.loss, handLoss);
    assert.deepEqual(result.values?.grad.w, handGrad);
  });

  it('a scalar parameter scaling a matrix keeps its formula, and its value agrees with the hand sum', () => {
    const b = 0.5;
    const result = valuesOf('np.mean((x*b - y)**2)', {
      context: { text: `${numpyFile}b = ${b}\n`, languageId: 'python' },
    });
    // ∂/∂b mean((x b - y)²) = mean(2 x (x b - y)) over the 4 broadcast elements
    const terms = x.flatMap((row) => row.map((xij, j) => 2 * xij * (xij * b - y[j])));
    assert.equal(result.values?.grad.b, terms.reduce((s, t) => s + t, 0) / terms.length);
    assert.ok(!result.warnings.some((m) => m.includes('disagree')), result.warnings.join('\n'));
  });

  it('a matrix passed in `at` by an untyped caller (JSON) is read as a matrix', () => {
    const at = JSON.parse(JSON.stringify({ x, y, w })) as Record<string, number[]>; // what JSON.parse gives a JS caller
    const result = valuesOf('mean((x @ w - y)**2)', { at });
    assert.equal(result.values?.loss, handLoss);
    assert.deepEqual(result.values?.grad.w, handGrad);
  });

  it('shapes that do not fit give a warning and no values, not a crash', () => {
    const result = valuesOf('np.mean((x @ w - y)**2)', {
      context: { text: numpyFile, languageId: 'python' },
      at: { w: [1, 2, 3] },
    });
    assert.equal(result.values, null);
    assert.ok(
      result.warnings.some((m) => m.startsWith('no values: ')),
      result.warnings.join('\n'),
    );
    assert.ok(!result.warnings.some((m) => m.includes('the values shown are')), result.warnings.join('\n'));
  });
});

describe('the vector-parameter warning', () => {
  it('never says "the values shown are" when there are no values', () => {
    const result = valuesOf('np.mean((x @ w - y)**2)', {
      context: {
        text: 'import numpy as np\nw = np.array([0.5, -0.5])\ny = np.array([1.0, 2.0])\n',
        languageId: 'python',
      },
    });
    assert.equal(result.values, null);
    assert.ok(
      result.warnings.some((m) => m.includes("give x a value to see autograd's gradient")),
      result.warnings.join('\n'),
    );
    assert.ok(!result.warnings.some((m) => m.includes('the values shown are')), result.warnings.join('\n'));
  });
});
