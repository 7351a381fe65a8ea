// The panel's pure pieces: the landscape, the words it uses, the arrays it finds in an editor, the
// scripts it exports. Expected values come from closed forms and from the tutorial, not from the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { boundData } from '../../../src/extension/trainer/boundArrays';
import { boundValues } from '../../../src/expr';
import { defaultSettings } from '../../../src/protocol/trainerSettings';
import { tutorialDataset } from '../../../src/train';
import { curveAt } from '../../../src/webview/charts/landscapeChart';
import { jsonDataset } from '../../../src/webview/worker/dataSource';
import {
  criticalCaption,
  criticalText,
  saferLearningRate,
  statusText,
  stopText,
} from '../../../src/webview/page/describe';
import { numpyRefusal, numpyScript } from '../../../src/webview/page/exportScript';
import { landscapeOf } from '../../../src/train/trainer/landscape';

const samples = path.join(__dirname, '..', '..', '..', 'samples', 'tutorial');

describe('loss landscape', () => {
  it('is L(w) = 7.5 (w - 2)^2 on the tutorial, centred on the minimum at w = 2', () => {
    const l = landscapeOf(tutorialDataset(), defaultSettings(), { w: [0], b: null });
    assert.ok(l && l.b === null);
    l.w.forEach((w, i) => assert.ok(Math.abs(l.loss[i] - 7.5 * (w - 2) ** 2) < 1e-9, `L(${w})`));
    assert.ok(Math.abs((l.w[0] + l.w[l.w.length - 1]) / 2 - 2) < 1e-12);
    assert.ok(l.w[0] < 0, 'the start w = 0 is in view');
  });

  it('has L(w, b) = mean((w x + b - y)^2) on a grid when there is a bias', () => {
    const data = tutorialDataset();
    const l = landscapeOf(data, { ...defaultSettings(), bias: true }, { w: [0], b: 0 });
    assert.ok(l && l.b);
    for (const [i, j] of [
      [0, 0],
      [10, 40],
      [60, 60],
    ]) {
      const w = l.w[j],
        b = l.b[i];
      const direct = [1, 2, 3, 4].reduce((s, x, k) => s + (w * x + b - data.y[k]) ** 2, 0) / 4;
      assert.ok(Math.abs(l.loss[i * l.w.length + j] - direct) < 1e-9);
    }
  });

  it('gives the tangent of a parabola exactly: slope 15 (w - 2) on the tutorial', () => {
    const l = landscapeOf(tutorialDataset(), defaultSettings(), { w: [0], b: null })!;
    for (const w of [0, 0.3, 1.665, 2, 3.1]) {
      const at = curveAt(l.w, l.loss, w)!;
      assert.ok(Math.abs(at.slope - 15 * (w - 2)) < 1e-9, `slope at ${w}: ${at.slope}`);
      assert.ok(Math.abs(at.loss - 7.5 * (w - 2) ** 2) < 1e-9);
    }
    assert.equal(curveAt(l.w, l.loss, 1e6), null);
  });
});

