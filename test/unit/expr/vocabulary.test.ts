// Names real losses use, each checked against central differences of the same loss in plain JS, and the
// forms that are refused in words rather than approximated.
import assert from 'node:assert/strict';
import { derive } from '../../../src/expr';
import { centralDifferences, sum } from './numeric';

const x = [1, 2, 3];
const y = [1, 0, 2];
const at = { w: 0.5, x, y };

function gradientOf(text: string): number {
  const result = derive(text, { wrt: ['w'], at });
  assert.ok(result.ok, `${text}: ${JSON.stringify(result)}`);
  const grad = result.value.values?.grad.w;
  assert.equal(typeof grad, 'number', text);
  return grad as number;
}

function assertMatches(text: string, loss: (w: number) => number): void {
  const [expected] = centralDifferences(([w]) => loss(w), [at.w]);
  const actual = gradientOf(text);
  assert.ok(Math.abs(actual - expected) < 1e-6 * (1 + Math.abs(expected)), `${text}: ${actual} vs ${expected}`);
}

const residual = (w: number) => x.map((xi, i) => w * xi - y[i]);

describe('the vocabulary of real losses', () => {
  it('cosh and sinh, as numpy, torch and Math spell them', () => {
    assertMatches('np.cosh(w) + torch.sinh(2*w)', (w) => Math.cosh(w) + Math.sinh(2 * w));
    assertMatches('Math.cosh(w * 3)', (w) => Math.cosh(3 * w));
  });

  it('the 2-norm: np.linalg.norm, linalg.norm (imported), torch.norm', () => {
    const norm = (w: number) => Math.sqrt(sum(residual(w).map((r) => r * r)));
    assertMatches('np.linalg.norm(w*x - y)', norm);
    assertMatches('linalg.norm(w*x - y)**2', (w) => norm(w) ** 2);
    assertMatches('torch.norm(w*x - y)', norm);
  });

  it('refuses the norms it does not read, at their argument', () => {
    const result = derive('torch.norm(w*x - y, p=1)', { wrt: ['w'], at });
    assert.ok(!result.ok);
    assert.equal(result.error.message, 'torch.norm: only the 2-norm is read (ord=2, the default)');
    assert.equal(result.error.column, 21);
  });

  it('the Keras backend: K.mean(K.square(...))', () => {
    assertMatches('K.mean(K.square(w*x - y))', (w) => sum(residual(w).map((r) => r * r)) / x.length);
  });

  it('refuses a Math function JavaScript does not have, instead of reading what it might mean', () => {
    const result = derive('Math.sigmoid(w * 2)', { wrt: ['w'], syntax: 'js' });
    assert.ok(!result.ok);
    assert.deepEqual(result.error, {
      message: 'Math.sigmoid is not a JavaScript function: Math has no sigmoid',
      column: 1,
      span: { start: 0, end: 19 },
    });
  });
});

