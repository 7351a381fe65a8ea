import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCheck } from '../../../src/cli/check';
import { runDerive } from '../../../src/cli/derive';
import { runTutorialNumpy } from '../../../src/cli/tutorialNumpy';
import { captureIo } from '../cli/captureIo';
import { lineOf, TUTORIAL_NUMPY } from '../expr/fixtures';
import { NUMPY_TABLE } from '../../fixtures/notebook';

const AT = 'w=0,x=[1,2,3,4],y=[2,4,6,8]';

describe('autograd-lab derive', () => {
  it("reads micrograd's README program in order from the file alone: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773", async () => {
    const program = readFileSync(path.join(__dirname, '../../../samples/tutorial/micrograd_readme.py'), 'utf8');
    const io = captureIo({ '/micrograd_readme.py': program });
    assert.equal(await runDerive(['g', '--context', '/micrograd_readme.py', '--format', 'json'], io), 0, io.err);
    const { values } = JSON.parse(io.out);
    // The numbers micrograd's README prints (4 decimals).
    assert.equal(values.loss.toFixed(4), '24.7041');
    assert.equal(values.grad.a.toFixed(4), '138.8338');
    assert.equal(values.grad.b.toFixed(4), '645.5773');
  });

  it('--format json prints exactly the fields syntax, parameters, derivatives, values, substitutions and warnings', async () => {
    const io = captureIo();
    assert.equal(await runDerive(['((w*x - y)**2).mean()', '--at', AT, '--format', 'json'], io), 0);
    const json = JSON.parse(io.out);
    assert.deepEqual(Object.keys(json), ['syntax', 'parameters', 'derivatives', 'values', 'substitutions', 'warnings']);
    assert.deepEqual(Object.keys(json.derivatives.w), ['source', 'unicode', 'latex', 'steps']);
    assert.equal(json.derivatives.w.source, '(2*x*(w*x - y)).mean()');
    assert.equal(json.derivatives.w.unicode, '∂L/∂w = mean(2·x·(w·x − y))');
    assert.deepEqual(json.values, { loss: 30, grad: { w: -30 } });
  });

  it('text output shows the loss, its definitions, the derivative and its value', async () => {
    const io = captureIo({ 'tutorial_numpy.py': TUTORIAL_NUMPY });
    assert.equal(await runDerive(['((y_pred-y)**2).mean()', '--context', 'tutorial_numpy.py'], io), 0);
    assert.match(io.out, /^L = \(\(w\*x - y\)\*\*2\)\.mean\(\)\n/);
    assert.ok(io.out.includes(`  y_pred = forward(x)   (line ${lineOf(TUTORIAL_NUMPY, 'y_pred = forward(x)')})\n`));
    assert.match(io.out, /∂L\/∂w = mean\(2·x·\(w·x − y\)\)\n {2}\(2\*x\*\(w\*x - y\)\)\.mean\(\)\n/);
    assert.match(io.out, / {2}L = 30, ∂L\/∂w = -30\n/);
  });

  it('--format latex prints one line per parameter; --wrt and --syntax are honoured', async () => {
    const io = captureIo();
    assert.equal(await runDerive(['(w x + b - y)^2', '--syntax', 'math', '--wrt', 'b', '--format', 'latex'], io), 0);
    assert.equal(io.out, '\\frac{\\partial L}{\\partial b} = 2 \\left(w x + b - y\\right)\n');
  });

  it('bad input: a caret under the column on stderr, and a non-zero exit', async () => {
    const io = captureIo();
    assert.equal(await runDerive(['np.mean((w*x - y)**2'], io), 1);
    assert.equal(
      io.err,
      'autograd-lab derive: unbalanced parenthesis: this ( is never closed (column 8)\n  np.mean((w*x - y)**2\n         ^\n',
    );
  });

  it('bad input with --format json: {"error": {"message", "column"}}', async () => {
    const io = captureIo();
    assert.equal(await runDerive(['w +* x', '--format', 'json'], io), 1);
    assert.deepEqual(JSON.parse(io.out), { error: { message: "unexpected '*'", column: 4 } });
  });

  it('bad flags and files say what is wrong', async () => {
    const io = captureIo();
    assert.equal(await runDerive(['w', '--at', 'x=[1,2'], io), 1);
    assert.match(io.err, /--at: x: unbalanced bracket/);
    const missing = captureIo();
    assert.equal(await runDerive(['w', '--context', 'nope.py'], missing), 1);
    assert.match(missing.err, /--context: cannot read nope.py/);
    const syntax = captureIo();
    assert.equal(await runDerive(['w', '--syntax', 'ruby'], syntax), 1);
    assert.match(syntax.err, /--syntax must be python, js or math/);
  });
});

