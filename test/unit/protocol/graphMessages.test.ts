// The graph panel's messages: a graph the core could send is accepted as it is; a malformed one is refused
// with the field that is wrong, so the page shows why instead of drawing half a graph.
import assert from 'node:assert/strict';
import { validateFromGraphPage, validateToGraphPage } from '../../../src/protocol/graphMessages';
import { fanOutGraph, neuronsGraph, tutorialGraph } from '../../fixtures/computationGraphs';

const refusal = (value: unknown) => {
  const result = validateToGraphPage(value);
  assert.equal(result.ok, false, 'refused');
  return result.ok ? null : result.error;
};

describe('extension -> graph page messages', () => {
  it('accept the tutorial’s, a fan-out’s and a 300-node graph unchanged', () => {
    for (const graph of [tutorialGraph(), fanOutGraph(), neuronsGraph()]) {
      const message = { type: 'graph', graph };
      assert.deepEqual(validateToGraphPage(JSON.parse(JSON.stringify(message))), { ok: true, value: message });
    }
  });

  it('accept an error the extension explains in words', () => {
    const message = { type: 'error', text: "line 3: 'foo' is not a function the language knows" };
    assert.deepEqual(validateToGraphPage(message), { ok: true, value: message });
  });

  it('refuse a node whose input is not an earlier node (the nodes must be in topological order)', () => {
    const graph = tutorialGraph();
    graph.nodes[2].inputs = ['w', 'r'];
    assert.deepEqual(refusal({ type: 'graph', graph }), {
      message: "message.graph.nodes[2].inputs[1]: 'r' is not an earlier node",
      field: 'message.graph.nodes[2].inputs[1]',
    });
  });

  it('refuse a backward step about a node the graph does not have', () => {
    const graph = fanOutGraph();
    graph.backward[2].from = 'q';
    assert.equal(refusal({ type: 'graph', graph })?.field, 'message.graph.backward[2].from');
  });

  it('refuse a value whose size does not match its shape, or that has more values than elements', () => {
    const graph = tutorialGraph();
    graph.nodes[1].data = { shape: [4], size: 3, values: [1, 2, 3] };
    assert.deepEqual(refusal({ type: 'graph', graph }), {
      message: 'message.graph.nodes[1].data.size: expected 4 for shape [4], got 3',
      field: 'message.graph.nodes[1].data.size',
    });
    const other = tutorialGraph();
    other.nodes[0].data = { shape: [], size: 1, values: [0, 1] };
    assert.equal(refusal({ type: 'graph', graph: other })?.field, 'message.graph.nodes[0].data.values');
  });

  it('refuse a non-finite number (JSON has none: it would arrive as null)', () => {
    const graph = tutorialGraph();
    graph.nodes[6].data = { shape: [], size: 1, values: [Number.NaN] };
    assert.equal(refusal({ type: 'graph', graph })?.field, 'message.graph.nodes[6].data.values[0]');
  });

  it('refuse an unknown role, a repeated id and an output that is not a node', () => {
    const role = tutorialGraph();
    (role.nodes[0] as { role: string }).role = 'weight';
    assert.equal(refusal({ type: 'graph', graph: role })?.field, 'message.graph.nodes[0].role');
    const repeated = tutorialGraph();
    repeated.nodes[1].id = 'w';
    assert.equal(refusal({ type: 'graph', graph: repeated })?.field, 'message.graph.nodes[1].id');
    const output = tutorialGraph();
    output.output = 'loss';
    assert.equal(refusal({ type: 'graph', graph: output })?.field, 'message.graph.output');
  });
});

describe('graph page -> extension messages', () => {
  it('accept ready and a request to reveal a 1-based line', () => {
    assert.deepEqual(validateFromGraphPage({ type: 'ready' }), { ok: true, value: { type: 'ready' } });
    assert.deepEqual(validateFromGraphPage({ type: 'reveal', line: 9 }), {
      ok: true,
      value: { type: 'reveal', line: 9 },
    });
  });

  it('refuse a line that is not a positive whole number, and any other message', () => {
    assert.deepEqual(validateFromGraphPage({ type: 'reveal', line: 0 }), {
      ok: false,
      error: { message: 'message.line: must be at least 1, got 0', field: 'message.line' },
    });
    assert.equal(validateFromGraphPage({ type: 'reveal', line: 2.5 }).ok, false);
    assert.equal(validateFromGraphPage({ type: 'openFile', path: '/etc/passwd' }).ok, false);
  });
});
