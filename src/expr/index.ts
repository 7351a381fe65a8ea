// The only door into src/expr: the extension, the CLI, the trainer and the bench import from here, never
// from a room inside (eslint enforces it). The contract's types are in types.ts.
export * from './types';
export { derive } from './derive';
export { computationGraph } from './computationGraph';
/** A graph value as its texts print it: 4 decimals (micrograd's), an array's first values. */
export { formatSummary as formatValueSummary } from './graph/valueSummary';
export { checkGradient } from './check';
export { findLossStatement, findGraphTarget, findGradientDefinitions } from './document/statements';
export {
  compileExpression,
  type CompiledExpression,
  type DataShape,
  type OpenWidth,
  type ShapeOptions,
  type ShapeOutcome,
} from './compile';
export { boundValues, type BoundValues } from './boundValues';
/** Documented input limits: longer or deeper input gets a clear error, never a stack overflow. */
export { MAX_DEPTH, MAX_LENGTH } from './syntax/parse';
