import assert from 'node:assert/strict';
import { derive, type DeriveOptions } from '../../../src/expr';
import { assertComponentsClose } from './numeric';

/**
 * F.nll_loss(logp, k) = -logp[k] for one sample: values and gradients against the closed forms written here
 * (with log-softmax inside, the gradient is softmax(z) - one_hot(k)).
 */
function derived(text: string, options: DeriveOptions) {
  const result = derive(text, options);
  assert.ok(result.ok, `${text}: ${!result.ok && result.error.message}`);
  return result.value;
}

function errorOf(text: string) {
  const result = derive(text, { syntax: 'python', wrt: ['logp'] });
  assert.ok(!result.ok, `${text} should be refused`);
  return result.error;
}

const z = [1, 2, 0.5];
const logSumExp = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
const softmax = z.map((v) => Math.exp(v - logSumExp));

describe('F.nll_loss', () => {
  it('F.nll_loss(logp, 1) is -logp[1], with gradient [0, -1, 0]', () => {
    const logp = [-1.2, -0.4, -2];
    const result = derived('F.nll_loss(logp, 1)', { wrt: ['logp'], at: { logp } });
    assert.equal(result.values?.loss, 0.4);
    assertComponentsClose(result.values?.grad.logp, [0, -1, 0], '∂/∂logp');
  });

  for (const reduction of ['', ", reduction='mean'", ", reduction='sum'", ", reduction='none'"]) {
    it(`torch.nn.functional.nll_loss(F.log_softmax(z, dim=0), 2${reduction}): one sample, logsumexp(z) - z[2], gradient softmax(z) - e₂`, () => {
      const text = `torch.nn.functional.nll_loss(F.log_softmax(z, dim=0), 2${reduction})`;
      const result = derived(text, { wrt: ['z'], at: { z } });
      assert.ok(Math.abs((result.values?.loss as number) - (logSumExp - z[2])) < 1e-12);
      assertComponentsClose(result.values?.grad.z, [softmax[0], softmax[1], softmax[2] - 1], '∂/∂z');
    });
  }

  it('refuses in words what it does not read: a batch of targets, weight=, an unknown reduction', () => {
    assert.match(
      errorOf('F.nll_loss(logp, y)').message,
      /the target must be one class index written as a whole number/,
    );
    assert.equal(errorOf('F.nll_loss(logp, y)').column, 18);
    assert.equal(errorOf('F.nll_loss(logp, 1, weight=w)').message, 'F.nll_loss: weight= is not supported');
    assert.equal(
      errorOf("F.nll_loss(logp, 1, reduction='avg')").message,
      "F.nll_loss: reduction must be 'mean', 'sum' or 'none'",
    );
  });
});

describe('F.cross_entropy', () => {
  it('reads a class index written as a number: logsumexp(z) - z[k], gradient softmax(z) - one_hot(k)', () => {
    const result = derived('F.cross_entropy(z, 1)', { wrt: ['z'], at: { z } });
    assert.ok(Math.abs((result.values?.loss as number) - (logSumExp - z[1])) < 1e-12);
    assertComponentsClose(result.values?.grad.z, [softmax[0], softmax[1] - 1, softmax[2]], '∂/∂z');
  });
  it('reads class probabilities written as an array: -sum(t * log_softmax(z))', () => {
    const t = [0, 0.5, 0.5];
    const result = derived('F.cross_entropy(z, [0, 0.5, 0.5])', { wrt: ['z'], at: { z } });
    const expected = -t.reduce((s, ti, i) => s + ti * (z[i] - logSumExp), 0);
    assert.ok(Math.abs((result.values?.loss as number) - expected) < 1e-12);
  });
  it('refuses a target given by name, whose value would decide between index and probabilities', () => {
    // a class index k = 2 read as probabilities gave 2·sum(-log_softmax(z)), a wrong number
    const result = derive('F.cross_entropy(z, k)', { syntax: 'python', wrt: ['z'], at: { z, k: 2 } });
    assert.ok(!result.ok);
    assert.match(result.error.message, /write the target out, a class index as a number/);
    assert.equal(result.error.column, 20);
  });
});
