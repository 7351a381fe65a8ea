import assert from 'node:assert/strict';
import { compileExpression, derive, MAX_DEPTH, MAX_LENGTH, type Syntax, type Numeric } from '../../../src/expr';
import { parseExpression } from '../../../src/expr/syntax/parse';
import { detectSyntax } from '../../../src/expr/syntax/dialects';

/** The value of an expression at given values, through the parser (the reference is plain JS arithmetic). */
function valueOf(text: string, values: Record<string, Numeric>, syntax?: Syntax): Numeric {
  const compiled = compileExpression(text, syntax ? { syntax } : {});
  if (!compiled.ok) throw new Error(`${text}: ${compiled.error.message}`);
  return compiled.value.evaluate(values);
}

function near(actual: Numeric, expected: number): void {
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) <= 1e-12 * (1 + Math.abs(expected)),
    `${actual} != ${expected}`,
  );
}

function errorOf(text: string, syntax?: Syntax) {
  const result = derive(text, syntax ? { syntax } : {});
  assert.equal(result.ok, false, `${text} should not parse`);
  return (result as { ok: false; error: { message: string; column: number } }).error;
}

describe('expression parsing', () => {
  describe('precedence as each language defines it', () => {
    it('Python: -x**2 is -(x**2), and ** is right-associative', () => {
      assert.equal(valueOf('-x**2', { x: 3 }), -9);
      assert.equal(valueOf('2**3**2', {}), 512);
      assert.equal(valueOf('2**-1', {}), 0.5);
    });
    it('math: ^ is a power, -x^2 is -(x^2), implicit multiplication binds like *', () => {
      assert.equal(valueOf('-x^2', { x: 3 }, 'math'), -9);
      assert.equal(valueOf('2w', { w: 4 }, 'math'), 8);
      assert.equal(valueOf('2(x+1)', { x: 4 }, 'math'), 10);
      assert.equal(valueOf('2w^2', { w: 3 }, 'math'), 18);
      assert.equal(valueOf('w x', { w: 3, x: 5 }, 'math'), 15);
    });
    it('math: Unicode signs ·, ×, −, ÷, ², σ, ln, π and e', () => {
      assert.equal(valueOf('3·w − 1', { w: 2 }, 'math'), 5);
      assert.equal(valueOf('w² × 2 ÷ 4', { w: 2 }, 'math'), 2);
      assert.equal(valueOf('σ(0)', {}, 'math'), 0.5);
      assert.equal(valueOf('ln(e)', {}, 'math'), 1);
      assert.equal(valueOf('π', {}, 'math'), Math.PI);
    });
    it('division and subtraction are left-associative', () => {
      assert.equal(valueOf('8/4/2', {}), 1);
      assert.equal(valueOf('8 - 4 - 2', {}), 2);
    });
  });

  describe('functions and methods people write', () => {
    const x = [1, -2, 3, 0.5];
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    it('numpy functions, methods, keyword arguments and axis', () => {
      assert.equal(valueOf('np.mean(x**2)', { x }), sum(x.map((v) => v * v)) / 4);
      assert.equal(valueOf('(x**2).sum(axis=0)', { x }), sum(x.map((v) => v * v)));
      assert.equal(valueOf('x.dot(x)', { x }), sum(x.map((v) => v * v)));
      assert.equal(valueOf('x @ x', { x }), sum(x.map((v) => v * v)));
      assert.deepEqual(valueOf('np.clip(x, 0, 1)', { x }), [1, 0, 1, 0.5]);
      assert.deepEqual(
        valueOf('np.square(x)', { x }),
        x.map((v) => v * v),
      );
      assert.equal(valueOf('len(x)', { x }), 4);
    });
    it('PyTorch methods and torch.nn.functional losses', () => {
      const y = [0, 1, 2, 3];
      assert.deepEqual(valueOf('x.clamp(min=0)', { x }), [1, 0, 3, 0.5]);
      assert.deepEqual(
        valueOf('x.pow(2)', { x }),
        x.map((v) => v * v),
      );
      assert.equal(valueOf('F.mse_loss(x, y)', { x, y }), sum(x.map((v, i) => (v - y[i]) ** 2)) / 4);
      assert.equal(
        valueOf('torch.nn.functional.l1_loss(x, y, reduction="sum")', { x, y }),
        sum(x.map((v, i) => Math.abs(v - y[i]))),
      );
      near(valueOf('F.cross_entropy(x, 2)', { x }), Math.log(sum(x.map(Math.exp))) - x[2]);
      near(valueOf('torch.logsumexp(x, 0)', { x }), Math.log(sum(x.map(Math.exp))));
    });
    it('JS Math functions and .length', () => {
      assert.equal(valueOf('Math.pow(w, 3) + Math.max(w, 1)', { w: 2 }, 'js'), 10);
      assert.equal(valueOf('Math.exp(Math.log(w))', { w: 2 }, 'js'), 2);
      assert.equal(valueOf('x.length', { x }, 'js'), 4);
    });
    it('Huber and smooth L1 follow PyTorch: quadratic inside delta, linear outside', () => {
      const p = [0, 0];
      const t = [0.5, 3];
      assert.equal(valueOf('F.huber_loss(p, t, delta=1.0, reduction="sum")', { p, t }), 0.5 * 0.25 + (3 - 0.5));
      assert.equal(valueOf('F.smooth_l1_loss(p, t, beta=2.0, reduction="sum")', { p, t }), (0.5 * 0.25) / 2 + (3 - 1));
    });
  });

  describe('syntax detection', () => {
    it('detects Python, JS and math from features only each has', () => {
      assert.equal(detectSyntax('((y_pred-y)**2).mean()'), 'python');
      assert.equal(detectSyntax('np.mean((w*x - y)**2)'), 'python');
      assert.equal(detectSyntax('Math.pow(w*x - y, 2)'), 'js');
      assert.equal(detectSyntax('(w x - y)^2'), 'math');
      assert.equal(detectSyntax('σ(2w + b)'), 'math');
    });
  });

  describe('spans', () => {
    it('every parsed node carries its source span', () => {
      const text = 'np.mean((w*x - y)**2)';
      const tree = parseExpression(text, 'python');
      assert.deepEqual(tree.span, { start: 0, end: text.length });
      assert.equal(tree.kind, 'reduce');
      if (tree.kind === 'reduce') assert.equal(text.slice(tree.arg.span?.start, tree.arg.span?.end), '(w*x - y)**2');
    });
  });

  describe('errors say what and where', () => {
    it('an empty input', () => {
      assert.deepEqual(errorOf('   '), { message: 'empty expression', column: 1 });
    });
    it('an empty array, which has nothing to differentiate', () => {
      assert.deepEqual(errorOf('np.sum(w*[])'), {
        message: 'an empty array [] has no values to differentiate',
        column: 10,
      });
    });
    it('an unclosed parenthesis points at the (', () => {
      const e = errorOf('np.mean((w*x - y)**2');
      assert.match(e.message, /unbalanced parenthesis: this \( is never closed/);
      assert.equal(e.column, 8);
      assert.match(errorOf('((w*x - y)**2.mean()').message, /expected '\)' to close the \( at column 1/);
    });
    it('a stray ) points at itself', () => {
      const e = errorOf('w*x)');
      assert.match(e.message, /unbalanced parenthesis/);
      assert.equal(e.column, 4);
    });
    it('an assignment points at the =', () => {
      const e = errorOf('l = loss(y, y_pred)');
      assert.match(e.message, /assignment is not an expression/);
      assert.equal(e.column, 3);
    });
    it('a statement is not an expression', () => {
      assert.match(errorOf('return w * x').message, /'return' starts a statement/);
      assert.match(errorOf('for i in range(3)').message, /statement/);
    });
    it('an unknown function is named', () => {
      const e = errorOf('np.foo(w) + 1');
      assert.equal(e.message, 'unknown function np.foo');
      assert.equal(e.column, 1);
      assert.equal(errorOf('w + bar(w)').message, 'unknown function bar');
    });
    it('an unexpected token names itself', () => {
      const e = errorOf('w*x : 2');
      assert.equal(e.message, "unexpected ':'");
      assert.equal(e.column, 5);
    });
    it('^ in Python is XOR, not a power', () => {
      assert.match(errorOf('w ^ 2', 'python').message, /XOR/);
    });
  });

  describe('limits', () => {
    it(`nesting ${MAX_DEPTH} levels deep parses; one more is a clear error, not a stack overflow`, () => {
      const ok = derive(`${'('.repeat(MAX_DEPTH)}w${')'.repeat(MAX_DEPTH)}`, { syntax: 'python' });
      assert.equal(ok.ok, true);
      const deep = errorOf(`${'('.repeat(MAX_DEPTH + 1)}w${')'.repeat(MAX_DEPTH + 1)}`, 'python');
      assert.match(deep.message, /nested deeper than 1000 levels/);
      assert.match(errorOf('-'.repeat(MAX_DEPTH + 2) + 'w', 'python').message, /nested deeper/);
      assert.ok(MAX_DEPTH >= 1000);
    });
    it('a 100,000-character nesting attempt is refused quickly', () => {
      const e = errorOf(`${'('.repeat(50_000)}w${')'.repeat(50_000)}`, 'python');
      assert.match(e.message, /longer than/);
    });
    it(`input longer than ${MAX_LENGTH} characters is refused`, () => {
      const e = errorOf(`w${'+w'.repeat(MAX_LENGTH / 2)}`, 'python');
      assert.match(e.message, new RegExp(`longer than ${MAX_LENGTH}`));
    });
    it('a long flat sum stays shallow and differentiates', () => {
      const result = derive(`w${'+w'.repeat(3000)}`, { syntax: 'python' });
      assert.ok(result.ok);
      assert.equal(result.value.derivatives.w.source, '3001');
    });
  });
});