describe('dotted names', () => {
  const model = [
    'class Model:',
    '    def __init__(self):',
    '        self.sigma = 2.0',
    '        self.w = 0.5',
    '',
    '    def loss(self, x, y):',
    '        return (self.w * x - y)**2 / self.sigma**2',
  ].join('\n');

  it('read self.w and self.sigma as names, with the values __init__ gives them, in any method', () => {
    const loss = '(self.w * x - y)**2 / self.sigma**2';
    const result = derive(loss, {
      context: { text: model, languageId: 'python', offset: model.indexOf(loss) },
      at: { x: 1, y: 0 },
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value.parameters, ['self.w']);
    assert.deepEqual(result.value.values?.at, { 'self.w': 0.5, 'self.sigma': 2, x: 1, y: 0 });
    // d/dw (w x - y)^2 / s^2 = 2 x (w x - y) / s^2 = 2 * 0.5 / 4
    assert.equal(result.value.values?.grad['self.w'], 0.25);
    assert.equal(result.value.derivatives['self.w'].source, '2*x*(self.w*x - y)/self.sigma**2');
  });

  it('read this.params.margin in JS, also given in `at`', () => {
    const result = derive('Math.max(0, this.params.margin - w * x)', {
      syntax: 'js',
      wrt: ['w'],
      at: { w: 1, x: 2, 'this.params.margin': 3 },
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.values?.grad.w, -2); // margin - w x = 1 > 0, so d/dw = -x
  });
});

describe('values where JS writes them', () => {
  it('reads new Float32Array([...]) and new Float64Array([...]) as their numbers, and refuses other constructors', () => {
    const doc = 'const x = new Float32Array([1, 2, 3, 4]);\nconst y = new Float64Array([2, 4, 6, 8]);\nlet w = 0;\n';
    const result = derive('(w * x - y) ** 2', { syntax: 'js', context: { text: doc, languageId: 'javascript' } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value.values?.at, { w: 0, x: [1, 2, 3, 4], y: [2, 4, 6, 8] });
    // d/dw (w x - y)^2 = 2 x (w x - y) = -2 x y at w = 0
    assert.deepEqual(result.value.values?.grad.w, [-4, -16, -36, -64]);
    const other = derive('new Map()', { syntax: 'js' });
    assert.ok(!other.ok);
    assert.equal(other.error.message, "'new': a constructor call (new ...) is not read");
  });
});

describe("JS's arr.reduce", () => {
  const xs = [1, 2, 3];
  const ys = [1, 0, 2];
  const at = { w: 0.5, xs, ys };
  const derived = (text: string) => {
    const result = derive(text, { syntax: 'js', wrt: ['w'], at });
    assert.ok(result.ok, `${text}: ${JSON.stringify(result)}`);
    return result.value;
  };

  it('reads a sum written with reduce, with the index bound like .map()', () => {
    const mse = (w: number) => sum(xs.map((xi, i) => (w * xi - ys[i]) ** 2)) / xs.length;
    const result = derived('xs.reduce((total, xi, i) => total + (w * xi - ys[i]) ** 2, 0) / xs.length');
    assert.equal(result.values?.loss, mse(0.5));
    const [expected] = centralDifferences(([w]) => mse(w), [0.5]);
    assert.ok(Math.abs((result.values?.grad.w as number) - expected) < 1e-6);
  });

  it('keeps the initial value: xs.reduce((acc, v) => acc + w*v, 10) is 10 + w * sum(xs)', () => {
    const result = derived('xs.reduce((acc, v) => acc + w*v, 10)');
    assert.equal(result.values?.loss, 10 + 0.5 * 6);
    assert.equal(result.values?.grad.w, 6);
  });

  it('refuses a reducer that is not a sum, and one without an initial value', () => {
    const product = derive('xs.reduce((a, v) => a * v, 1)', { syntax: 'js', wrt: ['w'], at });
    assert.ok(!product.ok);
    assert.equal(product.error.message, 'only a sum is read in .reduce(): a + (an expression of v)');
    const noStart = derive('xs.reduce((a, v) => a + w * v)', { syntax: 'js', wrt: ['w'], at });
    assert.ok(!noStart.ok);
    assert.equal(noStart.error.message, '.reduce() needs its initial value, such as 0');
  });
});

describe('softmax and log_softmax over a 1-D array', () => {
  const x = [1, 2, 3];
  const logSumExp = (w: number) => Math.log(sum(x.map((v) => Math.exp(w * v))));

  it('cross-entropy through F.log_softmax and through log(softmax) agree with the closed form', () => {
    // -sum(y log softmax(w x)) with y one-hot on the last class: logsumexp(w x) - 3 w
    const loss = (w: number) => logSumExp(w) - 3 * w;
    const [expected] = centralDifferences(([w]) => loss(w), [0.5]);
    for (const text of [
      '-(y * F.log_softmax(w*x, dim=0)).sum()',
      '-(y * torch.log(torch.softmax(w*x, dim=-1))).sum()',
    ]) {
      const result = derive(text, { wrt: ['w'], at: { w: 0.5, x, y: [0, 0, 1] } });
      assert.ok(result.ok, JSON.stringify(result));
      assert.ok(Math.abs((result.value.values?.loss as number) - loss(0.5)) < 1e-12, text);
      assert.ok(Math.abs((result.value.values?.grad.w as number) - expected) < 1e-6, text);
    }
  });

  it('refuses an axis a 1-D array does not have', () => {
    const result = derive('F.softmax(w*x, dim=1)', { wrt: ['w'], at: { w: 0.5, x } });
    assert.ok(!result.ok);
    assert.match(result.error.message, /axis must be 0 or -1/);
  });
});
