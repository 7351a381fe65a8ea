// The public API of the autograd engine (see ENGINE-API.md). Pure TypeScript: it runs in Node, in a
// Web Worker and in the browser alike.
export { Tensor, type NestedArray, type Operand, type Axis } from './tensor';
export type { DType, Storage } from './storage';
export type { Reduction } from './graph';
export { tensor, zeros, ones, full, type TensorOptions } from './create';
export { AutogradError } from './errors';
export { noGrad, isGradEnabled } from './nograd';
export { gradcheck, type GradcheckOptions, type GradcheckResult, type GradcheckFailure } from './gradcheck';
export { add, sub, mul, div, pow, maximum, minimum } from './ops/arithmetic';
export { neg, exp, log, sqrt, abs, relu, sigmoid, tanh, softplus, sin, cos, clamp } from './ops/elementwise';
export { sum, mean, logsumexp } from './ops/reduce';
export { matmul, dot } from './ops/linalg';
export { reshape, transpose } from './ops/reshape';
export { mseLoss, l1Loss, huberLoss } from './ops/loss';
export { Optimizer } from './optim/optimizer';
export { SGD, type SGDOptions } from './optim/sgd';
export { Adam, type AdamOptions } from './optim/adam';
