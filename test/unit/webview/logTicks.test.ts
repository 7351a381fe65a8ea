// The loss axis labels its ticks so they never crowd: the screenshot of a 1e6-row run once showed 0.38, 0.39
// and 0.4 printed over each other at the bottom of a one-decade log axis.
import assert from 'node:assert/strict';
import { tickLabel } from '../../../src/webview/charts/logTicks';

const labels = (values: number[], scale: 'linear' | 'log' = 'log') => {
  const ticks = values.map((value) => ({ value }));
  return values.map((v) => tickLabel(v, scale, ticks));
};

describe('loss axis tick labels', () => {
  it('within one decade, labels ticks from the top down and leaves out those that would crowd the last one', () => {
    assert.deepEqual(labels([0.38, 0.39, 0.4, 0.45, 0.5, 0.6, 0.7]), ['', '', '0.4', '0.45', '0.5', '0.6', '0.7']);
  });

  it('keeps an eighth of the axis between labels: 9, 7, 5, 4, 3 and 2 of the ticks from 2 to 9', () => {
    assert.deepEqual(labels([2, 3, 4, 5, 6, 7, 8, 9]), ['2', '3', '4', '5', '', '7', '', '9']);
  });

  it('over several decades, labels the powers of ten, and 2 and 5 between them over fewer than three', () => {
    assert.deepEqual(labels([0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1]), [
      '0.01',
      '0.02',
      '0.05',
      '0.1',
      '0.2',
      '',
      '0.5',
      '1',
    ]);
    assert.deepEqual(labels([1e-6, 2e-6, 1e-3, 2e-3, 1, 2, 1000]), ['1e-6', '', '0.001', '', '1', '', '1000']);
  });

  it('on a linear axis, labels every tick, short', () => {
    assert.deepEqual(labels([0, 0.1, 0.2, 123456], 'linear'), ['0', '0.1', '0.2', '1e5']);
  });
});
