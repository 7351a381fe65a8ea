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
});
