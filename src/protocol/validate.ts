// Small checkers for messages that cross a boundary (extension <-> page <-> worker). A message is
// `unknown` until one of these says what it is; a failure names the field, so a bad message is a clear
// error, never a crash further in.
import { failure, ok, type Result } from '../common/result';

/** Thrown inside a validator and turned into a failed Result, naming the field, by `checked`. */
class InvalidMessage extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function fail(path: string, expected: string, got: unknown): never {
  const shown = got === null ? 'null' : Array.isArray(got) ? 'an array' : typeof got;
  throw new InvalidMessage(path, `expected ${expected}, got ${shown}`);
}

/** Fails validation with a message of its own. */
export function invalid(path: string, message: string): never {
  throw new InvalidMessage(path, message);
}

export function checked<T>(read: (value: unknown) => T): (value: unknown) => Result<T> {
  return (value) => {
    try {
      return ok(read(value));
    } catch (e) {
      if (e instanceof InvalidMessage) return failure({ message: e.message, field: e.field });
      throw e;
    }
  };
}

export function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Record<string, unknown>;
}

export function str(value: unknown, path: string, maxLength = 1_000_000): string {
  if (typeof value !== 'string') fail(path, 'a string', value);
  if (value.length > maxLength) throw new InvalidMessage(path, `longer than ${maxLength} characters`);
  return value;
}

export function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'a boolean', value);
  return value;
}

/** A number; `finite` (the default) refuses NaN and ±Infinity. */
export function num(
  value: unknown,
  path: string,
  opts: { min?: number; max?: number; integer?: boolean; finite?: boolean } = {},
): number {
  if (typeof value !== 'number') fail(path, 'a number', value);
  if ((opts.finite ?? true) && !Number.isFinite(value))
    throw new InvalidMessage(path, `expected a finite number, got ${value}`);
  if (opts.integer && !Number.isInteger(value)) throw new InvalidMessage(path, `expected an integer, got ${value}`);
  if (opts.min !== undefined && value < opts.min)
    throw new InvalidMessage(path, `must be at least ${opts.min}, got ${value}`);
  if (opts.max !== undefined && value > opts.max)
    throw new InvalidMessage(path, `must be at most ${opts.max}, got ${value}`);
  return value;
}

export function oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value))
    fail(path, options.map((o) => `'${o}'`).join(' | '), value);
  return value as T;
}

export function array<T>(
  value: unknown,
  path: string,
  item: (v: unknown, p: string) => T,
  maxLength = 10_000_000,
): T[] {
  if (!Array.isArray(value)) fail(path, 'an array', value);
  if (value.length > maxLength) throw new InvalidMessage(path, `more than ${maxLength} items`);
  return value.map((v, i) => item(v, `${path}[${i}]`));
}

export function optional<T>(value: unknown, path: string, read: (v: unknown, p: string) => T): T | undefined {
  return value === undefined ? undefined : read(value, path);
}

export function nullable<T>(value: unknown, path: string, read: (v: unknown, p: string) => T): T | null {
  return value === null ? null : read(value, path);
}

export function float64Array(value: unknown, path: string): Float64Array {
  if (!(value instanceof Float64Array)) fail(path, 'a Float64Array', value);
  return value;
}

export function float32Array(value: unknown, path: string): Float32Array {
  if (!(value instanceof Float32Array)) fail(path, 'a Float32Array', value);
  return value;
}

export function int32Array(value: unknown, path: string): Int32Array {
  if (!(value instanceof Int32Array)) fail(path, 'an Int32Array', value);
  return value;
}

/** Reads the `type` tag of a message. */
export function tag<T extends string>(
  value: unknown,
  path: string,
  types: readonly T[],
): { message: Record<string, unknown>; type: T } {
  const message = record(value, path);
  return { message, type: oneOf(message.type, `${path}.type`, types) };
}
