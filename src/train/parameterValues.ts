// A parameter's values as JSON writes them (nested lists whose nesting is the shape) and as the engine
// holds them (a shape and row-major values), both ways, with errors that name the field and the shape.
import type { NamedParameter, ParameterValue } from './types';
import { ConfigError } from './validate';

/** "2 x 16", or "a number" for a scalar; null stands for a width not known yet ("2 x ?"). */
export function describeShape(shape: readonly (number | null)[]): string {
  return shape.length === 0 ? 'a number' : shape.map((d) => (d === null ? '?' : String(d))).join(' x ');
}

/** The shape of nested lists of numbers; throws naming the first field that is not a number or is ragged. */
export function shapeOfValue(field: string, value: unknown): number[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ConfigError(`${field}: expected a finite number, got ${value}`);
    return [];
  }
  if (!Array.isArray(value)) {
    const got = value === null ? 'null' : typeof value === 'string' ? `"${value}"` : typeof value;
    throw new ConfigError(`${field}: expected a number or a list of numbers, got ${got}`);
  }
  if (value.length === 0) throw new ConfigError(`${field}: expected a list of numbers, got an empty list`);
  const first = shapeOfValue(`${field}[0]`, value[0]);
  value.forEach((item: unknown, k) => {
    const shape = shapeOfValue(`${field}[${k}]`, item);
    if (shape.join(',') !== first.join(','))
      throw new ConfigError(
        `${field}[${k}]: expected ${describeShape(first)} like ${field}[0], got ${describeShape(shape)}`,
      );
  });
  return [value.length, ...first];
}

/** True when a concrete shape fits an expected one whose null widths are still open. */
export function shapeFits(shape: readonly number[], expected: readonly (number | null)[]): boolean {
  return shape.length === expected.length && shape.every((d, k) => expected[k] === null || expected[k] === d);
}

/** Row-major values of nested lists already checked by shapeOfValue. */
export function flattenValue(value: ParameterValue): number[] {
  return typeof value === 'number' ? [value] : value.flatMap(flattenValue);
}

/** Nested lists from a shape and row-major values: what --json writes. */
export function nestValues({ shape, values }: NamedParameter): ParameterValue {
  if (shape.length === 0) return values[0];
  const [rows, ...rest] = shape;
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: rows }, (_, k) =>
    nestValues({ shape: rest, values: values.slice(k * stride, (k + 1) * stride) }),
  );
}
