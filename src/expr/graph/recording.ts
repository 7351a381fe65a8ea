// The graph the engine recorded for a tensor: every tensor it was computed from, walked through the
// ops' own records (recordedOp), each listed after its inputs. Iterative, so a deep graph is no risk.
import { recordedOp, type Tensor } from '../../autograd';
import { ExprFailure } from '../tree/errors';
import { MAX_GRAPH_NODES } from '../types';

/** Inputs before consumers, in the ops' input order (the tutorial's: w, x, w*x, y, w*x - y, ...). */
export function recordedTensors(output: Tensor, at: number): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>([output]);
  const stack: { t: Tensor; next: number }[] = [{ t: output, next: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const inputs = recordedOp(top.t)?.inputs ?? [];
    if (top.next < inputs.length) {
      const input = inputs[top.next++];
      if (seen.has(input)) continue;
      if (seen.size >= MAX_GRAPH_NODES)
        throw new ExprFailure(
          `this computation graph has more than ${MAX_GRAPH_NODES} nodes, too many to step through: select a smaller part of the loss`,
          at,
        );
      seen.add(input);
      stack.push({ t: input, next: 0 });
    } else {
      order.push(top.t);
      stack.pop();
    }
  }
  return order;
}
