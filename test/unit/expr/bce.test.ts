import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor, type Tensor } from '../../../src/autograd';
import { compileExpression, derive, type CompiledExpression } from '../../../src/expr';

// binary_cross_entropy in an expression is PyTorch's BCELoss: each log floored at -100 (a saturated
// probability gives 100, not Infinity) and PyTorch's gradient (p - t)/max(p(1 - p), 1e-12). Expected values
// come from closed forms computed here and from PyTorch 1.13 itself (test/fixtures/torch/bce.py, which
// wrote bce.json).

interface Fixture {
  elementwise: { p: number[]; t: number[]; loss: number[]; dp: number[]; dt: number[] };
  sigmoid: { z: number[]; t: number[]; loss: number; dz: number[] };
}
/** bce.json holds PyTorch's infinities as the strings "Infinity" and "-Infinity" (JSON has no number for them). */
const torch = JSON.parse(readFileSync(join(__dirname, '../../fixtures/torch/bce.json'), 'utf8'), (_key, v: unknown) =>
  v === 'Infinity' || v === '-Infinity' ? Number(v) : v,
) as Record<'float32' | 'float64', Fixture>;

function compiled(text: string): CompiledExpression {
  const outcome = compileExpression(text);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
  return outcome.value;
}

const f32 = (values: number[], requiresGrad = false) => tensor(values, { dtype: 'float32', requiresGrad });
const f64 = (values: number[], requiresGrad = false) => tensor(values, { dtype: 'float64', requiresGrad });

/** |a - b| within `rtol` of the larger, element by element. */
function assertClose(actual: ArrayLike<number>, expected: number[], rtol: number, what: string): void {
  assert.equal(actual.length, expected.length, what);
  expected.forEach((e, i) => {
    const a = actual[i];
    assert.ok(a === e || Math.abs(a - e) <= rtol * Math.max(Math.abs(a), Math.abs(e)), `${what}[${i}]: ${a} vs ${e}`);
  });
}

const sigmoid32 = (z: number) => Math.fround(1 / (1 + Math.exp(-z)));

