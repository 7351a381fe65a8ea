// `autograd-lab graph`: the computation graph in a terminal. Expected numbers from the math (the
// tutorial's -30 = mean(2 (w x - y) x) at w = 0) and micrograd's printed ones.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runGraph } from '../../../src/cli/graph';
import { main } from '../../../src/cli/main';
import { captureIo } from '../cli/captureIo';
import type { ComputationGraph } from '../../../src/expr';

const TUTORIAL = ['((w*x - y)**2).mean()', '--at', 'w=0,x=[1,2,3,4],y=[2,4,6,8]'];

describe('autograd-lab graph', () => {
  it('prints each node with its op, label, shape, data and grad, then the forward and backward steps', async () => {
    const io = captureIo();
    assert.equal(await main(['graph', ...TUTORIAL], io), 0, io.err);
    const lines = io.out.split('\n');
    assert.equal(lines[0], 'L = ((w*x - y)**2).mean()');
    // w = 0: ∂L/∂w = mean(2 (0 - 2k) k) for k = 1..4 = -4 (1 + 4 + 9 + 16) / 4 = -30
    const w = lines.findIndex((l) => /^ {2}n0 {2}parameter {2}w$/.test(l));
    assert.ok(w >= 0, io.out);
    assert.equal(lines[w + 1].trim(), 'data 0.0000   grad -30.0000');
    assert.ok(lines.includes('  n2  mul  w*x <- n0, n1'), io.out);
    assert.ok(
      lines.includes(
        '      data [4] [-2.0000, -4.0000, -6.0000, -8.0000]   grad [4] [-1.0000, -2.0000, -3.0000, -4.0000]',
      ),
      io.out,
    );
    assert.ok(lines.includes('forward: n0 -> n1 -> n2 -> n3 -> n4 -> n5 -> n6'), io.out);
    assert.ok(lines.includes('  n6: ∂L/∂L = 1'), io.out);
    assert.ok(lines.includes('  n0 <- n2: ∂L/∂w = Σ(∂L/∂(w·x) · x) = -30.0000'), io.out);
    assert.equal(io.err, '');
  });

  it("--json prints the ComputationGraph; micrograd's README from --context gives its numbers", async () => {
    const program = readFileSync(path.join(__dirname, '../../../samples/tutorial/micrograd_readme.py'), 'utf8');
    const io = captureIo({ '/micrograd_readme.py': program });
    assert.equal(await runGraph(['g', '--context', '/micrograd_readme.py', '--json'], io), 0, io.err);
    const graph = JSON.parse(io.out) as ComputationGraph;
    const output = graph.nodes.find((n) => n.id === graph.output);
    assert.equal(output?.data.values[0].toFixed(4), '24.7041');
    const grad = (name: string) => graph.nodes.find((n) => n.role === 'parameter' && n.label === name)?.grad?.values[0];
    assert.equal(grad('a')?.toFixed(4), '138.8338');
    assert.equal(grad('b')?.toFixed(4), '645.5773');
    assert.deepEqual(Object.keys(graph), ['expression', 'output', 'nodes', 'forward', 'backward', 'notes']);
  });

  it('--wrt picks the parameters: with --wrt x the data w is a leaf without a gradient', async () => {
    const io = captureIo();
    assert.equal(await runGraph([...TUTORIAL, '--wrt', 'x', '--json'], io), 0, io.err);
    const graph = JSON.parse(io.out) as ComputationGraph;
    const role = (label: string) => graph.nodes.find((n) => n.label === label)?.role;
    assert.equal(role('x'), 'parameter');
    assert.equal(role('w'), 'data');
    // ∂L/∂x_k = 2 (w x_k - y_k) w / 4 = 0 at w = 0
    assert.deepEqual(graph.nodes.find((n) => n.label === 'x')?.grad?.values, [0, 0, 0, 0]);
  });

  it('bad input: a caret under the column on stderr (or a JSON error), and exit 1', async () => {
    const io = captureIo();
    assert.equal(await runGraph(['(w*x', '--at', 'w=1,x=2'], io), 1);
    assert.match(io.err, /^autograd-lab graph: .*parenthesis.*\(column 1\)\n {2}\(w\*x\n {2}\^\n$/);
    const json = captureIo();
    assert.equal(await runGraph(['w*x', '--json'], json), 1);
    assert.deepEqual(JSON.parse(json.out), {
      error: { message: 'give w, x values to see the computation graph', column: 1 },
    });
    const usage = captureIo();
    assert.equal(await runGraph([], usage), 1);
    assert.match(usage.err, /expected one expression/);
  });

  it('--help describes the options', async () => {
    const io = captureIo();
    assert.equal(await runGraph(['--help'], io), 0);
    for (const option of ['--context', '--wrt', '--at', '--json']) assert.ok(io.out.includes(option), option);
  });
});
