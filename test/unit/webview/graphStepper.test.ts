// The graph panel's stepper: forward steps first, then backward; what each node shows at each cursor.
// The graphs are the hand-computed fixtures of test/fixtures/computationGraphs.ts.
import assert from 'node:assert/strict';
import { Stepper } from '../../../src/webview/graph/stepper';
import { fanOutGraph, tutorialGraph } from '../../fixtures/computationGraphs';

describe('graph panel stepper', () => {
  it('shows no value before the first step, then each node’s data at its forward step, in topological order', () => {
    const graph = tutorialGraph();
    const stepper = new Stepper(graph);
    assert.equal(stepper.current, null);
    assert.ok([...stepper.allStates().values()].every((s) => s.data === null && s.grad === null));
    const appeared: string[] = [];
    for (let k = 0; k < graph.forward.length; k++) {
      stepper.next();
      const states = stepper.allStates();
      const shown = graph.nodes.filter((n) => states.get(n.id)?.data !== null).map((n) => n.id);
      appeared.push(shown.find((id) => !appeared.includes(id)) as string);
      assert.equal(shown.length, k + 1, 'one more node has its data after each forward step');
    }
    assert.deepEqual(appeared, ['w', 'x', 'wx', 'y', 'r', 'sq', 'L']);
    assert.deepEqual(stepper.allStates().get('L')?.data?.values, [30]);
  });

  it('then walks the backward steps in order, each node’s grad appearing at its step', () => {
    const graph = tutorialGraph();
    const stepper = new Stepper(graph);
    stepper.runForward();
    assert.deepEqual(stepper.current, { pass: 'forward', index: 6 });
    const order: string[] = [];
    while (stepper.cursor < stepper.stepCount) {
      stepper.next();
      order.push(stepper.currentNode as string);
    }
    assert.deepEqual(order, ['L', 'sq', 'r', 'wx', 'w']);
    // ∂L/∂w = 15 (w - 2) at w = 0 (the closed form of the tutorial's loss).
    assert.deepEqual(stepper.nodeState('w').grad?.values, [15 * (0 - 2)]);
    assert.equal(stepper.nodeState('x').grad, null, 'data gets no grad');
  });

  it('accumulates a fan-out’s grad step by step: a*a + a at a = 3 gives 3, 6, then 7 = 2a + 1', () => {
    const stepper = new Stepper(fanOutGraph());
    stepper.runForward();
    const totals: number[] = [];
    while (stepper.cursor < stepper.stepCount) {
      stepper.next();
      if (stepper.currentNode === 'a') totals.push(stepper.nodeState('a').grad?.values[0] as number);
    }
    assert.deepEqual(totals, [3, 6, 2 * 3 + 1]);
    const steps = stepper.nodeState('a').contributions;
    assert.deepEqual(
      steps.map((s) => [s.from, s.contribution.values[0]]),
      [
        ['m', 3],
        ['m', 3],
        ['g', 1],
      ],
    );
  });

  it('steps back, resets and clamps at both ends', () => {
    const graph = fanOutGraph();
    const stepper = new Stepper(graph);
    stepper.previous();
    assert.equal(stepper.cursor, 0);
    stepper.runBackward();
    assert.equal(stepper.cursor, graph.forward.length + graph.backward.length);
    stepper.next();
    assert.equal(stepper.cursor, graph.forward.length + graph.backward.length);
    stepper.previous();
    assert.deepEqual(stepper.nodeState('a').grad?.values, [6], 'undoing the last += leaves 3 + 3');
    stepper.reset();
    assert.equal(stepper.nodeState('a').data, null);
  });

  it('takes a selected node to its forward step during the forward pass, its latest backward step after', () => {
    const stepper = new Stepper(fanOutGraph());
    assert.deepEqual(stepper.stepForNode('m'), { pass: 'forward', index: 1 });
    stepper.runBackward();
    assert.deepEqual(stepper.stepForNode('a'), { pass: 'backward', index: 4 });
    stepper.goTo(stepper.positionOf({ pass: 'backward', index: 3 }));
    assert.deepEqual(stepper.stepForNode('a'), { pass: 'backward', index: 2 }, 'the latest one done');
  });
});
