import assert from 'node:assert/strict';
import { trainerTitle } from '../../../src/extension/trainer/trainerTitle';

describe('the trainer tab title', () => {
  it('is "Train Linear Model" for a built-in loss', () => {
    assert.equal(trainerTitle(null), 'Train Linear Model');
    assert.equal(trainerTitle('  '), 'Train Linear Model');
  });

  it('names the loss expression the panel trains', () => {
    assert.equal(trainerTitle('((y_pred-y)**2).mean()'), 'Train: ((y_pred-y)**2).mean()');
  });

  it('puts a multi-line loss on one line and cuts a long one to 40 characters with an ellipsis', () => {
    assert.equal(trainerTitle('(\n  (y_pred - y) ** 2\n).mean()'), 'Train: ( (y_pred - y) ** 2 ).mean()');
    const long = 'a'.repeat(60);
    assert.equal(trainerTitle(long), `Train: ${'a'.repeat(39)}…`);
  });
});
