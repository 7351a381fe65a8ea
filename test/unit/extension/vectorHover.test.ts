import assert from 'node:assert/strict';
import { derive } from '../../../src/expr';
import { hoverMarkdown } from '../../../src/extension/hover/hoverMarkdown';

/**
 * The tooltip on src/expr's real answers for vector parameters (the fixtures pin the text; this pins that
 * the text still follows what derive returns). Expected numbers are computed by hand below.
 */
function tooltip(documentText: string, loss: string): string {
  const result = derive(loss, {
    syntax: 'python',
    context: { text: documentText, languageId: 'python', offset: documentText.indexOf(loss) },
  });
  assert.ok(result.ok, !result.ok ? result.error.message : '');
  return hoverMarkdown({
    result: result.value,
    asWritten: loss,
    fence: 'python',
    precision: 6,
    notation: 'both',
    links: { copy: (p) => `command:copy?${p}`, steps: 'command:steps' },
  });
}

describe('the derivative hover on a vector parameter (with src/expr)', () => {
  it("x @ w with a 1-D x (an inner product): the formula 2x(x·w - 1), its note, and autograd's value", () => {
    const x = [1, 2];
    const w = [0.5, -0.5];
    const residual = x[0] * w[0] + x[1] * w[1] - 1; // -1.5
    const expected = x.map((xi) => 2 * residual * xi); // [-3, -6]
    const text = tooltip(
      'import numpy as np\nx = np.array([1.0, 2.0])\nw = np.array([0.5, -0.5])\nloss = (x @ w - 1.0)**2\n',
      '(x @ w - 1.0)**2',
    );
    assert.ok(text.includes('```python\n2*x*(x @ w - 1)\n```'), text);
    assert.ok(text.includes('∂L/∂w = 2·x·(x w − 1)'), text);
    assert.ok(text.includes('w is a vector: so is ∂L/∂w, element i of the formula is ∂L/∂w\\[i\\]'), text);
    const line = text.split('\n\n').find((l) => l.startsWith('∂L/∂w = \\['));
    assert.ok(line, text);
    const shown = /^∂L\/∂w = \\\[(.*)\\\] at w = /.exec(line)?.[1].split(', ').map(Number);
    assert.deepEqual(shown, expected, line);
    assert.ok(text.includes('[Copy derivative](command:copy?w)'), text);
  });

  it("X @ w with X rows in the file: 2Xᵀ(Xw - y)/N in code and math, and autograd's value", () => {
    const X = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const w = [0.5, -1];
    const y = [1, 2, 3];
    const residual = X.map((row, i) => row[0] * w[0] + row[1] * w[1] - y[i]); // [-2.5, -4.5, -6.5]
    const expected = [0, 1].map((j) => (2 / 3) * X.reduce((s, row, i) => s + row[j] * residual[i], 0));
    const file =
      'import numpy as np\nX = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])\ny = np.array([1.0, 2.0, 3.0])\nw = np.array([0.5, -1.0])\nloss = np.mean((X @ w - y)**2)\n';
    const text = tooltip(file, 'np.mean((X @ w - y)**2)');
    assert.ok(text.includes('```python\n2*X.T @ (X @ w - y)/len(X)\n```'), text);
    assert.ok(text.includes('∂L/∂w = 2·Xᵀ(X w − y)/len(X)'), text);
    const line = text.split('\n\n').find((l) => l.startsWith('∂L/∂w = \\['));
    const shown = line && /^∂L\/∂w = \\\[(.*)\\\] at w = /.exec(line)?.[1].split(', ').map(Number);
    assert.ok(shown, text);
    shown.forEach((v, j) => assert.ok(Math.abs(v - expected[j]) < 1e-4, `${v} vs ${expected[j]}`));
    assert.ok(!text.includes('disagree'), text);
  });

  it('-mean(y*log(p)): the per-element formula, its note, and -y/(N p) = [-1, 0]', () => {
    const text = tooltip(
      'import numpy as np\np = np.array([0.5, 0.2])\ny = np.array([1.0, 0.0])\nloss = -np.mean(y*np.log(p))\n',
      '-np.mean(y*np.log(p))',
    );
    assert.match(text, /```python\n.+\n```/, text);
    assert.ok(text.includes('p is a vector: ∂L/∂p is elementwise'), text);
    assert.ok(text.includes('∂L/∂p = \\[-1.0, 0.0\\] at p = \\[0.5, 0.2\\]'), text); // -1/(2*0.5), -0/(2*0.2)
    assert.ok(text.includes('[Copy derivative](command:copy?p)'), text);
  });

  it("W a matrix in the file: sum(W*W) reads 2*W, and the value is W's rows, 2W = [[0.2, -0.4], [0.6, 0.8]]", () => {
    const text = tooltip(
      'import numpy as np\nW = np.array([[0.1, -0.2], [0.3, 0.4]])\nloss = np.sum(W * W)\n',
      'np.sum(W * W)',
    );
    assert.ok(text.includes('```python\n2*W\n```'), text);
    assert.ok(text.includes('W is a matrix: so is ∂L/∂W'), text);
    // 2W by hand, shown as rows, at W's rows
    assert.ok(
      text.includes('∂L/∂W = \\[\\[0.2, -0.4\\], \\[0.6, 0.8\\]\\] at W = \\[\\[0.1, -0.2\\], \\[0.3, 0.4\\]\\]'),
      text,
    );
  });

  it("W on the left of a product, np.sum(W @ A): no formula, said for a matrix, and autograd's rows (the rows of A summed: [[1.0, 3.5], [1.0, 3.5]])", () => {
    const text = tooltip(
      'import numpy as np\nA = np.array([[2.0, -1.0], [0.5, 3.0]])\nW = np.array([[0.1, -0.2], [0.3, 0.4]])\nloss = np.sum(W @ A)\n',
      'np.sum(W @ A)',
    );
    // d/dW_ij sum_ik (W A)_ik = sum_k A_jk: [2 - 1, 0.5 + 3] in every row
    assert.ok(
      text.includes(
        "∂L/∂W: no symbolic form for this use of a matrix parameter yet; autograd's value at the file's numbers: \\[\\[1.0, 3.5\\], \\[1.0, 3.5\\]\\]",
      ),
      text,
    );
  });
});
