import assert from 'node:assert/strict';
import {
  findLossFor,
  firstLossStatement,
  lineOffset,
  locateExpression,
  type FindLossStatement,
} from '../../../src/extension/gradient/gradientLocation';

const file = [
  'def loss(y, y_pred):', //                             1
  '    return ((y_pred-y)**2).mean()', //                2
  'def gradient(x, y, y_pred):', //                      3
  '    return np.dot(2*x, y_pred-y).mean()', //          4
  'cost = (w - 1)**2', //                                5
].join('\n');

/** A stand-in for src/expr: statements that mention mean() or **2 are losses. */
const fakeFind: FindLossStatement = (text, offset) => {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const endAt = text.indexOf('\n', offset);
  const line = text.slice(start, endAt < 0 ? text.length : endAt);
  const body = /^(\s*return\s+|\s*\w+\s*=\s*)(.*)$/.exec(line);
  if (!body || !/mean\(\)|\*\*2/.test(body[2])) return null;
  const from = start + body[1].length;
  return { text: body[2], span: { start: from, end: from + body[2].length } };
};

describe('where a gradient check looks', () => {
  it('finds line starts by 1-based line number', () => {
    assert.equal(file.slice(lineOffset(file, 3)).split('\n')[0], 'def gradient(x, y, y_pred):');
  });
  it("locates the gradient's expression from its definition line", () => {
    const span = locateExpression(file, { name: 'gradient', line: 3, expression: 'np.dot(2*x, y_pred-y).mean()' });
    assert.equal(file.slice(span!.start, span!.end), 'np.dot(2*x, y_pred-y).mean()');
    assert.equal(locateExpression(file, { name: 'g', line: 3, expression: 'not there' }), null);
  });
  it('takes the loss from the function the definition names, never the gradient itself', () => {
    const loss = findLossFor(
      file,
      { name: 'gradient', line: 3, expression: 'np.dot(2*x, y_pred-y).mean()', lossName: 'loss' },
      fakeFind,
    );
    assert.equal(loss?.text, '((y_pred-y)**2).mean()');
    const cost = findLossFor(
      file,
      { name: 'gradient', line: 3, expression: 'np.dot(2*x, y_pred-y).mean()', lossName: 'cost' },
      fakeFind,
    );
    assert.equal(cost?.text, '(w - 1)**2');
  });
  it("falls back to the file's first loss statement", () => {
    assert.equal(firstLossStatement(file, fakeFind)?.text, '((y_pred-y)**2).mean()');
    assert.equal(firstLossStatement('x = 1\n', fakeFind), null);
  });
});
