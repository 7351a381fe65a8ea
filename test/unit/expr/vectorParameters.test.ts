import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression, derive, type Numeric, type GradientValue } from '../../../src/expr';
import { assertComponentsClose as close, centralDifferences as differences, mean, sum } from './numeric';

// the generated losses include logs and quotients of p: a wider step, and a tolerance to match
const centralDifferences = (f: (p: number[]) => number, at: number[]) => differences(f, at, 1e-5);
const assertComponentsClose = (actual: GradientValue | undefined, expected: number[], what: string) =>
  close(actual, expected, what, 1e-5);

/**
 * A vector parameter's gradient has one component per element. The scalar chain rule differentiates along
 * all components at once and gives their sum; derive gives an elementwise formula where every use of the
 * parameter is elementwise inside a reduction, and otherwise no formula (it says so) but autograd's values.
 * Both are checked here per component against central differences of a plain JS function written
 * alongside each loss.
 */

interface Elementwise {
  py: string;
  f: (p: number, x: number) => number;
}
const elementwise: fc.Arbitrary<Elementwise> = fc.constantFrom<Elementwise>(
  { py: '(p*x - 1)**2', f: (p, x) => (p * x - 1) ** 2 },
  { py: 'np.exp(p) * x', f: (p, x) => Math.exp(p) * x },
  { py: 'np.log(1 + p**2) - x*p', f: (p, x) => Math.log(1 + p * p) - x * p },
  { py: 'torch.sigmoid(p + x)', f: (p, x) => 1 / (1 + Math.exp(-(p + x))) },
  { py: 'np.sin(p*x) + p', f: (p, x) => Math.sin(p * x) + p },
);

/** How the elementwise part becomes a loss; `elementwise` when derive can give the gradient as one formula. */
interface Reduction {
  wrap: (u: string) => string;
  f: (u: number[], p: number[]) => number;
  elementwise: boolean;
}
const reductions: fc.Arbitrary<Reduction> = fc.constantFrom<Reduction>(
  { wrap: (u) => `np.mean(${u})`, f: (u) => mean(u), elementwise: true },
  { wrap: (u) => `0.5*np.sum(${u})`, f: (u) => 0.5 * sum(u), elementwise: true },
  { wrap: (u) => `np.log(np.sum(np.exp(${u})))`, f: (u) => Math.log(sum(u.map(Math.exp))), elementwise: true },
  {
    wrap: (u) => `np.mean(${u})**2 + np.sum(p**2)`,
    f: (u, p) => mean(u) ** 2 + sum(p.map((v) => v * v)),
    elementwise: true,
  },
  { wrap: (u) => `np.mean(${u}) + p[1]**2`, f: (u, p) => mean(u) + p[1] ** 2, elementwise: false },
  { wrap: (u) => `np.mean(${u} - np.mean(p))`, f: (u, p) => mean(u.map((v) => v - mean(p))), elementwise: false },
);

const component = fc.double({ min: -1.5, max: 1.5, noNaN: true });
const SEED = Number(process.env.FC_SEED ?? 20261127);

/** A formula for a vector parameter, printed and parsed back, evaluated element by element. */
function formulaValues(source: string, values: Record<string, Numeric>, length: number): number[] {
  const compiled = compileExpression(source, { syntax: 'python' });
  if (!compiled.ok) throw new Error(`${source} does not parse back: ${compiled.error.message}`);
  const v = compiled.value.evaluate(values);
  return Array.isArray(v) ? v : Array.from({ length }, () => v); // 1/len(p) is the same for every element
}

