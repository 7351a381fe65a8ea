// Conditional selection, torch.where(condition, a, b): elementwise, the three operands broadcast
// together. The condition is data (PyTorch's bool tensor): any nonzero value is true, and it gets no
// gradient. Each element's gradient goes to the branch it was taken from and exactly 0 to the other, so an
// untaken branch's inf or NaN (log(x) where x <= 0) never reaches the gradient through this op.
// The comparisons that make conditions (gt, ge, lt, le, eq, ne) are here too: 0/1 tensors outside the graph.
import { broadcastBinary, broadcastShapes } from '../broadcast';
import { asTensor } from '../create';
import { record, type GradientTable } from '../graph';
import { sizeOf } from '../shape';
import { allocate, promote, type DType } from '../storage';
import { Tensor, type Operand } from '../tensor';
import { expand, reduceTo } from './common';

export const selectGradients = {
  // d where(c, a, b) = where(c, da, db): the gradient flows to the taken branch only
  where: ({ inputs: [a, b], attrs: { condition }, needs }, g) => {
    const taken = expand(condition, g.shape, 'float64').data;
    const branch = (inA: boolean) => {
      const out = allocate(g.dtype, g.size);
      const gd = g.data;
      for (let i = 0; i < out.length; i++) out[i] = (taken[i] !== 0) === inA ? gd[i] : 0;
      return new Tensor(out, g.shape);
    };
    return [needs[0] ? reduceTo(branch(true), a) : null, needs[1] ? reduceTo(branch(false), b) : null];
  },
} satisfies GradientTable<'where'>;

/** a where `condition` is nonzero, b elsewhere; numbers become 0-d tensors of the other operand's dtype. */
export function where(condition: Tensor, x: Operand, y: Operand): Tensor {
  const a = asTensor(x, y instanceof Tensor ? y.dtype : 'float32');
  const b = asTensor(y, a.dtype);
  const shape = broadcastShapes(broadcastShapes(condition.shape, a.shape, 'where'), b.shape, 'where');
  const dtype = branchDtype(a, b);
  const c = expand(condition, shape, 'float64').data;
  const av = expand(a, shape, dtype).data;
  const bv = expand(b, shape, dtype).data;
  const out = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < out.length; i++) out[i] = c[i] !== 0 ? av[i] : bv[i];
  // the condition is an attribute, not an input: it is data, never differentiated
  return record(new Tensor(out, shape), 'where', [a, b], { condition }, selectGradients.where);
}

/** PyTorch's promotion between the branches: a dimensioned tensor's dtype wins over a 0-d one's. */
function branchDtype(a: Tensor, b: Tensor): DType {
  if (a.ndim === 0 && b.ndim > 0) return b.dtype;
  if (b.ndim === 0 && a.ndim > 0) return a.dtype;
  return promote(a.dtype, b.dtype);
}

export type Comparison = 'gt' | 'ge' | 'lt' | 'le' | 'eq' | 'ne';

const compareFns: Record<Comparison, (x: number, y: number) => number> = {
  gt: (x, y) => (x > y ? 1 : 0),
  ge: (x, y) => (x >= y ? 1 : 0),
  lt: (x, y) => (x < y ? 1 : 0),
  le: (x, y) => (x <= y ? 1 : 0),
  eq: (x, y) => (x === y ? 1 : 0),
  ne: (x, y) => (x !== y ? 1 : 0),
};

/** The 0/1 tensor of `a op b` under broadcasting (torch.gt, torch.eq, ...): data, outside the graph. */
export function compare(op: Comparison, x: Operand, y: Operand): Tensor {
  const a = asTensor(x, y instanceof Tensor ? y.dtype : 'float32');
  const b = asTensor(y, a.dtype);
  const shape = broadcastShapes(a.shape, b.shape, op);
  const out = allocate(branchDtype(a, b), sizeOf(shape));
  broadcastBinary(a.data, a.shape, b.data, b.shape, out, shape, compareFns[op]);
  return new Tensor(out, shape);
}
