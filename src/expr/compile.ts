// compileExpression(): an expression the trainer can run every epoch, on plain numbers (float32 emulated
// like NumPy) or on the autograd engine (differentiable), with the document's definitions inlined.
import type { Result } from '../common/result';
import type { Tensor } from '../autograd';
import type { ClassifierOutput, ExprError, Syntax, Numeric } from './types';
import { classifierOutput } from './classification';
import { freeNames, hasKind } from './tree/ast';
import { evaluateOnEngine } from './evaluate/onAutograd';
import { attempt } from './tree/errors';
import { evaluate } from './evaluate/numeric';
import { prepare } from './prepare';
import { printTorch } from './print/torch';
import { inferParameterShapes, type ShapeOptions, type ShapeOutcome } from './shapes/parameterShapes';

export type { DataShape, OpenWidth, ShapeOptions, ShapeOutcome } from './shapes/parameterShapes';

export interface CompiledExpression {
  text: string;
  syntax: Syntax;
  freeNames: string[];
  /** True when the expression has a matrix product (`@`, np.dot, np.matmul). */
  usesMatrixProduct: boolean;
  evaluate(values: Record<string, Numeric>, dtype?: 'float32' | 'float64'): Numeric;
  evaluateTensor(bindings: Record<string, Tensor>): Tensor;
  /** The shapes of the free names that are not data, from their uses (shapes/parameterShapes.ts). */
  parameterShapes(options: ShapeOptions): Result<ShapeOutcome, ExprError>;
  /** The expression as PyTorch code over the same names (print/torch.ts), or what torch cannot say, where. */
  torchSource(): Result<string, ExprError>;
  /** As a loss: which classification loss it is of `prediction` against the labels `target` (classification.ts), or null. */
  classifierOutput(prediction: string, target: string): ClassifierOutput | null;
}

interface CompileOptions {
  syntax?: Syntax;
  context?: { text: string; languageId?: string; offset?: number };
}

export function compileExpression(text: string, options: CompileOptions = {}): Result<CompiledExpression, ExprError> {
  return attempt(text, () => {
    const prep = prepare(text, { syntax: options.syntax, context: options.context });
    const tree = prep.tree;
    const compiled: CompiledExpression = {
      text,
      syntax: prep.syntax,
      freeNames: freeNames(tree),
      usesMatrixProduct: hasKind(tree, 'dot'),
      evaluate: (values, dtype = 'float64') => evaluate(tree, values, { float32: dtype === 'float32' }),
      evaluateTensor: (bindings) => evaluateOnEngine(tree, bindings),
      parameterShapes: (shapeOptions) => attempt(text, () => inferParameterShapes(tree, shapeOptions)),
      torchSource: () => attempt(text, () => printTorch(tree)),
      classifierOutput: (prediction, target) => classifierOutput(tree, prediction, target),
    };
    return compiled;
  });
}
