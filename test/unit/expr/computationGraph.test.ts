// computationGraph(): the graph the engine records, stepped forward and backward. Expected values are
// computed here from the math (closed forms, plain-JS loops, central differences) or are micrograd's
// printed numbers; never read back from the code under test.
import assert from 'node:assert/strict';
import { microgradProgram } from './fixtures';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { computationGraph, MAX_GRAPH_NODES, type ComputationGraph, type GraphNode } from '../../../src/expr';
import { centralDifferences } from './numeric';

const micrograd = readFileSync(path.join(__dirname, '../../../samples/tutorial/micrograd_readme.py'), 'utf8');

function graphOf(text: string, options: Parameters<typeof computationGraph>[1]): ComputationGraph {
  const result = computationGraph(text, options);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

const byLabel = (g: ComputationGraph, label: string): GraphNode => {
  const node = g.nodes.find((n) => n.label === label);
  assert.ok(node, `no node ${label} among ${g.nodes.map((n) => n.label).join(' | ')}`);
  return node;
};

function close(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected}`);
}

/** Every edge sent after all the edges its sender received: consumers before producers. */
function assertConsumersFirst(g: ComputationGraph): void {
  g.backward.forEach((step, i) => {
    if (step.from === null) return;
    const lastInto = g.backward.map((s) => s.node).lastIndexOf(step.from);
    assert.ok(lastInto >= 0 && lastInto < i, `step ${i} (${step.text}) comes before ${step.from} is complete`);
  });
}

describe('computationGraph: the tutorial loss ((w*x - y)**2).mean() at w = 0', () => {
  const x = [1, 2, 3, 4];
  const y = [2, 4, 6, 8];
  const w = 0;
  const g = graphOf('((w*x - y)**2).mean()', { at: { w, x, y } });

  it('lists the nodes the engine recorded, inputs before consumers: w, x, mul, y, sub, pow, mean', () => {
    assert.deepEqual(
      g.nodes.map((n) => [n.label, n.role, n.op]),
      [
        ['w', 'parameter', null],
        ['x', 'data', null],
        ['w*x', 'op', 'mul'],
        ['y', 'data', null],
        ['w*x - y', 'op', 'sub'],
        ['(w*x - y)**2', 'op', 'powScalar'],
        ['((w*x - y)**2).mean()', 'op', 'mean'],
      ],
    );
    assert.equal(g.output, byLabel(g, '((w*x - y)**2).mean()').id);
    assert.deepEqual(
      g.forward.map((s) => s.node),
      g.nodes.map((n) => n.id),
    );
    assert.deepEqual(byLabel(g, 'w*x - y').inputs, [byLabel(g, 'w*x').id, byLabel(g, 'y').id]);
  });

  it('carries each node data as computed from the numbers', () => {
    const residual = x.map((xi, i) => w * xi - y[i]);
    assert.deepEqual(byLabel(g, 'w*x - y').data, { shape: [4], size: 4, values: residual });
    assert.deepEqual(
      byLabel(g, '(w*x - y)**2').data.values,
      residual.map((r) => r * r),
    );
    const loss = residual.reduce((s, r) => s + r * r, 0) / 4;
    assert.deepEqual(byLabel(g, '((w*x - y)**2).mean()').data, { shape: [], size: 1, values: [loss] });
  });

  it('gives ∂L/∂w = mean(2 (w x - y) x) = -30 on w, and no gradient on the data', () => {
    const expected = x.reduce((s, xi, i) => s + 2 * (w * xi - y[i]) * xi, 0) / x.length;
    assert.equal(expected, -30);
    assert.deepEqual(byLabel(g, 'w').grad, { shape: [], size: 1, values: [expected] });
    assert.equal(byLabel(g, 'x').grad, null);
    assert.equal(byLabel(g, 'y').grad, null);
  });

  it('seeds the loss with 1, then sends each gradient only after all of its consumers sent theirs', () => {
    assert.deepEqual(g.backward[0], {
      node: g.output,
      from: null,
      contribution: { shape: [], size: 1, values: [1] },
      total: { shape: [], size: 1, values: [1] },
      text: '∂L/∂L = 1',
    });
    assertConsumersFirst(g);
    assert.deepEqual(
      g.backward.map((s) => s.node),
      ['((w*x - y)**2).mean()', '(w*x - y)**2', 'w*x - y', 'w*x', 'w'].map((l) => byLabel(g, l).id),
    );
  });

  it('writes the chain rule of each edge with the numbers the engine sent', () => {
    // ∂L/∂(w·x) = ∂L/∂(w·x − y) · 1 = 2 (w x − y) / 4
    const intoProduct = g.backward.find((s) => s.node === byLabel(g, 'w*x').id);
    const expected = x.map((xi, i) => (2 * (w * xi - y[i])) / 4);
    assert.deepEqual(intoProduct?.contribution.values, expected);
    assert.equal(
      intoProduct?.text,
      `∂L/∂(w·x) = ∂L/∂(w·x − y) · 1 = [${expected.map((v) => v.toFixed(4)).join(', ')}]`,
    );
    // w is a scalar broadcast over x: its gradient is the sum over the elements
    const intoW = g.backward.find((s) => s.node === byLabel(g, 'w').id);
    assert.equal(intoW?.text, '∂L/∂w = Σ(∂L/∂(w·x) · x) = -30.0000');
    const intoSquare = g.backward.find((s) => s.node === byLabel(g, 'w*x - y').id);
    assert.match(intoSquare?.text ?? '', /^∂L\/∂\(w·x − y\) = ∂L\/∂\(\(w·x − y\)²\) · 2·\(w·x − y\) = /);
  });
});

describe('computationGraph: a node used twice accumulates its gradient (micrograd +=)', () => {
  it('a*a + a at a = 3: the edges into a add up to 2a + 1 = 7', () => {
    const a = 3;
    const g = graphOf('a*a + a', { at: { a } });
    const leaf = byLabel(g, 'a');
    const into = g.backward.filter((s) => s.node === leaf.id);
    assert.equal(into.length, 3, 'one edge from the sum, two from the product (a is both of its factors)');
    assert.deepEqual(into.map((s) => s.contribution.values[0]).sort(), [1, a, a]);
    let sum = 0;
    for (const step of into) {
      sum += step.contribution.values[0];
      assert.equal(step.total.values[0], sum, 'each total is what came in so far');
    }
    assert.deepEqual(leaf.grad?.values, [2 * a + 1]);
    assert.match(into[0].text, /^∂L\/∂a = /);
    for (const later of into.slice(1)) assert.match(later.text, /^∂L\/∂a \+= /);
    assertConsumersFirst(g);
  });
});

describe("computationGraph: micrograd's README program, read from the file as the hover does", () => {
  const g = graphOf('g', { context: { text: micrograd, languageId: 'python' } });
  const leaf = (name: string) => {
    const node = g.nodes.find((n) => n.role === 'parameter' && n.label === name);
    assert.ok(node, `no parameter ${name}`);
    return node;
  };

  it('gives g = 24.7041, dg/da = 138.8338, dg/db = 645.5773 (what micrograd prints)', () => {
    const output = g.nodes.find((n) => n.id === g.output) as GraphNode;
    close(output.data.values[0], 24.7041, 5e-5, 'g');
    close(leaf('a').grad?.values[0] as number, 138.8338, 5e-5, 'dg/da');
    close(leaf('b').grad?.values[0] as number, 645.5773, 5e-5, 'dg/db');
    const [da, db] = centralDifferences(microgradProgram, [-4, 2]);
    close(leaf('a').grad?.values[0] as number, da, 1e-4, 'dg/da vs central differences');
    close(leaf('b').grad?.values[0] as number, db, 1e-4, 'dg/db vs central differences');
  });

  it('draws each variable once, named and on its line, with the uses of c = a + b as two edges', () => {
    // c is assigned on lines 7, 9 and 10 of the file; its first value a + b = -2 is read twice on line 9
    const cs = g.nodes.filter((n) => n.name === 'c').map((n) => [n.line, n.data.values[0]]);
    assert.deepEqual(cs, [
      [7, -4 + 2],
      [9, -2 + (-2 + 1)],
      [10, -3 + (1 + -3 + 4)],
    ]);
    const first = g.nodes.find((n) => n.name === 'c' && n.line === 7) as GraphNode;
    const into = g.backward.filter((s) => s.node === first.id);
    assert.equal(into.length, 2);
    assert.match(into[1].text, /^∂g\/∂\(c on line 7\) \+= /);
    assert.deepEqual(
      g.nodes.filter((n) => n.role === 'parameter').map((n) => [n.label, n.line]),
      [
        ['a', 5],
        ['b', 6],
      ],
    );
    assertConsumersFirst(g);
  });
});

describe('computationGraph: matrices and vectors', () => {
  it('mean((X @ w - y)**2): shapes on the nodes and ∂L/∂w = 2/N Xᵀ(X w − y)', () => {
    const X = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const w = [0.5, -1];
    const y = [1, 0, 2];
    const g = graphOf('np.mean((X @ w - y)**2)', { at: { w, y }, matrices: { X }, wrt: ['w'] });
    assert.deepEqual(
      g.nodes.map((n) => [n.op ?? n.role, n.data.shape]),
      [
        ['data', [3, 2]],
        ['parameter', [2]],
        ['matmul', [3]],
        ['data', [3]],
        ['sub', [3]],
        ['powScalar', [3]],
        ['mean', []],
      ],
    );
    const r = X.map((row, i) => row[0] * w[0] + row[1] * w[1] - y[i]);
    const expected = [0, 1].map((j) => (2 / 3) * X.reduce((s, row, i) => s + row[j] * r[i], 0));
    const grad = byLabel(g, 'w').grad?.values ?? [];
    expected.forEach((e, j) => close(grad[j], e, 1e-12, `∂L/∂w[${j}]`));
    assert.deepEqual(byLabel(g, 'X').data, { shape: [3, 2], size: 6, values: X.flat() });
  });
});

describe('computationGraph: what it refuses, in words and at a position', () => {
  it('a parse error is a positioned error, not a throw', () => {
    const result = computationGraph('((w*x - y)**2', { at: { w: 0, x: [1], y: [2] } });
    assert.ok(!result.ok);
    assert.match(result.error.message, /parenthesis/);
    assert.equal(result.error.column, 1);
  });

  it('a name without a value is named, at its use', () => {
    const result = computationGraph('(w*x - y)**2', { at: { w: 0, x: 1 } });
    assert.ok(!result.ok);
    assert.equal(result.error.message, 'give y a value to see the computation graph');
    assert.equal(result.error.column, 8);
  });

  it('an array is not a loss: backpropagation starts from one number', () => {
    const result = computationGraph('w*x - y', { at: { w: 0, x: [1, 2], y: [2, 4] } });
    assert.ok(!result.ok);
    assert.match(result.error.message, /shape \[2\], not one number/);
  });

  it(`a graph of more than ${MAX_GRAPH_NODES} nodes is refused with the reason`, () => {
    // each term sin(w*k) is a constant, a mul, a sin and an add: 4 nodes
    const terms = Array.from({ length: Math.ceil(MAX_GRAPH_NODES / 4) + 10 }, (_, k) => `sin(w*${k + 1})`);
    const result = computationGraph(terms.join(' + '), { at: { w: 0.5 } });
    assert.ok(!result.ok);
    assert.match(result.error.message, new RegExp(`more than ${MAX_GRAPH_NODES} nodes`));
  });
});

describe("the computation graph of micrograd's program written with PyTorch tensors", () => {
  // samples/tutorial/micrograd_readme_torch.py is the program as micrograd's test_engine.py (test_more_ops)
  // writes it in PyTorch to check micrograd within 1e-6: the numbers are micrograd's printed ones.
  const torchProgram = readFileSync(
    path.join(__dirname, '../../../samples/tutorial/micrograd_readme_torch.py'),
    'utf8',
  );
  it('gives g = 24.7041, dg/da = 138.8338, dg/db = 645.5773 from the torch.tensor(..., requires_grad=True) leaves', () => {
    const result = computationGraph('g', {
      context: { text: torchProgram, languageId: 'python', offset: torchProgram.lastIndexOf('g.backward()') },
    });
    assert.ok(result.ok, JSON.stringify(result));
    const leaves = result.value.nodes.filter((n) => n.role === 'parameter');
    assert.deepEqual(
      leaves.map((n) => n.label),
      ['a', 'b'],
    );
    const output = result.value.nodes.find((n) => n.id === result.value.output);
    assert.equal(output?.data.values[0].toFixed(4), '24.7041');
    assert.equal(leaves[0].grad?.values[0].toFixed(4), '138.8338');
    assert.equal(leaves[1].grad?.values[0].toFixed(4), '645.5773');
  });
});
