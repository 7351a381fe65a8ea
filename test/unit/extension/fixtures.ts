// A DeriveResult shaped as src/expr answers for the tutorial's loss, written by hand from the
// tutorial's facts (L(w) = 7.5 (w - 2)^2, dL/dw = -30 at w = 0): the hover's text is tested on it.
import type { DeriveResult } from '../../../src/expr';

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

/**
 * src/expr's answer for `(x @ w - 1)**2` with x = [1, 2], w = [0.5, -0.5]: w is a vector inside a dot
 * product, so no formula, only autograd's values. By hand: x·w - 1 = -1.5, L = 2.25, ∇L = 2(x·w - 1)x = [-3, -6].
 */
export function vectorWithoutFormulaResult(): DeriveResult {
  return {
    syntax: 'python',
    expression: '(np.dot(x, w) - 1)**2',
    parameters: ['w'],
    derivatives: {
      w: {
        source: '',
        unicode: '∂L/∂w = (symbolic gradient for a vector parameter is not supported yet)',
        latex: '',
        raw: '',
        steps: [],
        unsupported: 'symbolic gradient for a vector parameter is not supported yet: w is a vector',
      },
    },
    values: { loss: 2.25, grad: { w: [-3, -6] }, at: { x: [1, 2], w: [0.5, -0.5] } },
    substitutions: [
      { name: 'x', line: 2, text: 'np.array([1.0, 2.0])', kind: 'value' },
      { name: 'w', line: 3, text: 'np.array([0.5, -0.5])', kind: 'value' },
    ],
    warnings: [
      "symbolic gradient for a vector parameter is not supported yet (w): the values shown are autograd's gradient",
    ],
  };
}

/**
 * src/expr's answer for `-np.mean(y*np.log(p))` with p = [0.5, 0.2], y = [1, 0]: a formula that holds
 * element by element, ∂L/∂p_i = -y_i/(N p_i), which by hand is [-1/(2·0.5), 0] = [-1, 0]; L = ln(2)/2.
 */
export function perElementResult(): DeriveResult {
  return {
    syntax: 'python',
    expression: '-(y*np.log(p)).mean()',
    parameters: ['p'],
    derivatives: {
      p: {
        source: '-y/(p*len(p))',
        unicode: '∂L/∂p = −y/(p·len(p))',
        latex: '\\frac{\\partial L}{\\partial p} = -\\frac{y}{p n}',
        raw: '-(y*(1/p)/len(p))',
        steps: [],
      },
    },
    values: { loss: Math.LN2 / 2, grad: { p: [-1, 0] }, at: { y: [1, 0], p: [0.5, 0.2] } },
    substitutions: [
      { name: 'p', line: 2, text: 'np.array([0.5, 0.2])', kind: 'value' },
      { name: 'y', line: 3, text: 'np.array([1.0, 0.0])', kind: 'value' },
    ],
    warnings: ['p is a vector: ∂L/∂p is elementwise, element i of the formula is ∂L/∂p[i]'],
  };
}

/**
 * A program whose inlined loss is long, like micrograd's README (g at a = -4, b = 2; micrograd prints
 * g = 24.7041, dg/da = 138.8338, dg/db = 645.5773). The formulas are stand-ins of realistic length; the
 * hover's layout, not the calculus, is under test here.
 */
export function longProgramResult(): DeriveResult {
  const long = (p: string) =>
    `(3*a + 4*b + 3 - 12*a*b - 12*b**3)*(d${p}) + 20*(12*b - 3)/(3*a + 4*b + 3 - 12*a*b)**3`.repeat(2);
  return {
    syntax: 'python',
    expression: '(c - d)**2/2 + 10/(c - d)**2',
    parameters: ['a', 'b'],
    derivatives: {
      a: { source: long('a'), unicode: `∂L/∂a = ${long('a')}`, latex: '', raw: long('a'), steps: [] },
      b: { source: long('b'), unicode: `∂L/∂b = ${long('b')}`, latex: '', raw: long('b'), steps: [] },
    },
    values: { loss: 24.70408163265306, grad: { a: 138.8338192419825, b: 645.5772594752186 }, at: { a: -4, b: 2 } },
    substitutions: [{ name: 'a', line: 5, text: 'Value(-4.0)', kind: 'value' }],
    warnings: [],
  };
}
