// One error type for every stage, carrying the offset it is about; toExprError turns it into the contract's ExprError.
import type { Result } from '../../common/result';
import type { ExprError, Span } from '../types';

export class ExprFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly span?: Span,
  ) {
    super(message);
  }
}

/** 1-based column of an offset on its own line (the parsed text may span lines). */
function toExprError(failure: ExprFailure, text: string): ExprError {
  const offset = Math.max(0, Math.min(failure.offset, text.length));
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(0, offset).split('\n').length;
  const error: ExprError = { message: failure.message, column: offset - lineStart + 1 };
  if (line > 1) error.line = line;
  if (failure.span) error.span = failure.span;
  return error;
}

/** Runs `f`, turning an ExprFailure (or a stack overflow, as a last resort) into a positioned error. */
export function attempt<T>(text: string, f: () => T): Result<T, ExprError> {
  try {
    return { ok: true, value: f() };
  } catch (err) {
    if (err instanceof ExprFailure) return { ok: false, error: toExprError(err, text) };
    if (err instanceof RangeError) return { ok: false, error: { message: 'expression too deeply nested', column: 1 } };
    throw err;
  }
}
