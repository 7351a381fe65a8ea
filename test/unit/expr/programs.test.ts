// Straight-line programs read in order, as they run: reassignment, augmented assignment (+=, -=, *=, /=, **=),
// updates inside a training loop, and what is refused instead of misread. Expected numbers come from
// micrograd's README (what micrograd printed), closed forms, and central differences of the same program
// written as plain JS beside each test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { derive } from '../../../src/expr';
import { microgradProgram } from './fixtures';
import { centralDifferences } from './numeric';

const micrograd = readFileSync(path.join(__dirname, '../../../samples/tutorial/micrograd_readme.py'), 'utf8');

function close(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected}`);
}

describe('programs read in order', () => {
  it("gives micrograd's README numbers from the file alone: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773", () => {
    const result = derive('g', { context: { text: micrograd, languageId: 'python' } });
    assert.ok(result.ok, JSON.stringify(result));
    const { values, parameters } = result.value;
    assert.deepEqual(parameters, ['a', 'b'], 'Value(...) leaves are what micrograd differentiates by');
    assert.ok(values);
    assert.deepEqual(values.at, { a: -4, b: 2 });
    // micrograd prints 4 decimals.
    close(values.loss as number, 24.7041, 5e-5, 'g');
    close(values.grad.a as number, 138.8338, 5e-5, 'dg/da');
    close(values.grad.b as number, 645.5773, 5e-5, 'dg/db');
    const [da, db] = centralDifferences(microgradProgram, [-4, 2]);
    close(values.grad.a as number, da, 1e-4, 'dg/da vs central differences');
    close(values.grad.b as number, db, 1e-4, 'dg/db vs central differences');
  });

  it('reports every assignment it read, the += ones as what they mean', () => {
    const result = derive('g', { context: { text: micrograd, languageId: 'python' } });
    assert.ok(result.ok);
    const lines = result.value.substitutions.map((s) => `${s.line}: ${s.name} = ${s.text}`);
    assert.ok(lines.includes('9: c = c + (c + 1)'), lines.join('\n'));
    assert.ok(lines.includes('16: g = g + (10.0 / f)'), lines.join('\n'));
  });

  it('reads each use at its place: a name assigned twice is the first value before, the second after', () => {
    const text = ['k = 2', 'u = k * w', 'k = 5', 'L = u + k * w'].join('\n');
    const result = derive('L', { context: { text, languageId: 'python' }, at: { w: 1 } });
    assert.ok(result.ok, JSON.stringify(result));
    // L = 2w + 5w = 7w.
    assert.equal(result.value.values?.grad.w, 7);
  });

  it('reads a selection inside an assignment with the names as they were before that line', () => {
    // `c += c + 1` on line 9: the selected `c + 1` uses c = a + b (line 7), which is -2 at a = -4, b = 2
    const line9 = micrograd.indexOf('c += c + 1');
    const selected = micrograd.indexOf('c + 1', line9 + 4);
    const result = derive('c + 1', { context: { text: micrograd, languageId: 'python', offset: selected } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.values?.loss, -1);
    assert.deepEqual(result.value.values?.grad, { a: 1, b: 1 });
  });
  it('gives a name used at module level before any assignment no value (Python raises NameError there)', () => {
    const text = ['L = w * x', 'w = 2.0', 'x = 3.0', ''].join('\n');
    const result = derive('L', { context: { text, languageId: 'python' } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.ok(!result.value.values, 'no numbers: the program has not assigned w and x on line 1');
  });
  it('reads a name a function body uses before its assignment as the one in force when it is called', () => {
    const text = ['def loss():', '    return w * x', 'w = 2.0', 'x = 3.0', 'L = loss()', ''].join('\n');
    const inBody = derive('w * x', { context: { text, languageId: 'python', offset: text.indexOf('w * x') } });
    assert.ok(inBody.ok, JSON.stringify(inBody));
    assert.equal(inBody.value.values?.loss, 6);
    const called = derive('L', { context: { text, languageId: 'python' } });
    assert.ok(called.ok, JSON.stringify(called));
    assert.equal(called.value.values?.grad.w, 3); // dL/dw = x
  });
  it("keeps a parameter named by --wrt as a name and still evaluates at the file's value of it", () => {
    const text = ['w = 2.0', 'x = 3.0', 'L = w * x', ''].join('\n');
    const result = derive('L', { context: { text, languageId: 'python' }, wrt: ['w'] });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value.values?.at, { w: 2, x: 3 });
    assert.equal(result.value.values?.grad.w, 3); // dL/dw = x
  });
  it('reads each augmented operator: L = ((3w + w^2 - 1)/2)^2 from *=, +=, -=, /=, **=', () => {
    const text = ['L = w', 'L *= 3', 'L += w**2', 'L -= 1', 'L /= 2', 'L **= 2'].join('\n');
    const w = 1.5;
    const result = derive('L', { context: { text, languageId: 'python' }, at: { w } });
    assert.ok(result.ok, JSON.stringify(result));
    const inner = (3 * w + w * w - 1) / 2;
    close(result.value.values?.loss as number, inner ** 2, 1e-12, 'L');
    // dL/dw = 2 inner (3 + 2w)/2
    close(result.value.values?.grad.w as number, inner * (3 + 2 * w), 1e-12, 'dL/dw');
  });

  it('reads JS in order too: let L = w * x; L += w;', () => {
    const text = 'const x = 3;\nlet L = w * x;\nL += w;\n';
    const result = derive('L', { context: { text, languageId: 'javascript' }, wrt: ['w'], at: { w: 2 } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.values?.grad.w, 4); // L = 3w + w
  });

  it('reads an update inside a loop as the value before the loop, and says which line it took', () => {
    const text = ['w = 0.5', 'for step in range(10):', '    L = (w - 3)**2', '    w -= 0.1 * 2 * (w - 3)'].join('\n');
    const result = derive('L', { context: { text, languageId: 'python', offset: text.indexOf('(w - 3)**2') } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value.values?.at, { w: 0.5 });
    assert.equal(result.value.values?.grad.w, -5); // 2 (0.5 - 3)
    assert.deepEqual(result.value.warnings, [
      'w is updated in a loop (line 4); the value used is w before it, from line 1',
    ]);
  });

  it('reads a JS loop the same way', () => {
    const text = 'let w = 0.5;\nfor (let i = 0; i < 10; i++) {\n  w -= 0.1 * g;\n}\nconst L = (w - 3) ** 2;\n';
    const result = derive('L', { context: { text, languageId: 'javascript' } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value.values?.at, { w: 0.5 });
    assert.equal(result.value.values?.grad.w, -5);
  });

  it('refuses an update it does not read, at the use, instead of skipping it', () => {
    const text = ['c = w + 1', 'c //= 2', 'L = c * c'].join('\n');
    const result = derive('L', { context: { text, languageId: 'python' } });
    assert.ok(!result.ok);
    assert.equal(result.error.message, 'c is updated with //= on line 2, which Autograd Lab does not read');
  });

  it('keeps a literal name for its first value and writes a later value out where that one is used', () => {
    const text = ['k = 2', 'u = k * w', 'k = 5', 'L = u + k'].join('\n');
    const result = derive('L', { context: { text, languageId: 'python' }, wrt: ['w'], at: { w: 1 } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.expression, 'k*w + 5');
    assert.deepEqual(result.value.values?.at, { k: 2, w: 1 });
    assert.equal(result.value.values?.loss, 7);
    assert.equal(result.value.values?.grad.w, 2);
  });

  it('refuses a name assigned in an if branch, naming the branch, instead of picking one value', () => {
    const text = ['if big:', '    s = 10.0', 'else:', '    s = 0.1', 'L = (s * w - 1)**2'].join('\n');
    const result = derive('L', { context: { text, languageId: 'python' }, wrt: ['w'] });
    assert.ok(!result.ok);
    assert.equal(
      result.error.message,
      's is assigned inside `else:` (line 4): whether that runs depends on the data, so Autograd Lab does not pick a value',
    );
  });

  it('refuses a JS name assigned in an if block the same way', () => {
    const text = 'let s = 1;\nif (big) {\n  s = 10;\n}\nconst L = (s * w - 1) ** 2;\n';
    const result = derive('L', { context: { text, languageId: 'javascript' }, wrt: ['w'] });
    assert.ok(!result.ok);
    assert.match(result.error.message, /^s is assigned inside `if \(big\) \{` \(line 3\)/);
  });

  it("reads the body of `if __name__ == '__main__':` as the straight line it is", () => {
    const text = ["if __name__ == '__main__':", '    k = 3.0', '    L = (k * w)**2'].join('\n');
    const result = derive('L', { context: { text, languageId: 'python' }, wrt: ['w'], at: { w: 1 } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.values?.grad.w, 18); // 2 k^2 w
  });

  it("never reads another function's local variable as a global", () => {
    const text = ['def helper(x):', '    k = 100.0', '    return k * x', '', 'k = 2.0', 'L = (k * w)**2'].join('\n');
    const result = derive('L', { context: { text, languageId: 'python' }, wrt: ['w'], at: { w: 1 } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value.values?.at, { k: 2, w: 1 });
    assert.equal(result.value.values?.grad.w, 8); // 2 k^2 w
  });

  it("reads a function's own local variables inside it", () => {
    const text = ['def loss(w):', '    k = 3.0', '    return (k * w)**2'].join('\n');
    const at = text.indexOf('(k * w)**2');
    const result = derive('(k * w)**2', {
      context: { text, languageId: 'python', offset: at },
      wrt: ['w'],
      at: { w: 1 },
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.values?.grad.w, 18);
  });

  it('reads `w if w > 0 else -w` as Python (it used to be read as math, a product of w, if, w, ...)', () => {
    const result = derive('w if w > 0 else -w', { wrt: ['w'], at: { w: -0.5 } });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.syntax, 'python');
    // |w| at -0.5: 0.5, slope -1
    assert.equal(result.value.values?.loss, 0.5);
    assert.equal(result.value.values?.grad.w, -1);
  });

  it("refuses Python's conditional in math syntax at its keyword, saying how math writes it", () => {
    const result = derive('w if w > 0 else -w', { wrt: ['w'], syntax: 'math' });
    assert.ok(!result.ok);
    assert.deepEqual(result.error, {
      message: "'if': a if c else b is Python's conditional; here a conditional is written where(c, a, b)",
      column: 3,
    });
  });

  it('refuses logical operators at their position', () => {
    const result = derive('(w > 0) and (w < 1)', { wrt: ['w'] });
    assert.ok(!result.ok);
    assert.equal(result.error.column, 9);
  });

  it('counts a tie as true for >= and <=, as Python does: (w >= 1)*w is 1 at w = 1, (w > 1)*w is 0', () => {
    const value = (text: string) => {
      const result = derive(text, { wrt: ['w'], at: { w: 1 }, syntax: 'python' });
      assert.ok(result.ok, JSON.stringify(result));
      return result.value.values?.loss;
    };
    assert.equal(value('(w >= 1)*w'), 1);
    assert.equal(value('(w <= 1)*w'), 1);
    assert.equal(value('(w > 1)*w'), 0);
    assert.equal(value('(w < 1)*w'), 0);
  });

  it('refuses a parameter the loss uses with two of its assignments, instead of differentiating by one', () => {
    // micrograd: a.grad is the second a's (6); reading either a alone would be a wrong number.
    const text = ['a = Value(1.0)', 'b = a * 2', 'a = Value(3.0)', 'g = b + a * a'].join('\n');
    const guessed = derive('g', { context: { text, languageId: 'python' } });
    assert.ok(!guessed.ok);
    assert.equal(
      guessed.error.message,
      'a is assigned on lines 1 and 3, and the loss uses more than one of them: Autograd Lab does not pick which one to differentiate by',
    );
    const named = derive('g', { context: { text, languageId: 'python' }, wrt: ['a'] });
    assert.ok(!named.ok);
    assert.equal(
      named.error.message,
      'a is assigned on line 1 and again on line 3, and the loss uses both: Autograd Lab does not pick which one to differentiate by',
    );
  });
});