describe('what the panel says', () => {
  it('writes the tutorial’s critical learning rate as 2/15', () => {
    assert.equal(criticalText(2 / 15), '2/15 ≈ 0.1333');
    assert.equal(criticalText(0.123456), '0.1235');
  });

  it('suggests a learning rate at most half the critical one', () => {
    assert.equal(saferLearningRate(2 / 15), 0.06);
    assert.equal(saferLearningRate(2), 1);
  });

  it('explains a divergence with the critical value and what to try, once', () => {
    const text = stopText(
      {
        kind: 'diverged',
        cause: 'diverged',
        epoch: 23,
        reason: 'the loss became Infinity',
        advice: 'try a learning rate below 0.1333 (the critical rate 2/lambda_max of this loss on this data)',
      },
      0.5,
      2 / 15,
    );
    assert.equal(
      text,
      'Training diverged at epoch 23: the loss became Infinity. The learning rate 0.5 is above the critical value 2/λmax = 2/15 ≈ 0.1333 for this loss and data, so every step overshoots the minimum by more than it corrects. Try a learning rate below 0.1333.',
    );
  });

  it("names a hand-written gradient's own critical rate, 2/slope: the tutorial's 60 (w - 2) gives 2/60 = 1/30", () => {
    assert.equal(
      criticalCaption(2 / 15, false),
      'Critical learning rate 2/λmax = 2/15 ≈ 0.1333: SGD diverges above it.',
    );
    assert.equal(
      criticalCaption(2 / 60, true),
      'Critical learning rate of this hand-written gradient, 2/slope = 2/60 ≈ 0.03333: SGD diverges above it.',
    );
    assert.equal(criticalCaption(null, true), '');
    const text = stopText(
      {
        kind: 'diverged',
        cause: 'diverged',
        epoch: 9,
        reason: 'the loss became Infinity',
        advice: 'try a learning rate below 0.03333 (the critical rate 2/slope of this hand-written gradient)',
      },
      0.05,
      2 / 60,
      true,
    );
    assert.equal(
      text,
      'Training diverged at epoch 9: the loss became Infinity. The learning rate 0.05 is above the critical value 2/slope = 2/60 ≈ 0.03333 of this hand-written gradient, so every step overshoots the minimum by more than it corrects. Try a learning rate below 0.03333.',
    );
  });

  it('says a run diverged only when it did: the status and banner of each way a run ends early', () => {
    const diverged = {
      kind: 'diverged',
      cause: 'diverged',
      epoch: 23,
      reason: 'the loss became Infinity',
      advice: 'try a smaller learning rate, such as 0.05',
    } as const;
    const notProbability = {
      kind: 'diverged',
      cause: 'invalid',
      epoch: 0,
      reason: "the model's output -0.006 is not a probability, and the bce loss takes values in [0, 1]",
      advice: 'end the model with torch.sigmoid(...), or train its logit with the cross-entropy loss',
    } as const;
    const notFiniteAtStart = {
      kind: 'diverged',
      cause: 'invalid',
      epoch: 0,
      reason: 'the loss is NaN at the starting parameters, before any step',
      advice: 'the learning rate is not the cause: look at the loss and the model at the start',
    } as const;
    assert.deepEqual(
      [diverged, notProbability, notFiniteAtStart].map((s) => statusText(s, 100)),
      ['diverged at epoch 23', 'stopped at epoch 0', 'stopped at epoch 0'],
    );
    // The learning rate 0.5 is above 2/15, but it is not why an invalid run stopped: the text does not say it.
    assert.deepEqual(
      [diverged, notProbability, notFiniteAtStart].map((s) => stopText(s, 0.5, 2 / 15)),
      [
        'Training diverged at epoch 23: the loss became Infinity. The learning rate 0.5 is above the critical value 2/λmax = 2/15 ≈ 0.1333 for this loss and data, so every step overshoots the minimum by more than it corrects. Try a smaller learning rate, such as 0.05.',
        "Training stopped at epoch 0: the model's output -0.006 is not a probability, and the bce loss takes values in [0, 1]. End the model with torch.sigmoid(...), or train its logit with the cross-entropy loss.",
        'Training stopped at epoch 0: the loss is NaN at the starting parameters, before any step. The learning rate is not the cause: look at the loss and the model at the start.',
      ],
    );
  });
});

describe('arrays bound in an editor', () => {
  it('finds the tutorial’s x and y in tutorial_pytorch.py', () => {
    const found = boundData(
      boundValues(readFileSync(path.join(samples, 'tutorial_pytorch.py'), 'utf8'), 'python'),
      'tutorial_pytorch.py',
    );
    assert.deepEqual(found, { ok: true, value: { x: [[1], [2], [3], [4]], y: [2, 4, 6, 8] } });
  });

  it('finds them in TypeScript and in rows of several features', () => {
    assert.deepEqual(
      boundData(boundValues('const x: number[][] = [[1, 2], [3, 4]];\nconst y = [5, 6];', 'typescript'), 'a.ts'),
      {
        ok: true,
        value: {
          x: [
            [1, 2],
            [3, 4],
          ],
          y: [5, 6],
        },
      },
    );
  });

  it('says which array is missing', () => {
    assert.deepEqual(boundData(boundValues('x = [1, 2]\n', 'python'), 'a.py'), {
      ok: false,
      error: { message: 'a.py does not bind y to a literal array of numbers (e.g. x = np.array([1, 2, 3, 4]))' },
    });
  });

  it('reads only literal numbers, never expressions', () => {
    assert.deepEqual(boundValues('x = [1, 2, foo()]\ny = [1., .5, -2e3,]\n', 'python'), {
      values: { y: [1, 0.5, -2000] },
      matrices: {},
    });
  });
});

