import assert from 'node:assert/strict';
import { findGradientDefinitions, findLossStatement } from '../../../src/expr';
import { lineOf, TUTORIAL_NUMPY, TUTORIAL_TS } from './fixtures';

function lossAt(doc: string, needle: string) {
  return findLossStatement(doc, doc.indexOf(needle) + 1);
}

describe('finding losses and hand-written gradients in a document', () => {
  it('the return of a function named loss is a loss, with its span in the document', () => {
    const found = lossAt(TUTORIAL_NUMPY, '((y_pred-y)**2).mean()');
    assert.ok(found);
    assert.equal(found.text, '((y_pred-y)**2).mean()');
    assert.equal(TUTORIAL_NUMPY.slice(found.span.start, found.span.end), '((y_pred-y)**2).mean()');
  });

  it('a call of the loss function is a loss; so is a mean of squares without a name', () => {
    assert.equal(lossAt(TUTORIAL_NUMPY, 'l = loss(y, y_pred)')?.text, 'loss(y, y_pred)');
    const doc = 'import numpy as np\nz = np.mean((a*x - y)**2)\n';
    assert.equal(lossAt(doc, 'z = ')?.text, 'np.mean((a*x - y)**2)');
  });

  it('never chatters on ordinary code', () => {
    for (const needle of [
      'y_pred = forward(x)',
      'return w * x',
      'np.dot(2*x',
      'learning_rate = 0.01',
      "print(f'Prediction before",
      'w -= ',
      'x =  np.array',
      'for epoch',
      '# gradient',
      'dw = gradient',
    ]) {
      assert.equal(lossAt(TUTORIAL_NUMPY, needle), null, needle);
    }
  });

  it('finds losses in TypeScript', () => {
    assert.equal(lossAt(TUTORIAL_TS, 'return mean')?.text, 'mean((yPred - y) ** 2)');
    assert.equal(lossAt(TUTORIAL_TS, 'const forward'), null);
  });

  it("finds the tutorial's hand-written gradient and the loss it belongs to", () => {
    assert.deepEqual(findGradientDefinitions(TUTORIAL_NUMPY), [
      {
        name: 'gradient',
        line: lineOf(TUTORIAL_NUMPY, 'def gradient'),
        expression: 'np.dot(2*x, y_pred-y).mean()',
        lossName: 'loss',
      },
    ]);
  });

  it('finds gradient arrow functions in TypeScript, and nothing in a file without one', () => {
    const doc = `${TUTORIAL_TS}const gradW = (x: number[], y: number[]) => mean(2 * x * (w * x - y));\n`;
    assert.deepEqual(findGradientDefinitions(doc), [
      { name: 'gradW', line: lineOf(doc, 'const gradW'), expression: 'mean(2 * x * (w * x - y))', lossName: 'loss' },
    ]);
    assert.deepEqual(findGradientDefinitions(TUTORIAL_TS), []);
  });
});
