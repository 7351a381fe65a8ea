import assert from 'node:assert/strict';
import { derive } from '../../../src/expr';
import { checkGradient, findGradientDefinitions, findLossStatement } from '../../../src/expr';
import { lineOf, TUTORIAL_NUMPY, TUTORIAL_PYTORCH, TUTORIAL_TS, TUTORIAL_TS_MAP } from './fixtures';

const LOSS = '((y_pred-y)**2).mean()';

describe('derive() on the tutorial', () => {
  const numpyContext = { text: TUTORIAL_NUMPY, languageId: 'python', offset: TUTORIAL_NUMPY.indexOf(LOSS) };

  it('differentiates the loss with respect to w, as a teacher writes it, in three notations', () => {
    const result = derive(LOSS, { context: numpyContext });
    assert.ok(result.ok);
    assert.deepEqual(result.value.parameters, ['w']);
    assert.equal(result.value.syntax, 'python');
    assert.equal(result.value.expression, '((w*x - y)**2).mean()');
    const d = result.value.derivatives.w;
    assert.equal(d.source, '(2*x*(w*x - y)).mean()');
    assert.equal(d.unicode, '∂L/∂w = mean(2·x·(w·x − y))');
    assert.equal(
      d.latex,
      '\\frac{\\partial L}{\\partial w} = \\operatorname{mean}\\left(2 x \\left(w x - y\\right)\\right)',
    );
  });

  it('evaluates at the values the file binds: L = 30 and dL/dw = -30 at w = 0 (L(w) = 7.5 (w - 2)^2)', () => {
    const result = derive(LOSS, { context: numpyContext });
    assert.ok(result.ok);
    assert.deepEqual(result.value.values, {
      loss: 30,
      grad: { w: -30 },
      at: { w: 0, x: [1, 2, 3, 4], y: [2, 4, 6, 8] },
    });
    // The training loop's `w -= learning_rate * dw` changes w every epoch: the value is the start's, and says so.
    assert.deepEqual(result.value.warnings, [
      'w is updated in a loop (line 40); the value used is w before it, from line 7',
    ]);
  });

  it('reports each definition it inlined, with its line', () => {
    const result = derive(LOSS, { context: numpyContext });
    assert.ok(result.ok);
    const byName = Object.fromEntries(result.value.substitutions.map((s) => [s.name, s]));
    assert.deepEqual(byName.y_pred, {
      name: 'y_pred',
      line: lineOf(TUTORIAL_NUMPY, 'y_pred = forward(x)'),
      text: 'forward(x)',
      kind: 'assignment',
    });
    assert.deepEqual(byName.forward, {
      name: 'forward',
      line: lineOf(TUTORIAL_NUMPY, 'def forward'),
      text: 'w * x',
      kind: 'function',
    });
    assert.deepEqual(byName.w, { name: 'w', line: lineOf(TUTORIAL_NUMPY, 'w = 0.0'), text: '0.0', kind: 'value' });
    assert.equal(byName.x.kind, 'value');
    assert.equal(byName.x.text, 'np.array([1,2,3,4], dtype = np.float32)');
  });

  it('lists the chain-rule steps from the loss down to w, as backpropagation visits them', () => {
    const result = derive(LOSS, { context: numpyContext });
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.derivatives.w.steps.map((s) => [s.expression, s.local]),
      [
        ['((w*x - y)**2).mean()', '1/len(x)'],
        ['(w*x - y)**2', '2*(w*x - y)'],
        ['w*x - y', '1'],
        ['w*x', 'x'],
      ],
    );
  });

  it('computes the steps when first read, keeps them, and writes them in JSON', () => {
    const result = derive(LOSS, { context: numpyContext });
    assert.ok(result.ok);
    const d = result.value.derivatives.w;
    assert.equal(d.steps, d.steps, 'the same list on every read');
    const json = JSON.parse(JSON.stringify(d));
    assert.deepEqual(Object.keys(json), ['source', 'unicode', 'latex', 'raw', 'steps']);
    assert.deepEqual(
      json.steps.map((s: { local: string }) => s.local),
      ['1/len(x)', '2*(w*x - y)', '1', 'x'],
    );
  });

  it('finds w through requires_grad=True in the PyTorch half', () => {
    const result = derive(LOSS, { context: { text: TUTORIAL_PYTORCH, languageId: 'python' } });
    assert.ok(result.ok);
    assert.deepEqual(result.value.parameters, ['w']);
    assert.equal(result.value.values?.grad.w, -30);
  });

  it('resolves arrow functions and arrays in TypeScript and answers in JS syntax', () => {
    const result = derive('mean((forward(x) - y) ** 2)', { context: { text: TUTORIAL_TS, languageId: 'typescript' } });
    assert.ok(result.ok);
    assert.equal(result.value.syntax, 'js');
    assert.equal(result.value.derivatives.w.source, 'mean(2*x*(w*x - y))');
    assert.equal(result.value.values?.grad.w, -30);
  });

  it('reads plain TypeScript arrays: x.map((xi) => w * xi) is w*x, and y[i] inside a callback is y', () => {
    const doc = TUTORIAL_TS_MAP;
    const found = findLossStatement(doc, doc.indexOf('return mean') + 3);
    assert.equal(found?.text, 'mean(yPred.map((yp, i) => (yp - y[i]) ** 2))');
    const result = derive(found?.text ?? '', {
      context: { text: doc, languageId: 'typescript', offset: found?.span.start },
    });
    assert.ok(result.ok);
    assert.equal(result.value.expression, 'mean((w*x - y) ** 2)');
    assert.equal(result.value.derivatives.w.source, 'mean(2*x*(w*x - y))');
    assert.deepEqual(result.value.values?.grad, { w: -30 });
    assert.equal(findGradientDefinitions(doc)[0]?.name, 'gradient');
    const verdict = checkGradient('loss(y, yPred)', 'gradient(x, y, yPred)', {
      context: { text: doc, languageId: 'typescript' },
    });
    assert.ok(verdict.ok);
    assert.equal(verdict.value.kind, 'ratio');
  });

  it("a call of the tutorial's loss function inlines its body with the arguments", () => {
    const result = derive('loss(y, y_pred)', { context: numpyContext });
    assert.ok(result.ok);
    assert.equal(result.value.derivatives.w.source, '(2*x*(w*x - y)).mean()');
  });
});

