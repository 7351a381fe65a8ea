import assert from 'node:assert/strict';
import { derive } from '../../../src/expr/api';
import { hoverMarkdown } from '../../../src/extension/hover/hoverMarkdown';

/**
 * The tooltip on src/expr's real answers for vector parameters (the fixtures pin the text; this pins that
 * the text still follows what derive returns). Expected numbers are computed by hand below.
 */
function tooltip(documentText: string, loss: string): string {
  const result = derive(loss, { syntax: 'python', context: { text: documentText, languageId: 'python', offset: documentText.indexOf(loss) } });
  assert.ok(result.ok, !result.ok ? result.error.message : '');
  return hoverMarkdown({ result: result.value, asWritten: loss, fence: 'python', precision: 6, notation: 'both', links: { copy: (p) => `command:copy?${p}`, steps: 'command:steps' } });
}

describe('the derivative hover on a vector parameter (with src/expr)', () => {
  it('x @ w: no code block, one line with autograd\'s gradient 2(x·w - 1)x', () => {
    const x = [1, 2];
    const w = [0.5, -0.5];
    const residual = x[0] * w[0] + x[1] * w[1] - 1; // -1.5
    const expected = x.map((xi) => 2 * residual * xi); // [-3, -6]
    const text = tooltip('import numpy as np\nx = np.array([1.0, 2.0])\nw = np.array([0.5, -0.5])\nloss = (x @ w - 1.0)**2\n', '(x @ w - 1.0)**2');
    assert.ok(!text.includes('```'), text);
    const line = text.split('\n\n').find((l) => l.startsWith('∂L/∂w: no symbolic form for a vector parameter yet'));
    assert.ok(line, text);
    const shown = /\\\[(.*)\\\]$/.exec(line)?.[1].split(', ').map(Number);
    assert.deepEqual(shown, expected, line);
    assert.ok(!text.includes('[Copy derivative]') && !text.includes('[Show steps]'), text);
  });

  it('-mean(y*log(p)): the per-element formula, its note, and -y/(N p) = [-1, 0]', () => {
    const text = tooltip('import numpy as np\np = np.array([0.5, 0.2])\ny = np.array([1.0, 0.0])\nloss = -np.mean(y*np.log(p))\n', '-np.mean(y*np.log(p))');
    assert.match(text, /```python\n.+\n```/, text);
    assert.ok(text.includes('p is a vector: ∂L/∂p is elementwise'), text);
    assert.ok(text.includes('∂L/∂p = \\[-1.0, 0.0\\] at p = \\[0.5, 0.2\\]'), text); // -1/(2*0.5), -0/(2*0.2)
    assert.ok(text.includes('[Copy derivative](command:copy?p)'), text);
  });
});
