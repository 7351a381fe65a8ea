import assert from 'node:assert/strict';
import { compileExpression, derive, type Syntax, type Numeric } from '../../../src/expr';

const values: Record<string, Numeric> = { w: 0.7, b: -0.3, x: [0.5, -1.5, 2, 1], y: [1, 0, 1, 0] };

function valueOf(text: string, syntax: Syntax): Numeric {
  const compiled = compileExpression(text, { syntax });
  if (!compiled.ok) throw new Error(`"${text}" does not parse back: ${compiled.error.message}`);
  return compiled.value.evaluate(values);
}

function assertSameValue(actual: Numeric, expected: Numeric, tolerance: number, what: string): void {
  const a = Array.isArray(actual) ? actual : [actual];
  const e = Array.isArray(expected) ? expected : [expected];
  assert.equal(a.length, e.length, what);
  a.forEach((v, i) => assert.ok(Math.abs(v - e[i]) <= tolerance * (1 + Math.abs(e[i])), `${what}: ${v} vs ${e[i]}`));
}

describe('printing in the source syntax parses back to the same values', () => {
  const cases: [Syntax, string][] = [
    ['python', '((w*x + b - y)**2).mean()'],
    ['python', 'np.mean(np.abs(w*x - y))'],
    ['python', 'F.binary_cross_entropy_with_logits(w*x + b, y)'],
    ['python', '-(y*np.log(torch.sigmoid(w*x)) + (1 - y)*np.log(1 - torch.sigmoid(w*x))).mean()'],
    ['python', 'np.logaddexp(0, -y*(w*x + b)).mean()'],
    ['python', 'np.clip(w*x, -1, 1).sum() + np.maximum(w, b)'],
    ['python', 'F.huber_loss(w*x, y, delta=0.5)'],
    ['python', 'torch.logsumexp(w*x, 0) - w*x[2]'],
    // functions called by bare name, as after `from numpy import *`: so are the answers
    ['python', 'mean(log(1 + exp(-y*(w*x + b)))) + sum(maximum(0, 1 - y*(w*x + b)))'],
    ['python', 'mean(clip(w*x, -1, 1)) + logsumexp(w*x) + mean(sigmoid(w*x + b)) + sqrt(w**2 + b**2)'],
    ['js', 'mean((w * x + b - y) ** 2) + Math.abs(w)'],
    ['js', 'Math.log(1 + Math.exp(-(w * x + b))) * x.length'],
    ['js', 'Math.max(w, b) ** 2 - Math.min(w * b, 1)'],
    ['math', 'mean((w x + b − y)²)'],
    ['math', 'σ(w x + b)^3 - ln(1 + e^(w))'],
    ['math', 'mean(max(0, 1 - y (w x + b)))'],
  ];
  for (const [syntax, text] of cases) {
    it(`${syntax}: ${text}`, () => {
      const result = derive(text, { syntax, wrt: ['w', 'b'] });
      assert.ok(result.ok, !result.ok ? result.error.message : '');
      const reference = valueOf(text, syntax);
      assertSameValue(valueOf(result.value.expression, syntax), reference, 1e-12, result.value.expression);
      for (const p of ['w', 'b']) {
        const d = result.value.derivatives[p];
        assertSameValue(valueOf(d.source, syntax), valueOf(d.raw, syntax), 1e-9, `${d.source} vs ${d.raw}`);
        for (const step of d.steps) compileExpression(step.expression, { syntax });
      }
    });
  }
});
