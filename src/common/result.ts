// The one result type of the project: a value, or an error a user can act on, saying what went wrong and
// where (line and column in a document or an expression, or the field of a form or a message). Every
// layer returns it where failure is expected (bad input); exceptions are left for bugs.

/** What went wrong, in the user's words, and where when it is known. */
export interface UserError {
  message: string;
  /** 1-based, in the document or data file. */
  line?: number;
  /** 1-based, on that line (or in the one-line text that was read). */
  column?: number;
  /** The form field or message field the error is about, e.g. `settings.optimizer.lr`. */
  field?: string;
}

export type Result<T, E extends UserError = UserError> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function failure<E extends UserError = UserError>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** The message of anything thrown: an Error's message, or the thrown value as text. */
export function errorMessage(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
