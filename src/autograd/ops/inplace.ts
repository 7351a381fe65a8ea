// In-place updates for parameters (PyTorch's w -= lr * w.grad). They are not recorded in the graph, so
// on a tensor that requires grad they are allowed only inside noGrad, where PyTorch allows them too.
import { broadcastBinary, broadcastShapes } from '../broadcast';
import { asTensor } from '../create';
import { AutogradError, formatShape } from '../errors';
import { isGradEnabled } from '../nograd';
import { sameShape } from '../shape';
import { beforeWrite } from '../fusion';
import type { Operand, Tensor } from '../tensor';

type InplaceOp = 'sub_' | 'add_' | 'mul_' | 'copy_';

export function update<T extends Tensor>(target: T, o: Operand, op: InplaceOp): T {
  if (isGradEnabled() && target.requiresGrad) {
    throw new AutogradError(
      `${op}: in-place update of a tensor of shape ${formatShape(target.shape)} that requires grad; do it inside noGrad(() => ...), as PyTorch's torch.no_grad()`,
    );
  }
  const other = asTensor(o, target.dtype);
  if (!sameShape(broadcastShapes(target.shape, other.shape, op), target.shape)) {
    throw new AutogradError(
      `${op}: a value of shape ${formatShape(other.shape)} does not broadcast into the tensor's shape ${formatShape(target.shape)}`,
    );
  }
  const x = target.data;
  const y = other.data;
  beforeWrite(x);
  const n = x.length;
  if (y.length === n) {
    switch (op) {
      case 'sub_':
        for (let i = 0; i < n; i++) x[i] -= y[i];
        break;
      case 'add_':
        for (let i = 0; i < n; i++) x[i] += y[i];
        break;
      case 'mul_':
        for (let i = 0; i < n; i++) x[i] *= y[i];
        break;
      case 'copy_':
        x.set(y);
        break;
    }
  } else if (y.length === 1) {
    const s = y[0];
    switch (op) {
      case 'sub_':
        for (let i = 0; i < n; i++) x[i] -= s;
        break;
      case 'add_':
        for (let i = 0; i < n; i++) x[i] += s;
        break;
      case 'mul_':
        for (let i = 0; i < n; i++) x[i] *= s;
        break;
      case 'copy_':
        x.fill(s);
        break;
    }
  } else {
    const f = {
      sub_: (a: number, b: number) => a - b,
      add_: (a: number, b: number) => a + b,
      mul_: (a: number, b: number) => a * b,
      copy_: (_a: number, b: number) => b,
    }[op];
    broadcastBinary(x, target.shape, y, other.shape, x, target.shape, f);
  }
  return target;
}
