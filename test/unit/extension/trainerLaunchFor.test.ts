import assert from 'node:assert/strict';
import { fileData, modelExpression, trainerLaunchFor } from '../../../src/extension/commands/trainerLaunchFor';
import { tutorialResult } from './fixtures';

describe('training with a loss from the editor', () => {
  it('inlines the model the loss compares with the data: y_pred = forward(x), return w * x', () => {
    assert.equal(modelExpression('((y_pred-y)**2).mean()', tutorialResult()), 'w * x');
  });
  it("takes the file's x and y as one row per sample", () => {
    assert.deepEqual(fileData(tutorialResult()), { x: [[1], [2], [3], [4]], y: [2, 4, 6, 8] });
  });
  it('leaves the data out when x and y differ in length', () => {
    const result = tutorialResult();
    result.values!.at.y = [1, 2];
    assert.equal(fileData(result), undefined);
  });
  it('launches with the loss as written, the model, the data and where it came from', () => {
    assert.deepEqual(trainerLaunchFor(' ((y_pred-y)**2).mean() ', tutorialResult(), 'tutorial_numpy.py:14'), {
      lossExpr: '((y_pred-y)**2).mean()',
      modelExpr: 'w * x',
      data: { x: [[1], [2], [3], [4]], y: [2, 4, 6, 8] },
      source: 'tutorial_numpy.py:14',
    });
  });
  it('still launches with just the loss when it could not be derived', () => {
    assert.deepEqual(trainerLaunchFor('loss', undefined, 'a.py:1'), { lossExpr: 'loss', source: 'a.py:1' });
  });
});
