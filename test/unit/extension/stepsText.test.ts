import assert from 'node:assert/strict';
import { stepsMarkdown } from '../../../src/extension/steps/stepsText';
import { tutorialResult, vectorWithoutFormulaResult } from './fixtures';

describe('the Show steps document', () => {
  const text = stepsMarkdown({
    result: tutorialResult(),
    asWritten: '((y_pred-y)**2).mean()',
    origin: 'tutorial_numpy.py:14',
    precision: 6,
  });
  it('titles the question and says where the expression came from', () => {
    assert.ok(
      text.startsWith('# ∂/∂w of `((y_pred-y)**2).mean()` = `((w*x - y)**2).mean()`\n\nFrom tutorial\\_numpy.py:14.'),
      text,
    );
  });
  it('numbers the chain-rule steps in backpropagation order, each with its local derivative', () => {
    assert.ok(text.includes('1. `((w*x - y)**2).mean()`: local derivative `1/n`'), text);
    assert.ok(text.indexOf('2. `(w*x - y)**2`') < text.indexOf('3. `w*x`'), text);
  });
  it("ends each parameter with the simplified result and its value at the file's numbers", () => {
    assert.ok(text.includes('Simplified: `(2*x*(w*x - y)).mean()`'), text);
    assert.ok(text.includes("At the file's values: ∂L/∂w = -30.0 at w = 0"), text);
  });
  it('for a vector parameter without a formula, says so instead of showing an empty chain', () => {
    const vector = stepsMarkdown({ result: vectorWithoutFormulaResult(), precision: 6 });
    assert.ok(
      vector.includes(
        "## ∂L/∂w\n\n∂L/∂w: no symbolic form for a vector parameter yet; autograd's value at the file's numbers: \\[-3.0, -6.0\\]",
      ),
      vector,
    );
    assert.ok(!vector.includes('``') && !vector.includes('Simplified') && !vector.includes('unsimplified'), vector);
  });
});