describe('autograd-lab check', () => {
  it("explains the tutorial's factor 4 and exits 1", async () => {
    const io = captureIo({ 'tutorial_numpy.py': TUTORIAL_NUMPY });
    const code = await runCheck(
      [
        '--loss',
        '((y_pred-y)**2).mean()',
        '--gradient',
        'np.dot(2*x, y_pred-y).mean()',
        '--context',
        'tutorial_numpy.py',
      ],
      io,
    );
    assert.equal(code, 1);
    assert.match(
      io.out,
      /^ratio: Your gradient is exactly 4x autograd's: -120 vs -30 at w = 0\. The data has 4 samples: did you sum where the loss takes the mean\?/,
    );
  });

  it('exits 0 on a match', async () => {
    const io = captureIo();
    assert.equal(
      await runCheck(['--loss', '((w*x - y)**2).mean()', '--gradient', '(2*x*(w*x - y)).mean()', '--at', AT], io),
      0,
    );
    assert.match(io.out, /^ok: Your gradient matches autograd: -30 at w = 0\.\n$/);
  });
});

describe('autograd-lab derive and check: expressions that start with a minus, and what does not exist', () => {
  it('derive takes "-np.mean(y*np.log(p))" as the expression, before or after the options', async () => {
    for (const args of [
      ['-np.mean(y*np.log(p))', '--wrt', 'p', '--at', 'p=0.5,y=[1,0]'],
      ['--wrt', 'p', '--at', 'p=0.5,y=[1,0]', '-np.mean(y*np.log(p))'],
    ]) {
      const io = captureIo();
      assert.equal(await runDerive(args, io), 0, io.err);
      // d/dp -mean(y log p) = -mean(y)/p = -0.5/0.5 = -1
      assert.match(io.out, /∂L\/∂p = -1\n/);
    }
  });

  it('check takes "--gradient -np.mean(y/p)" as the gradient', async () => {
    const io = captureIo();
    assert.equal(
      await runCheck(
        ['--loss', '-np.mean(y*np.log(p))', '--gradient', '-np.mean(y/p)', '--wrt', 'p', '--at', 'p=0.5,y=[1,0]'],
        io,
      ),
      0,
      io.err,
    );
    assert.match(io.out, /^ok: Your gradient matches autograd: -1 at p = 0\.5\.\n$/);
  });

  it('a mistyped option is still named as one', async () => {
    const io = captureIo();
    assert.equal(await runDerive(['w**2', '--wrtt', 'w'], io), 1);
    assert.match(io.err, /Unknown option '--wrtt'/);
  });

  it('--wrt q for a q the loss does not mention is an error, in derive and in check', async () => {
    const io = captureIo();
    assert.equal(await runDerive(['(w*x - y)**2', '--wrt', 'q'], io), 1);
    assert.match(io.err, /q does not appear in the loss \(its names: w, x, y\)/);
    const checked = captureIo();
    assert.equal(await runCheck(['--loss', '(w*x - y)**2', '--gradient', '2*x*(w*x - y)', '--wrt', 'q'], checked), 1);
    assert.match(checked.err, /q does not appear in the loss/);
  });

  it("a vector parameter: autograd's values and no formula line", async () => {
    const io = captureIo();
    assert.equal(await runDerive(['np.log(np.sum(np.exp(z))) - z[0]', '--at', 'z=[1,2,3]'], io), 0);
    assert.match(
      io.out,
      /∂L\/∂z = \(symbolic gradient for a vector parameter is not supported yet\)\nat z = \[1, 2, 3\]:/,
    );
    assert.match(io.out, /∂L\/∂z = \[-0\.909969\d*, 0\.244728\d*, 0\.665240\d*\]/);
  });
});

describe('autograd-lab train --example tutorial-numpy', () => {
  it("prints the notebook's numpy table byte for byte, then the gradient-check warning", async () => {
    const io = captureIo();
    assert.equal(await runTutorialNumpy(io), 0);
    // The notebook's printed output (test/fixtures/notebook.ts), as NumPy 1.24 produced it.
    const table = `${NUMPY_TABLE.join('\n')}\n`;
    assert.equal(io.out.slice(0, table.length), table);
    const warning = io.out.slice(table.length);
    assert.match(
      warning,
      /^\nwarning: the hand-written gradient np\.dot\(2\*x, y_pred-y\)\.mean\(\) is not the loss's gradient\.\n/,
    );
    assert.match(
      warning,
      /exactly 4x autograd's: -120 vs -30 at w = 0\. The data has 4 samples: did you sum where the loss takes the mean\? np\.dot\(2\*x, y_pred-y\) already sums/,
    );
    assert.equal(io.err, '');
  });
});
