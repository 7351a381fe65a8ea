// Reverse-mode differentiation: an iterative topological order (no recursion, so a graph a million ops
// deep is fine), a seed, and gradients summed wherever a tensor is used more than once.
import { AutogradError, formatShape } from './errors';
import { applyRule, gradFnName, type OpAttrs } from './graph';
import { recycle, type Storage } from './storage';
import { noGrad } from './nograd';
import { sameShape } from './shape';
import type { Tensor } from './tensor';
import { add } from './ops/arithmetic';
import { ones } from './create';

/**
 * Sees each gradient the engine sends along an edge, in the order it sends them: `consumer` (a tensor
 * made by an op) sent `contribution` to its input number `inputIndex`, whose gradient so far is now
 * `total` (micrograd's +=, this edge included). Both are the engine's own tensors: read them, keep copies.
 */
export type EdgeObserver = (
  consumer: Tensor,
  input: Tensor,
  inputIndex: number,
  contribution: Tensor,
  total: Tensor,
) => void;

export function runBackward(
  root: Tensor,
  gradient: Tensor | undefined,
  retainGraph: boolean,
  onEdge?: EdgeObserver,
): void {
  if (!root.requiresGrad) {
    throw new AutogradError(
      `backward: the tensor of shape ${formatShape(root.shape)} does not require grad and has no gradFn; create a leaf with requiresGrad: true and compute from it`,
    );
  }
  const seed = seedFor(root, gradient);
  const order = reverseTopologicalOrder(root);
  for (const t of order) {
    if (t.node?.freed) {
      throw new AutogradError(
        `backward: trying to backward through the graph a second time (${gradFnName(t.node.op)} of shape ${formatShape(t.shape)}); its saved values were freed by the first backward. Pass { retainGraph: true } to the first backward() if you need to backward twice.`,
      );
    }
  }
  try {
    const gradients = noGrad(() => propagate(order, root, seed, retainGraph, onEdge));
    recycleGradients(gradients, order, gradient === undefined ? null : seed);
  } finally {
    for (const t of order) t.pendingGrad = null; // a rule that threw must not leave gradients behind
  }
}

/**
 * Walks consumers before producers, so each tensor's gradient is complete when its rule runs. Returns every
 * gradient tensor the pass made or passed on (leaves and retained gradients keep copies of theirs).
 */
function propagate(
  order: readonly Tensor[],
  root: Tensor,
  seed: Tensor,
  retainGraph: boolean,
  onEdge: EdgeObserver | undefined,
): Tensor[] {
  const gradients: Tensor[] = [];
  root.pendingGrad = seed;
  for (const t of order) {
    const grad = t.pendingGrad;
    t.pendingGrad = null;
    if (grad === null) continue;
    gradients.push(grad);
    const node = t.node;
    if (node === null || t.retainsGrad) t.grad = t.grad === null ? grad.clone() : add(t.grad, grad);
    if (node === null) continue;
    const inputGrads = applyRule(node, grad);
    const inputs = node.inputs;
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      const g = inputGrads[i];
      if (g === null || !input.requiresGrad) continue;
      gradients.push(g);
      input.pendingGrad = input.pendingGrad === null ? g : add(input.pendingGrad, g);
      if (onEdge !== undefined) onEdge(t, input, i, g, input.pendingGrad);
    }
    if (!retainGraph) {
      node.freed = true;
      node.inputs = [];
    }
  }
  if (!retainGraph) {
    // Values saved by forward passes (the MSE and BCE gradients, softplus's slope) are dead now: reuse them.
    for (const t of order) {
      const node = t.node;
      if (node?.op === 'mseLoss' || node?.op === 'bceWithLogitsLoss' || node?.op === 'bceLoss') {
        const attrs = node.attrs as OpAttrs['mseLoss' | 'bceWithLogitsLoss' | 'bceLoss'];
        if (attrs.gradient !== null) recycle(attrs.gradient);
        attrs.gradient = null;
      } else if (node?.op === 'softplus') {
        const attrs = node.attrs as OpAttrs['softplus'];
        if (attrs.slope !== null) recycle(attrs.slope);
        attrs.slope = null;
      }
    }
  }
  return gradients;
}

/**
 * The pass's gradients are dead once it is done: nothing outside the engine holds them (leaves and retained
 * gradients hold copies, an EdgeObserver is told to copy), so their buffers go back to the pool for the next
 * step. Not a seed the caller passed, nor the MSE or BCE gradient a kept graph still holds (backward frees it below).
 */
function recycleGradients(gradients: readonly Tensor[], order: readonly Tensor[], callersSeed: Tensor | null): void {
  const keep = new Set<Storage>();
  if (callersSeed !== null) keep.add(callersSeed.data);
  for (const t of order) {
    if (t.node?.op === 'mseLoss' || t.node?.op === 'bceWithLogitsLoss' || t.node?.op === 'bceLoss') {
      const saved = (t.node.attrs as OpAttrs['mseLoss' | 'bceWithLogitsLoss' | 'bceLoss']).gradient;
      if (saved !== null) keep.add(saved);
    }
  }
  for (const g of gradients) if (!keep.has(g.data)) recycle(g.data);
}

function seedFor(root: Tensor, gradient: Tensor | undefined): Tensor {
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new AutogradError(
        `backward: a gradient can be created implicitly only for a scalar output, but this output has shape ${formatShape(root.shape)}; reduce it first (e.g. .sum() or .mean()) or pass a gradient of shape ${formatShape(root.shape)}`,
      );
    }
    return ones(root.shape, { dtype: root.dtype });
  }
  if (!sameShape(gradient.shape, root.shape)) {
    throw new AutogradError(
      `backward: the gradient has shape ${formatShape(gradient.shape)} but the output has shape ${formatShape(root.shape)}`,
    );
  }
  return gradient.dtype === root.dtype ? gradient : gradient.to(root.dtype);
}

/** Every tensor that requires grad and leads to `root`, each after all the tensors computed from it. */
let passes = 0;

function reverseTopologicalOrder(root: Tensor): Tensor[] {
  const pass = ++passes;
  const postOrder: Tensor[] = [];
  const stack: Tensor[] = [root];
  const nextInput: number[] = [0];
  root.visitedBy = pass;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const t = stack[top];
    const inputs = t.node === null ? [] : t.node.inputs;
    const i = nextInput[top];
    if (i < inputs.length) {
      nextInput[top] = i + 1;
      const input = inputs[i];
      if (input.requiresGrad && input.visitedBy !== pass) {
        input.visitedBy = pass;
        stack.push(input);
        nextInput.push(0);
      }
    } else {
      postOrder.push(t);
      stack.pop();
      nextInput.pop();
    }
  }
  return postOrder.reverse();
}
