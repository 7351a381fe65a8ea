// The public API of the autograd engine (README.md, "The engine", says what it does). Pure TypeScript:
// it runs in Node, in a Web Worker and in the browser alike.
export { Tensor } from './tensor';
export type { DType } from './storage';
export type { Reduction, OpName, OpAttrs, RecordedOp } from './graph';
export { recordedOp } from './graph';
export type { EdgeObserver } from './backward';
export { tensor, zeros, ones, full } from './create';
export { AutogradError } from './errors';
export { noGrad, isGradEnabled } from './nograd';
export { gradcheck } from './gradcheck';
export { add, sub, pow } from './ops/arithmetic';
export { mean } from './ops/reduce';
export { matmul } from './ops/linalg';
export { mseLoss, l1Loss, huberLoss } from './ops/loss';
export { bceLoss, bceWithLogitsLoss, bceOfProbability, BCE_DENOMINATOR_FLOOR } from './ops/bceLoss';
export { where, compare, type Comparison } from './ops/select';
export { Optimizer } from './optim/optimizer';
export { SGD } from './optim/sgd';
export { Adam } from './optim/adam';