describe('derive() choices', () => {
  it('an explicit --wrt wins; values given with `at` override the file', () => {
    const result = derive('((w*x + b - y)**2).mean()', { wrt: ['b'], at: { w: 2, b: 1, x: [1, 2], y: [2, 4] } });
    assert.ok(result.ok);
    assert.deepEqual(result.value.parameters, ['b']);
    assert.equal(result.value.values?.grad.b, 2);
  });

  it('conventional names are parameters: w and b, not x and y', () => {
    const result = derive('((w*x + b - y)**2).mean()');
    assert.ok(result.ok);
    assert.deepEqual(result.value.parameters, ['w', 'b']);
    assert.equal(result.value.values, null);
    assert.deepEqual(result.value.warnings, ['treated as constants: x, y']);
  });

  it('without conventional names, every free name is a parameter', () => {
    const result = derive('u**2 + u*v');
    assert.ok(result.ok);
    assert.deepEqual(result.value.parameters, ['u', 'v']);
    assert.equal(result.value.derivatives.u.source, '2*u + v');
  });

  it('flags a non-differentiable point: |w*x - y| where the residual is 0', () => {
    const result = derive('np.abs(w*x - y).mean()', { at: { w: 2, x: [1, 2], y: [2, 5] } });
    assert.ok(result.ok);
    assert.deepEqual(result.value.warnings, [
      'np.abs(w*x - y) is not differentiable where its argument is 0 here (element 0)',
    ]);
  });

  it('flags a max tie and the log of a non-positive number', () => {
    const tie = derive('np.maximum(w, 1)', { at: { w: 1 } });
    assert.ok(tie.ok);
    assert.match(tie.value.warnings[0], /np.maximum\(w, 1\) is not differentiable where its arguments tie/);
    const log = derive('np.log(w)', { at: { w: 0 } });
    assert.ok(log.ok);
    assert.match(log.value.warnings[0], /takes the log of a non-positive number/);
  });

  it('a derivative too large to show is a clear error, not a hang', () => {
    const result = derive(`${'np.exp('.repeat(400)}w${')'.repeat(400)}`);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error.message, /too large to show/);
  });
});