describe('binary_cross_entropy in an expression is PyTorch’s BCELoss', () => {
  it('a float32 sigmoid saturated at exactly 1 (or 0) costs 100 per such sample, a finite loss', () => {
    assert.equal(sigmoid32(200), 1); // the premise: float32 cannot hold 1 - e^-200
    assert.equal(sigmoid32(-200), 0);
    const z = f32([200, -200, 0.5], true);
    const t = f32([0, 1, 1]);
    const loss = compiled('F.binary_cross_entropy(torch.sigmoid(z), t)').evaluateTensor({ z, t });
    // two saturated samples at 100 each, and -log(sigmoid(0.5)) for the third, over 3
    const expected = (100 + 100 - Math.log(sigmoid32(0.5))) / 3;
    assertClose([loss.item()], [expected], 1e-6, 'loss');
    // the textbook formula on the same tensors: log(0) makes it Infinity, where the trainer stopped before
    const textbook = compiled('(-(t*torch.log(torch.sigmoid(z)) + (1 - t)*torch.log(1 - torch.sigmoid(z)))).mean()');
    assert.equal(textbook.evaluateTensor({ z: f32([200, -200, 0.5]), t }).item(), Infinity);
  });

  it('sends a saturated sample PyTorch’s gradient: (p - t)/max(p(1 - p), 1e-12) times sigmoid’s p(1 - p) = 0', () => {
    const z = f32([200, -200, 0.5], true);
    compiled('F.binary_cross_entropy(torch.sigmoid(z), t)')
      .evaluateTensor({ z, t: f32([0, 1, 1]) })
      .backward();
    // saturated: sigmoid's backward p(1 - p) is exactly 0; otherwise (p - t)/(p(1 - p)) * p(1 - p) / 3 = (p - t)/3
    assertClose(z.grad!.data, [0, 0, (sigmoid32(0.5) - 1) / 3], 1e-6, 'dL/dz');
  });

  it('at p exactly 1 or 0 the gradient is ±1/1e-12, PyTorch’s floor held as a float (999999995904 in float32)', () => {
    const p = f32([1, 0, 1], true);
    compiled("F.binary_cross_entropy(p, t, reduction='sum')")
      .evaluateTensor({ p, t: f32([0, 1, 1]) })
      .backward();
    const floor = Math.fround(1e-12);
    assert.deepEqual(Array.from(p.grad!.data), [Math.fround(1 / floor), Math.fround(-1 / floor), 0]);
    assert.equal(Math.fround(1 / floor), 999999995904);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    const make = dtype === 'float32' ? f32 : f64;
    const rtol = dtype === 'float32' ? 2e-7 : 1e-15;

    it(`${dtype}: each element's value, ∂/∂p and ∂/∂t are PyTorch 1.13's, at 0, 1e-13, 1e-8, 0.3, 0.5, 0.9, 1 - 1e-13 and 1`, () => {
      const { p: ps, t: ts, loss, dp, dt } = torch[dtype].elementwise;
      const p = make(ps, true);
      const t = make(ts, true);
      const values = compiled("F.binary_cross_entropy(p, t, reduction='none')").evaluateTensor({ p, t });
      assertClose(values.data, loss, rtol, 'loss');
      values.sum().backward();
      assertClose(p.grad!.data, dp, rtol, '∂/∂p');
      assertClose(t.grad!.data, dt, rtol, '∂/∂t');
    });

    it(`${dtype}: on plain numbers too (evaluate), the values are PyTorch's`, () => {
      const { p, t, loss } = torch[dtype].elementwise;
      const values = compiled("F.binary_cross_entropy(p, t, reduction='none')").evaluate({ p, t }, dtype);
      assertClose(values as number[], loss, rtol, 'loss');
    });

    it(`${dtype}: through a sigmoid, the mean and dL/dz are PyTorch's, damped where p(1 - p) < 1e-12 (z = -30)`, () => {
      const fixture = torch[dtype].sigmoid;
      const z = make(fixture.z, true);
      const loss = compiled('F.binary_cross_entropy(torch.sigmoid(z), t)').evaluateTensor({ z, t: make(fixture.t) });
      assertClose([loss.item()], [fixture.loss], rtol, 'loss');
      loss.backward();
      assertClose(z.grad!.data, fixture.dz, dtype === 'float32' ? 1e-6 : 1e-14, 'dL/dz');
      // PyTorch's gradient at z = -30, t = 1 is not the textbook (sigmoid(z) - t)/7: the floor damps it
      assert.ok(Math.abs(fixture.dz[2]) < 0.1 * Math.abs((1 / (1 + Math.exp(30)) - 1) / 7));
    });
  }
});

describe('the derivative of binary_cross_entropy, as the hover shows it', () => {
  const logistic = 'F.binary_cross_entropy(torch.sigmoid(w*x + b), y)';
  const at = { w: 0.5, b: 0.1, x: [1, 2, -1], y: [1, 0, 1] };

  it('logistic regression: ∂L/∂w = mean(x·(σ(w·x + b) − y)), with no floor in sight', () => {
    const result = derive(logistic, { wrt: ['w', 'b'], at });
    assert.ok(result.ok);
    const { w, b } = result.value.derivatives;
    assert.equal(w.unicode, '∂L/∂w = mean(x·(σ(w·x + b) − y))');
    assert.equal(w.source, '(x*(torch.sigmoid(w*x + b) - y)).mean()');
    assert.equal(b.unicode, '∂L/∂b = mean(σ(w·x + b) − y)');
    assert.deepEqual(result.value.warnings, []);
    // the values, by hand: mean(x (sigma(z) - y)) and mean(sigma(z) - y)
    const r = at.x.map((x, i) => 1 / (1 + Math.exp(-(at.w * x + at.b))) - at.y[i]);
    const mean = (v: number[]) => v.reduce((s, e) => s + e, 0) / v.length;
    assert.ok(Math.abs((result.value.values!.grad.w as number) - mean(r.map((e, i) => e * at.x[i]))) < 1e-15);
    assert.ok(Math.abs((result.value.values!.grad.b as number) - mean(r)) < 1e-15);
  });

  it('Show steps gives the local derivative (p − y)/(p(1 − p)) of BCE at p = σ(w·x + b)', () => {
    const result = derive(logistic, { wrt: ['b'] });
    assert.ok(result.ok);
    const step = result.value.derivatives.b.steps.find((s) => s.unicode.startsWith('∂(BCE('));
    assert.equal(step?.unicode, '∂(BCE(σ(w·x + b), y))/∂(σ(w·x + b)) = (σ(w·x + b) − y)/(σ(w·x + b)·(1 − σ(w·x + b)))');
  });

  it('a probability parameter p: (1 − y/p)/(1 − p), which is (p − y)/(p(1 − p)), with PyTorch’s values', () => {
    const result = derive("F.binary_cross_entropy(p, y, reduction='sum')", {
      wrt: ['p'],
      at: { p: [0.3, 0.9], y: [1, 0] },
    });
    assert.ok(result.ok);
    assert.equal(result.value.derivatives.p.unicode, '∂L/∂p = (1 − y/p)/(1 − p)');
    assertClose(result.value.values!.grad.p as number[], [-0.7 / 0.21, 0.9 / 0.09], 1e-15, '∂L/∂p');
  });

  it('at a saturated sample, shows PyTorch’s gradient and says where and why the formula differs', () => {
    // z = 0.5*(-100) + 0.1 = -49.9: p(1 - p) < 1e-12, so PyTorch's gradient there is damped
    const result = derive(logistic, { wrt: ['w', 'b'], at: { ...at, x: [1, 2, -100] } });
    assert.ok(result.ok);
    const p = 1 / (1 + Math.exp(49.9));
    const floor = Math.fround(1e-12);
    const z = [0.6, 1.1, -49.9];
    const sig = z.map((v) => 1 / (1 + Math.exp(-v)));
    // dL/db = mean((p - y)/max(p(1 - p), floor) * p(1 - p)): the textbook p - y for the first two
    const expected = (sig[0] - 1 + sig[1] + ((p - 1) / floor) * p * (1 - p)) / 3;
    assert.ok(Math.abs((result.value.values!.grad.b as number) - expected) < 1e-12, `${result.value.values!.grad.b}`);
    assert.ok(
      result.value.warnings.some((w) => w.includes('saturates at p =') && w.includes('(element 2)')),
      result.value.warnings.join('\n'),
    );
  });
});

describe('binary_cross_entropy printed as PyTorch code and refused where it cannot be read', () => {
  const torchOf = (text: string) => {
    const outcome = compiled(text).torchSource();
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    return outcome.value;
  };

  it('is one F.binary_cross_entropy call, its reduction named unless the mean', () => {
    assert.equal(
      torchOf('F.binary_cross_entropy(torch.sigmoid(y_pred), y)'),
      'F.binary_cross_entropy(torch.sigmoid(y_pred), y)',
    );
    assert.equal(
      torchOf("F.binary_cross_entropy(y_pred, y, reduction='sum')"),
      "F.binary_cross_entropy(y_pred, y, reduction='sum')",
    );
    assert.equal(
      torchOf('np.mean(binary_cross_entropy(y_pred, y, reduction="none") * x)'),
      "(F.binary_cross_entropy(y_pred, y, reduction='none')*x).mean()",
    );
  });

  it('fills a number out to the other side’s shape, since torch takes two tensors of one shape', () => {
    assert.equal(
      torchOf("F.binary_cross_entropy(y_pred, 1, reduction='sum')"),
      "F.binary_cross_entropy(y_pred, torch.full_like(y_pred, 1.0), reduction='sum')",
    );
  });

  it('refuses a weight, at its position, rather than ignore it', () => {
    const outcome = compileExpression('F.binary_cross_entropy(p, y, weight=c)');
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.message, 'F.binary_cross_entropy: a weight is not read (only the input and the target)');
    assert.equal(outcome.error.column, 30);
  });

  it('refuses a target whose shape is not the input’s, as PyTorch does', () => {
    const p = f64([0.2, 0.7]).reshape([2, 1]);
    assert.throws(
      () => compiled('F.binary_cross_entropy(p, y)').evaluateTensor({ p, y: f64([1, 0]) as Tensor }),
      /the target's shape \(2\) is not the input's \(2 x 1\)/,
    );
  });
});
