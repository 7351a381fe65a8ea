import assert from 'node:assert/strict';
import { lineColumn, selectedExpression, trimExpression } from '../../../src/extension/hover/hoverTarget';

const doc = 'def loss(y, y_pred):\n    return ((y_pred-y)**2).mean()\n';
const loss = '((y_pred-y)**2).mean()';

describe('hover target: what a selection means', () => {
  it('takes the selected expression with its document offsets', () => {
    const start = doc.indexOf(loss);
    const slice = selectedExpression(doc, start, start + loss.length, start + 3);
    assert.deepEqual(slice, { text: loss, start, end: start + loss.length });
  });
  it('drops surrounding whitespace and newlines and keeps offsets on the expression', () => {
    const start = doc.indexOf(loss) - 1;
    const slice = selectedExpression(doc, start, doc.length, start + 5);
    assert.equal(slice?.text, loss);
    assert.equal(doc.slice(slice!.start, slice!.end), loss);
  });
  it('ignores a selection the mouse is not over', () => {
    const start = doc.indexOf(loss);
    assert.equal(selectedExpression(doc, start, start + loss.length, 2), null);
  });
  it('ignores an empty selection', () => {
    assert.equal(selectedExpression(doc, 5, 5, 5), null);
  });
  it("drops a statement's trailing semicolon and markdown or math delimiters", () => {
    assert.equal(trimExpression({ text: 'w*x - y;', start: 0, end: 8 })?.text, 'w*x - y');
    assert.deepEqual(trimExpression({ text: ' $(w x - y)^2$ ', start: 10, end: 25 }), {
      text: '(w x - y)^2',
      start: 12,
      end: 23,
    });
    assert.equal(trimExpression({ text: '`loss(w)`', start: 0, end: 9 })?.text, 'loss(w)');
  });
  it('finds nothing in a selection of blanks', () => {
    assert.equal(trimExpression({ text: '  \n ', start: 0, end: 4 }), null);
  });
  it('names offsets as 1-based line and column', () => {
    assert.deepEqual(lineColumn(doc, doc.indexOf(loss)), { line: 2, column: 12 });
  });
});
