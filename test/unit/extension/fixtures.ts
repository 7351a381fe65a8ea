// A DeriveResult shaped as src/expr answers for the tutorial's loss, written by hand from the
// tutorial's facts (L(w) = 7.5 (w - 2)^2, dL/dw = -30 at w = 0): the hover's text is tested on it.
import type { DeriveResult } from '../../../src/expr/api';

export function tutorialResult(): DeriveResult {
  return {
    syntax: 'python',
    expression: '((w*x - y)**2).mean()', // inlined, as src/expr returns it
    parameters: ['w'],
    derivatives: {
      w: {
        source: '(2*x*(w*x - y)).mean()',
        unicode: '∂L/∂w = mean(2·x·(w·x − y))',
        latex: '\\frac{\\partial L}{\\partial w} = \\operatorname{mean}(2 x (w x - y))',
        raw: '(2*(w*x - y)*x).mean()',
        steps: [
          { expression: '((w*x - y)**2).mean()', local: '1/n', unicode: '∂L/∂u = 1/n' },
          { expression: '(w*x - y)**2', local: '2*(w*x - y)', unicode: '∂u/∂v = 2·(w·x − y)' },
          { expression: 'w*x', local: 'x', unicode: '∂v/∂w = x' },
        ],
      },
    },
    values: { loss: 30, grad: { w: -30 }, at: { w: 0, x: [1, 2, 3, 4], y: [2, 4, 6, 8] } },
    substitutions: [
      { name: 'y_pred', line: 35, text: 'forward(x)', kind: 'assignment' },
      { name: 'forward', line: 9, text: 'w * x', kind: 'function' },
      { name: 'x', line: 4, text: 'np.array([1,2,3,4], dtype = np.float32)', kind: 'value' },
      { name: 'y', line: 5, text: 'np.array([2,4,6,8], dtype = np.float32)', kind: 'value' },
      { name: 'w', line: 7, text: '0.0', kind: 'value' },
    ],
    warnings: [],
  };
}
