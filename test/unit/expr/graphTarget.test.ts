import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { derive, findGraphTarget } from '../../../src/expr';

const MICROGRAD = readFileSync(path.join(__dirname, '../../../samples/tutorial/micrograd_readme.py'), 'utf8');

/** The target for the cursor one character into the first occurrence of `probe`. */
function targetAt(text: string, probe: string) {
  const at = text.indexOf(probe);
  assert.ok(at >= 0, probe);
  return findGraphTarget(text, at + 1);
}

describe('what Show Computation Graph draws for the line under the cursor', () => {
  it('draws the tensor of `g.backward()`, resolved where that line stands', () => {
    const target = targetAt(MICROGRAD, 'g.backward()');
    assert.equal(target?.text, 'g');
    assert.equal(MICROGRAD.slice(target!.span.start, target!.span.end), 'g');
    // micrograd prints 24.7041 for g.data after the forward pass
    const result = derive(target!.text, { context: { text: MICROGRAD, offset: target!.span.start } });
    assert.ok(result.ok);
    assert.equal((result.value.values?.loss as number).toFixed(4), '24.7041');
  });
  it('reads `g += 10.0 / f` as the value it leaves, g + (10.0 / f), with g as it was before the line', () => {
    const target = targetAt(MICROGRAD, 'g += 10.0 / f');
    assert.equal(target?.text, 'g + (10.0 / f)');
    assert.equal(MICROGRAD.slice(target!.span.start, target!.span.end), '10.0 / f');
    const result = derive(target!.text, { context: { text: MICROGRAD, offset: target!.span.start } });
    assert.ok(result.ok);
    assert.equal((result.value.values?.loss as number).toFixed(4), '24.7041');
  });
  it('draws the right-hand side of a plain assignment', () => {
    assert.equal(targetAt(MICROGRAD, 'e = c - d')?.text, 'c - d');
    assert.equal(targetAt('const w = 2;\nlet l = w * w;\n', 'let l')?.text, 'w * w');
  });
  it('keeps the loss statement the hover finds', () => {
    const text = 'import numpy as np\nw = 0.5\nloss = np.mean((w * 2 - 1) ** 2)  # the loss\n';
    assert.equal(targetAt(text, 'loss =')?.text, 'np.mean((w * 2 - 1) ** 2)');
  });
  it('has nothing to draw on a print, an import or a comment', () => {
    assert.equal(targetAt(MICROGRAD, "print(f'{g.data"), null);
    assert.equal(targetAt(MICROGRAD, 'from micrograd'), null);
    assert.equal(targetAt(MICROGRAD, '# The example'), null);
  });
});
