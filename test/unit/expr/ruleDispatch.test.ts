import assert from 'node:assert/strict';
import { children, type Kind, type Node } from '../../../src/expr/tree/ast';
import { keyOf, unorderedKey } from '../../../src/expr/tree/keys';
import { parseExpression } from '../../../src/expr/syntax/parse';
import { lengthIn } from '../../../src/expr/print/source';
import { RULES, RULES_BY_KIND } from '../../../src/expr/simplify/rules';
import { shapesFrom } from '../../../src/expr/shapes/arrayShapes';

const numpy = { syntax: 'python' as const, library: 'numpy' as const, reductions: 'method' as const };

/** Every subtree of some expressions that exercise every rule, with a kind of node each. */
function sampleNodes(): Node[] {
  const texts = [
    '-(-(w*x - y)) + 2*x + 3*x + 0',
    '(w*x)*(w*x)*2*3*1',
    '(x**2)**3 + sqrt(x)**2 + (2*w)**-1 + 2**3',
    '(-(x*y)).mean() + w.sum() + -2*x*(y - w)',
    '0.5*(2*x*y).sum() + (w*x*y).mean()',
    'np.exp(0) + np.log(np.exp(w)) + np.abs(-x)',
    'np.dot(w, x) + np.dot(x, 1) + w[0] + len(w) + len([1, 2])',
    'np.maximum(w, x) + np.clip(x, 0, 1)',
    'X @ (2*x)',
    'np.where(w > 0, x, x)',
  ];
  const nodes: Node[] = [];
  for (const text of texts) {
    const stack = [parseExpression(text, 'python')];
    while (stack.length) {
      const n = stack.pop() as Node;
      nodes.push(n);
      stack.push(...children(n));
    }
  }
  return nodes;
}

describe('the simplifier tries each rule only on the kinds of node it rewrites', () => {
  const ctx = { shapes: shapesFrom({}, ['w', 'b']), measure: lengthIn(numpy), parameters: ['w', 'b'] };
  const nodes = sampleNodes();

  it('a rule returns null for every kind it does not list (so skipping those kinds changes nothing)', () => {
    for (const rule of RULES) {
      for (const node of nodes) {
        if (!rule.kinds.includes(node.kind))
          assert.equal(rule.apply(node, ctx), null, `${rule.name} fired on a ${node.kind}`);
      }
    }
  });

  it('every rule fires on some sample, so the samples above really exercise the dispatch', () => {
    for (const rule of RULES)
      assert.ok(
        nodes.some((n) => rule.apply(n, ctx) !== null),
        `${rule.name} never fired`,
      );
  });

  it('the rules for a kind keep the order of the rule list (the first that fires wins)', () => {
    for (const [kind, rules] of RULES_BY_KIND) {
      const expected = RULES.filter((r) => r.kinds.includes(kind as Kind));
      assert.deepEqual(
        rules.map((r) => r.name),
        expected.map((r) => r.name),
      );
    }
  });
});

describe('structural keys', () => {
  it('equal structures have equal keys, whatever their spans; different ones differ', () => {
    const a = parseExpression('2*(w*x - y)', 'python');
    const b = parseExpression('  2 * ( w * x - y )', 'python');
    assert.equal(keyOf(a), keyOf(b));
    assert.notEqual(keyOf(a), keyOf(parseExpression('2*(w*x + y)', 'python')));
  });

  it('x @ w and np.dot(x, w) are different spellings, so they keep different keys', () => {
    assert.notEqual(keyOf(parseExpression('x @ w', 'python')), keyOf(parseExpression('np.dot(x, w)', 'python')));
  });

  it('the key of a product ignores the order of its factors, for one, two and more factors', () => {
    const [x, w, y] = ['x', 'w', 'y'].map((id) => parseExpression(id, 'python'));
    assert.equal(unorderedKey([x]), keyOf(x));
    assert.equal(unorderedKey([x, w]), unorderedKey([w, x]));
    assert.equal(unorderedKey([x, w, y]), unorderedKey([y, x, w]));
    assert.notEqual(unorderedKey([x, w]), unorderedKey([x, y]));
  });
});
