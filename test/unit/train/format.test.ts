import assert from 'node:assert/strict';
import { formatEpochLine, formatFinalLine, formatFixed, formatPrediction } from '../../../src/train/format';

describe('formatting numbers as Python f-strings do', () => {
  // Expected strings are what CPython 3 prints for format(value, '.Nf').
  const cases: [number, number, string][] = [
    [0.125, 2, '0.12'], // an exact tie rounds to even (toFixed says 0.13)
    [0.375, 2, '0.38'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [-0, 3, '-0.000'], // Python keeps the sign of zero
    [-0.0001, 3, '-0.000'],
    [1.9995, 3, '2.000'], // 1.9995 is stored slightly above the tie
    [0.3, 3, '0.300'],
    [1e22, 3, '10000000000000000000000.000'],
    [5e-324, 3, '0.000'],
    [Math.fround(1.1627856492996216), 8, '1.16278565'],
    [NaN, 3, 'nan'],
    [-Infinity, 8, '-inf'],
  ];
  for (const [value, digits, expected] of cases) {
    it(`format(${Object.is(value, -0) ? '-0.0' : value}, '.${digits}f') is ${expected}`, () => {
      assert.equal(formatFixed(value, digits), expected);
    });
  }
});

describe('training log lines', () => {
  it('print an epoch as the tutorial does', () => {
    assert.equal(
      formatEpochLine({ epoch: 10, loss: 1.16278565, params: { w: [1.665], b: null }, gradNorm: 5 }),
      'epoch 10: w = 1.665, loss = 1.16278565',
    );
  });

  it('print several weights as a list and the bias after them', () => {
    assert.equal(
      formatEpochLine({ epoch: 3, loss: 0.5, params: { w: [1, -2.5], b: 0.25 }, gradNorm: 0 }),
      'epoch 3: w = [1.000, -2.500], b = 0.250, loss = 0.50000000',
    );
  });

  it('print predictions as the tutorial does', () => {
    assert.equal(formatPrediction('before', 5, 0), 'Prediction before training: f(5) = 0.000');
    assert.equal(formatPrediction('after', 5, 9.99999), 'Prediction after training: f(5) = 10.000');
    assert.equal(formatPrediction('after', [1, 2.5], 3), 'Prediction after training: f(1, 2.5) = 3.000');
  });

  it('print the final state when there is no point to predict', () => {
    assert.equal(formatFinalLine(100, { w: [2], b: null }, 0), 'after 100 epochs: w = 2.000, loss = 0.00000000');
  });
});