describe('derive: a vector parameter', () => {
  it('gets the right gradient in every component, from autograd and from its formula (property-based, against central differences)', () => {
    fc.assert(
      fc.property(
        elementwise,
        reductions,
        fc.array(component, { minLength: 3, maxLength: 3 }),
        fc.array(component, { minLength: 3, maxLength: 3 }),
        (g, r, p, x) => {
          const text = r.wrap(g.py);
          const result = derive(text, { syntax: 'python', wrt: ['p'], at: { p, x } });
          assert.ok(result.ok, `${text}: ${!result.ok && result.error.message}`);
          const loss = (q: number[]) =>
            r.f(
              q.map((qi, i) => g.f(qi, x[i])),
              q,
            );
          const expected = centralDifferences(loss, p);
          assertComponentsClose(result.value.values?.grad.p, expected, `autograd's ∂/∂p ${text}`);
          const d = result.value.derivatives.p;
          if (r.elementwise) {
            assertComponentsClose(formulaValues(d.source, { p, x }, p.length), expected, `∂/∂p ${text} = ${d.source}`);
            assert.equal(d.unsupported, undefined);
          } else {
            assert.equal(d.source, '', 'no formula rather than a wrong one');
            assert.ok(d.unsupported);
          }
          assert.ok(!result.value.warnings.some((w) => w.includes('disagree')), result.value.warnings.join('; '));
        },
      ),
      { numRuns: 80, seed: SEED + 7 },
    );
  });

  it('-mean(y*log(p)): the formula is -y/(p*len(p)), per element', () => {
    const result = derive('-np.mean(y*np.log(p))', { wrt: ['p'], at: { p: [0.5, 0.2], y: [1, 0] } });
    assert.ok(result.ok);
    assert.equal(result.value.derivatives.p.source, '-y/(p*len(p))');
    // by hand: -y_i/(N p_i) = [-1/(2*0.5), 0]
    assertComponentsClose(result.value.values?.grad.p, [-1, 0], '∂L/∂p');
    assert.ok(
      result.value.warnings.includes('p is a vector: ∂L/∂p is elementwise, element i of the formula is ∂L/∂p[i]'),
    );
  });

  it('log(sum(exp(z))) - z[0] at z = [1, 2, 3]: softmax(z) - e0, not 0', () => {
    const result = derive('np.log(np.sum(np.exp(z))) - z[0]', { at: { z: [1, 2, 3] } });
    assert.ok(result.ok);
    const e = [1, 2, 3].map(Math.exp);
    const softmax = e.map((v) => v / sum(e));
    assertComponentsClose(result.value.values?.grad.z, [softmax[0] - 1, softmax[1], softmax[2]], '∂L/∂z');
    assert.equal(result.value.derivatives.z.source, '');
    assert.match(
      result.value.derivatives.z.unicode,
      /^∂L\/∂z = \(symbolic gradient for a vector parameter is not supported yet\)$/,
    );
    assert.ok(
      result.value.warnings.some((w) => /symbolic gradient for a vector parameter is not supported yet \(z\)/.test(w)),
    );
  });

  it('w in x @ w is a vector even without values: no formula, and a warning that says why', () => {
    const result = derive('torch.mean((x @ w - y)**2)');
    assert.ok(result.ok);
    assert.deepEqual(result.value.parameters, ['w']);
    assert.equal(result.value.derivatives.w.source, '');
    assert.equal(result.value.derivatives.w.latex, '');
    assert.ok(result.value.warnings.some((w) => w.includes('vector parameter')));
  });

  it('a scalar parameter next to a vector one: both get formulas, checked against hand-computed values', () => {
    // L = mean((x*p + b - y)**2), dL/db = 2*mean(x*p + b - y): by hand at these numbers, 2*mean([0.5, 0.5, -2]) = -2/3
    const result = derive('np.mean((x*p + b - y)**2)', {
      wrt: ['p', 'b'],
      at: { p: [1, 1, 1], b: 0.5, x: [1, 2, 3], y: [1, 2, 5.5] },
    });
    assert.ok(result.ok);
    assert.equal(result.value.derivatives.b.source, 'np.mean(2*(x*p + b - y))');
    assert.ok(Math.abs((result.value.values?.grad.b as number) + 2 / 3) < 1e-12);
    // ∂L/∂p_i = 2 x_i r_i / N with r = [0.5, 0.5, -2]: [1/3, 2/3, -4]
    assert.equal(result.value.derivatives.p.source, '2*x*(x*p + b - y)/len(p)');
    assertComponentsClose(result.value.values?.grad.p, [1 / 3, 2 / 3, -4], '∂L/∂p');
  });
});
