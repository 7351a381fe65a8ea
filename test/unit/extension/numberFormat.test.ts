import assert from 'node:assert/strict';
import { formatFloat, formatNumber, formatValue } from '../../../src/extension/hover/numberFormat';

describe('hover number format', () => {
  it('prints a whole gradient as a float, the way Python prints -30.0', () => {
    assert.equal(formatFloat(-30, 6), '-30.0');
  });
  it('prints a parameter value as written: w = 0, never -0', () => {
    assert.equal(formatNumber(0, 6), '0');
    assert.equal(formatNumber(-0, 6), '0');
  });
  it('rounds to the configured significant digits and drops trailing zeros', () => {
    assert.equal(formatFloat(1 / 3, 4), '0.3333');
    assert.equal(formatFloat(2.5000001, 6), '2.5');
    assert.equal(formatFloat(1.23456789e-7, 3), '1.23e-7');
  });
  it('names non-finite values', () => {
    assert.equal(formatFloat(NaN, 6), 'NaN');
    assert.equal(formatFloat(-Infinity, 6), '-∞');
  });
  it('shows short arrays whole and long ones with a count of the rest', () => {
    assert.equal(formatValue([1, 2.5], 6), '[1.0, 2.5]');
    assert.equal(formatValue([1, 2, 3, 4, 5, 6, 7, 8], 6, false), '[1, 2, 3, 4, 5, 6, … 2 more]');
  });
  it('shows a matrix as its rows, a big one as its first 4 rows and columns with counts of the rest', () => {
    assert.equal(
      formatValue(
        [
          [1, 2],
          [3, 4.5],
        ],
        6,
      ),
      '[[1.0, 2.0], [3.0, 4.5]]',
    );
    const big = Array.from({ length: 6 }, (_, i) => Array.from({ length: 5 }, (_, j) => 10 * i + j));
    assert.equal(
      formatValue(big, 6, false),
      '[[0, 1, 2, 3, … 1 more], [10, 11, 12, 13, … 1 more], [20, 21, 22, 23, … 1 more], [30, 31, 32, 33, … 1 more], … 2 more rows]',
    );
  });
});