describe('the numpy script', () => {
  it('writes the tutorial’s numpy gradient, unchanged, when the run used it', () => {
    const script = numpyScript({ ...defaultSettings(), gradient: 'tutorial-numpy' });
    assert.match(script, /^ {4}dw = np\.dot\(2\*x, y_pred-y\)\.mean\(\)$/m);
    assert.match(script, /^x = np\.array\(\[1\.0, 2\.0, 3\.0, 4\.0\], dtype=np\.float32\)$/m);
    assert.match(script, /^learning_rate = 0\.01$/m);
  });

  it('stands for the line model with MSE, MAE or Huber, and refuses any other run in words', () => {
    assert.equal(numpyRefusal(defaultSettings()), null);
    assert.equal(numpyRefusal({ ...defaultSettings(), loss: 'huber', bias: true, optimizer: 'adam' }), null);
    const line = /^The numpy script writes the gradient by hand and exists for the line model w·x \+ b/;
    const mlp = numpyRefusal({ ...defaultSettings(), modelExpr: 'mlp:16,16:relu' });
    assert.match(mlp ?? '', line);
    assert.match(mlp ?? '', /this run trains mlp:16,16:relu: use the PyTorch script\.$/);
    assert.match(numpyRefusal({ ...defaultSettings(), lossExpr: '((y_pred-y)**4).mean()' }) ?? '', line);
    assert.match(
      numpyRefusal({ ...defaultSettings(), loss: 'hinge' }) ?? '',
      /this run's is hinge: use the PyTorch script/,
    );
    assert.match(
      numpyRefusal({ ...defaultSettings(), gradient: 'expression', gradientText: '2*x*(y_pred-y)' }) ?? '',
      /this run's gradient is 2\*x\*\(y_pred-y\), which it would not follow/,
    );
  });
});

describe('JSON data files', () => {
  it('read {"x": [...], "y": [...]} and a list of records with the target field', () => {
    const a = jsonDataset('{"x": [1, 2, 3], "y": [2, 4, 6]}', '', 'a.json');
    assert.ok(a.ok);
    assert.deepEqual([a.value.dataset.n, a.value.dataset.d, Array.from(a.value.dataset.y)], [3, 1, [2, 4, 6]]);
    const b = jsonDataset('[{"size": 1, "price": 3}, {"size": 2, "price": 5}]', 'price', 'b.json');
    assert.ok(b.ok);
    assert.deepEqual(
      [Array.from(b.value.dataset.x), Array.from(b.value.dataset.y), b.value.dataset.featureNames],
      [[1, 2], [3, 5], ['size']],
    );
  });

  it('say where invalid JSON breaks, as line and column', () => {
    const bad = jsonDataset('{"x": [1, 2],\n "y": [2, 4,]}', '', 'c.json');
    assert.ok(!bad.ok);
    // Line 2 is ` "y": [2, 4,]}`: the ']' after the trailing comma is column 13.
    assert.deepEqual([bad.error.line, bad.error.column], [2, 13]);
    assert.equal(bad.error.message, "c.json:2:13: invalid JSON: unexpected ']' after ','");
  });

  it('name the record and field that is not a number', () => {
    const bad = jsonDataset('[{"x": 1, "y": 2}, {"x": "two", "y": 4}]', 'y', 'd.json');
    assert.deepEqual(bad, { ok: false, error: { message: 'd.json: record 2, field "x" is not a finite number' } });
  });
});
