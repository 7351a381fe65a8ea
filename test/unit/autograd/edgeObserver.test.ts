// backward()'s onEdge observer: every gradient the engine sends along an edge, in its order, with the
// running total (micrograd's +=). The expected numbers are derived by hand beside each test.
import assert from 'node:assert/strict';
import { recordedOp, tensor, type Tensor } from '../../../src/autograd';

interface Edge {
  consumer: Tensor;
  input: Tensor;
  index: number;
  contribution: number[];
  total: number[];
}

function traced(root: Tensor): Edge[] {
  const edges: Edge[] = [];
  root.backward(undefined, {
    onEdge: (consumer, input, index, contribution, total) =>
      edges.push({
        consumer,
        input,
        index,
        contribution: Array.from(contribution.data),
        total: Array.from(total.data),
      }),
  });
  return edges;
}

describe('backward with an edge observer', () => {
  it('reports a fan-out as separate contributions that add up: L = a*a + a at a = 3 gives 3, 3, 1 and a total of 7', () => {
    const a = tensor(3, { requiresGrad: true });
    const square = a.mul(a);
    const L = square.add(a);
    const edges = traced(L);
    // dL/d(a*a) = 1 and dL/da (direct) = 1; then a*a sends a*1 = 3 to each of its two inputs.
    const intoA = edges.filter((e) => e.input === a);
    assert.equal(intoA.length, 3);
    assert.deepEqual(intoA.map((e) => e.contribution[0]).sort(), [1, 3, 3]);
    assert.deepEqual(intoA.at(-1)?.total, [2 * 3 + 1]);
    // the running totals climb to the final gradient: each total is the sum of the contributions so far
    let sum = 0;
    for (const e of intoA) {
      sum += e.contribution[0];
      assert.equal(e.total[0], sum);
    }
    assert.equal(a.grad?.item(), 7);
  });

  it('sends the gradient of consumers before producers: every edge into a tensor comes after all edges out of it', () => {
    const w = tensor(0.5, { requiresGrad: true });
    const x = tensor([1, 2, 3, 4]);
    const y = tensor([2, 4, 6, 8]);
    const d = w.mul(x).sub(y);
    const L = d.pow(2).mean();
    const edges = traced(L);
    const firstOut = (t: Tensor) => edges.findIndex((e) => e.consumer === t);
    for (const [i, e] of edges.entries()) {
      if (recordedOp(e.input) !== null)
        assert.ok(firstOut(e.input) > i, 'an op sends only once its gradient is complete');
    }
    // dL/dw = mean(2 (w x - y) x) = mean(2 * (-1.5, -3, -4.5, -6) * (1, 2, 3, 4)) = mean(-3, -12, -27, -48) = -22.5
    const last = edges.filter((e) => e.input === w).at(-1);
    assert.deepEqual(last?.total, [-22.5]);
    // data does not require a gradient: no edge goes to x or y
    assert.ok(edges.every((e) => e.input !== x && e.input !== y));
  });

  it('names the input by its position in the op: b - a sends -1 to input 1', () => {
    const a = tensor(2, { requiresGrad: true });
    const b = tensor(5, { requiresGrad: true });
    const edges = traced(b.sub(a));
    assert.deepEqual(
      edges.map((e) => [e.index, e.input === a ? 'a' : 'b', e.contribution[0]]),
      [
        [0, 'b', 1],
        [1, 'a', -1],
      ],
    );
  });

  it('shows what the engine recorded: the op and its inputs in order', () => {
    const a = tensor(2, { requiresGrad: true });
    const out = a.mul(3);
    const op = recordedOp(out);
    assert.equal(op?.op, 'mul');
    assert.equal(op?.inputs[0], a);
    assert.equal(op?.inputs[1].item(), 3);
    assert.equal(recordedOp(a), null);
  });
});
