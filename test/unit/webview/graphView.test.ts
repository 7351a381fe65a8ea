// Which boxes the graph panel draws: every node of a small graph; a large graph collapsed by source line
// and by chains of elementwise ops, with the hidden nodes counted.
import assert from 'node:assert/strict';
import { graphView } from '../../../src/webview/graph/graphView';
import { neuronsGraph, scalar, tutorialGraph } from '../../fixtures/computationGraphs';
import type { ComputationGraph, GraphNode } from '../../../src/expr';

describe('graph panel view (collapsing)', () => {
  it('draws a small graph node for node, with one box edge per graph edge', () => {
    const graph = tutorialGraph();
    const view = graphView(graph);
    assert.equal(view.boxes.length, 7);
    assert.equal(view.hidden, 0);
    assert.equal(
      view.edges.length,
      graph.nodes.reduce((n, node) => n + node.inputs.length, 0),
    );
  });

  it('collapses a 300-node graph into one box per source line, leaves used only there inside it', () => {
    const graph = neuronsGraph();
    assert.equal(graph.nodes.length, 300);
    const view = graphView(graph);
    // 43 neurons, 8 per line on lines 2..7, and the running sum on line 10.
    assert.deepEqual(view.boxes.map((b) => b.id).sort(), [
      'line:10',
      'line:2',
      'line:3',
      'line:4',
      'line:5',
      'line:6',
      'line:7',
    ]);
    assert.equal(view.hidden, 300 - 7);
    const line2 = view.boxes.find((b) => b.id === 'line:2');
    assert.equal(line2?.members.length, 8 * 6, 'eight neurons of three leaves and three ops');
    assert.equal(view.boxes.find((b) => b.id === 'line:10')?.shown, graph.output, 'the sum’s box shows the loss');
    assert.equal(line2?.shown, 'h7', 'a neuron line shows the last value the sum uses');
  });

  it('expands the line the user opened into its leaves and chains, and counts what stays hidden', () => {
    const graph = neuronsGraph();
    const view = graphView(graph, new Set(['line:2']));
    for (let t = 0; t < 8; t++) {
      for (const leaf of [`w${t}`, `x${t}`, `b${t}`]) assert.equal(view.boxOf.get(leaf), leaf, `${leaf} is drawn`);
      const chain = view.boxes.find((b) => b.id === view.boxOf.get(`m${t}`));
      assert.deepEqual(chain?.members, [`m${t}`, `a${t}`, `h${t}`], 'w*x + b then tanh: one chain of three ops');
    }
    // 7 boxes before; line 2's one box became 24 leaves and 8 chains.
    assert.equal(view.boxes.length, 7 - 1 + 24 + 8);
    assert.equal(view.hidden, 300 - view.boxes.length);
    const expanded = graphView(graph, new Set(['line:2', `chain:m0`]));
    assert.equal(expanded.boxOf.get('a0'), 'a0', 'an opened chain shows its ops');
  });

  it('does not put a graph written on one line into one box: its chains collapse instead', () => {
    const graph = neuronsGraph();
    for (const node of graph.nodes) if (node.role === 'op') node.line = 4;
    const view = graphView(graph);
    assert.equal(view.boxOf.get('h3'), 'chain:m3', 'w3*x3 + b3 then tanh: one chain');
    assert.equal(view.boxOf.get('w3'), 'w3', 'the leaves stay in sight');
    assert.equal(view.boxOf.get('s3'), 's3', 'a sum of two ops ends a chain');
    // 129 leaves, 43 chains, 42 sums.
    assert.equal(view.boxes.length, 129 + 43 + 42);
  });

  it('collapses a chain of elementwise ops that no one else uses into one box', () => {
    const leaf = (id: string): GraphNode => ({
      id,
      role: 'parameter',
      op: null,
      label: id,
      data: scalar(1),
      grad: null,
      inputs: [],
      line: null,
    });
    const op = (id: string, name: string, inputs: string[]): GraphNode => ({
      ...leaf(id),
      role: 'op',
      op: name,
      inputs,
    });
    // z = exp(neg(tanh(u))) + u, with u = a*b used twice: the chain tanh → neg → exp
    // collapses; u (used twice) and the sum (two ops meet there) stay on their own.
    const graph: ComputationGraph = {
      expression: 'exp(-tanh(a*b)) + a*b',
      output: 'z',
      nodes: [
        leaf('a'),
        leaf('b'),
        op('u', 'mul', ['a', 'b']),
        op('t', 'tanh', ['u']),
        op('n', 'neg', ['t']),
        op('e', 'exp', ['n']),
        op('z', 'add', ['e', 'u']),
      ],
      forward: [],
      backward: [],
      notes: [],
    };
    const view = graphView(graph, new Set(), true);
    assert.deepEqual(
      view.boxes.map((b) => b.members),
      [['a'], ['b'], ['u'], ['t', 'n', 'e'], ['z']],
    );
  });
});
